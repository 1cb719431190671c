// SPDX-License-Identifier: GPL-3.0-or-later
// The features of a set that a query looks for (those passing an indicator's filters), indexed on their own.
#pragma once

#include "riskmap/gis/feature_set.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace riskmap::gis {

namespace detail {
struct MaskedTargetsData;
}

/// The features of `set` flagged in `mask` (all when it is empty), made ready for many
/// SpatialQuery::nearestDistance and countWithin calls: an R-tree over these features only, so that a
/// query never wades through the others (at scale M, dwellings among all buildings: a quarter off the
/// distance indicator; risky-sector establishments among all: two thirds off their count). Immutable once built: share it between threads. `set` must outlive it.
class MaskedTargets {
public:
    /// With `outlines`, the polygon and line targets' outlines are kept as plain arrays too (for
    /// nearestDistance: distances between outlines without asking GEOS for the target's coordinates).
    MaskedTargets(const FeatureSet& set, const std::vector<std::uint8_t>& mask, bool outlines = false);
    ~MaskedTargets();
    MaskedTargets(MaskedTargets&&) noexcept;
    MaskedTargets& operator=(MaskedTargets&&) noexcept;

    const FeatureSet& set() const { return *m_set; }
    /// Number of features indexed (those in the mask with a geometry).
    std::size_t size() const;
    const detail::MaskedTargetsData& data() const { return *m_data; }

private:
    const FeatureSet* m_set;
    std::unique_ptr<detail::MaskedTargetsData> m_data;
};

}  // namespace riskmap::gis
