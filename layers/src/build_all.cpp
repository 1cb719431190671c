// SPDX-License-Identifier: GPL-3.0-or-later
// Every build step in order, with its summary: the one place `build`, `run` and the desktop app call.
#include "riskmap/layers/build_all.hpp"

#include "riskmap/layers/previous_run.hpp"

#include "riskmap/layers/address_risk.hpp"
#include "riskmap/layers/business_park_ranking.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/risk_map_build.hpp"
#include "riskmap/layers/sector_settings.hpp"
#include "riskmap/layers/terrain_model.hpp"
#include "heap_trim.hpp"

#include <cstdio>

namespace riskmap::layers {

using detail::releaseFreedMemory;

BuildSettings BuildSettings::load(const std::string& projectPath)
{
    BuildSettings s{EngineSettings::defaults(), {}};
    s.grid = OpportunitySettings::defaults(s.engine);
    if (projectPath.empty()) return s;
    const auto project = ProjectFile::load(projectPath);
    s.engine = EngineSettings::fromToml(project.root, project.path);
    // Risky prefixes expanded over SBI 2008 and 2025 through the project's correspondence.
    s.engine.riskyPrefixes = riskySectorPrefixes(project);
    s.grid = OpportunitySettings::fromToml(project.root, project.path, s.engine);
    return s;
}

void printBuildSummary(std::ostream& out, const RiskBuildReport& report)
{
    out << "Risicokaart gebouwd (run " << report.runId << ")\n";
    out << "  peildatum: " << report.referenceDate
              << (report.referenceDateGuessed ? " (geen gedateerde laag: datum van vandaag)" : "") << '\n';
    out << "  percelen: " << report.parcels << "\n  klassen:";
    for (std::size_t c = 0; c < report.classCounts.size(); ++c) out << ' ' << (c + 1) << ':' << report.classCounts[c];
    out << '\n';
    out << "  verschil: " << describeClassChanges(report.changes) << '\n';
    for (const auto& layer : report.missingLayers)
        out << "  let op: laag '" << layer << "' ontbreekt; de indicatoren daarop blijven leeg\n";
    for (const auto& warning : report.warnings) out << "  let op: " << warning << '\n';
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("totaal"));
    out << "  tijd: " << buf << " s (indicatoren ";
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("indicatoren"));
    out << buf << " s)\n";
}

void buildAll(gis::Workspace& workspace, const EngineSettings& settings, const OpportunitySettings& grid,
              std::optional<core::Date> reference, core::Feedback& feedback, std::ostream& out)
{
    const auto report = buildRiskMap(workspace, settings, reference, feedback);
    releaseFreedMemory();
    printBuildSummary(out, report);
    // Every later step uses the same reference date as the parcels.
    const auto date = *core::parseDate(report.referenceDate);
    // The planner's unit; a workspace without BAG addresses only gets the parcel map.
    if (workspace.db().tableExists("verblijfsobjecten")) {
        const auto addresses = buildAddressRisk(workspace, settings.riskyPrefixes,
                                                        date, feedback);
        releaseFreedMemory();
        out << "  risico_adressen: " << addresses.addresses << " (in een perceel: " << addresses.inParcel
            << ", met bedrijven: " << addresses.withCompanies << ")\n";
    }
    const auto parks = buildBusinessParkRanking(workspace, settings.riskyPrefixes, date, report.runId, feedback);
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
    releaseFreedMemory();
    const auto map = buildOpportunityMap(workspace, grid, date, feedback);
    releaseFreedMemory();
    out << "Gelegenheidskaart gebouwd (run " << map.runId << ")\n  cellen: " << map.cells << " van "
        << grid.cellSize << " m\n  klassen:";
    for (std::size_t c = 0; c < map.classCounts.size(); ++c) out << ' ' << (c + 1) << ':' << map.classCounts[c];
    std::snprintf(buf, sizeof buf, "%.0f", map.bandwidth);
    out << "\n  incidenten (" << grid.incidentYears << " jaar): " << map.incidents << ", bandbreedte " << buf
        << " m" << (map.bandwidthSuggested ? " (voorgesteld uit k-NN-afstanden)" : "") << ", hotspotcellen "
        << map.hotCells << ", coldspotcellen " << map.coldCells << '\n';
    out << "  verschil: " << describeClassChanges(map.changes) << '\n';
    if (!map.note.empty()) out << "  let op: " << map.note << '\n';
    std::snprintf(buf, sizeof buf, "%.2f", map.seconds.at("totaal"));
    out << "  GeoTIFF: " << map.geotiffPath << "\n  tijd: " << buf << " s\n";
    if (grid.rtmEnabled) {
        const auto rtm = buildRiskTerrainModel(workspace, grid, date, feedback);
        out << rtm.text << "  rtm_risico voor " << rtm.parcelsWithRisk << " percelen (run " << rtm.runId << ")\n";
    }
}

}  // namespace riskmap::layers
