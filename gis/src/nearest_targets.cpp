// SPDX-License-Identifier: GPL-3.0-or-later
// Building the R-tree of nearest-distance targets.
#include "riskmap/gis/nearest_targets.hpp"

#include "nearest_targets_data.hpp"

namespace riskmap::gis {

NearestTargets::NearestTargets(const FeatureSet& set, const std::vector<std::uint8_t>& mask)
    : m_set(&set), m_data(std::make_unique<detail::NearestTargetsData>())
{
    const auto& d = set.data();
    auto& out = *m_data;
    const std::size_t n = d.geoms.size();
    auto indexed = [&](std::size_t i) { return d.geoms[i] && (mask.empty() || mask[i]); };
    std::vector<detail::BoxEntry> entries;
    for (std::size_t i = 0; i < n; ++i)
        if (indexed(i)) entries.emplace_back(detail::toBgBox(d.boxes[i]), i);
    out.count = entries.size();
    // The packing constructor: deterministic and better balanced than inserting one by one.
    out.tree = detail::BoxTree(entries.begin(), entries.end());
}

NearestTargets::~NearestTargets() = default;
NearestTargets::NearestTargets(NearestTargets&&) noexcept = default;
NearestTargets& NearestTargets::operator=(NearestTargets&&) noexcept = default;
std::size_t NearestTargets::size() const { return m_data->count; }

}  // namespace riskmap::gis
