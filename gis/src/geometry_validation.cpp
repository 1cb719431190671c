// SPDX-License-Identifier: GPL-3.0-or-later
// GEOS validity with the location of the problem, translated to Dutch.
#include "riskmap/gis/geometry_validation.hpp"

#include "geos_context.hpp"
#include "riskmap/core/error.hpp"

#include <memory>

namespace riskmap::gis {
namespace {

std::string dutchReason(const std::string& geos)
{
    if (geos.find("Ring Self-intersection") != std::string::npos) return "de rand raakt zichzelf";
    if (geos.find("Self-intersection") != std::string::npos) return "de rand snijdt zichzelf (zandloper)";
    if (geos.find("Too few points") != std::string::npos) return "te weinig hoekpunten";
    if (geos.find("Hole lies outside") != std::string::npos) return "een gat ligt buiten de vorm";
    if (geos.find("Invalid Coordinate") != std::string::npos) return "ongeldige coördinaat";
    return "ongeldige geometrie (" + geos + ")";
}

}  // namespace

ValidationResult validateGeometry(const std::vector<unsigned char>& wkb)
{
    GeosContext ctx;
    auto* h = ctx.handle();
    GEOSWKBReader* r = GEOSWKBReader_create_r(h);
    auto g = makeGeosPtr(ctx, GEOSWKBReader_read_r(h, r, wkb.data(), wkb.size()));
    GEOSWKBReader_destroy_r(h, r);
    ValidationResult out;
    if (!g) {
        // A ring of fewer than 4 points is refused by the reader already.
        if (ctx.lastError().find("point") != std::string::npos || ctx.lastError().find("Point") != std::string::npos) {
            out.valid = false;
            out.reason = "te weinig hoekpunten";
            return out;
        }
        throw InputError("geometrie niet leesbaar: " + ctx.lastError());
    }
    if (GEOSisEmpty_r(h, g.get()) == 1) {
        out.valid = false;
        out.reason = "lege geometrie";
        return out;
    }
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    const char ok = GEOSisValidDetail_r(h, g.get(), 0, &reason, &location);
    auto loc = makeGeosPtr(ctx, location);
    if (ok == 0) {
        out.valid = false;
        out.reason = dutchReason(reason ? reason : "");
        if (loc) {
            double x = 0, y = 0;
            if (GEOSGeomGetX_r(h, loc.get(), &x) == 1 && GEOSGeomGetY_r(h, loc.get(), &y) == 1) out.x = x, out.y = y;
        }
    } else if (ok == 2) {
        throw InputError("GEOS kon de geometrie niet controleren: " + ctx.lastError());
    }
    if (reason) GEOSFree_r(h, reason);
    if (out.valid) {
        const int type = GEOSGeomTypeId_r(h, g.get());
        double area = 0;
        if ((type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON) && GEOSArea_r(h, g.get(), &area) == 1 && area <= 0) {
            out.valid = false;
            out.reason = "de vorm heeft geen oppervlakte";
        }
    }
    return out;
}

}  // namespace riskmap::gis
