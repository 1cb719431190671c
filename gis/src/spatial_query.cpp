// SPDX-License-Identifier: GPL-3.0-or-later
// Spatial queries of a prepared subject against in-memory feature sets.
#include "riskmap/gis/spatial_query.hpp"

#include "branchless.hpp"
#include "feature_set_data.hpp"
#include "masked_targets_data.hpp"
#include "subject_outline.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/masked_targets.hpp"
#include "riskmap/gis/point_grid.hpp"

#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>

namespace riskmap::gis {
namespace {

struct PreparedDeleter {
    GEOSContextHandle_t ctx;
    void operator()(const GEOSPreparedGeometry* p) const { if (p) GEOSPreparedGeom_destroy_r(ctx, p); }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

bool inMask(const FeatureMask& mask, std::size_t i) { return mask.empty() || mask[i] != 0; }

/// Squared distance between two axis-aligned boxes (0 when they meet).
double boxDistance2(const Box& a, const Box& b)
{
    const double dx = detail::maxOf(detail::maxOf(b.xmin - a.xmax, a.xmin - b.xmax), 0.0);
    const double dy = detail::maxOf(detail::maxOf(b.ymin - a.ymax, a.ymin - b.ymax), 0.0);
    return dx * dx + dy * dy;
}

/// Distance between two axis-aligned boxes (0 when they meet): a lower bound of the geometry distance.
/// (sqrt, not hypot: RD coordinates cannot overflow and hypot is several times slower.)
double boxDistance(const Box& a, const Box& b) { return std::sqrt(boxDistance2(a, b)); }

/// Edges nearer than this (m) may cross or touch as far as rounding can tell: GEOS decides then.
/// Beyond it, the plain even-odd inside test cannot be fooled by rounding at RD coordinates.
constexpr double kEdgeGuard = 1e-6;

/// countWithin(grid): above this many points within reach in a band, the subject's extreme vertices
/// narrow the points to test one by one (below it, their ranges cost more than the tests they save).
constexpr std::size_t kVerticesAbove = 64;

/// countWithin(grid): up to this many points in the buckets of a band's reach, each is tested (no
/// search for the sure ranges).
constexpr std::size_t kTestAllAtMost = 16;

/// countWithin(grid): above this many points left to test one by one in a band after the extreme
/// vertices, all vertices are used to count more of them in bulk (below it, that costs more than it
/// saves: measured at scale M, 8 to 32 were slower, never refining a third slower).
constexpr std::size_t kRefineAbove = 64;

/// nearest: the previous subject's answer sets the first radius when it lay this near (m, in x plus y).
constexpr double kNeighbourWithin = 250.0;

/// nearest: up to this many candidates in a round are picked by scanning for the least (a heap beyond).
constexpr std::size_t kScanCandidatesUpTo = 32;

/// Calls hit(feature) for each entry of an index whose box meets q: a layer's R-tree or a grid of points.
template <typename Hit>
void queryBoxes(const detail::BoxTree& tree, const Box& q, Hit&& hit)
{
    tree.query(detail::bgi::intersects(detail::toBgBox(q)),
               boost::make_function_output_iterator([&](const detail::BoxEntry& e) { hit(e.second); }));
}
template <typename Hit>
void queryBoxes(const detail::PointBuckets& points, const Box& q, Hit&& hit)
{
    points.forEachIn(q, hit);
}

Box boundsOf(const detail::BoxTree& tree)
{
    const auto b = tree.bounds();
    return {b.min_corner().get<0>(), b.min_corner().get<1>(), b.max_corner().get<0>(), b.max_corner().get<1>()};
}
Box boundsOf(const detail::PointBuckets& points) { return points.bounds(); }

Box expand(const Box& b, double d) { return {b.xmin - d, b.ymin - d, b.xmax + d, b.ymax + d}; }

/// A point feature (or any feature collapsed to one location): its envelope is that point.
bool isPointBox(const Box& b) { return b.xmin == b.xmax && b.ymin == b.ymax; }

}  // namespace

struct SpatialQuery::Impl {
    GeosContext ctx;
    const GEOSGeometry* subject = nullptr;
    PreparedPtr prepared{nullptr, PreparedDeleter{nullptr}};
    Box box;
    double area = 0;
    bool connected = false;  ///< a point, line or polygon (one piece), not a multi-geometry
    bool polygonal = false;  ///< a polygon or multipolygon: plainContains may answer
    GeosGeometryPtr pointOnSurface{nullptr, GeosGeomDeleter{nullptr}};
    detail::SubjectOutline outline;
    bool outlineRead = false;
    detail::SubjectOutline targetOutline;  ///< scratch for a candidate's outline (buffers reused)
    /// Per target set, its polygons prepared on first use (per thread: prepared geometries are not shared).
    std::unordered_map<const detail::FeatureSetData*, std::vector<PreparedPtr>> preparedTargets;
    /// Candidates of nearestDistance with their envelope distance (reused to avoid allocations).
    std::vector<std::pair<double, std::size_t>> ranked;
    std::vector<std::pair<double, double>> intervals;  ///< countWithin(grid): x ranges surely within reach
    std::vector<std::pair<std::size_t, std::size_t>> cover;  ///< countWithin(grid): their positions in a band
    std::vector<double> extremes;  ///< the subject's extreme vertices (x, y, ...), once read
    std::vector<std::size_t> undecided;  ///< countWithin(grid): positions left for the exact test
    std::vector<std::pair<std::size_t, std::size_t>> pending;  ///< countWithin(grid): ranges to test
    bool extremesRead = false;

