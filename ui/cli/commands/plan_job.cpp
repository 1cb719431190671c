// SPDX-License-Identifier: GPL-3.0-or-later
// One year plan from settings to stored layers, files and dossiers: shared by `riskmap plan` and `riskmap run`.
#include "plan_job.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/layers/plan_files.hpp"
#include "riskmap/layers/year_plan.hpp"
#include "riskmap/render/dossier_pdf.hpp"

#include <filesystem>
#include <iostream>
#include <vector>

namespace riskmap::cli {

void planAndStore(gis::Workspace& workspace, int year, const layers::PlannerSettings& settings, const std::string& outDir,
                  bool dossiers, core::Feedback& feedback, std::ostream& out)
{
    const auto plan = layers::planYear(workspace, year, settings, feedback);
    layers::writePlanLayers(workspace, plan);
    const auto files = layers::writePlanFiles(plan, outDir);
    layers::auditPartnerLists(workspace, files);
    layers::writePlanReport(plan, outDir);
    out << layers::planReport(plan);
    out << "Controleplan " << year << ": lagen controles en controle_adressen, " << files.size() << " bestanden in "
        << outDir << "\n";
    if (!dossiers || plan.days.empty()) return;
    std::vector<std::string> ids;
    for (const auto& day : plan.days) ids.push_back(day.controlId);
    render::DossierOptions options;
    options.outDir = (std::filesystem::path(outDir) / "dossiers").string();
    try {
        const auto written = render::writeControlDossiers(workspace.path(), ids, options);
        out << "Controledossiers (" << written.size() << ") in " << options.outDir << "\n";
    } catch (const Error& e) {
        std::cerr << "Controledossiers niet gemaakt: " << e.what() << "\n";
    }
}

}  // namespace riskmap::cli
