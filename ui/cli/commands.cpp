// SPDX-License-Identifier: GPL-3.0-or-later
// The registry of verbs.
#include "command.hpp"

#include "commands/audit_command.hpp"
#include "commands/brief_command.hpp"
#include "commands/build_command.hpp"
#include "commands/cache_command.hpp"
#include "commands/change_command.hpp"
#include "commands/chip_command.hpp"
#include "commands/dossier_command.hpp"
#include "commands/drop_command.hpp"
#include "commands/export_command.hpp"
#include "commands/import_command.hpp"
#include "commands/info_command.hpp"
#include "commands/init_command.hpp"
#include "commands/plan_command.hpp"
#include "commands/purge_command.hpp"
#include "commands/review_command.hpp"
#include "commands/run_command.hpp"
#include "commands/sample_command.hpp"

namespace riskmap::cli {

std::vector<std::unique_ptr<Command>> allCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<InitCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<DropCommand>());
    commands.push_back(std::make_unique<BuildCommand>());
    commands.push_back(std::make_unique<PlanCommand>());
    commands.push_back(std::make_unique<ChangeCommand>());
    commands.push_back(std::make_unique<ChipCommand>());
    commands.push_back(std::make_unique<DossierCommand>());
    commands.push_back(std::make_unique<ReviewCommand>());
    commands.push_back(std::make_unique<CacheCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<InfoCommand>());
    commands.push_back(std::make_unique<AuditCommand>());
    commands.push_back(std::make_unique<BriefCommand>());
    commands.push_back(std::make_unique<PurgeCommand>());
    commands.push_back(std::make_unique<SampleCommand>());
    return commands;
}

}  // namespace riskmap::cli
