// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap plan`.
#include "plan_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/control_history.hpp"
#include "riskmap/layers/plan_files.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/year_plan.hpp"
#include "riskmap/render/dossier_pdf.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

namespace riskmap::cli {

void PlanCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte (met risico_percelen: eerst riskmap build)")->required();
    sub.add_option("--year", m_year, "Jaar van het plan (JJJJ)")->required();
    sub.add_option("--project", m_project, "Projectbestand (TOML) met [planner]");
    sub.add_option("--seed", m_seed, "Seed van de steekproef (standaard [planner] seed); wordt vastgelegd");
    sub.add_option("--history", m_history,
                   "Eerdere controles importeren: GeoPackage met controles_historie/controle_adressen_historie/"
                   "bevindingen_historie, of CSV controle_id;datum;gemeente;naam;vbo_id");
    sub.add_option("--out", m_out, "Map voor .ics-bestanden, partnerlijsten en bevindingenformulieren "
                                   "(standaard: <werkruimte>.plan-<jaar> naast de werkruimte)");
    sub.add_flag("--no-dossiers", m_noDossiers, "Geen controledossiers (PDF) in <out>/dossiers maken");
}

int PlanCommand::run()
{
    layers::PlannerSettings settings;
    if (!m_project.empty()) {
        const auto project = layers::ProjectFile::load(m_project);
        settings = layers::PlannerSettings::fromToml(project.root, project.path);
    } else {
        settings = layers::PlannerSettings::fromToml(toml::table{}, "(standaard)");
    }
    if (m_seed >= 0) settings.seed = static_cast<std::uint64_t>(m_seed);
    if (m_year < 1900 || m_year > 2999) throw UsageError("--year: " + std::to_string(m_year) + " is geen geldig jaar");

    auto workspace = gis::Workspace::open(m_workspace);
    if (!m_history.empty()) {
        const auto h = layers::importControlHistory(workspace, m_history);
        std::cout << "Historie ingelezen: " << h.controls << " controles, " << h.addresses << " adressen, " << h.findings
                  << " bevindingen\n";
    }
    auto feedback = makeCliFeedback();
    const auto plan = layers::planYear(workspace, m_year, settings, feedback);
    layers::writePlanLayers(workspace, plan);
    const std::string out = m_out.empty() ? m_workspace + ".plan-" + std::to_string(m_year) : m_out;
    const auto files = layers::writePlanFiles(plan, out);
    layers::auditPartnerLists(workspace, files);
    layers::writePlanReport(plan, out);
    std::cout << layers::planReport(plan);
    std::cout << "Lagen: controles, controle_adressen. Bestanden (" << files.size() << ") in " << out << "\n";
    if (!m_noDossiers && !plan.days.empty()) {
        std::vector<std::string> ids;
        for (const auto& day : plan.days) ids.push_back(day.controlId);
        render::DossierOptions options;
        options.outDir = (std::filesystem::path(out) / "dossiers").string();
        try {
            const auto dossiers = render::writeControlDossiers(m_workspace, ids, options);
            std::cout << "Controledossiers (" << dossiers.size() << ") in " << options.outDir << "\n";
        } catch (const Error& e) {
            // The plan stands without them; `riskmap dossier` can make them later.
            std::cerr << "Controledossiers niet gemaakt: " << e.what() << "\n";
        }
    }
    return 0;
}

}  // namespace riskmap::cli
