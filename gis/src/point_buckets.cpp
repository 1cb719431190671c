// SPDX-License-Identifier: GPL-3.0-or-later
// Building the uniform grid of points (a counting sort by cell).
#include "point_buckets.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace riskmap::gis::detail {

PointBuckets::PointBuckets(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::uint8_t>& has)
{
    if (x.size() > std::numeric_limits<std::uint32_t>::max()) throw Error("interne fout: te veel punten voor het raster");
    double xmin = std::numeric_limits<double>::infinity(), ymin = xmin, xmax = -xmin, ymax = -xmin;
    std::size_t count = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!has[i]) continue;
        xmin = std::min(xmin, x[i]);
        xmax = std::max(xmax, x[i]);
        ymin = std::min(ymin, y[i]);
        ymax = std::max(ymax, y[i]);
        ++count;
    }
    if (count == 0) return;
    m_bounds = {xmin, ymin, xmax, ymax};
    // About two points per cell on average: a box of a parcel's size looks at a handful of cells.
    const double width = xmax - xmin, height = ymax - ymin;
    double cell = std::sqrt(std::max(width * height, 1.0) * 2.0 / static_cast<double>(count));
    cell = std::max({cell, width / 65536.0, height / 65536.0, 1e-9});
    m_x0 = xmin;
    m_y0 = ymin;
    m_perCell = 1.0 / cell;
    m_columns = static_cast<std::size_t>(width * m_perCell) + 1;
    m_rows = static_cast<std::size_t>(height * m_perCell) + 1;
    // Counting sort: cell sizes, their starts, then each point in index order into its cell.
    m_start.assign(m_columns * m_rows + 1, 0);
    for (std::size_t i = 0; i < x.size(); ++i)
        if (has[i]) ++m_start[row(y[i]) * m_columns + column(x[i]) + 1];
    for (std::size_t c = 1; c < m_start.size(); ++c) m_start[c] += m_start[c - 1];
    std::vector<std::uint32_t> next(m_start.begin(), m_start.end() - 1);
    m_items.resize(count);
    m_x.resize(count);
    m_y.resize(count);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!has[i]) continue;
        const std::uint32_t at = next[row(y[i]) * m_columns + column(x[i])]++;
        m_items[at] = static_cast<std::uint32_t>(i);
        m_x[at] = x[i];
        m_y[at] = y[i];
    }
}

std::size_t PointBuckets::column(double x) const
{
    const double c = std::floor((x - m_x0) * m_perCell);
    return static_cast<std::size_t>(std::clamp(c, 0.0, static_cast<double>(m_columns - 1)));
}

std::size_t PointBuckets::row(double y) const
{
    const double r = std::floor((y - m_y0) * m_perCell);
    return static_cast<std::size_t>(std::clamp(r, 0.0, static_cast<double>(m_rows - 1)));
}

}  // namespace riskmap::gis::detail