    /// The leftmost, rightmost, lowest and highest vertex of the plain outline (each once).
    const std::vector<double>& extremeVertices()
    {
        if (extremesRead) return extremes;
        extremesRead = true;
        extremes.clear();
        const auto& v = outline.vertices();
        if (v.size() < 2) return extremes;
        std::size_t pick[4] = {0, 0, 0, 0};  // min x, max x, min y, max y
        for (std::size_t k = 0; k + 1 < v.size(); k += 2) {
            if (v[k] < v[pick[0]]) pick[0] = k;
            if (v[k] > v[pick[1]]) pick[1] = k;
            if (v[k + 1] < v[pick[2] + 1]) pick[2] = k;
            if (v[k + 1] > v[pick[3] + 1]) pick[3] = k;
        }
        for (std::size_t j = 0; j < 4; ++j) {
            if (std::find(pick, pick + j, pick[j]) != pick + j) continue;
            extremes.push_back(v[pick[j]]);
            extremes.push_back(v[pick[j] + 1]);
        }
        return extremes;
    }
    /// nearest: per target index (a few at most), the last subject's answer and where that subject lay.
    struct LastAnswer {
        const void* targets = nullptr;
        double best = std::numeric_limits<double>::infinity();  ///< infinity: none yet
        double x = 0, y = 0;  ///< the subject's envelope centre
    };
    std::vector<LastAnswer> lastAnswers;
    LastAnswer& lastAnswer(const void* targets)
    {
        for (auto& a : lastAnswers)
            if (a.targets == targets) return a;
        if (lastAnswers.size() >= 8) lastAnswers.clear();  // a query used with ever new target sets: stay small
        return lastAnswers.emplace_back(LastAnswer{targets});
    }
    /// pointsOnSurfaceInSubject without a mask, for the current subject and the set it was asked of:
    /// several indicators over one layer then share one look-up.
    const detail::FeatureSetData* posInsideOf = nullptr;
    std::vector<std::size_t> posInside;

    /// Whether (x, y) lies strictly inside the subject (as GEOS/ST_Contains of a point), answered from the
    /// plain outline (even-odd over all rings, as GEOS's point-in-area locator counts crossings) when the
    /// point is clearly off every edge; nullopt when it is (nearly) on one, or the subject is not areal:
    /// GEOS decides then.
    std::optional<bool> plainContains(double x, double y)
    {
        if (!polygonal) return std::nullopt;  // collections and lines: GEOS's rules
        const detail::SubjectOutline* o = plainOutline();
        if (!o || !o->areal()) return std::nullopt;
        if (o->nearAnEdge(x, y, kEdgeGuard * kEdgeGuard)) return std::nullopt;
        return o->interiorContains(x, y);
    }

