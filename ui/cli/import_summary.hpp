// SPDX-License-Identifier: GPL-3.0-or-later
// Prints what an import did, row by row accounted for (shared by import and run).
#pragma once

#include "riskmap/layers/importer.hpp"

#include <ostream>
#include <vector>

namespace riskmap::cli {

void printImportSummary(std::ostream& out, const std::vector<layers::LayerImportReport>& reports);

}  // namespace riskmap::cli
