// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build WS [--project P.toml] [--reference-date YYYY-MM-DD]`: the risk map per parcel.
#pragma once

#include "../command.hpp"

#include <ostream>

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/opportunity_settings.hpp"

#include <optional>

namespace riskmap::cli {

class BuildCommand : public Command {
public:
    std::string name() const override { return "build"; }
    std::string description() const override { return "Bereken indicatoren en risicoscores per perceel / build the risk map"; }
    void setup(CLI::App& sub) override;
    int run() override;

private:
    std::string m_workspace;
    std::string m_project;
    std::string m_referenceDate;
};

}  // namespace riskmap::cli
