// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export WS LAYER --out FILE [--profile NAME]`: a layer to a file through an export profile.
#pragma once

#include "../command.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/gis/workspace.hpp"

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
    int exportMap(gis::Workspace& workspace, const layers::ExportRequest& request);

    std::string m_workspace;
    std::string m_layer;
    std::string m_out;
    std::string m_profile = "analist";
    std::string m_purpose;
    std::string m_control;
    std::string m_project;
    std::string m_dialect = "rfc4180";
    std::string m_paper = "A4";
    bool m_portrait = false;
    bool m_atlas = false;
};

}  // namespace riskmap::cli
