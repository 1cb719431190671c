// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build`.
#include "build_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/project_file.hpp"
#include "riskmap/layers/risk_map_build.hpp"

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
    if (!m_project.empty()) {
        const auto project = layers::ProjectFile::load(m_project);
        settings = layers::EngineSettings::fromToml(project.root, project.path);
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
    for (const auto& warning : report.warnings) std::cout << "  let op: " << warning << '\n';
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("totaal"));
    std::cout << "  tijd: " << buf << " s (indicatoren ";
    std::snprintf(buf, sizeof buf, "%.2f", report.seconds.at("indicatoren"));
    std::cout << buf << " s)\n";
    return 0;
}

}  // namespace riskmap::cli
