// SPDX-License-Identifier: GPL-3.0-or-later
// Plain-array point distances and point-in-polygon for a query subject.
#include "subject_outline.hpp"

#include "branchless.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace riskmap::gis::detail {

bool SubjectOutline::read(GEOSContextHandle_t ctx, const GEOSGeometry* g)
{
    m_xy.clear();
    m_ends.clear();
    m_areal = m_linear = false;
    m_usable = g && GEOSisEmpty_r(ctx, g) == 0 && add(ctx, g) && !m_ends.empty() && !(m_areal && m_linear);
    if (m_usable) computeEnvelope();
    return m_usable;
}

void SubjectOutline::assign(const double* xy, const std::uint32_t* ends, std::size_t parts, bool areal, bool linear)
{
    const std::size_t count = parts > 0 ? ends[parts - 1] : 0;
    m_xy.assign(xy, xy + count);
    m_ends.assign(ends, ends + parts);
    m_areal = areal;
    m_linear = linear;
    m_usable = count > 0 && !(m_areal && m_linear);
    if (m_usable) computeEnvelope();
}

void SubjectOutline::computeEnvelope()
{
    m_xmin = m_xmax = m_xy[0];
    m_ymin = m_ymax = m_xy[1];
    for (std::size_t k = 2; k + 1 < m_xy.size(); k += 2) {
        m_xmin = std::min(m_xmin, m_xy[k]);
        m_xmax = std::max(m_xmax, m_xy[k]);
        m_ymin = std::min(m_ymin, m_xy[k + 1]);
        m_ymax = std::max(m_ymax, m_xy[k + 1]);
    }
}

bool SubjectOutline::addSequence(GEOSContextHandle_t ctx, const GEOSGeometry* g)
{
    const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx, g);
    unsigned int size = 0;
    if (!seq || !GEOSCoordSeq_getSize_r(ctx, seq, &size)) return false;
    if (size == 0) return true;
    const std::size_t begin = m_xy.size();
    m_xy.resize(begin + 2 * static_cast<std::size_t>(size));
    if (!GEOSCoordSeq_copyToBuffer_r(ctx, seq, m_xy.data() + begin, 0, 0)) return false;
    m_ends.push_back(m_xy.size());
    return true;
}

bool SubjectOutline::add(GEOSContextHandle_t ctx, const GEOSGeometry* g)
{
    switch (GEOSGeomTypeId_r(ctx, g)) {
    case GEOS_POINT:
    case GEOS_LINESTRING:
    case GEOS_LINEARRING:
        m_linear = true;
        return addSequence(ctx, g);
    case GEOS_POLYGON: {
        m_areal = true;
        if (!addSequence(ctx, GEOSGetExteriorRing_r(ctx, g))) return false;
        const int holes = GEOSGetNumInteriorRings_r(ctx, g);
        for (int i = 0; i < holes; ++i)
            if (!addSequence(ctx, GEOSGetInteriorRingN_r(ctx, g, i))) return false;
        return true;
    }
    case GEOS_MULTIPOINT:
    case GEOS_MULTILINESTRING:
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i)
            if (!add(ctx, GEOSGetGeometryN_r(ctx, g, i))) return false;
        return true;
    }
    default: return false;
    }
}

namespace {

/// t clamped to [0, 1] without a branch (std::clamp's branches waited on the division before it and
/// went either way for points around a parcel). The same value as std::clamp but for a -0 that may
/// become +0, which changes no sum it is used in.
inline double clampUnit(double t) { return minOf(maxOf(t, 0.0), 1.0); }

/// Squared distance from (x, y) to the segment a-b (a == b: to the point).
double pointSegment2(double x, double y, double ax, double ay, double bx, double by)
{
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0.0;
    t = clampUnit(t);
    const double ex = ax + t * dx - x, ey = ay + t * dy - y;
    return ex * ex + ey * ey;
}

/// Squared distance from (x, y) to a part of n vertices (a lone point when n == 1).
double pointPart2(double x, double y, const double* p, std::size_t n)
{
    if (n == 1) return (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]);
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k + 1 < n; ++k)
        best = std::min(best, pointSegment2(x, y, p[2 * k], p[2 * k + 1], p[2 * k + 2], p[2 * k + 3]));
    return best;
}

}  // namespace

