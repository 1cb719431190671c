// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap run`: a fresh workspace from the project's sources.
#include "run_command.hpp"

#include "../cli_progress.hpp"
#include "../import_summary.hpp"
#include "build_command.hpp"
#include "change_command.hpp"
#include "plan_job.hpp"
#include "workspace_summary.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/layers/build_all.hpp"
#include "riskmap/layers/importer.hpp"
#include "riskmap/layers/control_history.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/plan_files.hpp"
#include "riskmap/layers/planner_settings.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/year_plan.hpp"
#include "riskmap/layers/sector_settings.hpp"
#include "riskmap/layers/risk_map_build.hpp"
#include "riskmap/layers/sample/sample_generator.hpp"
#include "riskmap/layers/sector_settings.hpp"

#include "riskmap/render/briefing.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/gis/audit_log.hpp"
#include <CLI/CLI.hpp>

#include <filesystem>
#include <set>
#include <iostream>

namespace riskmap::cli {
namespace {

/// Generates the synthetic sample when a source it would make is missing, so
/// a new user's first command runs end to end on a fresh checkout.
void generateMissingSample(const layers::SampleSpec& spec, const layers::ProjectFile& project, core::Feedback& feedback)
{
    bool missing = false;
    for (const auto& source : project.sources)
        if (!std::filesystem::exists(source.file)) missing = true;
    if (!missing) return;
    layers::sample::SampleOptions options;
    options.outDir = spec.outDir;
    options.scale = layers::sample::parseSampleScale(spec.scale);
    options.seed = spec.seed;
    options.photos = spec.photos;
    if (!spec.boundaries.empty()) options.boundariesPath = spec.boundaries;
    std::cout << "Voorbeeldgegevens maken in " << spec.outDir << " (schaal " << spec.scale << ", seed " << spec.seed << ")…\n";
    const auto report = layers::sample::generateSample(options, feedback);
    for (const auto& [layer, count] : report.counts) std::cout << "  " << layer << ": " << count << '\n';
}

/// Plans the controls of the year after the reference date (the latest incident),
/// with the earlier controls of `[planner] history` when given.
void planNextYear(const layers::ProjectFile& project, gis::Workspace& workspace, const std::filesystem::path& out,
                  core::Feedback& feedback)
{
    auto settings = layers::PlannerSettings::fromToml(project.root, project.path);
    if (auto history = project.root["planner"]["history"].value<std::string>()) {
        const auto h = layers::importControlHistory(workspace, project.resolve(*history));
        std::cout << "Eerdere controles: " << h.controls << " controles, " << h.addresses << " adressen, " << h.findings
                  << " bevindingen\n";
    }
    const auto reference = layers::defaultReferenceDate(workspace.db()).value_or(core::todayUtc());
    const int year = static_cast<int>(reference.year()) + 1;
    planAndStore(workspace, year, settings, (out / ("controles-" + std::to_string(year))).string(), true, feedback,
                 std::cout);
}

/// The team's GeoPackage of the risk map (analist profile) and the driehoek
/// briefing, both through their profiles and both in the audit log.
void exportAndBrief(gis::Workspace& workspace, const std::filesystem::path& out)
{
    layers::ExportRequest request;
    request.profile = layers::Profile::Analist;
    request.outPath = (out / "risico_percelen.gpkg").string();
    std::filesystem::remove(request.outPath);
    request.layer = "risico_percelen";
    const auto exported = layers::exportLayer(workspace, request);
    std::cout << "Export: " << request.outPath << " (" << exported.rows << " percelen, profiel analist)\n";
    render::BriefOptions brief;
    brief.outPath = (out / "briefing-driehoek.pdf").string();
    brief.purpose = "riskmap run: briefing driehoek";
    const auto report = render::writeBriefing(workspace.path(), brief);
    std::cout << "Briefing driehoek: " << brief.outPath << " (" << report.pages << " pagina's), laatste audithash "
              << gis::latestAuditHash(workspace.db()) << '\n';
}

/// With photos of two or more years, the unregistered buildings between the latest two
/// (`onbekende_bebouwing`, for review) are part of the job.
void detectChangesWhenTwoPhotoYears(gis::Workspace& workspace, core::Feedback& feedback)
{
    if (!workspace.db().tableExists("rk_rasters")) return;
    std::set<int> years;
    for (const auto& r : gis::loadRasters(workspace.db(), "luchtfoto"))
        if (r.year) years.insert(*r.year);
    if (years.size() < 2) return;
    const layers::ChangeRunOptions options;
    printChangeSummary(std::cout, layers::runChangeDetection(workspace, options, feedback), options.minArea);
}

}  // namespace

void RunCommand::setup(CLI::App& sub)
{
    sub.add_option("PROJECT", m_project, "Projectbestand (TOML)")->required();
    sub.add_option("--out", m_out, "Uitvoermap (standaard: out/ naast het projectbestand)");
}

int RunCommand::run()
{
    const auto project = layers::ProjectFile::load(m_project);
    const std::filesystem::path out = m_out.empty() ? std::filesystem::path(project.folder) / "out" : std::filesystem::path(m_out);
    std::filesystem::create_directories(out);
    const std::string wsPath = (out / "workspace.sqlite").string();
    // The run rebuilds from the sources: a fresh workspace each time, so the
    // result depends only on the project file and its inputs.
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(wsPath + suffix);
    std::filesystem::remove_all(layers::rejectedFolder(wsPath));

    std::cout << "Project: " << project.name << "\nWerkruimte: " << wsPath << '\n';
    auto feedback = makeCliFeedback();
    if (project.sample) generateMissingSample(*project.sample, project, feedback);
    auto workspace = gis::Workspace::create(wsPath);
    if (project.sources.empty()) throw UsageError(project.path + ": geen [[sources]] om te importeren");
    const layers::SectorSettings sectors = layers::readSectorSettings(project);
    std::vector<layers::LayerImportReport> reports;
    for (const auto& source : project.sources) {
        layers::ImportRequest request;
        request.files = {source.file};
        request.layer = source.layer;
        request.sourceLayer = source.sourceLayer;
        request.crs = source.crs;
        request.year = source.year;
        request.mapping = project.mapping;
        request.sectors = sectors;
        if (source.mappingFile) request.mapping.merge(layers::MappingSet::fromFile(*source.mappingFile));
        // Several sources may feed one layer: the later ones add to it.
        request.append = source.layer && *source.layer != "luchtfoto" && workspace.layer(*source.layer).has_value();
        auto r = layers::importFiles(workspace, request, feedback);
        reports.insert(reports.end(), r.begin(), r.end());
    }
    printImportSummary(std::cout, reports);

    const auto settings = layers::BuildSettings::load(project.path);
    layers::buildAll(workspace, settings.engine, settings.grid, std::nullopt, feedback, std::cout);
    detectChangesWhenTwoPhotoYears(workspace, feedback);
    if (project.root.contains("planner")) planNextYear(project, workspace, out, feedback);
    exportAndBrief(workspace, out);
    printWorkspaceSummary(std::cout, workspace, false);
    return 0;
}

}  // namespace riskmap::cli
