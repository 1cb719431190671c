// SPDX-License-Identifier: GPL-3.0-or-later
// Building the banded, x-sorted point index used for fast distance counts.
#include "riskmap/gis/point_grid.hpp"

#include "riskmap/core/error.hpp"

#include <tbb/parallel_sort.h>

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
    // Band first, then x: each band is one sorted run. Plain records sorted in parallel (at scale M,
    // sorting indices through the set's envelopes was a tenth of the engine's preparation).
    struct Entry {
        std::uint32_t band;
        double x, y;
        std::uint32_t feature;
        bool operator<(const Entry& o) const
        {
            if (band != o.band) return band < o.band;
            return x != o.x ? x < o.x : feature < o.feature;
        }
    };
    std::vector<Entry> entries(picked.size());
    for (std::size_t k = 0; k < picked.size(); ++k) {
        const Box b = set.envelope(picked[k]);
        entries[k] = {static_cast<std::uint32_t>(bandOfY(b.ymin)), b.xmin, b.ymin, picked[k]};
    }
    tbb::parallel_sort(entries.begin(), entries.end());
    m_start.assign(bands + 1, 0);
    m_x.reserve(entries.size());
    m_y.reserve(entries.size());
    m_feature.reserve(entries.size());
    for (const Entry& e : entries) {
        m_x.push_back(e.x);
        m_y.push_back(e.y);
        m_feature.push_back(e.feature);
        ++m_start[e.band + 1];
    }
    std::partial_sum(m_start.begin(), m_start.end(), m_start.begin());
    if (m_x.empty()) return;
    const auto [xmin, xmax] = std::minmax_element(m_x.begin(), m_x.end());
    m_density = static_cast<double>(m_x.size()) / ((*xmax - *xmin + band) * (ymax - ymin + band));
    buildBuckets(*xmin, *xmax);
}

void PointGrid::buildBuckets(double xmin, double xmax)
{
    const double buckets = std::floor((xmax - xmin) / m_band) + 1;
    // A few bytes per bucket; beyond this (a very wide area with a short distance) binary search it is.
    constexpr double kMaxEntries = 32e6;
    if (!(buckets * static_cast<double>(bandCount() + 1) < kMaxEntries)) return;
    m_x0 = xmin;
    m_perBucket = 1.0 / m_band;
    m_buckets = static_cast<std::size_t>(buckets);
    m_bucketStart.resize(bandCount() * (m_buckets + 1));
    for (std::size_t b = 0; b < bandCount(); ++b) {
        std::uint32_t* starts = m_bucketStart.data() + b * (m_buckets + 1);
        std::size_t pos = m_start[b];
        for (std::size_t k = 0; k < m_buckets; ++k) {
            const double left = m_x0 + static_cast<double>(static_cast<std::int64_t>(k)) * m_band;  // as narrow()
            while (pos < m_start[b + 1] && m_x[pos] < left) ++pos;
            starts[k] = static_cast<std::uint32_t>(pos);
        }
        starts[m_buckets] = static_cast<std::uint32_t>(m_start[b + 1]);
    }
}

std::size_t PointGrid::bandOf(double y) const
{
    if (y <= m_y0) return 0;
    const double b = (y - m_y0) / m_band;
    return std::min(bandCount() - 1, static_cast<std::size_t>(std::min(b, 1e18)));
}

std::pair<std::size_t, std::size_t> PointGrid::narrow(std::size_t band, std::size_t first, std::size_t last,
                                                      double x) const
{
    if (m_bucketStart.empty() || first >= last || std::isnan(x)) return {first, last};
    // The bucket k with left(k) <= x < left(k + 1), the edges computed exactly as when building (the
    // division may round across an edge: the loops settle it). Every x before bucket k's start is below
    // left(k), every x from bucket k + 1's start on is at or beyond left(k + 1): both searches end within
    // the bucket or at its ends. Bucket 0 starts at the band's first point, the last ends at its end.
    // Truncation is the floor for q >= 0, and signed conversions are single instructions: this runs
    // twice per band of every query (std::floor and unsigned conversions compiled to branches here).
    const double q = (x - m_x0) * m_perBucket;
    const auto buckets = static_cast<std::int64_t>(m_buckets);
    std::int64_t k = q > 0 ? static_cast<std::int64_t>(std::min(q, static_cast<double>(buckets - 1))) : 0;
    auto left = [&](std::int64_t j) { return m_x0 + static_cast<double>(j) * m_band; };
    while (k > 0 && left(k) > x) --k;
    while (k + 1 < buckets && left(k + 1) <= x) ++k;
    const std::uint32_t* starts = m_bucketStart.data() + band * (m_buckets + 1) + static_cast<std::size_t>(k);
    const std::size_t lo = std::clamp<std::size_t>(starts[0], first, last);
    const std::size_t hi = std::clamp<std::size_t>(starts[1], lo, last);
    return {lo, hi};
}

std::pair<std::size_t, std::size_t> PointGrid::bucketRange(std::size_t band, double xl, double xr) const
{
    const std::size_t first = bandBegin(band), last = bandEnd(band);
    if (m_bucketStart.empty() || !(xl <= xr)) return {first, last};
    const std::size_t lo = narrow(band, first, last, xl).first;
    return {lo, std::max(lo, narrow(band, first, last, xr).second)};
}

std::size_t PointGrid::upperX(std::size_t band, std::size_t first, std::size_t last, double x) const
{
    const auto [lo, hi] = narrow(band, first, last, x);
    return static_cast<std::size_t>(std::upper_bound(m_x.begin() + lo, m_x.begin() + hi, x) - m_x.begin());
}

}  // namespace riskmap::gis