double SubjectOutline::edgeDistance2(double x, double y) const
{
    double best = std::numeric_limits<double>::infinity();
    forEachPart([&](const double* p, std::size_t n) { best = std::min(best, pointPart2(x, y, p, n)); });
    return best;
}

double SubjectOutline::edgeDistance2(const SubjectOutline& other, double bound2) const
{
    // Segments that do not cross are nearest at an end point of one of them: every vertex of each
    // outline measured against the other's edges covers all pairs. A vertex whose distance to the other
    // envelope already reaches the best so far cannot give a nearer pair: its edges are not looked at.
    double best = bound2;
    auto side = [&best](const SubjectOutline& from, const SubjectOutline& to) {
        for (std::size_t k = 0; k + 1 < from.m_xy.size(); k += 2) {
            const double x = from.m_xy[k], y = from.m_xy[k + 1];
            const double dx = maxOf(maxOf(to.m_xmin - x, x - to.m_xmax), 0.0);
            const double dy = maxOf(maxOf(to.m_ymin - y, y - to.m_ymax), 0.0);
            if (dx * dx + dy * dy >= best) continue;
            best = std::min(best, to.edgeDistance2(x, y));
        }
    };
    side(*this, other);
    side(other, *this);
    return best;
}

SubjectOutline::VertexInside SubjectOutline::vertexInside(const SubjectOutline& other, double guard2) const
{
    VertexInside result = VertexInside::None;
    auto side = [&](const SubjectOutline& from, const SubjectOutline& to) {
        for (std::size_t k = 0; k + 1 < from.m_xy.size(); k += 2) {
            const double x = from.m_xy[k], y = from.m_xy[k + 1];
            if (x < to.m_xmin || x > to.m_xmax || y < to.m_ymin || y > to.m_ymax) continue;
            if (!to.interiorContains(x, y)) continue;
            if (to.edgeDistance2(x, y) > guard2) return true;
            result = VertexInside::NearEdge;
        }
        return false;
    };
    if (side(*this, other) || side(other, *this)) return VertexInside::Clearly;
    return result;
}

SubjectOutline::OrientedBox SubjectOutline::orientedBox() const
{
    OrientedBox box;
    if (m_xy.size() < 2) return box;
    box.ox = m_xy[0];
    box.oy = m_xy[1];
    const std::size_t firstEnd = m_ends.empty() ? m_xy.size() : m_ends.front();
    double longest = 0;
    for (std::size_t k = 0; k + 3 < firstEnd; k += 2) {
        const double dx = m_xy[k + 2] - m_xy[k], dy = m_xy[k + 3] - m_xy[k + 1];
        const double len2 = dx * dx + dy * dy;
        if (len2 <= longest) continue;
        longest = len2;
        const double len = std::sqrt(len2);
        box.c = dx / len;
        box.s = dy / len;
    }
    box.umin = box.vmin = std::numeric_limits<double>::infinity();
    box.umax = box.vmax = -std::numeric_limits<double>::infinity();
    for (std::size_t k = 0; k + 1 < m_xy.size(); k += 2) {
        const double px = m_xy[k] - box.ox, py = m_xy[k + 1] - box.oy;
        const double u = px * box.c + py * box.s, v = py * box.c - px * box.s;
        box.umin = std::min(box.umin, u);
        box.umax = std::max(box.umax, u);
        box.vmin = std::min(box.vmin, v);
        box.vmax = std::max(box.vmax, v);
    }
    return box;
}

