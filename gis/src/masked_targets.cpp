// SPDX-License-Identifier: GPL-3.0-or-later
// Building the R-tree (and the stored outlines) of a filtered layer's targets.
#include "riskmap/gis/masked_targets.hpp"

#include "masked_targets_data.hpp"
#include "subject_outline.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>

namespace riskmap::gis {

namespace {

/// Stores the outline of every polygon and line target (see MaskedTargetsData::outlines).
void storeOutlines(const detail::FeatureSetData& d, const std::vector<detail::BoxEntry>& entries,
                   detail::MaskedTargetsData& out)
{
    if (d.geoms.size() >= detail::MaskedTargetsData::kNoOutline) return;  // none stored: GEOS answers
    // Read in parallel, block by block (each worker with its own GEOS context and scratch outline), then
    // laid end to end in feature order.
    struct Block {
        std::vector<std::size_t> features;
        std::vector<detail::MaskedTargetsData::Outline> outlines;
        std::vector<double> xy;
        std::vector<std::uint32_t> ends;
    };
    constexpr std::size_t kBlock = 4096;
    std::vector<Block> blocks((entries.size() + kBlock - 1) / kBlock);
    tbb::enumerable_thread_specific<GeosContext> contexts;
    tbb::enumerable_thread_specific<detail::SubjectOutline> scratch;
    tbb::parallel_for(std::size_t(0), blocks.size(), [&](std::size_t b) {
        const GEOSContextHandle_t h = contexts.local().handle();
        detail::SubjectOutline& outline = scratch.local();
        Block& block = blocks[b];
        for (std::size_t k = b * kBlock; k < std::min(entries.size(), (b + 1) * kBlock); ++k) {
            const std::size_t i = entries[k].second;
            const Box& box = d.boxes[i];
            if (box.xmin == box.xmax && box.ymin == box.ymax) continue;  // points are measured without an outline
            if (!outline.read(h, d.geoms[i])) continue;
            detail::MaskedTargetsData::Outline o;
            o.xy = block.xy.size();
            o.ends = static_cast<std::uint32_t>(block.ends.size());
            o.parts = static_cast<std::uint32_t>(outline.partEnds().size());
            o.areal = outline.areal();
            o.linear = outline.linear();
            block.xy.insert(block.xy.end(), outline.vertices().begin(), outline.vertices().end());
            for (std::size_t e : outline.partEnds()) block.ends.push_back(static_cast<std::uint32_t>(e));
            block.features.push_back(i);
            block.outlines.push_back(o);
        }
    });
    out.outlineOf.assign(d.geoms.size(), detail::MaskedTargetsData::kNoOutline);
    for (const Block& block : blocks) {
        const std::size_t xyBase = out.xy.size();
        const auto endsBase = static_cast<std::uint32_t>(out.ends.size());
        out.xy.insert(out.xy.end(), block.xy.begin(), block.xy.end());
        out.ends.insert(out.ends.end(), block.ends.begin(), block.ends.end());
        for (std::size_t k = 0; k < block.features.size(); ++k) {
            auto o = block.outlines[k];
            o.xy += xyBase;
            o.ends += endsBase;
            out.outlineOf[block.features[k]] = static_cast<std::uint32_t>(out.outlines.size());
            out.outlines.push_back(o);
        }
    }
}

}  // namespace

MaskedTargets::MaskedTargets(const FeatureSet& set, const std::vector<std::uint8_t>& mask, bool outlines)
    : m_set(&set), m_data(std::make_unique<detail::MaskedTargetsData>())
{
    const auto& d = set.data();
    std::vector<detail::BoxEntry> entries;
    bool pointsOnly = true;
    for (std::size_t i = 0; i < d.geoms.size(); ++i) {
        if (!d.geoms[i] || !(mask.empty() || mask[i])) continue;
        const Box& b = d.boxes[i];
        pointsOnly = pointsOnly && b.xmin == b.xmax && b.ymin == b.ymax;
        entries.emplace_back(detail::toBgBox(b), i);
    }
    if (pointsOnly && !entries.empty()) {
        // Points only: their grid instead of an R-tree (nothing to store as outlines either).
        std::vector<double> x(d.geoms.size()), y(d.geoms.size());
        std::vector<std::uint8_t> has(d.geoms.size(), 0);
        for (const auto& [box, i] : entries) {
            x[i] = box.min_corner().get<0>();
            y[i] = box.min_corner().get<1>();
            has[i] = 1;
        }
        m_data->pointsOnly = true;
        m_data->points = detail::PointBuckets(x, y, has);
        return;
    }
    // The packing constructor: deterministic and better balanced than inserting one by one.
    m_data->tree = detail::BoxTree(entries.begin(), entries.end());
    if (outlines) storeOutlines(d, entries, *m_data);
}

MaskedTargets::~MaskedTargets() = default;
MaskedTargets::MaskedTargets(MaskedTargets&&) noexcept = default;
MaskedTargets& MaskedTargets::operator=(MaskedTargets&&) noexcept = default;
std::size_t MaskedTargets::size() const { return m_data->pointsOnly ? m_data->points.size() : m_data->tree.size(); }

}  // namespace riskmap::gis
