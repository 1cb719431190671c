// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap import WS FILE...`: import source files into canonical layers.
#pragma once

#include "../command.hpp"

#include <optional>

namespace riskmap::cli {

class ImportCommand : public Command {
public:
    std::string name() const override { return "import"; }
    std::string description() const override { return "Importeer bronbestanden in de werkruimte / import files"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::vector<std::string> m_files;
    std::string m_layer, m_sourceLayer, m_project, m_mapping, m_crs;
    int m_year = 0;
    bool m_append = false;
};

}  // namespace riskmap::cli
