// SPDX-License-Identifier: GPL-3.0-or-later
// SpatialQuery::countWithin over a PointGrid: the points within a distance of the subject, counted in
// bulk band by band where they surely lie within it, the rest tested one by one.
#include "spatial_query_impl.hpp"

#include "riskmap/gis/point_grid.hpp"

#include <cstdint>
#include <cstring>

namespace riskmap::gis {
namespace {

/// Above this many points within reach in a band, the subject's extreme vertices narrow the points to
/// test one by one (below it, their ranges cost more than the tests they save).
constexpr std::size_t kVerticesAbove = 64;

/// Up to this many points in the buckets of a band's reach, each is tested (no sure ranges are sought).
constexpr std::size_t kTestAllAtMost = 16;

/// Above this many points left to test one by one in a band after the extreme vertices, all vertices
/// are used to count more of them in bulk (below it, that costs more than it saves: measured at scale
/// M, 8 to 32 were slower, never refining a third slower).
constexpr std::size_t kRefineAbove = 64;

/// How far a point may lie from an envelope in x and y, without a branch (std::max compiled to jumps
/// that points on both sides mispredict).
inline double offset(double v, double lo, double hi) { return detail::maxOf(detail::maxOf(lo - v, v - hi), 0.0); }

/// One countWithin(grid) call: the subject's reach band by band. Points surely within (near enough to
/// the envelope or to a vertex for every y in the band) are counted by their positions in the band's
/// x-sorted run; the rest in reach are gathered and tested one by one at the end.
class GridCount {
public:
    GridCount(SpatialQuery::Impl& query, const PointGrid& points, double within)
        : m(query), grid(points), d(points.set().data()), outline(query.plainOutline()), b(query.box), distance(within),
          distance2(within * within), xs(points.xs()), ys(points.ys())
    {
        // Every point of the subject's envelope lies within `slack` of the subject: a subject in one
        // piece meets every vertical and horizontal line across its envelope, one in pieces at least
        // lies in it.
        const double w = b.xmax - b.xmin, h = b.ymax - b.ymin;
        const double slack = m.connected ? std::min(w, h) : std::sqrt(w * w + h * h);
        // A point at most `sure` from the envelope is within `distance` of the subject for certain; the
        // margin keeps rounding from ever accepting a point the exact test would refuse.
        sure = distance - slack - 1e-6 * std::max(1.0, distance);
        // A point this near a vertex (in both x and y) is within `distance`, rounding included.
        vertexSure = distance - 1e-6 * std::max(1.0, distance);
        // Farther than this from a box holding the subject is farther than `distance` from the subject
        // whatever rounding does (the margin is far above it).
        const double beyond = distance + 1e-6 * std::max(1.0, distance);
        beyond2 = beyond * beyond;
        extremes = outline ? &m.extremeVertices() : nullptr;
        // The extreme vertices padded to four (a repeated vertex changes no minimum; without any, NaN
        // accepts nothing): the test then runs the same branch-free steps for every point.
        std::fill(ex, ex + 4, std::numeric_limits<double>::quiet_NaN());
        std::fill(ey, ey + 4, std::numeric_limits<double>::quiet_NaN());
        if (extremes && !extremes->empty()) {
            for (std::size_t k = 0; k < 4; ++k) {
                const std::size_t at = 2 * k + 1 < extremes->size() ? 2 * k : 0;
                ex[k] = (*extremes)[at];
                ey[k] = (*extremes)[at + 1];
            }
        }
        m.pending.clear();
    }

    std::size_t run()
    {
        const std::size_t last = grid.bandOf(b.ymax + distance);
        for (std::size_t band = grid.bandOf(b.ymin - distance); band <= last; ++band) countBand(band);
        testPending();
        return n;
    }

private:
    SpatialQuery::Impl& m;
    const PointGrid& grid;
    const detail::FeatureSetData& d;
    const detail::SubjectOutline* outline;  ///< nullptr: GEOS decides each point (featureWithin)
    const Box& b;
    const double distance, distance2;
    const double* xs;
    const double* ys;
    double sure = 0, vertexSure = 0, beyond2 = 0;
    const std::vector<double>* extremes = nullptr;
    double ex[4], ey[4];
    std::size_t pendingPoints = 0;
    std::size_t n = 0;

