// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of verbs.
#include "command.hpp"

#include "commands/init_command.hpp"
#include "commands/sample_command.hpp"

namespace riskmap::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<InitCommand>());
    commands.push_back(std::make_unique<SampleCommand>());
    return commands;
}

}  // namespace riskmap::cli
