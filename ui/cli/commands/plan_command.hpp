// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap plan WS --year YYYY [--project P.toml] [--seed N] [--history FILE] [--out DIR]`: the year's controls.
#pragma once

#include "../command.hpp"

#include <cstdint>

namespace riskmap::cli {

class PlanCommand : public Command {
public:
    std::string name() const override { return "plan"; }
    std::string description() const override { return "Plan de integrale controles van een jaar / plan the year's inspections"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    int m_year = 0;
    std::string m_project;
    std::int64_t m_seed = -1;
    std::string m_history;
    std::string m_out;
    bool m_noDossiers = false;
};

}  // namespace riskmap::cli
