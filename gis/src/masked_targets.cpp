// SPDX-License-Identifier: GPL-3.0-or-later
// Building the R-tree of nearest-distance targets.
#include "riskmap/gis/masked_targets.hpp"

#include "masked_targets_data.hpp"

namespace riskmap::gis {

MaskedTargets::MaskedTargets(const FeatureSet& set, const std::vector<std::uint8_t>& mask)
    : m_set(&set), m_data(std::make_unique<detail::MaskedTargetsData>())
{
    const auto& d = set.data();
    std::vector<detail::BoxEntry> entries;
    for (std::size_t i = 0; i < d.geoms.size(); ++i)
        if (d.geoms[i] && (mask.empty() || mask[i])) entries.emplace_back(detail::toBgBox(d.boxes[i]), i);
    // The packing constructor: deterministic and better balanced than inserting one by one.
    m_data->tree = detail::BoxTree(entries.begin(), entries.end());
}

MaskedTargets::~MaskedTargets() = default;
MaskedTargets::MaskedTargets(MaskedTargets&&) noexcept = default;
MaskedTargets& MaskedTargets::operator=(MaskedTargets&&) noexcept = default;
std::size_t MaskedTargets::size() const { return m_data->tree.size(); }

}  // namespace riskmap::gis
