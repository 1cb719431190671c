// SPDX-License-Identifier: GPL-3.0-or-later
// SpatialQuery::nearestDistance: the nearest target's exact distance, found in rounds of growing radius.
#include "spatial_query_impl.hpp"

#include "riskmap/gis/masked_targets.hpp"

namespace riskmap::gis {
namespace {

/// nearest: the previous subject's answer sets the first radius when it lay this near (m, in x plus y).
constexpr double kNeighbourWithin = 250.0;

/// nearest: up to this many candidates in a round are picked by scanning for the least (a heap beyond).
constexpr std::size_t kScanCandidatesUpTo = 32;

}  // namespace

template <typename Index, typename Take>
std::optional<double> SpatialQuery::Impl::nearest(const detail::FeatureSetData& d, const Index& tree,
                                                  Take&& take, bool excludeIntersecting, std::optional<double> cap,
                                                  const detail::MaskedTargetsData* stored)
{
    if (!subject) return std::nullopt;
    double best = std::numeric_limits<double>::infinity();
    const double limit = cap ? *cap : std::numeric_limits<double>::infinity();
    if (tree.empty()) return cap ? std::optional<double>(*cap) : std::nullopt;
    const detail::SubjectOutline* plain = plainOutline();
    // Search boxes of growing radius r. Every feature nearer than r has its envelope within r of the
    // subject's envelope, so once the best exact distance is ≤ r no unseen feature can beat it.
    // Round k looks only at envelopes at a distance in (previous r, r]; within a round, candidates
    // go nearest envelope first and stop once the envelope distance reaches the best exact distance.
    const Box all = boundsOf(tree);
    const double span = boxDistance(box, all) + std::hypot(all.xmax - all.xmin, all.ymax - all.ymin) +
                        std::hypot(box.xmax - box.xmin, box.ymax - box.ymin);
    // Squared envelope distances throughout: a square root only for the few candidates looked at.
    double previous2 = -1.0;
    // The first radius: 24 m, or a quarter of the targets' mean spacing over their envelope when that is
    // more (a few dozen targets over a municipality are then found in one or two rounds instead of ten;
    // clustered targets such as dwellings keep 24 m). The answer is the same for any radii.
    const double extent = (all.xmax - all.xmin) * (all.ymax - all.ymin);
    const double spacing = std::sqrt(extent / static_cast<double>(tree.size()));
    double first = std::max(24.0, std::isfinite(spacing) ? spacing / 4 : 0.0);
    // A thread mostly takes neighbouring parcels one after the other: where the previous subject lay
    // near this one, its answer for these targets, a little more, is a good first radius, found in one
    // round where doubling from the start took three or four for parcels far from any target. (From a
    // subject farther away, as in a file in no spatial order, it could only make the first round large.)
    LastAnswer& previous = lastAnswer(&tree);
    const double cx = 0.5 * (box.xmin + box.xmax), cy = 0.5 * (box.ymin + box.ymax);
    if (std::isfinite(previous.best) && std::abs(cx - previous.x) + std::abs(cy - previous.y) <= kNeighbourWithin)
        first = std::max(first, previous.best * 1.25);
    for (double r = first;; r *= 2.0) {
        const double radius = std::min({r, limit, span});
        const double radius2 = radius * radius;
        ranked.clear();
        // Straight from the index (no candidate list).
        queryBoxes(tree, expand(box, radius), [&](std::size_t i) {
            if (!take(i)) return;
            const double bd2 = boxDistance2(box, d.boxes[i]);
            if (bd2 <= previous2 || bd2 > radius2) return;  // done in an earlier round, or left for a later one
            ranked.emplace_back(bd2, i);
        });
        // Nearest envelope first: only the few below the best distance are ever taken, so sorting all
        // of them would be wasted. A few dozen (the usual round) are scanned for the least each time, a
        // scan without a branch to mispredict; more go through a heap. (The answer is the least exact
        // distance of all candidates nearer than it, whatever order they are measured in.)
        // Returns false once no candidate left can be nearer than the best.
        auto measure = [&](double bd2, std::size_t i) {
            if (bd2 >= best * best) return false;
            // A feature whose point on surface lies inside the subject meets it: known without its outline
            // when those points were looked up for this subject already (the parcel's own buildings).
            if (bd2 == 0 && posInsideOf == &d && std::binary_search(posInside.begin(), posInside.end(), i)) {
                if (excludeIntersecting) return true;
                best = 0.0;
                return false;
            }
            nearestCandidate(d, i, std::sqrt(bd2), excludeIntersecting, plain, plain ? readTarget(d, i, stored) : nullptr, best);
            return true;
        };
        if (ranked.size() <= kScanCandidatesUpTo) {
            for (std::size_t next = 0; next < ranked.size(); ++next) {
                std::size_t least = next;
                for (std::size_t j = next + 1; j < ranked.size(); ++j) least = ranked[j].first < ranked[least].first ? j : least;
                std::swap(ranked[next], ranked[least]);
                if (!measure(ranked[next].first, ranked[next].second)) break;
            }
        } else {
            auto farther = [](const auto& a, const auto& b) { return a > b; };
            std::make_heap(ranked.begin(), ranked.end(), farther);
            for (auto end = ranked.end(); end != ranked.begin(); --end) {
                std::pop_heap(ranked.begin(), end, farther);
                if (!measure((end - 1)->first, (end - 1)->second)) break;
            }
        }
        if (best <= radius || radius >= limit || radius >= span) break;
        previous2 = radius2;
    }
    previous.best = best;
    previous.x = cx;
    previous.y = cy;
    if (cap) return std::min(best, *cap);
    if (std::isinf(best)) return std::nullopt;
    return best;
}

std::optional<double> SpatialQuery::nearestDistance(const FeatureSet& targets, const FeatureMask& mask,
                                                     bool excludeIntersecting, std::optional<double> cap)
{
    const auto& d = targets.data();
    return m_impl->nearest(d, d.tree, [&](std::size_t i) { return inMask(mask, i); }, excludeIntersecting, cap);
}

std::optional<double> SpatialQuery::nearestDistance(const MaskedTargets& targets, bool excludeIntersecting,
                                                     std::optional<double> cap)
{
    const auto& t = targets.data();
    auto all = [](std::size_t) { return true; };
    if (t.pointsOnly) return m_impl->nearest(targets.set().data(), t.points, all, excludeIntersecting, cap, &t);
    return m_impl->nearest(targets.set().data(), t.tree, all, excludeIntersecting, cap, &t);
}

}  // namespace riskmap::gis
