// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap init WS`.
#include "init_command.hpp"

#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void InitCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte (workspace.sqlite)")->required();
}

int InitCommand::run()
{
    auto ws = gis::Workspace::create(m_workspace);
    std::cout << "Werkruimte aangemaakt: " << m_workspace << " (schemaversie " << ws.schemaVersion() << ")\n";
    return 0;
}

}  // namespace riskmap::cli
