// SPDX-License-Identifier: GPL-3.0-or-later
// Hexagon lattice geometry: centres, vertices, point location and distance-band neighbours.
#include "riskmap/core/stats/hex_grid.hpp"

#include "riskmap/core/error.hpp"

#include <cmath>
#include <limits>

namespace riskmap::core::stats {

namespace {

// side = cellSize·√(2/(3√3)): the hexagon area (3√3/2)·side² equals cellSize².
const double kSidePerSize = std::sqrt(2.0 / (3.0 * std::sqrt(3.0)));

}  // namespace

double HexGridSpec::side() const { return kSidePerSize * cellSize; }
double HexGridSpec::width() const { return std::sqrt(3.0) * side(); }
double HexGridSpec::rowStep() const { return 1.5 * side(); }

Point2 HexGridSpec::centre(std::size_t col, std::size_t row) const
{
    const double shift = (row % 2 == 1) ? 0.5 : 0.0;
    return {left + (static_cast<double>(col) + 0.5 + shift) * width(), top - side() - static_cast<double>(row) * rowStep()};
}

std::array<Point2, 6> HexGridSpec::corners(std::size_t index) const
{
    const Point2 c = centre(index);
    const double s = side(), hw = 0.5 * width();
    return {{{c.x, c.y + s}, {c.x - hw, c.y + 0.5 * s}, {c.x - hw, c.y - 0.5 * s},
             {c.x, c.y - s}, {c.x + hw, c.y - 0.5 * s}, {c.x + hw, c.y + 0.5 * s}}};
}

std::optional<std::size_t> HexGridSpec::cellAt(Point2 p) const
{
    // The hexagons are the Voronoi cells of their centres, so the containing hexagon is the one
    // with the nearest centre. It lies in one of the three rows around p, near p's column there.
    const double w = width();
    const double fr = std::floor((top - side() - p.y) / rowStep());
    double best = std::numeric_limits<double>::infinity();
    std::optional<std::size_t> found;
    for (double r = fr - 1; r <= fr + 2; ++r) {
        if (r < 0 || r >= static_cast<double>(rows)) continue;
        const auto row = static_cast<std::size_t>(r);
        const double shift = (row % 2 == 1) ? 0.5 : 0.0;
        const double fc = std::floor((p.x - left) / w - shift);
        for (double c = fc - 1; c <= fc + 1; ++c) {
            if (c < 0 || c >= static_cast<double>(cols)) continue;
            const std::size_t i = index(static_cast<std::size_t>(c), row);
            const Point2 q = centre(i);
            const double d2 = (q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y);
            // Ties (p on an edge) within rounding go to the lower index, whatever the visiting order.
            const double tol = 1e-9 * cellSize * cellSize;
            if (d2 < best - tol || (std::fabs(d2 - best) <= tol && found && i < *found)) {
                best = std::min(best, d2);
                found = i;
            }
        }
    }
    // Outside the lattice's outer hexagons: the nearest centre is farther than a vertex is.
    if (found && best > side() * side() * (1 + 1e-9)) return std::nullopt;
    return found;
}

std::vector<std::size_t> HexGridSpec::within(std::size_t index, double distance) const
{
    std::vector<std::size_t> out;
    const std::size_t col = index % cols, row = index / cols;
    const Point2 c = centre(col, row);
    const auto dr = static_cast<long>(std::ceil(distance / rowStep()));
    const auto dc = static_cast<long>(std::ceil(distance / width())) + 1;
    const double d2max = distance * distance * (1 + 1e-12) + 1e-9;
    for (long r = static_cast<long>(row) - dr; r <= static_cast<long>(row) + dr; ++r) {
        if (r < 0 || r >= static_cast<long>(rows)) continue;
        for (long k = static_cast<long>(col) - dc; k <= static_cast<long>(col) + dc; ++k) {
            if (k < 0 || k >= static_cast<long>(cols)) continue;
            const Point2 q = centre(static_cast<std::size_t>(k), static_cast<std::size_t>(r));
            if ((q.x - c.x) * (q.x - c.x) + (q.y - c.y) * (q.y - c.y) <= d2max)
                out.push_back(this->index(static_cast<std::size_t>(k), static_cast<std::size_t>(r)));
        }
    }
    return out;
}

HexGridSpec hexGridOver(double xmin, double ymin, double xmax, double ymax, double cellSize)
{
    if (!(cellSize > 0.0) || !std::isfinite(cellSize)) throw InputError("hexagon grid: cell size must be positive");
    if (!(xmax >= xmin && ymax >= ymin) || !std::isfinite(xmin + ymin + xmax + ymax))
        throw InputError("hexagon grid: empty envelope");
    HexGridSpec g;
    g.cellSize = cellSize;
    const double w = g.width(), step = g.rowStep();
    // One hexagon of margin on every side: the lattice's ragged border (half hexagons at the row
    // ends, vertex notches at the top and bottom) then lies outside the envelope.
    g.left = std::floor(xmin / w) * w - w;
    g.top = std::ceil(ymax / (2 * step)) * (2 * step) + 2 * step;
    g.cols = static_cast<std::size_t>(std::ceil((xmax - g.left) / w)) + 1;
    g.rows = static_cast<std::size_t>(std::ceil((g.top - ymin) / step)) + 1;
    return g;
}

void validateHexGrid(const HexGridSpec& grid)
{
    if (grid.cols == 0 || grid.rows == 0) throw InputError("hexagon grid: no cells");
    if (!(grid.cellSize > 0.0) || !std::isfinite(grid.cellSize)) throw InputError("hexagon grid: cell size must be positive");
}

}  // namespace riskmap::core::stats
