// SPDX-License-Identifier: GPL-3.0-or-later
// A lattice of pointy-topped hexagons in offset rows, as the statistics see it (no CRS, metres).
#pragma once

#include "riskmap/core/stats/grid.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

namespace riskmap::core::stats {

/// Pointy-topped hexagons (a vertex points north) in rows like a north-up raster: row 0 is the
/// northernmost, column 0 the westernmost; odd rows are shifted east by half a hexagon width
/// ("odd-r" offset layout). Cell (col,row) has index row*cols + col.
///
/// `cellSize` is area-equivalent: every hexagon has the area cellSize², like a square cell of that
/// size, so a 100 m hexagon grid has as many cells per km² as a 100 m square grid. Its side is
/// s = cellSize·√(2/(3√3)) ≈ 0.6204·cellSize, its width (flat side to flat side, east–west) √3·s and
/// the row spacing 1.5·s; the centres of adjacent hexagons are √3·s apart.
struct HexGridSpec {
    double left = 0.0;      ///< x of the west edge of the unshifted (even) rows
    double top = 0.0;       ///< y of the northern vertices of row 0
    double cellSize = 0.0;  ///< area-equivalent size (m): hexagon area = cellSize²
    std::size_t cols = 0;
    std::size_t rows = 0;

    std::size_t cellCount() const { return cols * rows; }
    std::size_t index(std::size_t col, std::size_t row) const { return row * cols + col; }
    double side() const;
    double width() const;    ///< √3·side: flat-to-flat width, also the centre spacing in a row
    double rowStep() const;  ///< 1.5·side
    Point2 centre(std::size_t col, std::size_t row) const;
    Point2 centre(std::size_t index) const { return centre(index % cols, index / cols); }
    /// The six vertices, counter-clockwise from the northern one.
    std::array<Point2, 6> corners(std::size_t index) const;
    /// The cell whose hexagon contains `p` (the one with the nearest centre; a point exactly on an
    /// edge goes to the lower index), or nullopt outside the lattice.
    std::optional<std::size_t> cellAt(Point2 p) const;
    /// Indices of the cells whose centre lies within `distance` (inclusive, centre to centre) of the
    /// centre of `index`, the cell itself included, ascending. With distance = width() these are the
    /// cell and its six adjacent hexagons (fewer at the lattice edge).
    std::vector<std::size_t> within(std::size_t index, double distance) const;
};

/// A lattice aligned to the origin (left a multiple of the width, top a multiple of two row steps,
/// so cell centres stay the same between runs) covering the envelope: every point of it lies in a
/// hexagon of the lattice. Throws InputError on a non-positive size or an empty envelope.
HexGridSpec hexGridOver(double xmin, double ymin, double xmax, double ymax, double cellSize);

/// Throws InputError when the lattice has no cells or a non-positive cell size.
void validateHexGrid(const HexGridSpec& grid);

}  // namespace riskmap::core::stats
