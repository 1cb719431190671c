// SPDX-License-Identifier: GPL-3.0-or-later
// Building the banded, x-sorted point index used for fast distance counts.
#include "riskmap/gis/point_grid.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace riskmap::gis {

PointGrid::PointGrid(const FeatureSet& set, const std::vector<std::uint8_t>& mask, double band) : m_set(&set)
{
    if (!(band > 0)) throw Error("interne fout: bandhoogte moet positief zijn");
    if (set.size() > std::numeric_limits<std::uint32_t>::max()) {
        m_usable = false;
        return;
    }
    std::vector<std::uint32_t> picked;
    double ymin = std::numeric_limits<double>::infinity(), ymax = -ymin;
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (!mask.empty() && !mask[i]) continue;
        if (!set.hasGeometry(i)) continue;  // never matches a query
        const Box b = set.envelope(i);
        if (b.xmin != b.xmax || b.ymin != b.ymax) {
            m_usable = false;
            return;
        }
        picked.push_back(static_cast<std::uint32_t>(i));
        ymin = std::min(ymin, b.ymin);
        ymax = std::max(ymax, b.ymax);
    }
    m_band = band;
    m_y0 = picked.empty() ? 0.0 : ymin;
    const std::size_t bands = picked.empty() ? 1 : static_cast<std::size_t>((ymax - ymin) / band) + 1;
    auto bandOfY = [&](double y) { return std::min(bands - 1, static_cast<std::size_t>((y - m_y0) / band)); };
    // Band first, then x: each band is one sorted run.
    std::vector<std::size_t> bandOfPoint(picked.size());
    for (std::size_t k = 0; k < picked.size(); ++k) bandOfPoint[k] = bandOfY(set.envelope(picked[k]).ymin);
    std::vector<std::size_t> order(picked.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (bandOfPoint[a] != bandOfPoint[b]) return bandOfPoint[a] < bandOfPoint[b];
        const double xa = set.envelope(picked[a]).xmin, xb = set.envelope(picked[b]).xmin;
        return xa != xb ? xa < xb : picked[a] < picked[b];
    });
    m_start.assign(bands + 1, 0);
    m_x.reserve(order.size());
    m_y.reserve(order.size());
    m_feature.reserve(order.size());
    for (std::size_t k : order) {
        const Box b = set.envelope(picked[k]);
        m_x.push_back(b.xmin);
        m_y.push_back(b.ymin);
        m_feature.push_back(picked[k]);
        ++m_start[bandOfPoint[k] + 1];
    }
    std::partial_sum(m_start.begin(), m_start.end(), m_start.begin());
}

std::size_t PointGrid::bandOf(double y) const
{
    if (y <= m_y0) return 0;
    const double b = (y - m_y0) / m_band;
    return std::min(bandCount() - 1, static_cast<std::size_t>(std::min(b, 1e18)));
}

std::size_t PointGrid::lowerX(std::size_t first, std::size_t last, double x) const
{
    return static_cast<std::size_t>(std::lower_bound(m_x.begin() + first, m_x.begin() + last, x) - m_x.begin());
}

std::size_t PointGrid::upperX(std::size_t first, std::size_t last, double x) const
{
    return static_cast<std::size_t>(std::upper_bound(m_x.begin() + first, m_x.begin() + last, x) - m_x.begin());
}

}  // namespace riskmap::gis