    /// GEOS's answer for a point given by its coordinates (the rare fallback of plainContains).
    bool geosContainsPoint(double x, double y)
    {
        GEOSGeometry* pt = GEOSGeom_createPointFromXY_r(ctx.handle(), x, y);
        if (!pt) fail("GEOSGeom_createPointFromXY");
        GeosGeometryPtr owned = makeGeosPtr(ctx, pt);
        return check(GEOSPreparedContains_r(ctx.handle(), preparedSubject(), pt), "GEOSPreparedContains") == 1;
    }

    bool containsPoint(double x, double y)
    {
        if (auto plain = plainContains(x, y)) return *plain;
        return geosContainsPoint(x, y);
    }

    /// The subject's plain outline, or nullptr when it cannot be used (GEOS then answers).
    const detail::SubjectOutline* plainOutline()
    {
        if (!outlineRead) {
            outline.read(ctx.handle(), subject);
            outlineRead = true;
        }
        return outline.usable() ? &outline : nullptr;
    }

    const GEOSPreparedGeometry* preparedTarget(const detail::FeatureSetData& d, std::size_t i)
    {
        auto& list = preparedTargets[&d];
        if (list.empty()) list.reserve(d.geoms.size());
        while (list.size() < d.geoms.size()) list.emplace_back(nullptr, PreparedDeleter{ctx.handle()});
        if (!list[i]) {
            const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), d.geoms[i]);
            if (!p) fail("GEOSPrepare");
            list[i] = PreparedPtr(p, PreparedDeleter{ctx.handle()});
        }
        return list[i].get();
    }

