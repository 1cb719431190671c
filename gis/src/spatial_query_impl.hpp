// SPDX-License-Identifier: GPL-3.0-or-later
// The inside of SpatialQuery, shared by the files that implement its queries (private to gis).
#pragma once

#include "riskmap/gis/spatial_query.hpp"

#include "branchless.hpp"
#include "feature_set_data.hpp"
#include "masked_targets_data.hpp"
#include "subject_outline.hpp"
#include "riskmap/core/error.hpp"

#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace riskmap::gis {

// Helpers of the query files (inline: each is used by several of them).
struct PreparedDeleter {
    GEOSContextHandle_t ctx;
    void operator()(const GEOSPreparedGeometry* p) const { if (p) GEOSPreparedGeom_destroy_r(ctx, p); }
};
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

inline bool inMask(const FeatureMask& mask, std::size_t i) { return mask.empty() || mask[i] != 0; }

/// Squared distance between two axis-aligned boxes (0 when they meet).
inline double boxDistance2(const Box& a, const Box& b)
{
    const double dx = detail::maxOf(detail::maxOf(b.xmin - a.xmax, a.xmin - b.xmax), 0.0);
    const double dy = detail::maxOf(detail::maxOf(b.ymin - a.ymax, a.ymin - b.ymax), 0.0);
    return dx * dx + dy * dy;
}

/// Distance between two axis-aligned boxes (0 when they meet): a lower bound of the geometry distance.
/// (sqrt, not hypot: RD coordinates cannot overflow and hypot is several times slower.)
inline double boxDistance(const Box& a, const Box& b) { return std::sqrt(boxDistance2(a, b)); }

/// Edges nearer than this (m) may cross or touch as far as rounding can tell: GEOS decides then.
/// Beyond it, the plain even-odd inside test cannot be fooled by rounding at RD coordinates.
inline constexpr double kEdgeGuard = 1e-6;

/// Calls hit(feature) for each entry of an index whose box meets q: a layer's R-tree or a grid of points.
template <typename Hit>
inline void queryBoxes(const detail::BoxTree& tree, const Box& q, Hit&& hit)
{
    tree.query(detail::bgi::intersects(detail::toBgBox(q)),
               boost::make_function_output_iterator([&](const detail::BoxEntry& e) { hit(e.second); }));
}
template <typename Hit>
inline void queryBoxes(const detail::PointBuckets& points, const Box& q, Hit&& hit)
{
    points.forEachIn(q, hit);
}

inline Box boundsOf(const detail::BoxTree& tree)
{
    const auto b = tree.bounds();
    return {b.min_corner().get<0>(), b.min_corner().get<1>(), b.max_corner().get<0>(), b.max_corner().get<1>()};
}
inline Box boundsOf(const detail::PointBuckets& points) { return points.bounds(); }

inline Box expand(const Box& b, double d) { return {b.xmin - d, b.ymin - d, b.xmax + d, b.ymax + d}; }

/// A point feature (or any feature collapsed to one location): its envelope is that point.
inline bool isPointBox(const Box& b) { return b.xmin == b.xmax && b.ymin == b.ymax; }


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
        // segmentWithin: edgeDistance2(x, y) <= guard², stopping at the first edge that near.
        if (o->segmentWithin(x, y, kEdgeGuard * kEdgeGuard)) return std::nullopt;
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

}  // namespace riskmap::gis
