// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export`: parses the request and hands it to layers::exportLayer, the only export path.
#include "export_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/layers/project_file.hpp"

#include "riskmap/render/map_export.hpp"
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace riskmap::cli {

void ExportCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("LAYER", m_layer, "Laag, bv. risico_percelen")->required();
    sub.add_option("--out", m_out, "Uitvoerbestand; formaat volgt uit de extensie (.gpkg .geojson .kml .csv .xlsx .tif; kaart: .pdf .png)")
        ->required();
    sub.add_option("--profile", m_profile, "Exportprofiel: analist (standaard), riec, driehoek of partner");
    sub.add_option("--purpose", m_purpose, "Doel van de export (doelbinding); verplicht voor profiel riec");
    sub.add_option("--control", m_control, "Controle-id (profiel partner)");
    sub.add_option("--project", m_project, "Projectbestand (TOML) met [profiles.<naam>] om profielen aan te scherpen");
    sub.add_option("--paper", m_paper, "Kaart: papierformaat A4 (standaard) of A3")->check(CLI::IsMember({"A4", "A3"}));
    sub.add_flag("--portrait", m_portrait, "Kaart: staand in plaats van liggend");
    sub.add_flag("--atlas", m_atlas, "Kaart: één pagina per object van de laag (bedrijventerreinen, zones, controles)");
    sub.add_option("--csv-dialect", m_dialect, "rfc4180 (standaard) of excel-nl")
        ->check(CLI::IsMember({"rfc4180", "excel-nl"}));
}

int ExportCommand::exportMap(gis::Workspace& workspace, const layers::ExportRequest& request)
{
    render::MapExportOptions options;
    options.paper = m_paper == "A3" ? render::Paper::A3 : render::Paper::A4;
    options.orientation = m_portrait ? render::Orientation::Portrait : render::Orientation::Landscape;
    options.atlas = m_atlas;
    const auto result = render::exportMap(workspace, m_workspace, request, options);
    std::cout << (m_atlas ? "Atlas" : "Kaart") << " van " << request.layer << " geschreven: " << m_out << " ("
              << result.report.pages << " pagina's, " << result.report.bytes / 1024 << " kB)\nClassificatie: "
              << result.policy.banner << "\nAuditlog regel " << result.audit.seq << ", laatste hash: " << result.audit.hash
              << '\n';
    for (const auto& notice : result.report.stats.notices) std::cerr << "waarschuwing: " << notice << '\n';
    return 0;
}

int ExportCommand::run()
{
    layers::ExportRequest request;
    const auto profile = layers::parseProfile(m_profile);
    if (!profile) throw UsageError("--profile '" + m_profile + "': onbekend profiel; kies analist, riec, driehoek of partner");
    request.profile = *profile;
    request.layer = m_layer;
    request.outPath = m_out;
    if (!m_purpose.empty()) request.purpose = m_purpose;
    if (!m_control.empty()) request.control = m_control;
    request.csvDialect = m_dialect == "excel-nl" ? core::CsvDialect::ExcelNl : core::CsvDialect::Rfc4180;
    if (!m_project.empty()) request.profiles = layers::readProfileSettings(layers::ProjectFile::load(m_project));

    auto workspace = gis::Workspace::open(m_workspace);
    const std::string ext = std::filesystem::path(m_out).extension().string();
    if (ext == ".pdf" || ext == ".png") return exportMap(workspace, request);
    const auto result = layers::exportLayer(workspace, request);
    std::cout << "Laag " << m_layer << " geëxporteerd naar " << m_out << " (" << result.rows
              << (result.format == gis::ExportFormat::GeoTiff ? " cellen" : " rijen") << ", profiel "
              << layers::toString(request.profile) << ")\n";
    if (!result.policy.dropped.empty()) {
        std::cout << "Weggelaten kolommen:";
        for (const auto& c : result.policy.dropped) std::cout << ' ' << c;
        std::cout << '\n';
    }
    if (result.policy.suppressCountsBelow > 0)
        std::cout << "Aantallen onder " << result.policy.suppressCountsBelow << " zijn leeg gelaten\n";
    if (!result.metadataFile.empty()) std::cout << "Metadata: " << result.metadataFile << '\n';
    std::cout << "Classificatie: " << result.policy.banner << '\n';
    std::cout << "Auditlog regel " << result.audit.seq << ", laatste hash: " << result.audit.hash << '\n';
    return 0;
}

}  // namespace riskmap::cli
