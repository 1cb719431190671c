// SPDX-License-Identifier: GPL-3.0-or-later
// Spatial queries of a prepared subject against in-memory feature sets.
#include "spatial_query_impl.hpp"

#include "riskmap/gis/masked_targets.hpp"

namespace riskmap::gis {

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