bool SubjectOutline::edgesCross(const SubjectOutline& other) const
{
    auto side = [](double ax, double ay, double bx, double by, double x, double y) {
        return (bx - ax) * (y - ay) - (by - ay) * (x - ax);
    };
    bool crossed = false;
    forEachPart([&](const double* p, std::size_t n) {
        for (std::size_t k = 0; !crossed && k + 1 < n; ++k) {
            const double ax = p[2 * k], ay = p[2 * k + 1], bx = p[2 * k + 2], by = p[2 * k + 3];
            // Only edges whose box meets the other outline's envelope can cross one of its edges.
            if (std::max(ax, bx) < other.m_xmin || std::min(ax, bx) > other.m_xmax || std::max(ay, by) < other.m_ymin ||
                std::min(ay, by) > other.m_ymax)
                continue;
            other.forEachPart([&](const double* q, std::size_t m) {
                for (std::size_t j = 0; !crossed && j + 1 < m; ++j) {
                    const double cx = q[2 * j], cy = q[2 * j + 1], dx = q[2 * j + 2], dy = q[2 * j + 3];
                    const double s1 = side(ax, ay, bx, by, cx, cy), s2 = side(ax, ay, bx, by, dx, dy);
                    if (!((s1 < 0 && s2 > 0) || (s1 > 0 && s2 < 0))) continue;
                    const double s3 = side(cx, cy, dx, dy, ax, ay), s4 = side(cx, cy, dx, dy, bx, by);
                    crossed = (s3 < 0 && s4 > 0) || (s3 > 0 && s4 < 0);
                }
            });
        }
    });
    return crossed;
}

bool SubjectOutline::edgeWithin(double x, double y, double limit2) const
{
    // Vertices first: most points near a small parcel are close to one of its corners.
    for (std::size_t k = 0; k + 1 < m_xy.size(); k += 2)
        if ((x - m_xy[k]) * (x - m_xy[k]) + (y - m_xy[k + 1]) * (y - m_xy[k + 1]) <= limit2) return true;
    return segmentWithin(x, y, limit2);
}

bool SubjectOutline::segmentWithin(double x, double y, double limit2) const
{
    // The edges, stopping at the first near enough (the same sums as edgeDistance2: the same answer).
    bool within = false;
    forEachPart([&](const double* p, std::size_t n) {
        if (within) return;
        if (n == 1) {
            within = (x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) <= limit2;
            return;
        }
        for (std::size_t k = 0; k + 1 < n && !within; ++k)
            within = pointSegment2(x, y, p[2 * k], p[2 * k + 1], p[2 * k + 2], p[2 * k + 3]) <= limit2;
        // Each vertex starts an edge, where the edge's sum equals the vertex's own; an open line's last
        // vertex only ends one, so it is measured on its own.
        const double* end = p + 2 * (n - 1);
        if (!within && (end[0] != p[0] || end[1] != p[1]))
            within = (x - end[0]) * (x - end[0]) + (y - end[1]) * (y - end[1]) <= limit2;
    });
    return within;
}

bool SubjectOutline::interiorContains(double x, double y) const
{
    if (!m_areal) return false;
    bool inside = false;
    forEachPart([&](const double* p, std::size_t n) {
        for (std::size_t k = 0; k + 1 < n; ++k) {
            const double ax = p[2 * k], ay = p[2 * k + 1], bx = p[2 * k + 2], by = p[2 * k + 3];
            // Without a branch: the crossing's x is computed for every edge (a horizontal edge's is
            // infinite or NaN, and unused), which costs less than the jumps mispredicted around a point.
            const bool crosses = (ay > y) != (by > y);
            const double cross = ax + (y - ay) * (bx - ax) / (by - ay);
            inside = inside != (crosses & (x < cross));
        }
    });
    return inside;
}

double SubjectOutline::distance(double x, double y) const
{
    const double d2 = edgeDistance2(x, y);
    if (d2 == 0 || interiorContains(x, y)) return 0.0;
    return std::sqrt(d2);
}

}  // namespace riskmap::gis::detail
