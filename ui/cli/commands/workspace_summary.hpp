// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace summary printed by `info` and at the end of `run`.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <ostream>

namespace riskmap::cli {

void printWorkspaceSummary(std::ostream& out, gis::Workspace& workspace, bool fullHistory);

}  // namespace riskmap::cli
