// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap info`.
#include "info_command.hpp"

#include "workspace_summary.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/terrain_model.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void InfoCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_flag("--history", m_history, "Toon de volledige herkomstgeschiedenis (ook verwijderde lagen)");
    sub.add_flag("--model", m_model, "Toon alleen het laatste risicoterreinmodel (RTM) van `riskmap build`");
}

int InfoCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace, true);
    if (m_model) {
        const std::string text = layers::latestRtmReportText(workspace.db());
        std::cout << (text.empty() ? "Nog geen risicoterreinmodel: draai eerst `riskmap build`.\n" : text);
        return 0;
    }
    printWorkspaceSummary(std::cout, workspace, m_history);
    return 0;
}

}  // namespace riskmap::cli
