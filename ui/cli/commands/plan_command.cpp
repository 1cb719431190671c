// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap plan`.
#include "plan_command.hpp"

#include "../cli_progress.hpp"
#include "plan_job.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/control_history.hpp"
#include "riskmap/layers/project_file.hpp"

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
    const std::string out = m_out.empty() ? m_workspace + ".plan-" + std::to_string(m_year) : m_out;
    planAndStore(workspace, m_year, settings, out, !m_noDossiers, feedback, std::cout);
    return 0;
}

}  // namespace riskmap::cli
