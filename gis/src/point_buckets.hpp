// SPDX-License-Identifier: GPL-3.0-or-later
// Points in a uniform grid of square cells, for "which points lie in this box" (private to gis).
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace riskmap::gis::detail {

/// The points (x[i], y[i]) where has[i] is set, by cell of a uniform grid (a counting sort: building
/// costs a pass over the points, where packing an R-tree over hundreds of thousands of points cost a
/// tenth of a second at scale M). Immutable once built: share it.
class PointBuckets {
public:
    PointBuckets() = default;
    PointBuckets(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::uint8_t>& has);

    std::size_t size() const { return m_items.size(); }
    bool empty() const { return m_items.empty(); }
    /// The points' envelope (all zero without points).
    Box bounds() const { return m_bounds; }

    /// Calls f(i) for every point i inside `box` (its edges included), cell by cell: not in index order.
    template <typename F>
    void forEachIn(const Box& box, F&& f) const
    {
        if (m_items.empty() || !(box.xmin <= box.xmax && box.ymin <= box.ymax)) return;
        const std::size_t c0 = column(box.xmin), c1 = column(box.xmax), r0 = row(box.ymin), r1 = row(box.ymax);
        for (std::size_t r = r0; r <= r1; ++r) {
            const std::size_t first = m_start[r * m_columns + c0], last = m_start[r * m_columns + c1 + 1];
            for (std::size_t k = first; k < last; ++k) {
                const std::uint32_t i = m_items[k];
                const double px = m_x[k], py = m_y[k];
                if (px >= box.xmin && px <= box.xmax && py >= box.ymin && py <= box.ymax) f(static_cast<std::size_t>(i));
            }
        }
    }

private:
    std::size_t column(double x) const;
    std::size_t row(double y) const;
    Box m_bounds;
    double m_x0 = 0, m_y0 = 0, m_perCell = 1;
    std::size_t m_columns = 0, m_rows = 0;
    std::vector<std::uint32_t> m_start;  ///< cell c (row-major) holds entries [m_start[c], m_start[c + 1])
    std::vector<std::uint32_t> m_items;  ///< point indices, by cell
    std::vector<double> m_x, m_y;        ///< their coordinates, by cell (no look-up elsewhere per point)
};

}  // namespace riskmap::gis::detail
