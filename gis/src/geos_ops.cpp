// SPDX-License-Identifier: GPL-3.0-or-later
// GEOS-backed geometry operations on WKB values.
#include "riskmap/gis/geos_ops.hpp"

#include "geos_thread.hpp"
#include "riskmap/core/error.hpp"

#include <string>

namespace riskmap::gis {

namespace {

ThreadGeosGeometryPtr checked(GEOSGeometry* g, const char* what)
{
    if (!g) throw GeosError(std::string("GEOS ") + what + ": " + geosLastError());
    return ThreadGeosGeometryPtr(g);
}

// Collects the polygons of `g` (recursing into collections) as clones.
void collectPolygons(const GEOSGeometry* g, std::vector<GEOSGeometry*>& out)
{
    auto* h = geosContext();
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_POLYGON) {
        if (!GEOSisEmpty_r(h, g)) out.push_back(GEOSGeom_clone_r(h, g));
    } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collectPolygons(GEOSGetGeometryN_r(h, g, i), out);
    }
}

ThreadGeosGeometryPtr multiPolygonOf(const GEOSGeometry* g)
{
    std::vector<GEOSGeometry*> parts;
    collectPolygons(g, parts);
    return checked(GEOSGeom_createCollection_r(geosContext(), GEOS_MULTIPOLYGON, parts.data(),
                                               static_cast<unsigned>(parts.size())),
                   "multipolygon");
}

}  // namespace

Wkb wkbFromWkt(std::string_view wkt)
{
    auto* h = geosContext();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    const std::string text(wkt);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, text.c_str());
    GEOSWKTReader_destroy_r(h, reader);
    auto ptr = checked(g, "WKT read");
    return wkbFromGeos(ptr.get());
}

std::string wktFromWkb(const Wkb& wkb, int decimals)
{
    auto* h = geosContext();
    auto g = geosFromWkb(wkb);
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(h);
    GEOSWKTWriter_setTrim_r(h, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(h, writer, decimals);
    GEOSWKTWriter_setOutputDimension_r(h, writer, 2);
    char* text = GEOSWKTWriter_write_r(h, writer, g.get());
    GEOSWKTWriter_destroy_r(h, writer);
    if (!text) throw GeosError("GEOS WKT write: " + geosLastError());
    std::string out(text);
    GEOSFree_r(h, text);
    return out;
}

std::vector<Wkb> voronoiCells(const std::vector<XY>& seeds, const Envelope& extent)
{
    auto* h = geosContext();
    std::vector<GEOSGeometry*> points;
    points.reserve(seeds.size());
    for (const auto& s : seeds) points.push_back(GEOSGeom_createPointFromXY_r(h, s.x, s.y));
    auto multi = checked(GEOSGeom_createCollection_r(h, GEOS_MULTIPOINT, points.data(),
                                                     static_cast<unsigned>(points.size())),
                         "multipoint");
    auto env = checked(GEOSGeom_createRectangle_r(h, extent.minX, extent.minY, extent.maxX, extent.maxY),
                       "rectangle");
    auto diagram = checked(GEOSVoronoiDiagram_r(h, multi.get(), env.get(), 0.0, 0), "Voronoi");
    std::vector<Wkb> cells;
    const int n = GEOSGetNumGeometries_r(h, diagram.get());
    cells.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) cells.push_back(wkbFromGeos(GEOSGetGeometryN_r(h, diagram.get(), i)));
    return cells;
}

double areaOf(const Wkb& wkb)
{
    auto g = geosFromWkb(wkb);
    double area = 0.0;
    if (!GEOSArea_r(geosContext(), g.get(), &area)) throw GeosError("GEOS area: " + geosLastError());
    return area;
}

Envelope envelopeOf(const Wkb& wkb)
{
    auto g = geosFromWkb(wkb);
    Envelope e;
    if (!GEOSGeom_getExtent_r(geosContext(), g.get(), &e.minX, &e.minY, &e.maxX, &e.maxY))
        throw GeosError("GEOS extent: " + geosLastError());
    return e;
}

XY pointOnSurfaceOf(const Wkb& wkb)
{
    auto* h = geosContext();
    auto g = geosFromWkb(wkb);
    auto p = checked(GEOSPointOnSurface_r(h, g.get()), "point on surface");
    XY xy;
    if (!GEOSGeomGetX_r(h, p.get(), &xy.x) || !GEOSGeomGetY_r(h, p.get(), &xy.y))
        throw GeosError("GEOS point on surface of an empty geometry");
    return xy;
}

std::optional<std::string> invalidityReason(const Wkb& wkb)
{
    auto* h = geosContext();
    auto g = geosFromWkb(wkb);
    if (GEOSisValid_r(h, g.get()) == 1) return std::nullopt;
    char* reason = GEOSisValidReason_r(h, g.get());
    std::string out = reason ? reason : "invalid";
    if (reason) GEOSFree_r(h, reason);
    return out;
}

