// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export WS LAYER --out FILE [--profile NAME]`: a layer to a file through an export profile.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class ExportCommand : public Command {
public:
    std::string name() const override { return "export"; }
    std::string description() const override
    {
        return "Exporteer een laag via een exportprofiel (gpkg, geojson, kml, csv, xlsx, tif) / export a layer";
    }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_layer;
    std::string m_out;
    std::string m_profile = "analist";
    std::string m_purpose;
    std::string m_control;
    std::string m_project;
    std::string m_dialect = "rfc4180";
};

}  // namespace riskmap::cli
