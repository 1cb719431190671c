// SPDX-License-Identifier: GPL-3.0-or-later
// One verb of the command line: setup() only declares options, run() works.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace CLI { class App; }

namespace riskmap::cli {

class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    virtual std::string description() const = 0;
    /// Declares options and positionals on the verb's sub-app; no work here.
    virtual void setup(CLI::App& sub) = 0;
    /// Does the work; throws riskmap::Error. Returns the exit code.
    virtual int run() = 0;
};

/// Every verb, in the order `riskmap --help` lists them.
std::vector<std::unique_ptr<Command>> allCommands();

}  // namespace riskmap::cli
