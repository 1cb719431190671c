// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build`.
#include "build_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/address_risk.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/sector_settings.hpp"
#include "riskmap/layers/business_park_ranking.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "riskmap/layers/risk_map_build.hpp"
#include "riskmap/layers/terrain_model.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace riskmap::cli {

void printBuildSummary(std::ostream& out, const layers::RiskBuildReport& report)
{
    out << "Risicokaart gebouwd (run " << report.runId << ")\n";
    out << "  peildatum: " << report.referenceDate
              << (report.referenceDateGuessed ? " (geen gedateerde laag: datum van vandaag)" : "") << '\n';
    out << "  percelen: " << report.parcels << "\n  klassen:";
    for (std::size_t c = 0; c < report.classCounts.size(); ++c) out << ' ' << (c + 1) << ':' << report.classCounts[c];
    out << '\n';
    out << "  verschil: " << layers::describeClassChanges(report.changes) << '\n';
    for (const auto& layer : report.missingLayers)
        out << "  let op: laag '" << layer << "' ontbreekt; de indicatoren daarop blijven leeg\n";
    for (const auto& warning : report.warnings) out << "  let op: " << warning << '\n';
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("totaal"));
    out << "  tijd: " << buf << " s (indicatoren ";
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("indicatoren"));
    out << buf << " s)\n";
}

void buildAll(gis::Workspace& workspace, const layers::EngineSettings& settings, const layers::OpportunitySettings& grid,
              std::optional<core::Date> reference, core::Feedback& feedback, std::ostream& out)
{
    const auto report = layers::buildRiskMap(workspace, settings, reference, feedback);
    printBuildSummary(out, report);
    // Every later step uses the same reference date as the parcels.
    const auto date = *core::parseDate(report.referenceDate);
    // The planner's unit; a workspace without BAG addresses only gets the parcel map.
    if (workspace.db().tableExists("verblijfsobjecten")) {
        const auto addresses = layers::buildAddressRisk(workspace, settings.riskyPrefixes,
                                                        date, feedback);
        out << "  risico_adressen: " << addresses.addresses << " (in een perceel: " << addresses.inParcel
            << ", met bedrijven: " << addresses.withCompanies << ")\n";
    }
    const auto parks = layers::buildBusinessParkRanking(workspace, settings.riskyPrefixes, date, report.runId, feedback);
    if (!parks.empty()) {
        out << "  bedrijventerreinen (rang, naam, aandeel risicovolle bedrijven, leegstand):\n";
        char line[256];
        for (std::size_t i = 0; i < parks.size() && i < 5; ++i) {
            std::snprintf(line, sizeof line, "    %2lld. %-28s %5.1f %%  %5.1f %%\n", static_cast<long long>(parks[i].rang),
                          parks[i].naam.c_str(), 100.0 * parks[i].aandeelRisico, 100.0 * parks[i].aandeelLeegstand);
            out << line;
        }
    }
    char buf[64];
    const auto map = layers::buildOpportunityMap(workspace, grid, date, feedback);
    out << "Gelegenheidskaart gebouwd (run " << map.runId << ")\n  cellen: " << map.cells << " van "
        << grid.cellSize << " m\n  klassen:";
    for (std::size_t c = 0; c < map.classCounts.size(); ++c) out << ' ' << (c + 1) << ':' << map.classCounts[c];
    std::snprintf(buf, sizeof buf, "%.0f", map.bandwidth);
    out << "\n  incidenten (" << grid.incidentYears << " jaar): " << map.incidents << ", bandbreedte " << buf
        << " m" << (map.bandwidthSuggested ? " (voorgesteld uit k-NN-afstanden)" : "") << ", hotspotcellen "
        << map.hotCells << ", coldspotcellen " << map.coldCells << '\n';
    out << "  verschil: " << layers::describeClassChanges(map.changes) << '\n';
    if (!map.note.empty()) out << "  let op: " << map.note << '\n';
    std::snprintf(buf, sizeof buf, "%.2f", map.seconds.at("totaal"));
    out << "  GeoTIFF: " << map.geotiffPath << "\n  tijd: " << buf << " s\n";
    if (grid.rtmEnabled) {
        const auto rtm = layers::buildRiskTerrainModel(workspace, grid, date, feedback);
        out << rtm.text << "  rtm_risico voor " << rtm.parcelsWithRisk << " percelen (run " << rtm.runId << ")\n";
    }
}

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
        // Risky prefixes expanded over SBI 2008 and 2025 through the project's correspondence.
        settings.riskyPrefixes = layers::riskySectorPrefixes(project);
        grid = layers::OpportunitySettings::fromToml(project.root, project.path, settings);
    }
    std::optional<core::Date> reference;
    if (!m_referenceDate.empty()) {
        reference = core::parseDate(m_referenceDate);
        if (!reference) throw UsageError("--reference-date: '" + m_referenceDate + "' is geen datum (JJJJ-MM-DD)");
    }
    auto workspace = gis::Workspace::open(m_workspace);
    auto feedback = makeCliFeedback();
    buildAll(workspace, settings, grid, reference, feedback, std::cout);
    return 0;
}

}  // namespace riskmap::cli
