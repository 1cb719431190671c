// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export`: parses the request and hands it to layers::exportLayer, the only export path.
#include "export_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/layers/project_file.hpp"

#include "riskmap/render/map_pdf.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/layers/export_profile.hpp"
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
    // The same profile decision as a data export: an audience that may not have the
    // layer's rows may not have them on a map either.
    const auto record = workspace.layer(request.layer);
    if (!record) throw Error("laag '" + request.layer + "' bestaat niet in " + m_workspace);
    const auto policy = layers::decideExportPolicy(request.profile, *record, gis::layerColumns(workspace.db(), request.layer),
                                                   request.control);
    if (request.profile == layers::Profile::Riec && !request.purpose)
        throw UsageError("profiel riec: geef het doel van de export (--purpose)");
    render::MapDocumentOptions page;
    page.paper = m_paper == "A3" ? render::Paper::A3 : render::Paper::A4;
    page.orientation = m_portrait ? render::Orientation::Portrait : render::Orientation::Landscape;
    page.banner = policy.banner;
    page.outPath = m_out;
    page.sources = "BRK, BAG, KvK, IBIS, incidenten; model " + std::string(RISKMAP_MODEL_VERSION);
    render::MapDocumentReport report;
    if (m_atlas) {
        render::AtlasOptions atlas;
        atlas.layer = request.layer;
        atlas.profile = request.profile;
        atlas.page = page;
        atlas.page.layers = {"studiegebied", "wegen", request.layer};
        atlas.page.title = "Atlas " + request.layer;
        report = render::writeAtlas(m_workspace, atlas);
    } else {
        page.layers = {"studiegebied", "wegen", request.layer};
        page.title = "Risicokaart buitengebied — " + request.layer;
        report = render::writeMapDocument(m_workspace, page);
    }
    gis::Transaction tx(workspace.db());
    const auto audit = gis::appendAudit(workspace.db(), "export", request.layer + " → " + m_out, layers::toString(request.profile),
                                        request.purpose.value_or(layers::toString(request.profile)),
                                        std::string(m_atlas ? "atlas" : "kaart") + ", " + std::to_string(report.pages) + " pagina's");
    tx.commit();
    std::cout << (m_atlas ? "Atlas" : "Kaart") << " van " << request.layer << " geschreven: " << m_out << " (" << report.pages
              << " pagina's, " << report.bytes / 1024 << " kB)\nClassificatie: " << policy.banner << "\nAuditlog regel "
              << audit.seq << ", laatste hash: " << audit.hash << '\n';
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
