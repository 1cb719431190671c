// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap init WS`: create an empty workspace.
#pragma once

#include "../command.hpp"

namespace riskmap::cli {

class InitCommand : public Command {
public:
    std::string name() const override { return "init"; }
    std::string description() const override { return "Maak een lege werkruimte (SpatiaLite) / create an empty workspace"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
};

}  // namespace riskmap::cli