    void countBand(std::size_t band)
    {
        if (grid.bandBegin(band) == grid.bandEnd(band)) return;
        // The band's nearest y to the envelope narrows the x range that can be within reach at all
        // (with a margin: points beyond it only save their exact test); its farthest y bounds every
        // point's y offset, for the sure part.
        const double y0 = grid.bandBottom(band), y1 = y0 + grid.bandHeight();
        const double near = y1 < b.ymin ? b.ymin - y1 : (y0 > b.ymax ? y0 - b.ymax : 0.0);
        if (near > distance * (1 + 1e-9) + 1e-9) return;
        const double span = std::sqrt(std::max(0.0, distance2 - near * near)) * (1 + 1e-9) + 1e-6;
        const double reachLeft = b.xmin - std::min(span, distance), reachRight = b.xmax + std::min(span, distance);
        auto [lo, hi] = grid.bucketRange(band, reachLeft, reachRight);
        if (hi - lo <= kTestAllAtMost) {
            // So few points near the reach (none, in most bands of the rural area) that testing each
            // costs less than finding the sure ranges: the test is exact for any point of the band.
            testRange(lo, hi);
            return;
        }
        // The buckets' points narrowed to the reach by walking (a bucket's worth at most on each side).
        while (lo < hi && xs[lo] < reachLeft) ++lo;
        while (hi > lo && xs[hi - 1] > reachRight) --hi;
        const double dy = std::max(offset(y0, b.ymin, b.ymax), offset(y1, b.ymin, b.ymax));
        // The envelope's sure range: points within `reach` of it in x are within `sure` of it.
        const bool envelopeSure = sure > 0 && dy < sure;
        const double reach = envelopeSure ? std::sqrt(sure * sure - dy * dy) : 0.0;
        // The subject's extreme vertices (leftmost, rightmost, lowest, highest) give most of the sure
        // union for four square roots, where enough points are in reach to pay for them; all vertices
        // only where many points are left after those.
        const bool useVertices = outline && hi - lo > kVerticesAbove;
        sureRanges(y0, y1, reach, envelopeSure, useVertices ? extremes->data() : nullptr, useVertices ? extremes->size() / 2 : 0);
        locate(band, lo, hi);
        if (useVertices && outline->vertices().size() / 2 > extremes->size() / 2) {
            std::size_t fringe = hi - lo;  // every point in reach outside the sure ranges
            for (const auto& [from, to] : m.cover) fringe -= to - from;
            if (fringe > kRefineAbove) {
                sureRanges(y0, y1, reach, envelopeSure, outline->vertices().data(), outline->vertices().size() / 2);
                locate(band, lo, hi);
            }
        }
        std::size_t pos = lo;  // points before pos are dealt with
        for (const auto& [from, to] : m.cover) {
            testRange(pos, from);
            n += to - from;  // surely within: counted without a look
            pos = to;
        }
        testRange(pos, hi);
    }

    /// m.intervals: the x ranges of band [y0, y1] in which every point lies within `vertexSure` of one
    /// of the `count` vertices given, or within `sure` of the envelope, as disjoint ranges in x order.
    void sureRanges(double y0, double y1, double envelopeReach, bool envelopeSure, const double* v, std::size_t count)
    {
        auto& iv = m.intervals;
        iv.clear();
        if (envelopeSure) iv.emplace_back(b.xmin - envelopeReach, b.xmax + envelopeReach);
        for (std::size_t k = 0; k < count; ++k) {
            const double vdy = std::max(std::abs(y0 - v[2 * k + 1]), std::abs(y1 - v[2 * k + 1]));
            if (vdy >= vertexSure) continue;
            const double r = std::sqrt(vertexSure * vertexSure - vdy * vdy);
            iv.emplace_back(v[2 * k] - r, v[2 * k] + r);
        }
        std::sort(iv.begin(), iv.end());
        std::size_t out = 0;
        for (std::size_t k = 0; k < iv.size(); ++k) {
            if (out > 0 && iv[k].first <= iv[out - 1].second) iv[out - 1].second = std::max(iv[out - 1].second, iv[k].second);
            else iv[out++] = iv[k];
        }
        iv.resize(out);
    }