    /// The subject prepared for GEOS's predicates, made on first use.
    const GEOSPreparedGeometry* preparedSubject()
    {
        if (!prepared) {
            const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), subject);
            if (!p) fail("GEOSPrepare");
            prepared = PreparedPtr(p, PreparedDeleter{ctx.handle()});
        }
        return prepared.get();
    }

    [[noreturn]] void fail(const std::string& what) const { throw GeosError(what + ": " + ctx.lastError()); }

    int check(int result, const char* what) const
    {
        if (result == 2) fail(what);
        return result;
    }

    /// Whether feature i (its envelope already within reach) lies within `distance` of the subject.
    bool featureWithin(const detail::FeatureSetData& d, std::size_t i, double distance, double distance2,
                       const detail::SubjectOutline* plain)
    {
        if (plain && d.geoms[i] && isPointBox(d.boxes[i])) {
            // Point target: the plain outline answers exactly without a GEOS call.
            const double x = d.boxes[i].xmin, y = d.boxes[i].ymin;
            if (plain->edgeWithin(x, y, distance2)) return true;
            // Outside the subject's envelope a point cannot lie inside it: no crossings to count.
            return x >= box.xmin && x <= box.xmax && y >= box.ymin && y <= box.ymax && plain->interiorContains(x, y);
        }
        return check(GEOSPreparedDistanceWithin_r(ctx.handle(), preparedSubject(), d.geoms[i], distance),
                     "GEOSPreparedDistanceWithin") == 1;
    }

    /// One candidate of nearestDistance (its envelope distance bd below best): lowers best to its exact
    /// distance when nearer (skipped when it meets the subject and excludeIntersecting). `target` is the
    /// candidate's plain outline, or nullptr when it has none (GEOS measures then).
    void nearestCandidate(const detail::FeatureSetData& d, std::size_t i, double bd, bool excludeIntersecting,
                          const detail::SubjectOutline* plain, const detail::SubjectOutline* target, double& best)
    {
        if (plain && d.geoms[i] && isPointBox(d.boxes[i])) {
            const double x = d.boxes[i].xmin, y = d.boxes[i].ymin;
            const double e2 = plain->edgeDistance2(x, y);
            const bool inside = e2 == 0 || plain->interiorContains(x, y);
            if (excludeIntersecting && inside) return;
            best = std::min(best, inside ? 0.0 : std::sqrt(e2));
            return;
        }
        if (plain && target) {
            // Only pairs nearer than the best so far matter: e2 is min(edge distance², best²), and
            // equals best² only when this feature cannot be nearer.
            const double bound2 = best * best;
            // Envelopes apart: geometries apart, the nearest pair of edges gives the distance.
            if (bd > 0) {
                const double e2 = plain->edgeDistance2(*target, bound2);
                if (e2 < bound2) best = std::min(best, std::sqrt(e2));
                return;
            }
            // Envelopes meet. A vertex clearly inside the other: they meet (the common case of the
            // parcel's own buildings, settled in one pass).
            using VertexInside = detail::SubjectOutline::VertexInside;
            const VertexInside inside = plain->vertexInside(*target, kEdgeGuard * kEdgeGuard);
            if (inside == VertexInside::Clearly) {
                if (!excludeIntersecting) best = 0.0;
                return;
            }
            // No vertex inside the other, edges clearly apart (beyond rounding) and none crossing
            // another: apart, and the nearest pair of edges gives the distance. Edges (nearly) touching
            // or crossing, or vertices inside but near an edge, are left to GEOS below.
            if (inside == VertexInside::None) {
                const double e2 = plain->edgeDistance2(*target, bound2);
                if (e2 > kEdgeGuard * kEdgeGuard && !plain->edgesCross(*target)) {
                    if (e2 < bound2) best = std::min(best, std::sqrt(e2));
                    return;
                }
            }
        }
        // Envelopes apart means geometries apart: only touching envelopes need the intersects test.
        if (excludeIntersecting && bd == 0 &&
            check(GEOSPreparedIntersects_r(ctx.handle(), preparedSubject(), d.geoms[i]), "GEOSPreparedIntersects") == 1)
            return;
        double dist = 0;
        if (GEOSPreparedDistance_r(ctx.handle(), preparedSubject(), d.geoms[i], &dist) != 1)
            fail("GEOSPreparedDistance");
        best = std::min(best, dist);
    }

    /// The candidate's outline read into the scratch buffer, or nullptr when it cannot be.
    const detail::SubjectOutline* readTarget(const detail::FeatureSetData& d, std::size_t i,
                                             const detail::MaskedTargetsData* stored)
    {
        if (stored && !stored->outlineOf.empty()) {
            // Stored for every target whose read() would succeed: the rest has none here either.
            const std::uint32_t slot = stored->outlineOf[i];
            if (slot == detail::MaskedTargetsData::kNoOutline) return nullptr;
            const auto& o = stored->outlines[slot];
            targetOutline.assign(stored->xy.data() + o.xy, stored->ends.data() + o.ends, o.parts, o.areal, o.linear);
            return &targetOutline;
        }
        if (!d.geoms[i] || isPointBox(d.boxes[i])) return nullptr;
        return targetOutline.read(ctx.handle(), d.geoms[i]) ? &targetOutline : nullptr;
    }

    /// Calls onHit(i) for each feature i of `tree` (entries index `d`) within `distance` of the subject
    /// for which take(i) holds.
    template <typename Index, typename Take, typename OnHit>
    void forEachWithin(const detail::FeatureSetData& d, const Index& tree, Take&& take, double distance, OnHit&& onHit);

    /// nearestDistance over `tree` (entries index `d`): `take(i)` says whether feature i takes part;
    /// `stored`: the targets' stored outlines, if any.
    template <typename Index, typename Take>
    std::optional<double> nearest(const detail::FeatureSetData& d, const Index& tree, Take&& take,
                                  bool excludeIntersecting, std::optional<double> cap,
                                  const detail::MaskedTargetsData* stored = nullptr);

    const GEOSGeometry* subjectPos()
    {
        if (!pointOnSurface) {
            GEOSGeometry* p = GEOSPointOnSurface_r(ctx.handle(), subject);
            if (!p) fail("GEOSPointOnSurface");
            pointOnSurface = makeGeosPtr(ctx, p);
        }
        return pointOnSurface.get();
    }
};

SpatialQuery::SpatialQuery() : m_impl(std::make_unique<Impl>()) {}
SpatialQuery::~SpatialQuery() = default;

