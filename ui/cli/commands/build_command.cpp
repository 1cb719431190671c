// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build`.
#include "build_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "riskmap/layers/risk_map_build.hpp"
#include "riskmap/layers/terrain_model.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace riskmap::cli {

void BuildCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("--project", m_project, "Projectbestand (TOML) met [sectors], [[indicators]], [weights], [scoring]");
    sub.add_option("--reference-date", m_referenceDate,
                   "Peildatum JJJJ-MM-DD (standaard: de laatste incidentdatum in de werkruimte)");
}

int BuildCommand::run()
{
    layers::EngineSettings settings = layers::EngineSettings::defaults();
    layers::OpportunitySettings grid = layers::OpportunitySettings::defaults(settings);
    if (!m_project.empty()) {
        const auto project = layers::ProjectFile::load(m_project);
        settings = layers::EngineSettings::fromToml(project.root, project.path);
        grid = layers::OpportunitySettings::fromToml(project.root, project.path, settings);
    }
    std::optional<core::Date> reference;
    if (!m_referenceDate.empty()) {
        reference = core::parseDate(m_referenceDate);
        if (!reference) throw UsageError("--reference-date: '" + m_referenceDate + "' is geen datum (JJJJ-MM-DD)");
    }
    auto workspace = gis::Workspace::open(m_workspace);
    auto feedback = makeCliFeedback();
    const auto report = layers::buildRiskMap(workspace, settings, reference, feedback);

    std::cout << "Risicokaart gebouwd (run " << report.runId << ")\n";
    std::cout << "  peildatum: " << report.referenceDate
              << (report.referenceDateGuessed ? " (geen gedateerde laag: datum van vandaag)" : "") << '\n';
    std::cout << "  percelen: " << report.parcels << "\n  klassen:";
    for (std::size_t c = 0; c < report.classCounts.size(); ++c) std::cout << ' ' << (c + 1) << ':' << report.classCounts[c];
    std::cout << '\n';
    for (const auto& layer : report.missingLayers)
        std::cout << "  let op: laag '" << layer << "' ontbreekt; de indicatoren daarop blijven leeg\n";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("totaal"));
    std::cout << "  tijd: " << buf << " s (indicatoren ";
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("indicatoren"));
    std::cout << buf << " s)\n";

    // The opportunity map and the RTM use the same reference date as the parcels.
    const auto date = *core::parseDate(report.referenceDate);
    const auto map = layers::buildOpportunityMap(workspace, grid, date, feedback);
    std::cout << "Gelegenheidskaart gebouwd (run " << map.runId << ")\n  cellen: " << map.cells << " van "
              << grid.cellSize << " m\n  klassen:";
    for (std::size_t c = 0; c < map.classCounts.size(); ++c) std::cout << ' ' << (c + 1) << ':' << map.classCounts[c];
    std::snprintf(buf, sizeof buf, "%.0f", map.bandwidth);
    std::cout << "\n  incidenten (" << grid.incidentYears << " jaar): " << map.incidents << ", bandbreedte " << buf
              << " m" << (map.bandwidthSuggested ? " (voorgesteld uit k-NN-afstanden)" : "") << ", hotspotcellen "
              << map.hotCells << ", coldspotcellen " << map.coldCells << '\n';
    if (!map.note.empty()) std::cout << "  let op: " << map.note << '\n';
    std::snprintf(buf, sizeof buf, "%.2f", map.seconds.at("totaal"));
    std::cout << "  GeoTIFF: " << map.geotiffPath << "\n  tijd: " << buf << " s\n";
    if (grid.rtmEnabled) {
        const auto rtm = layers::buildRiskTerrainModel(workspace, grid, date, feedback);
        std::cout << rtm.text << "  rtm_risico voor " << rtm.parcelsWithRisk << " percelen (run " << rtm.runId << ")\n";
    }
    return 0;
}

}  // namespace riskmap::cli
