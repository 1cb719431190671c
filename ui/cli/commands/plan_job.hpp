// SPDX-License-Identifier: GPL-3.0-or-later
// One year plan from settings to stored layers, files and dossiers: shared by `riskmap plan` and `riskmap run`.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/planner_settings.hpp"

#include <ostream>
#include <string>

namespace riskmap::cli {

/// Plans `year`, stores controles/controle_adressen, writes calendars, partner lists (audit-logged),
/// forms and the report into `outDir`, prints the plan's report to `out`, and, when `dossiers`,
/// the control dossiers into `outDir/dossiers` (a failure there is printed to stderr: the plan stands
/// without them, `riskmap dossier` makes them later).
void planAndStore(gis::Workspace& workspace, int year, const layers::PlannerSettings& settings, const std::string& outDir,
                  bool dossiers, core::Feedback& feedback, std::ostream& out);

}  // namespace riskmap::cli