bool SpatialQuery::setSubject(const FeatureSet& set, std::size_t index)
{
    auto& m = *m_impl;
    m.prepared.reset();
    m.pointOnSurface.reset();
    m.outlineRead = false;
    m.extremesRead = false;
    m.posInsideOf = nullptr;
    const auto& d = set.data();
    m.subject = d.geoms[index];
    m.box = d.boxes[index];
    m.area = d.areas[index];
    if (!m.subject) return false;
    const int type = GEOSGeomTypeId_r(m.ctx.handle(), m.subject);
    m.connected = type == GEOS_POINT || type == GEOS_LINESTRING || type == GEOS_LINEARRING || type == GEOS_POLYGON;
    m.polygonal = type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
    // Prepared on first use (preparedSubject): most queries are answered from the plain outline.
    return true;
}

double SpatialQuery::subjectArea() const { return m_impl->area; }

template <typename Index, typename Take, typename OnHit>
void SpatialQuery::Impl::forEachWithin(const detail::FeatureSetData& d, const Index& tree, Take&& take, double distance,
                                       OnHit&& onHit)
{
    if (!subject) return;
    const detail::SubjectOutline* plain = plainOutline();
    const double distance2 = distance * distance;
    // Straight from the index: no candidate list is built or sorted.
    queryBoxes(tree, expand(box, distance), [&](std::size_t i) {
        if (!take(i) || boxDistance2(box, d.boxes[i]) > distance2) return;
        if (featureWithin(d, i, distance, distance2, plain)) onHit(i);
    });
}

std::vector<std::size_t> SpatialQuery::within(const FeatureSet& targets, double distance, const FeatureMask& mask)
{
    std::vector<std::size_t> out;
    const auto& d = targets.data();
    m_impl->forEachWithin(d, d.tree, [&](std::size_t i) { return inMask(mask, i); }, distance,
                          [&](std::size_t i) { out.push_back(i); });
    std::sort(out.begin(), out.end());
    return out;
}

std::size_t SpatialQuery::countWithin(const FeatureSet& targets, double distance, const FeatureMask& mask)
{
    std::size_t n = 0;
    const auto& d = targets.data();
    m_impl->forEachWithin(d, d.tree, [&](std::size_t i) { return inMask(mask, i); }, distance, [&](std::size_t) { ++n; });
    return n;
}

std::size_t SpatialQuery::countWithin(const MaskedTargets& targets, double distance)
{
    std::size_t n = 0;
    const auto& t = targets.data();
    auto all = [](std::size_t) { return true; };
    auto count = [&](std::size_t) { ++n; };
    if (t.pointsOnly) m_impl->forEachWithin(targets.set().data(), t.points, all, distance, count);
    else m_impl->forEachWithin(targets.set().data(), t.tree, all, distance, count);
    return n;
}