    /// m.cover: positions [from, to) of each sure range within the reach [lo, hi), found by walking in
    /// from the reach's ends (the points walked over lie outside every sure range: they are tested
    /// anyway) and, only between two sure ranges, by a search.
    void locate(std::size_t band, std::size_t lo, std::size_t hi)
    {
        const auto& iv = m.intervals;
        auto& cover = m.cover;
        cover.clear();
        std::size_t pos = lo;
        for (std::size_t k = 0; k < iv.size(); ++k) {
            const auto [left, right] = iv[k];
            std::size_t from = pos;
            while (from < hi && xs[from] < left) ++from;
            std::size_t to = hi;
            if (k + 1 == iv.size()) {
                while (to > from && xs[to - 1] > right) --to;
            } else {
                to = grid.upperX(band, from, hi, right);
            }
            cover.emplace_back(from, to);
            pos = to;
        }
    }

    /// Points [from, to) to test one by one: gathered and tested in one pass at the end (a call per
    /// band's range cost more than the few points in most of them); without a plain outline, by GEOS now.
    void testRange(std::size_t from, std::size_t to)
    {
        if (from >= to) return;
        if (!outline) {
            for (std::size_t pos = from; pos < to; ++pos) {
                const double dx = offset(xs[pos], b.xmin, b.xmax), dy = offset(ys[pos], b.ymin, b.ymax);
                if (dx * dx + dy * dy <= distance2 && m.featureWithin(d, grid.feature(pos), distance, distance2, outline)) ++n;
            }
            return;
        }
        m.pending.emplace_back(from, to);
        pendingPoints += to - from;
    }

    /// Every grid point is a point feature with a geometry: featureWithin's point case, from the grid's
    /// own coordinates (no look-up in the set's arrays, which costs a cache miss a point). First without
    /// a branch per point: within reach of an extreme vertex counts (most of the points left to test lie
    /// near the reach's rim, within it by one of them), beyond reach of the envelope does not; only the
    /// rest is measured against every edge. (The two cannot both hold: the vertices lie in the envelope.)
    void testPending()
    {
        if (m.pending.empty()) return;
        auto& left = m.undecided;
        if (left.size() < pendingPoints) left.resize(pendingPoints);
        const std::size_t undecided = sortOut(left.data());
        if (undecided > 0) testExactly(left.data(), undecided);
    }

