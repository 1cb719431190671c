// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export` (first version: CSV and GeoPackage, no profiles yet).
#include "export_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/layer_export.hpp"
#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace riskmap::cli {

void ExportCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("LAYER", m_layer, "Laag, bv. risico_percelen")->required();
    sub.add_option("--out", m_out, "Uitvoerbestand; formaat volgt uit de extensie (.csv, .gpkg)")->required();
    sub.add_option("--csv-dialect", m_dialect, "rfc4180 (standaard) of excel-nl")
        ->check(CLI::IsMember({"rfc4180", "excel-nl"}));
}

int ExportCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace, true);
    if (!workspace.db().tableExists(m_layer)) throw Error("laag '" + m_layer + "' bestaat niet in " + m_workspace);
    const std::string ext = core::toLower(std::filesystem::path(m_out).extension().string());
    std::int64_t rows = 0;
    if (ext == ".csv") {
        rows = gis::exportLayerCsv(workspace.db(), m_layer, m_out,
                                   m_dialect == "excel-nl" ? core::CsvDialect::ExcelNl : core::CsvDialect::Rfc4180);
    } else if (ext == ".gpkg") {
        rows = gis::exportLayerGpkg(workspace.path(), m_layer, m_out);
    } else {
        throw UsageError("--out: extensie '" + ext + "' wordt (nog) niet ondersteund; kies .csv of .gpkg");
    }
    std::cout << "Laag " << m_layer << " geëxporteerd naar " << m_out << " (" << rows << " rijen)\n";
    return 0;
}

}  // namespace riskmap::cli
