// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap info WS`: layers, counts, provenance, runs.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class InfoCommand : public Command {
public:
    std::string name() const override { return "info"; }
    std::string description() const override { return "Toon lagen, aantallen, herkomst en runs / show the workspace"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    bool m_history = false;
    bool m_model = false;
};

}  // namespace riskmap::cli