    /// Counts the pending points near an extreme vertex and writes the positions of those left
    /// undecided (in reach of the envelope, near no extreme vertex) to `left`; returns how many.
    std::size_t sortOut(std::size_t* left)
    {
        std::size_t near = 0, undecided = 0;
        // The four vertices in locals and their distances side by side: independent steps the processor
        // overlaps (a loop over them made one long chain and kept them in memory).
        const double ex0 = ex[0], ex1 = ex[1], ex2 = ex[2], ex3 = ex[3];
        const double ey0 = ey[0], ey1 = ey[1], ey2 = ey[2], ey3 = ey[3];
        // Two points at a time in the processor's vector registers (the same operations per point as the
        // scalar loop after it, so the same answers); a range's odd point left goes through that loop.
        using V2 = detail::Double2;
        using M2 = std::int64_t __attribute__((vector_size(16)));
        auto all = [](double v) { return V2{v, v}; };
        const V2 zero = all(0.0), limit = all(distance2);
        const V2 bx0 = all(b.xmin), bx1 = all(b.xmax), by0 = all(b.ymin), by1 = all(b.ymax);
        const V2 vx0 = all(ex0), vx1 = all(ex1), vx2 = all(ex2), vx3 = all(ex3);
        const V2 vy0 = all(ey0), vy1 = all(ey1), vy2 = all(ey2), vy3 = all(ey3);
        M2 nearLanes = {0, 0};
        for (const auto& [from, to] : m.pending) {
            std::size_t pos = from;
            for (; pos + 2 <= to; pos += 2) {
                V2 x, y;
                std::memcpy(&x, xs + pos, sizeof x);
                std::memcpy(&y, ys + pos, sizeof y);
                // minOf/maxOf: minpd/maxpd where there are (a compare-and-blend otherwise).
                const V2 dx = detail::maxOf(detail::maxOf(bx0 - x, x - bx1), zero);
                const V2 dy = detail::maxOf(detail::maxOf(by0 - y, y - by1), zero);
                const V2 e0 = (x - vx0) * (x - vx0) + (y - vy0) * (y - vy0);
                const V2 e1 = (x - vx1) * (x - vx1) + (y - vy1) * (y - vy1);
                const V2 e2 = (x - vx2) * (x - vx2) + (y - vy2) * (y - vy2);
                const V2 e3 = (x - vx3) * (x - vx3) + (y - vy3) * (y - vy3);
                const M2 isNear = detail::minOf(detail::minOf(e0, e1), detail::minOf(e2, e3)) <= limit;  // -1: near
                const M2 isUndecided = (dx * dx + dy * dy <= limit) & ~isNear;
                nearLanes -= isNear;
                left[undecided] = pos;
                undecided += static_cast<std::size_t>(isUndecided[0] & 1);
                left[undecided] = pos + 1;
                undecided += static_cast<std::size_t>(isUndecided[1] & 1);
            }
            for (; pos < to; ++pos) {
                const double x = xs[pos], y = ys[pos];
                const double dx = offset(x, b.xmin, b.xmax), dy = offset(y, b.ymin, b.ymax);
                const double e0 = (x - ex0) * (x - ex0) + (y - ey0) * (y - ey0);
                const double e1 = (x - ex1) * (x - ex1) + (y - ey1) * (y - ey1);
                const double e2 = (x - ex2) * (x - ex2) + (y - ey2) * (y - ey2);
                const double e3 = (x - ex3) * (x - ex3) + (y - ey3) * (y - ey3);
                // Counted as integers, not through && (which compiles to a branch that a mix of near and
                // far points mispredicts half the time).
                const std::size_t isNear = std::min(std::min(e0, e1), std::min(e2, e3)) <= distance2;
                const std::size_t inReach = dx * dx + dy * dy <= distance2;
                near += isNear;
                left[undecided] = pos;
                undecided += inReach & (isNear ^ 1);
            }
        }
        n += near + static_cast<std::size_t>(nearLanes[0] + nearLanes[1]);
        return undecided;
    }

    /// The undecided points measured against the subject's edges (and inside it, where in its envelope).
    void testExactly(const std::size_t* left, std::size_t count)
    {
        // Most of them (four in five at scale M) lie beyond reach: the box turned to the subject's
        // longest edge, which holds the subject, tells most of those without measuring every edge.
        const auto oriented = outline->orientedBox();
        for (std::size_t k = 0; k < count; ++k) {
            const double x = xs[left[k]], y = ys[left[k]];
            if (oriented.distance2(x, y) > beyond2) continue;
            const bool inBox = x >= b.xmin && x <= b.xmax && y >= b.ymin && y <= b.ymax;
            if (outline->segmentWithin(x, y, distance2) || (inBox && outline->interiorContains(x, y))) ++n;
        }
    }
};

}  // namespace

std::size_t SpatialQuery::countWithin(const PointGrid& grid, double distance)
{
    if (!m_impl->subject || grid.size() == 0) return 0;
    return GridCount(*m_impl, grid, distance).run();
}

}  // namespace riskmap::gis