Wkb bufferOf(const Wkb& wkb, double distance, bool flatEnds, int quadrantSegments)
{
    auto* h = geosContext();
    auto g = geosFromWkb(wkb);
    auto b = checked(GEOSBufferWithStyle_r(h, g.get(), distance, quadrantSegments,
                                           flatEnds ? GEOSBUF_CAP_FLAT : GEOSBUF_CAP_ROUND,
                                           GEOSBUF_JOIN_ROUND, 5.0),
                     "buffer");
    return wkbFromGeos(b.get());
}

Wkb unionOf(const std::vector<Wkb>& geometries)
{
    auto* h = geosContext();
    std::vector<GEOSGeometry*> parts;
    parts.reserve(geometries.size());
    for (const auto& w : geometries) parts.push_back(geosFromWkb(w).release());
    auto coll = checked(GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, parts.data(),
                                                    static_cast<unsigned>(parts.size())),
                        "collection");
    auto u = checked(GEOSUnaryUnion_r(h, coll.get()), "union");
    return wkbFromGeos(u.get());
}

Wkb translated(const Wkb& wkb, double dx, double dy)
{
    auto g = geosFromWkb(wkb);
    struct Shift { double dx, dy; } shift{dx, dy};
    auto moved = checked(GEOSGeom_transformXY_r(
                             geosContext(), g.get(),
                             [](double* x, double* y, void* data) -> int {
                                 const auto* s = static_cast<Shift*>(data);
                                 *x += s->dx;
                                 *y += s->dy;
                                 return 1;
                             },
                             &shift),
                         "translate");
    return wkbFromGeos(moved.get());
}

Wkb asMultiPolygon(const Wkb& wkb)
{
    auto g = geosFromWkb(wkb);
    return wkbFromGeos(multiPolygonOf(g.get()).get());
}

bool intersects(const Wkb& a, const Wkb& b)
{
    auto ga = geosFromWkb(a);
    auto gb = geosFromWkb(b);
    const char r = GEOSIntersects_r(geosContext(), ga.get(), gb.get());
    if (r == 2) throw GeosError("GEOS intersects: " + geosLastError());
    return r == 1;
}

struct PreparedArea::Impl {
    ThreadGeosGeometryPtr geometry;
    const GEOSPreparedGeometry* prepared = nullptr;
    Envelope envelope;
    ~Impl()
    {
        if (prepared) GEOSPreparedGeom_destroy_r(geosContext(), prepared);
    }
};

PreparedArea::PreparedArea(const Wkb& area) : m_impl(std::make_unique<Impl>())
{
    m_impl->geometry = geosFromWkb(area);
    m_impl->prepared = GEOSPrepare_r(geosContext(), m_impl->geometry.get());
    if (!m_impl->prepared) throw GeosError("GEOS prepare: " + geosLastError());
    m_impl->envelope = envelopeOf(area);
}

PreparedArea::~PreparedArea() = default;
PreparedArea::PreparedArea(PreparedArea&&) noexcept = default;
PreparedArea& PreparedArea::operator=(PreparedArea&&) noexcept = default;

const Envelope& PreparedArea::envelope() const { return m_impl->envelope; }

bool PreparedArea::contains(const XY& p) const
{
    const auto& e = m_impl->envelope;
    if (p.x < e.minX || p.x > e.maxX || p.y < e.minY || p.y > e.maxY) return false;
    auto* h = geosContext();
    ThreadGeosGeometryPtr point(GEOSGeom_createPointFromXY_r(h, p.x, p.y));
    return GEOSPreparedContains_r(h, m_impl->prepared, point.get()) == 1;
}

bool PreparedArea::covers(const Wkb& g) const
{
    auto geom = geosFromWkb(g);
    return GEOSPreparedCovers_r(geosContext(), m_impl->prepared, geom.get()) == 1;
}

bool PreparedArea::intersects(const Wkb& g) const
{
    auto geom = geosFromWkb(g);
    return GEOSPreparedIntersects_r(geosContext(), m_impl->prepared, geom.get()) == 1;
}

std::optional<Wkb> PreparedArea::clip(const Wkb& g) const
{
    auto* h = geosContext();
    auto geom = geosFromWkb(g);
    if (GEOSPreparedCovers_r(h, m_impl->prepared, geom.get()) == 1) return wkbFromGeos(multiPolygonOf(geom.get()).get());
    if (GEOSPreparedIntersects_r(h, m_impl->prepared, geom.get()) != 1) return std::nullopt;
    auto cut = checked(GEOSIntersection_r(h, geom.get(), m_impl->geometry.get()), "intersection");
    auto multi = multiPolygonOf(cut.get());
    if (GEOSisEmpty_r(h, multi.get())) return std::nullopt;
    return wkbFromGeos(multi.get());
}

}  // namespace riskmap::gis
