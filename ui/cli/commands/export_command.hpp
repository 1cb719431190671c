// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export WS LAYER --out FILE.csv|.gpkg`: a layer to a file, format by extension.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class ExportCommand : public Command {
public:
    std::string name() const override { return "export"; }
    std::string description() const override { return "Exporteer een laag naar CSV of GeoPackage / export a layer"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_layer;
    std::string m_out;
    std::string m_dialect = "rfc4180";
};

}  // namespace riskmap::cli
