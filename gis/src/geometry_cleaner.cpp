// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry cleaning for the importer, on GEOS.
#include "riskmap/gis/geometry_cleaner.hpp"

#include "geos_context.hpp"
#include "riskmap/gis/crs_transform.hpp"

#include <cmath>

namespace riskmap::gis {
namespace {

struct WkbReaderDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSWKBReader* r) const { GEOSWKBReader_destroy_r(ctx, r); }
};
struct WkbWriterDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSWKBWriter* w) const { GEOSWKBWriter_destroy_r(ctx, w); }
};

bool typeMatches(int geosType, GeomFamily family)
{
    switch (family) {
    case GeomFamily::Point: return geosType == GEOS_POINT || geosType == GEOS_MULTIPOINT;
    case GeomFamily::Line: return geosType == GEOS_LINESTRING || geosType == GEOS_MULTILINESTRING;
    case GeomFamily::Polygon: return geosType == GEOS_POLYGON || geosType == GEOS_MULTIPOLYGON;
    }
    return false;
}

int transformCallback(double* x, double* y, void* userdata)
{
    const auto* t = static_cast<const CrsTransformer*>(userdata);
    return t->transform(*x, *y) ? 1 : 0;
}

int checkFinite(double* x, double* y, void*) { return std::isfinite(*x) && std::isfinite(*y) ? 1 : 0; }

}  // namespace

struct GeometryCleaner::Impl {
    GeosContext ctx;
    GeomFamily family;
    bool multi;
    const CrsTransformer* transform;
    RdDomain domain;
    std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> reader;
    std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter> writer;

    Impl(GeomFamily f, bool m, const CrsTransformer* t, RdDomain d)
        : family(f), multi(m), transform(t), domain(d),
          reader(GEOSWKBReader_create_r(ctx.handle()), WkbReaderDeleter{ctx.handle()}),
          writer(GEOSWKBWriter_create_r(ctx.handle()), WkbWriterDeleter{ctx.handle()})
    {
        GEOSWKBWriter_setOutputDimension_r(ctx.handle(), writer.get(), 2);
    }

    /// Keeps only the parts of the wanted family from a MakeValid result.
    GeosGeometryPtr extractFamily(GeosGeometryPtr g)
    {
        const auto h = ctx.handle();
        if (typeMatches(GEOSGeomTypeId_r(h, g.get()), family)) return g;
        if (GEOSGeomTypeId_r(h, g.get()) != GEOS_GEOMETRYCOLLECTION) return makeGeosPtr(ctx, nullptr);
        std::vector<GEOSGeometry*> parts;
        const int n = GEOSGetNumGeometries_r(h, g.get());
        for (int i = 0; i < n; ++i) {
            const GEOSGeometry* part = GEOSGetGeometryN_r(h, g.get(), i);
            const int t = GEOSGeomTypeId_r(h, part);
            if (!typeMatches(t, family)) continue;
            const int m = GEOSGetNumGeometries_r(h, part);
            for (int j = 0; j < m; ++j) parts.push_back(GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, part, j)));
        }
        if (parts.empty()) return makeGeosPtr(ctx, nullptr);
        const int collType = family == GeomFamily::Polygon ? GEOS_MULTIPOLYGON
                           : family == GeomFamily::Line ? GEOS_MULTILINESTRING : GEOS_MULTIPOINT;
        return makeGeosPtr(ctx, GEOSGeom_createCollection_r(h, collType, parts.data(), static_cast<unsigned>(parts.size())));
    }

    GeosGeometryPtr promote(GeosGeometryPtr g)
    {
        const auto h = ctx.handle();
        const int t = GEOSGeomTypeId_r(h, g.get());
        if (multi && (t == GEOS_POLYGON || t == GEOS_LINESTRING || t == GEOS_POINT)) {
            GEOSGeometry* single = g.release();
            const int collType = t == GEOS_POLYGON ? GEOS_MULTIPOLYGON : t == GEOS_LINESTRING ? GEOS_MULTILINESTRING : GEOS_MULTIPOINT;
            return makeGeosPtr(ctx, GEOSGeom_createCollection_r(h, collType, &single, 1));
        }
        if (!multi && GEOSGetNumGeometries_r(h, g.get()) == 1 && t != GEOS_POINT && t != GEOS_LINESTRING && t != GEOS_POLYGON) {
            return makeGeosPtr(ctx, GEOSGeom_clone_r(h, GEOSGetGeometryN_r(h, g.get(), 0)));
        }
        return g;
    }
};

