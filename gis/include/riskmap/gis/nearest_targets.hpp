// SPDX-License-Identifier: GPL-3.0-or-later
// The features of a set that nearest-distance queries look for, indexed on their own.
#pragma once

#include "riskmap/gis/feature_set.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace riskmap::gis {

namespace detail {
struct NearestTargetsData;
}

/// The features of `set` flagged in `mask` (all when it is empty), made ready for many
/// SpatialQuery::nearestDistance calls: an R-tree over these features only, so that a query never
/// wades through the others (at scale M, dwellings among all buildings: a quarter off the distance
/// indicator). Immutable once built: share it between threads. `set` must outlive it.
class NearestTargets {
public:
    NearestTargets(const FeatureSet& set, const std::vector<std::uint8_t>& mask);
    ~NearestTargets();
    NearestTargets(NearestTargets&&) noexcept;
    NearestTargets& operator=(NearestTargets&&) noexcept;

    const FeatureSet& set() const { return *m_set; }
    /// Number of features indexed (those in the mask with a geometry).
    std::size_t size() const;
    const detail::NearestTargetsData& data() const { return *m_data; }

private:
    const FeatureSet* m_set;
    std::unique_ptr<detail::NearestTargetsData> m_data;
};

}  // namespace riskmap::gis
