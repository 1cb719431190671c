// SPDX-License-Identifier: GPL-3.0-or-later
// WKT and x/y to WKB through OGR.
#include "riskmap/gis/geometry_text.hpp"

#include "gdal_handles.hpp"

#include <cstring>
#include <string>

namespace riskmap::gis {

std::optional<std::vector<unsigned char>> parseWktCell(std::string_view wkt)
{
    const std::string text(wkt);
    const char* cursor = text.c_str();
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkt(&cursor, nullptr, &raw) != OGRERR_NONE || !raw) return std::nullopt;
    OgrGeometryPtr parsed(raw);
    // Trailing text after the geometry means the cell was not (only) WKT.
    while (*cursor == ' ' || *cursor == '\t') ++cursor;
    if (*cursor != '\0') return std::nullopt;
    OgrGeometryPtr linear(parsed->hasCurveGeometry() ? parsed->getLinearGeometry() : parsed->clone());
    linear->flattenTo2D();
    linear->setMeasured(FALSE);
    std::vector<unsigned char> wkb(static_cast<std::size_t>(linear->WkbSize()));
    linear->exportToWkb(wkbNDR, wkb.data(), wkbVariantIso);
    return wkb;
}

std::optional<WkbBounds> wkbBounds(const std::vector<unsigned char>& wkb)
{
    if (wkb.empty()) return std::nullopt;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw)
        return std::nullopt;
    OgrGeometryPtr g(raw);
    if (g->IsEmpty()) return std::nullopt;
    OGREnvelope env;
    g->getEnvelope(&env);
    return WkbBounds{env.MinX, env.MinY, env.MaxX, env.MaxY};
}

}  // namespace riskmap::gis