GeometryCleaner::GeometryCleaner(GeomFamily family, bool multi, const CrsTransformer* transform, RdDomain domain)
    : m_impl(std::make_unique<Impl>(family, multi, transform, domain))
{
}

GeometryCleaner::~GeometryCleaner() = default;

CleanedGeometry GeometryCleaner::clean(const std::vector<unsigned char>& wkb)
{
    auto& m = *m_impl;
    const auto h = m.ctx.handle();
    CleanedGeometry out;
    auto reject = [&](std::string reason) {
        out.status = CleanedGeometry::Status::Rejected;
        out.reason = std::move(reason);
        out.wkb.clear();
        return out;
    };

    if (wkb.empty()) return reject("geen geometrie");
    auto g = makeGeosPtr(m.ctx, GEOSWKBReader_read_r(h, m.reader.get(), wkb.data(), wkb.size()));
    if (!g) return reject("onleesbare geometrie: " + m.ctx.lastError());
    if (GEOSisEmpty_r(h, g.get())) return reject("lege geometrie");
    if (!typeMatches(GEOSGeomTypeId_r(h, g.get()), m.family))
        return reject(std::string("verkeerd geometrietype ") + GEOSGeomType_r(h, g.get()) + ", verwacht " + geomFamilyName(m.family));

    // NaN/Inf coordinates: refuse before any arithmetic on them.
    {
        auto probe = makeGeosPtr(m.ctx, GEOSGeom_transformXY_r(h, g.get(), checkFinite, nullptr));
        if (!probe) return reject("coördinaat is NaN of oneindig");
    }
    if (m.transform) {
        auto t = makeGeosPtr(m.ctx, GEOSGeom_transformXY_r(h, g.get(), transformCallback, const_cast<CrsTransformer*>(m.transform)));
        if (!t) return reject("coördinaten niet te transformeren naar RD New");
        g = std::move(t);
    }
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    GEOSGeom_getXMin_r(h, g.get(), &xmin);
    GEOSGeom_getYMin_r(h, g.get(), &ymin);
    GEOSGeom_getXMax_r(h, g.get(), &xmax);
    GEOSGeom_getYMax_r(h, g.get(), &ymax);
    if (xmin < m.domain.xmin || xmax > m.domain.xmax || ymin < m.domain.ymin || ymax > m.domain.ymax) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "buiten het RD-gebied (x %.0f…%.0f, y %.0f…%.0f)", xmin, xmax, ymin, ymax);
        return reject(buf);
    }

    if (m.family != GeomFamily::Point) {
        char* reason = nullptr;
        GEOSGeometry* location = nullptr;
        const char valid = GEOSisValidDetail_r(h, g.get(), 0, &reason, &location);
        if (location) GEOSGeom_destroy_r(h, location);
        if (valid == 0) {
            const std::string why = reason ? reason : "ongeldig";
            GEOSFree_r(h, reason);
            auto fixed = makeGeosPtr(m.ctx, GEOSMakeValid_r(h, g.get()));
            if (!fixed) return reject("ongeldige geometrie (" + why + "), niet te herstellen: " + m.ctx.lastError());
            fixed = m.extractFamily(std::move(fixed));
            if (!fixed || GEOSisEmpty_r(h, fixed.get()))
                return reject("ongeldige geometrie (" + why + "); herstel laat geen " + geomFamilyName(m.family) + " over");
            g = std::move(fixed);
            out.status = CleanedGeometry::Status::Repaired;
            out.reason = "ongeldige geometrie hersteld (MakeValid): " + why;
        } else if (valid == 2) {
            return reject("geometrie niet te controleren: " + m.ctx.lastError());
        } else {
            GEOSFree_r(h, reason);
        }
        if (m.family == GeomFamily::Polygon) {
            GEOSArea_r(h, g.get(), &out.area);
            if (out.area <= 0.0) return reject("vlak zonder oppervlakte");
        }
    }

    g = m.promote(std::move(g));
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(h, m.writer.get(), g.get(), &size);
    if (!bytes) return reject("geometrie niet te schrijven: " + m.ctx.lastError());
    out.wkb.assign(bytes, bytes + size);
    GEOSFree_r(h, bytes);
    return out;
}

std::string geomFamilyName(GeomFamily family)
{
    switch (family) {
    case GeomFamily::Point: return "punt";
    case GeomFamily::Line: return "lijn";
    case GeomFamily::Polygon: return "vlak";
    }
    return "?";
}

}  // namespace riskmap::gis
