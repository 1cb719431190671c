// SPDX-License-Identifier: GPL-3.0-or-later
// riskmap: the only place where exceptions become exit codes.
#include "command.hpp"
#include "interrupt.hpp"

#include "riskmap/core/error.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

int main(int argc, char** argv)
{
    CLI::App app{"riskmap — risicokaart en gelegenheidskaart voor basisteam Heuvelrug"};
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("riskmap ") + RISKMAP_VERSION);

    auto commands = riskmap::cli::allCommands();
    std::vector<std::pair<CLI::App*, riskmap::cli::Command*>> verbs;
    for (auto& command : commands) {
        CLI::App* sub = app.add_subcommand(command->name(), command->description());
        command->setup(*sub);
        verbs.emplace_back(sub, command.get());
    }

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : static_cast<int>(riskmap::ExitCode::Usage);
    }

    riskmap::cli::installInterruptHandler();
    try {
        for (auto& [sub, command] : verbs) {
            if (sub->parsed()) return command->run();
        }
    } catch (const riskmap::Error& e) {
        std::cerr << "riskmap: " << e.what() << '\n';
        return static_cast<int>(e.exitCode());
    } catch (const std::exception& e) {
        std::cerr << "riskmap: interne fout / internal error: " << e.what() << '\n';
        return static_cast<int>(riskmap::ExitCode::Failed);
    }
    return static_cast<int>(riskmap::ExitCode::Usage);
}
