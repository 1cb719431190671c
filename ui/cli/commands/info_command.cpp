// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap info`.
#include "info_command.hpp"

#include "workspace_summary.hpp"
#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void InfoCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_flag("--history", m_history, "Toon de volledige herkomstgeschiedenis (ook verwijderde lagen)");
}

int InfoCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace, true);
    printWorkspaceSummary(std::cout, workspace, m_history);
    return 0;
}

}  // namespace riskmap::cli
