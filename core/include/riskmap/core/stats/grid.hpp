// SPDX-License-Identifier: GPL-3.0-or-later
// A regular north-up grid of square cells, as the statistics see it (no CRS, metres).
#pragma once

#include <cstddef>

namespace riskmap::core::stats {

/// A point in projected coordinates (metres, RD New).
struct Point2 {
    double x = 0.0;
    double y = 0.0;
};

/// A regular grid laid out like a north-up GDAL raster: row 0 is the
/// northernmost row, column 0 the westernmost; cell (col,row) has index
/// row*cols + col. Values per cell are stored in that order.
struct GridSpec {
    double left = 0.0;      ///< x of the west edge
    double top = 0.0;       ///< y of the north edge
    double cellSize = 0.0;  ///< cell width and height in metres (> 0)
    std::size_t cols = 0;
    std::size_t rows = 0;

    std::size_t cellCount() const { return cols * rows; }
    std::size_t index(std::size_t col, std::size_t row) const { return row * cols + col; }
    double centreX(std::size_t col) const { return left + (static_cast<double>(col) + 0.5) * cellSize; }
    double centreY(std::size_t row) const { return top - (static_cast<double>(row) + 0.5) * cellSize; }
    Point2 centre(std::size_t col, std::size_t row) const { return {centreX(col), centreY(row)}; }
};

/// Throws InputError when the grid has no cells or a non-positive cell size.
void validateGrid(const GridSpec& grid);

}  // namespace riskmap::core::stats
