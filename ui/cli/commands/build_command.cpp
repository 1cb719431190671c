// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build`.
#include "build_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/build_all.hpp"

#include <CLI/CLI.hpp>

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
    const auto settings = layers::BuildSettings::load(m_project);
    std::optional<core::Date> reference;
    if (!m_referenceDate.empty()) {
        reference = core::parseDate(m_referenceDate);
        if (!reference) throw UsageError("--reference-date: '" + m_referenceDate + "' is geen datum (JJJJ-MM-DD)");
    }
    auto workspace = gis::Workspace::open(m_workspace);
    auto feedback = makeCliFeedback();
    layers::buildAll(workspace, settings.engine, settings.grid, reference, feedback, std::cout);
    return 0;
}

}  // namespace riskmap::cli
