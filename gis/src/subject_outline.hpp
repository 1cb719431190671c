// SPDX-License-Identifier: GPL-3.0-or-later
// A query subject's vertices in plain arrays, for cheap exact distances to points (private to gis).
#pragma once

#include <geos_c.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace riskmap::gis::detail {

/// The subject's rings (polygons) or lines/points, as interleaved x,y arrays. Measuring a point against
/// these costs a few multiplications per segment, where a GEOS distance call allocates and dispatches.
class SubjectOutline {
public:
    /// Reads `g` (point, line, polygon or a homogeneous multi-geometry). Returns false (and leaves the
    /// outline unusable) for empty geometries and mixed collections: callers then fall back to GEOS.
    bool read(GEOSContextHandle_t ctx, const GEOSGeometry* g);
    /// The outline an earlier read() gave, from its vertices(), partEnds(), areal() and linear() as
    /// stored elsewhere: the same outline, without asking GEOS again.
    void assign(const double* xy, const std::uint32_t* ends, std::size_t parts, bool areal, bool linear);
    bool usable() const { return m_usable; }
    /// True for points and lines.
    bool linear() const { return m_linear; }
    /// End of each part in vertices() (counted in doubles).
    const std::vector<std::size_t>& partEnds() const { return m_ends; }
    /// True for polygons and multipolygons (interiorContains can answer).
    bool areal() const { return m_areal; }
    /// All vertices as x0,y0,x1,y1,... (rings closed: the first vertex repeats).
    const std::vector<double>& vertices() const { return m_xy; }
    /// Squared distance from (x, y) to the nearest vertex or edge, ignoring the interior.
    double edgeDistance2(double x, double y) const;
    /// edgeDistance2(x, y) <= limit2, stopping at the first vertex or edge close enough.
    bool edgeWithin(double x, double y, double limit2) const;
    /// The same answer without looking at the vertices on their own first (an edge's distance covers its
    /// ends): for points already found beyond reach of the vertices that usually settle it.
    bool segmentWithin(double x, double y, double limit2) const;
    /// True when (x, y) lies strictly inside an areal subject (even-odd over all rings); false for
    /// lines and points. Points on an edge may go either way: callers test edgeDistance2 first.
    bool interiorContains(double x, double y) const;
    /// Exact planar distance from (x, y) to the subject: 0 inside.
    double distance(double x, double y) const;
    /// Squared distance between the edges (and lone points) of this outline and another's. Equals the
    /// squared distance of the two geometries only when their envelopes are apart: then no edge crosses
    /// another and neither lies inside the other.
    /// With `bound2`, the result is min(that squared distance, bound2): vertices whose distance to the
    /// other outline's envelope reaches the bound are skipped (the caller only wants nearer pairs).
    double edgeDistance2(const SubjectOutline& other, double bound2 = std::numeric_limits<double>::infinity()) const;
    /// Whether a vertex of either outline lies inside the other: Clearly when one lies farther than
    /// sqrt(guard2) from the other's edges (the two surely meet, whatever rounding does), NearEdge when
    /// those inside all lie that near an edge (undecided), None when no vertex lies inside the other.
    enum class VertexInside { None, NearEdge, Clearly };
    VertexInside vertexInside(const SubjectOutline& other, double guard2) const;
    /// The vertices' box in a frame turned to the longest edge of the first part: it holds the whole
    /// outline (the hull of its vertices), and for a rectangle it is the rectangle itself, so a point
    /// farther than a distance from it is farther from the outline too.
    struct OrientedBox {
        double ox = 0, oy = 0;  ///< the frame's origin (the first vertex: small local coordinates)
        double c = 1, s = 0;    ///< cosine and sine of the frame's turn
        double umin = 0, umax = 0, vmin = 0, vmax = 0;
        /// Squared distance from (x, y) to the box (0 inside it).
        double distance2(double x, double y) const
        {
            const double px = x - ox, py = y - oy;
            const double u = px * c + py * s, v = py * c - px * s;
            const double du = std::max(std::max(umin - u, u - umax), 0.0);
            const double dv = std::max(std::max(vmin - v, v - vmax), 0.0);
            return du * du + dv * dv;
        }
    };
    OrientedBox orientedBox() const;
    /// True when an edge of this outline crosses an edge of the other (each one's ends strictly on
    /// either side of the other's line). Two outlines whose edges are apart (no vertex near an edge)
    /// meet exactly when an edge crosses another or a vertex lies inside the other: two rectangles
    /// laid in a cross overlap without any vertex inside the other.
    bool edgesCross(const SubjectOutline& other) const;

private:
    /// The envelope of the vertices, once they are in.
    void computeEnvelope();
    bool add(GEOSContextHandle_t ctx, const GEOSGeometry* g);
    bool addSequence(GEOSContextHandle_t ctx, const GEOSGeometry* g);
    /// Calls f(x0, y0, ...) per part: its vertices x0,y0,x1,y1,... (rings closed) and their count.
    template <typename F>
    void forEachPart(F&& f) const
    {
        std::size_t begin = 0;
        for (std::size_t end : m_ends) {
            f(m_xy.data() + begin, (end - begin) / 2);
            begin = end;
        }
    }
    /// All parts in one buffer (reused from subject to subject: no allocation once warm).
    std::vector<double> m_xy;
    std::vector<std::size_t> m_ends;  ///< end of each part in m_xy
    double m_xmin = 0, m_ymin = 0, m_xmax = 0, m_ymax = 0;  ///< envelope of all vertices
    bool m_areal = false;
    bool m_linear = false;
    bool m_usable = false;
};

}  // namespace riskmap::gis::detail
