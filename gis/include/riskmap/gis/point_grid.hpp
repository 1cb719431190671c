// SPDX-License-Identifier: GPL-3.0-or-later
// Point features bucketed in horizontal bands, sorted by x, for counting those within a distance fast.
#pragma once

#include "riskmap/gis/feature_set.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace riskmap::gis {

/// The point features of a set (those flagged in the mask; all when it is empty), in bands of height
/// `band` metres, each band sorted by x. SpatialQuery::countWithin(grid, d) counts the points of a band
/// run that lie surely within d of the subject with two binary searches instead of testing each one,
/// and tests only the points near the edge of the distance exactly. Immutable once built: share it.
class PointGrid {
public:
    /// Builds the bands; usable() is false when a feature in the mask is not a single location
    /// (a line, a polygon), and the grid must not be used then.
    PointGrid(const FeatureSet& set, const std::vector<std::uint8_t>& mask, double band);
    bool usable() const { return m_usable; }
    const FeatureSet& set() const { return *m_set; }
    std::size_t size() const { return m_x.size(); }
    /// Points per m² over the points' envelope (0 without points): how many a query area may hold.
    double pointsPerSquareMetre() const { return m_density; }

    /// Band of a y coordinate (clamped to the bands there are).
    std::size_t bandOf(double y) const;
    std::size_t bandCount() const { return m_start.empty() ? 0 : m_start.size() - 1; }
    double bandBottom(std::size_t b) const { return m_y0 + static_cast<double>(b) * m_band; }
    double bandHeight() const { return m_band; }
    /// Positions [first, last) of band b's points in the sorted arrays.
    std::size_t bandBegin(std::size_t b) const { return m_start[b]; }
    std::size_t bandEnd(std::size_t b) const { return m_start[b + 1]; }
    /// The first position in [first, last) (a part of band b's run) whose x is > x; last when there is
    /// none. Square buckets narrow the binary search to a few points.
    std::size_t upperX(std::size_t band, std::size_t first, std::size_t last, double x) const;
    /// Positions [first, last) of band b's points in the buckets holding xl to xr: every point with x in
    /// [xl, xr] and a few beside them, found without a search (the whole band without buckets).
    std::pair<std::size_t, std::size_t> bucketRange(std::size_t band, double xl, double xr) const;
    double x(std::size_t pos) const { return m_x[pos]; }
    /// All x (and y) by position: for loops the compiler should keep in registers.
    const double* xs() const { return m_x.data(); }
    const double* ys() const { return m_y.data(); }
    double y(std::size_t pos) const { return m_y[pos]; }
    std::size_t feature(std::size_t pos) const { return m_feature[pos]; }

private:
    const FeatureSet* m_set;
    bool m_usable = true;
    double m_y0 = 0, m_band = 1;
    std::vector<std::size_t> m_start;  ///< band b holds positions [m_start[b], m_start[b + 1])
    std::vector<double> m_x, m_y;
    std::vector<std::uint32_t> m_feature;
    /// Per band, m_buckets + 1 positions: entry k is the band's first position with x >= m_x0 + k * m_band
    /// (the last is the band's end). Empty when the grid would be too large: plain binary search then.
    std::vector<std::uint32_t> m_bucketStart;
    std::size_t m_buckets = 0;
    double m_x0 = 0;
    double m_perBucket = 1;
    double m_density = 0;  ///< 1 / bucket width: a multiplication per look-up instead of a division

    /// Fills m_bucketStart for points whose x lies in [xmin, xmax].
    void buildBuckets(double xmin, double xmax);
    /// [first, last) narrowed to the bucket of x in band b (the answer lies inside or at its ends).
    std::pair<std::size_t, std::size_t> narrow(std::size_t band, std::size_t first, std::size_t last, double x) const;
};

}  // namespace riskmap::gis
