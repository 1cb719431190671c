// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap change WS [--from JJJJ] [--to JJJJ] [--min-area M2]`: new unregistered built-up areas between photo years.
#pragma once

#include "../command.hpp"

#include "riskmap/layers/change_run.hpp"

#include <optional>
#include <ostream>

namespace riskmap::cli {

/// The lines `riskmap change` prints about a change run (also printed by `riskmap run`).
void printChangeSummary(std::ostream& out, const layers::ChangeRunReport& report, double minArea);

class ChangeCommand : public Command {
public:
    std::string name() const override { return "change"; }
    std::string description() const override { return "Vergelijk luchtfoto's: onbekende bebouwing / change detection"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::optional<int> m_from;
    std::optional<int> m_to;
    double m_minArea = 200.0;
};

}  // namespace riskmap::cli
