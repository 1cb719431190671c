// SPDX-License-Identifier: GPL-3.0-or-later
// Every build step in order (risk map, addresses, business parks, opportunity map, RTM): shared by CLI and desktop.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/opportunity_settings.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace riskmap::layers {

struct RiskBuildReport;

/// The settings of every build step, read together from one project file.
struct BuildSettings {
    EngineSettings engine;
    OpportunitySettings grid;

    /// Defaults, or the [sectors]/[[indicators]]/[weights]/[scoring]/[opportunity] of `projectPath` when not empty.
    static BuildSettings load(const std::string& projectPath);
};

/// The build summary printed by `build` and `run` (Dutch, one fact per line).
void printBuildSummary(std::ostream& out, const RiskBuildReport& report);

/// Runs every build step with its summary on `out`. Throws CancelledError when `feedback` is cancelled.
void buildAll(gis::Workspace& workspace, const EngineSettings& settings, const OpportunitySettings& grid,
              std::optional<core::Date> reference, core::Feedback& feedback, std::ostream& out);

}  // namespace riskmap::layers
