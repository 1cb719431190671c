// SPDX-License-Identifier: GPL-3.0-or-later
// Per-thread spatial queries of one subject feature (prepared) against feature sets: counts, distances, overlap.
#pragma once

#include "riskmap/gis/feature_set.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace riskmap::gis {

class MaskedTargets;
class PointGrid;

/// Which features of a set take part in a query: one flag per feature; an empty mask means all.
using FeatureMask = std::vector<std::uint8_t>;

/// Holds its own GEOS context: make one per thread (e.g. in a tbb::enumerable_thread_specific)
/// and never share it. The feature sets it queries are only read.
class SpatialQuery {
public:
    SpatialQuery();
    ~SpatialQuery();
    SpatialQuery(const SpatialQuery&) = delete;
    SpatialQuery& operator=(const SpatialQuery&) = delete;

    /// Makes feature `index` of `set` the subject of the following queries and prepares it.
    /// Returns false when that feature has no geometry (queries then give nothing).
    bool setSubject(const FeatureSet& set, std::size_t index);
    /// Area of the subject in m².
    double subjectArea() const;

    /// Features of `targets` (in the mask) whose distance to the subject is at most `distance`
    /// (0 inside or touching), in ascending index order. Throws GeosError.
    std::vector<std::size_t> within(const FeatureSet& targets, double distance, const FeatureMask& mask = {});
    /// The number of features within(targets, distance, mask) would return, without listing them.
    std::size_t countWithin(const FeatureSet& targets, double distance, const FeatureMask& mask = {});
    /// countWithin(grid.set(), distance, mask the grid was built with), answered from the grid: the same
    /// count, with most points inside the distance counted in bulk instead of one by one.
    std::size_t countWithin(const PointGrid& grid, double distance);
    /// countWithin(targets.set(), distance, mask the targets were built with), answered from their own
    /// index: the same count without wading through the features left out.
    std::size_t countWithin(const MaskedTargets& targets, double distance);
    /// Exact distance from the subject to the nearest feature (in the mask); with `excludeIntersecting`,
    /// features that intersect the subject are skipped (the nearest *other* one). Nullopt when there is
    /// none; with `cap`, the search stops there and returns `cap` when nothing is nearer.
    std::optional<double> nearestDistance(const FeatureSet& targets, const FeatureMask& mask = {},
                                          bool excludeIntersecting = false, std::optional<double> cap = std::nullopt);
    /// nearestDistance(targets.set(), mask the targets were built with, ...), answered from their own
    /// index and outlines: the same distance, faster when many subjects ask.
    std::optional<double> nearestDistance(const MaskedTargets& targets, bool excludeIntersecting = false,
                                          std::optional<double> cap = std::nullopt);
    /// Area of the subject's overlap with a union, in m².
    double intersectionArea(const PolygonUnion& areas);
    /// Features of `targets` (in the mask) whose point on surface lies inside the subject (strictly,
    /// as ST_Contains). Requires targets.preparePointsOnSurface(). The unmasked answer is kept until the
    /// next setSubject, so asking again with another mask (several indicators over one layer) is cheap;
    /// `targets` must stay alive and unchanged meanwhile.
    std::vector<std::size_t> pointsOnSurfaceInSubject(const FeatureSet& targets, const FeatureMask& mask = {});
    /// pointsOnSurfaceInSubject(targets) without a mask and without a copy: valid until the next query
    /// or setSubject (per-parcel loops filter it themselves instead of allocating a list each time).
    const std::vector<std::size_t>& allPointsOnSurfaceInSubject(const FeatureSet& targets);
    /// Features of `targets` (points, in the mask) contained in the subject (as ST_Contains).
    std::vector<std::size_t> containedInSubject(const FeatureSet& targets, const FeatureMask& mask = {});
    /// Features of `polygons` (in the mask) that contain the subject's point on surface.
    std::vector<std::size_t> containingSubjectPointOnSurface(const FeatureSet& polygons, const FeatureMask& mask = {});
    /// The subject's point on surface (x, y).
    std::optional<std::pair<double, double>> subjectPointOnSurface();

    /// The query's state; defined inside gis (named here so that the query files there can share it).
    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

}  // namespace riskmap::gis
