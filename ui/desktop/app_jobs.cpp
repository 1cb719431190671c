// SPDX-License-Identifier: GPL-3.0-or-later
// Import, build and plan for the desktop app, each on its own writable workspace connection.
#include "app_jobs.hpp"

#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/build_all.hpp"
#include "riskmap/layers/importer.hpp"
#include "riskmap/layers/plan_files.hpp"
#include "riskmap/layers/planner_settings.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/sector_settings.hpp"
#include "riskmap/layers/year_plan.hpp"

#include <QFileInfo>

#include <sstream>

namespace riskmap::desktop {

bool isPhotoFile(const QString& file)
{
    const QString ext = QFileInfo(file).suffix().toLower();
    return ext == "tif" || ext == "tiff" || ext == "vrt" || ext == "mbtiles" || ext == "jp2";
}

QString runImport(const QString& workspacePath, const QStringList& files, const QString& projectPath,
                  std::optional<int> photoYear, core::Feedback& feedback)
{
    layers::ImportRequest request;
    for (const auto& f : files) request.files.push_back(f.toStdString());
    if (photoYear) {
        request.layer = "luchtfoto";
        request.year = *photoYear;
    }
    if (!projectPath.isEmpty()) {
        const auto project = layers::ProjectFile::load(projectPath.toStdString());
        request.mapping = project.mapping;
        request.sectors = layers::readSectorSettings(project);
    }
    auto workspace = gis::Workspace::open(workspacePath.toStdString());
    const auto reports = layers::importFiles(workspace, request, feedback);
    QStringList lines;
    for (const auto& r : reports) {
        QString line = QObject::tr("%1 → %2: %3 imported").arg(QFileInfo(QString::fromStdString(r.file)).fileName(),
                                                                 QString::fromStdString(r.layer))
                           .arg(r.imported + r.repaired);
        if (r.rejected > 0)
            line += QObject::tr(", %1 rejected (see %2)").arg(r.rejected).arg(QString::fromStdString(r.rejectedFile));
        if (r.raster) line = QObject::tr("%1 → aerial photo %2").arg(QString::fromStdString(r.file)).arg(r.year.value_or(0));
        lines << line;
    }
    return lines.join('\n');
}

QString runBuild(const QString& workspacePath, const QString& projectPath, core::Feedback& feedback)
{
    const auto settings = layers::BuildSettings::load(projectPath.toStdString());
    auto workspace = gis::Workspace::open(workspacePath.toStdString());
    std::ostringstream out;
    layers::buildAll(workspace, settings.engine, settings.grid, std::nullopt, feedback, out);
    return QString::fromStdString(out.str()).trimmed();
}

QString runPlan(const QString& workspacePath, const QString& projectPath, int year, core::Feedback& feedback,
                const PlanOverrides& overrides)
{
    layers::PlannerSettings settings;
    if (!projectPath.isEmpty()) {
        const auto project = layers::ProjectFile::load(projectPath.toStdString());
        settings = layers::PlannerSettings::fromToml(project.root, project.path);
    } else {
        settings = layers::PlannerSettings::fromToml(toml::table{}, "(standaard)");
    }
    if (overrides.controls) settings.controls = *overrides.controls;
    if (overrides.addressesPerControl) settings.addressesPerControl = *overrides.addressesPerControl;
    if (overrides.randomShare) settings.randomShare = *overrides.randomShare;
    if (overrides.seed) settings.seed = *overrides.seed;
    auto workspace = gis::Workspace::open(workspacePath.toStdString());
    const auto plan = layers::planYear(workspace, year, settings, feedback);
    feedback.checkCancelled();
    layers::writePlanLayers(workspace, plan);
    const std::string out = workspacePath.toStdString() + ".plan-" + std::to_string(year);
    const auto files = layers::writePlanFiles(plan, out);
    layers::auditPartnerLists(workspace, files);  // as `riskmap plan`: every file that leaves is logged
    const std::string report = layers::planReport(plan);
    layers::writePlanReport(plan, out);  // the panel reads the constraint costs from it later
    return QString::fromStdString(report).trimmed() +
           QObject::tr("\nFiles (%1) in %2").arg(files.size()).arg(QString::fromStdString(out));
}

}  // namespace riskmap::desktop