std::size_t SpatialQuery::countWithin(const PointGrid& grid, double distance)
{
    auto& m = *m_impl;
    if (!m.subject || grid.size() == 0) return 0;
    const auto& d = grid.set().data();
    const detail::SubjectOutline* outline = m.plainOutline();
    const double distance2 = distance * distance;
    const Box& b = m.box;
    // Every point of the subject's envelope lies within `slack` of the subject: a subject in one piece
    // meets every vertical and horizontal line across its envelope, one in pieces at least lies in it.
    const double slack = m.connected ? std::min(b.xmax - b.xmin, b.ymax - b.ymin)
                                     : std::sqrt((b.xmax - b.xmin) * (b.xmax - b.xmin) + (b.ymax - b.ymin) * (b.ymax - b.ymin));
    // A point at most `sure` from the envelope is within `distance` of the subject for certain; the
    // margin keeps rounding from ever accepting a point the exact test would refuse.
    const double sure = distance - slack - 1e-6 * std::max(1.0, distance);
    // A point this near a vertex (in both x and y) is within `distance`, rounding included.
    const double vertexSure = distance - 1e-6 * std::max(1.0, distance);
    // Without a branch (std::max compiled to jumps that points on both sides mispredict).
    auto offset = [&](double v, double lo, double hi) { return detail::maxOf(detail::maxOf(lo - v, v - hi), 0.0); };
    std::size_t n = 0;
    const std::vector<double>* extremes = outline ? &m.extremeVertices() : nullptr;
    // The extreme vertices padded to four (a repeated vertex changes no minimum; without any, NaN
    // accepts nothing): the test below then runs the same branch-free steps for every point.
    double ex[4], ey[4];
    std::fill(ex, ex + 4, std::numeric_limits<double>::quiet_NaN());
    std::fill(ey, ey + 4, std::numeric_limits<double>::quiet_NaN());
    if (extremes && !extremes->empty()) {
        for (std::size_t k = 0; k < 4; ++k) {
            const std::size_t at = 2 * k + 1 < extremes->size() ? 2 * k : 0;
            ex[k] = (*extremes)[at];
            ey[k] = (*extremes)[at + 1];
        }
    }
    // Farther than this (squared) from a box holding the subject is farther than `distance` from the
    // subject whatever rounding does (the margin is far above it).
    const double beyond = distance + 1e-6 * std::max(1.0, distance);
    const double beyond2 = beyond * beyond;
    detail::SubjectOutline::OrientedBox oriented;
    bool orientedRead = false;
    // The positions to test one by one, gathered over all bands and tested in one pass at the end (a
    // call per band's range cost more than the few points in most of them).
    auto& pending = m.pending;
    pending.clear();
    std::size_t pendingPoints = 0;
    auto testRange = [&](std::size_t from, std::size_t to) {
        if (from >= to) return;
        if (!outline) {
            for (std::size_t pos = from; pos < to; ++pos) {
                const double dx = offset(grid.x(pos), b.xmin, b.xmax), dy = offset(grid.y(pos), b.ymin, b.ymax);
                if (dx * dx + dy * dy <= distance2 && m.featureWithin(d, grid.feature(pos), distance, distance2, outline)) ++n;
            }
            return;
        }
        pending.emplace_back(from, to);
        pendingPoints += to - from;
    };
    auto testPending = [&]() {
        if (pending.empty()) return;
        // Every grid point is a point feature with a geometry: featureWithin's point case, from the
        // grid's own coordinates (no look-up in the set's arrays, which costs a cache miss a point).
        // First without a branch per point: within reach of an extreme vertex counts (most of the points
        // left to test lie near the reach's rim, within it by one of them), beyond reach of the envelope
        // does not; only the rest is measured against every edge. (The two cannot both hold: the vertices
        // lie in the envelope.)
        auto& left = m.undecided;
        if (left.size() < pendingPoints) left.resize(pendingPoints);
        const double* xs = grid.xs();
        const double* ys = grid.ys();
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
        for (const auto& [from, to] : pending) {
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
        near += static_cast<std::size_t>(nearLanes[0] + nearLanes[1]);
        n += near;
        if (undecided == 0) return;
        // Most points left (four in five at scale M) lie beyond reach: the box turned to the subject's
        // longest edge, which holds the subject, tells most of those without measuring every edge.
        if (!orientedRead) {
            oriented = outline->orientedBox();
            orientedRead = true;
        }
        for (std::size_t k = 0; k < undecided; ++k) {
            const double x = xs[left[k]], y = ys[left[k]];
            if (oriented.distance2(x, y) > beyond2) continue;
            const bool inBox = x >= b.xmin && x <= b.xmax && y >= b.ymin && y <= b.ymax;
            if (outline->segmentWithin(x, y, distance2) || (inBox && outline->interiorContains(x, y))) ++n;
        }
    };
    const std::size_t last = grid.bandOf(b.ymax + distance);
    const double* xs = grid.xs();
    auto& iv = m.intervals;
    // Each vertex given (none: the envelope's range alone) adds the x range in which every point of the
    // band lies within `vertexSure` of it; iv becomes the union with the envelope's sure range, as
    // disjoint ranges in x order.
    auto sureRanges = [&](double y0, double y1, double envelopeReach, bool envelopeSure, const double* v,
                          std::size_t count) {
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
    };
    // Positions [from, to) of each sure range within the reach [lo, hi), found by walking in from the
    // reach's ends (the points walked over lie outside every sure range: they are tested anyway) and,
    // only between two sure ranges, by a search.
    auto& cover = m.cover;
    auto locate = [&](std::size_t band, std::size_t lo, std::size_t hi) {
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
    };
    for (std::size_t band = grid.bandOf(b.ymin - distance); band <= last; ++band) {
        if (grid.bandBegin(band) == grid.bandEnd(band)) continue;
        // The band's nearest y to the envelope narrows the x range that can be within reach at all
        // (with a margin: points beyond it only save their exact test); its farthest y bounds every
        // point's y offset, for the sure part.
        const double y0 = grid.bandBottom(band), y1 = y0 + grid.bandHeight();
        const double near = y1 < b.ymin ? b.ymin - y1 : (y0 > b.ymax ? y0 - b.ymax : 0.0);
        if (near > distance * (1 + 1e-9) + 1e-9) continue;
        const double span = std::sqrt(std::max(0.0, distance2 - near * near)) * (1 + 1e-9) + 1e-6;
        const double reachLeft = b.xmin - std::min(span, distance), reachRight = b.xmax + std::min(span, distance);
        auto [lo, hi] = grid.bucketRange(band, reachLeft, reachRight);
        if (hi - lo <= kTestAllAtMost) {
            // So few points near the reach (none, in most bands of the rural area) that testing each
            // costs less than finding the sure ranges: testRange is exact for any point of the band.
            testRange(lo, hi);
            continue;
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
            for (const auto& [from, to] : cover) fringe -= to - from;
            if (fringe > kRefineAbove) {
                sureRanges(y0, y1, reach, envelopeSure, outline->vertices().data(), outline->vertices().size() / 2);
                locate(band, lo, hi);
            }
        }
        std::size_t pos = lo;  // points before pos are dealt with
        for (const auto& [from, to] : cover) {
            testRange(pos, from);
            n += to - from;  // surely within: counted without a look
            pos = to;
        }
        testRange(pos, hi);
    }
    testPending();
    return n;
}

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
        // Straight from the R-tree (no candidate list).
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

double SpatialQuery::intersectionArea(const PolygonUnion& areas)
{
    auto& m = *m_impl;
    if (!m.subject) return 0.0;
    const auto& d = areas.data();
    std::vector<std::size_t> candidates;
    d.tree.query(detail::bgi::intersects(detail::toBgBox(m.box)),
                 boost::make_function_output_iterator([&](const detail::BoxEntry& e) { candidates.push_back(e.second); }));
    std::sort(candidates.begin(), candidates.end());
    double total = 0;
    const GEOSContextHandle_t h = m.ctx.handle();
    for (std::size_t i : candidates) {
        // The parts are few and large: each prepared once per thread answers "apart" and "all of the
        // subject inside" without preparing every subject.
        const GEOSPreparedGeometry* part = m.preparedTarget(d, i);
        if (m.check(GEOSPreparedIntersects_r(h, part, m.subject), "GEOSPreparedIntersects") != 1) continue;
        if (m.check(GEOSPreparedContainsProperly_r(h, part, m.subject), "GEOSPreparedContainsProperly") == 1) {
            total += m.area;  // the whole subject lies inside this part (and so in no other)
            continue;
        }
        if (m.check(GEOSPreparedCovers_r(h, m.preparedSubject(), d.geoms[i]), "GEOSPreparedCovers") == 1) {
            total += d.areas[i];  // the whole part lies on the subject
            continue;
        }
        GEOSGeometry* x = GEOSIntersection_r(h, m.subject, d.geoms[i]);
        if (!x) m.fail("GEOSIntersection");
        GeosGeometryPtr owned = makeGeosPtr(m.ctx, x);
        double a = 0;
        if (GEOSArea_r(h, x, &a) != 1) m.fail("GEOSArea");
        total += a;
    }
    return total;
}

const std::vector<std::size_t>& SpatialQuery::allPointsOnSurfaceInSubject(const FeatureSet& targets)
{
    auto& m = *m_impl;
    const auto& d = targets.data();
    if (!m.subject) {
        m.posInside.clear();
        m.posInsideOf = nullptr;
        return m.posInside;
    }
    if (!d.posReady) throw Error("interne fout: punten-op-oppervlak niet voorbereid");
    if (m.posInsideOf != &d) {
        m.posInside.clear();
        d.posBuckets.forEachIn(m.box, [&](std::size_t i) { m.posInside.push_back(i); });
        std::sort(m.posInside.begin(), m.posInside.end());
        std::erase_if(m.posInside, [&](std::size_t i) { return !m.containsPoint(d.posX[i], d.posY[i]); });
        m.posInsideOf = &d;
    }
    return m.posInside;
}

std::vector<std::size_t> SpatialQuery::pointsOnSurfaceInSubject(const FeatureSet& targets, const FeatureMask& mask)
{
    std::vector<std::size_t> out;
    for (std::size_t i : allPointsOnSurfaceInSubject(targets))
        if (inMask(mask, i)) out.push_back(i);
    return out;
}

std::vector<std::size_t> SpatialQuery::containedInSubject(const FeatureSet& targets, const FeatureMask& mask)
{
    auto& m = *m_impl;
    std::vector<std::size_t> out;
    if (!m.subject) return out;
    const auto& d = targets.data();
    out = targets.candidates(m.box);
    std::erase_if(out, [&](std::size_t i) {
        if (!inMask(mask, i)) return true;
        if (d.geoms[i] && isPointBox(d.boxes[i]) && GEOSGeomTypeId_r(m.ctx.handle(), d.geoms[i]) == GEOS_POINT) {
            // A point: its envelope is its location. Clearly off the edges, the plain outline answers.
            if (auto plain = m.plainContains(d.boxes[i].xmin, d.boxes[i].ymin)) return !*plain;
        }
        return m.check(GEOSPreparedContains_r(m.ctx.handle(), m.preparedSubject(), d.geoms[i]), "GEOSPreparedContains") != 1;
    });
    return out;
}

std::vector<std::size_t> SpatialQuery::containingSubjectPointOnSurface(const FeatureSet& polygons, const FeatureMask& mask)
{
    auto& m = *m_impl;
    std::vector<std::size_t> out;
    if (!m.subject) return out;
    const auto& d = polygons.data();
    // The point on surface lies in the subject's envelope: without a polygon there (a margin against
    // rounding), it need not be computed at all.
    bool any = false;
    d.tree.query(detail::bgi::intersects(detail::toBgBox(expand(m.box, 1e-6))) && detail::bgi::satisfies([&](const detail::BoxEntry&) {
                     return !any;
                 }),
                 boost::make_function_output_iterator([&](const detail::BoxEntry&) { any = true; }));
    if (!any) return out;
    const GEOSGeometry* p = m.subjectPos();
    if (GEOSisEmpty_r(m.ctx.handle(), p) == 1) return out;
    double x = 0, y = 0;
    GEOSGeomGetX_r(m.ctx.handle(), p, &x);
    GEOSGeomGetY_r(m.ctx.handle(), p, &y);
    out = polygons.candidates(Box{x, y, x, y});
    std::erase_if(out, [&](std::size_t i) {
        return !inMask(mask, i) ||
               m.check(GEOSPreparedContains_r(m.ctx.handle(), m.preparedTarget(d, i), p), "GEOSPreparedContains") != 1;
    });
    return out;
}

std::optional<std::pair<double, double>> SpatialQuery::subjectPointOnSurface()
{
    auto& m = *m_impl;
    if (!m.subject) return std::nullopt;
    const GEOSGeometry* p = m.subjectPos();
    if (GEOSisEmpty_r(m.ctx.handle(), p) == 1) return std::nullopt;
    double x = 0, y = 0;
    GEOSGeomGetX_r(m.ctx.handle(), p, &x);
    GEOSGeomGetY_r(m.ctx.handle(), p, &y);
    return std::make_pair(x, y);
}

}  // namespace riskmap::gis
