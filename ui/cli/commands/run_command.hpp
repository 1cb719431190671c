// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap run PROJECT.toml [--out DIR]`: the main job, end to end.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class RunCommand : public Command {
public:
    std::string name() const override { return "run"; }
    std::string description() const override { return "Voer het hele project uit: importeren, bouwen, plannen, exporteren"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_project;
    std::string m_out;
};

}  // namespace riskmap::cli
