// SPDX-License-Identifier: GPL-3.0-or-later
// Checks on the grid shared by the statistics.
#include "riskmap/core/stats/grid.hpp"

#include "riskmap/core/error.hpp"

#include <cmath>

namespace riskmap::core::stats {

void validateGrid(const GridSpec& grid)
{
    if (!(grid.cellSize > 0.0) || !std::isfinite(grid.cellSize))
        throw InputError("grid: cell size must be positive");
    if (grid.cols == 0 || grid.rows == 0) throw InputError("grid: no cells");
    if (!std::isfinite(grid.left) || !std::isfinite(grid.top))
        throw InputError("grid: origin is not finite");
}

}  // namespace riskmap::core::stats
