// SPDX-License-Identifier: GPL-3.0-or-later
// The inside of MaskedTargets (private to gis).
#pragma once

#include "feature_set_data.hpp"
#include "point_buckets.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace riskmap::gis::detail {

struct MaskedTargetsData {
    /// Envelopes of the indexed features; an entry's second is the feature's index in the set. Empty
    /// when every target is a point: those are in `points` instead.
    BoxTree tree;
    /// Point targets (establishments, incidents, driveways) by grid cell: a query box looks at a few
    /// cells instead of walking down an R-tree (most such queries find a handful or none).
    bool pointsOnly = false;
    PointBuckets points;

    /// With outlines: each polygon or line target's outline (SubjectOutline::read of its geometry), stored
    /// flat, so that nearest-distance queries copy it instead of asking GEOS for it again and again.
    struct Outline {
        std::size_t xy = 0;        ///< first value in xy
        std::uint32_t ends = 0;    ///< first part end in ends
        std::uint32_t parts = 0;
        bool areal = false, linear = false;
    };
    static constexpr std::uint32_t kNoOutline = 0xffffffffu;
    std::vector<std::uint32_t> outlineOf;  ///< per feature of the set: its outline, or kNoOutline (empty: none stored)
    std::vector<Outline> outlines;
    std::vector<double> xy;
    std::vector<std::uint32_t> ends;  ///< part ends relative to the outline's first value
};

}  // namespace riskmap::gis::detail
