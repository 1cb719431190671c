// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of verbs.
#include "command.hpp"

#include "commands/build_command.hpp"
#include "commands/drop_command.hpp"
#include "commands/export_command.hpp"
#include "commands/import_command.hpp"
#include "commands/info_command.hpp"
#include "commands/init_command.hpp"
#include "commands/run_command.hpp"

namespace riskmap::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<InitCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<DropCommand>());
    commands.push_back(std::make_unique<BuildCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<InfoCommand>());
    return commands;
}

}  // namespace riskmap::cli
