// SPDX-License-Identifier: GPL-3.0-or-later
// Plain geometry values passed across the gis boundary: coordinates and WKB byte strings.
#pragma once

#include <cstdint>
#include <vector>

namespace riskmap::gis {

/// Well-Known Binary of one geometry (little endian, 2D).
using Wkb = std::vector<std::uint8_t>;

/// A coordinate pair in the layer's CRS (metres in RD New).
struct XY {
    double x = 0.0;
    double y = 0.0;
};

/// An axis-aligned rectangle.
struct Envelope {
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;
    double width() const { return maxX - minX; }
    double height() const { return maxY - minY; }
    bool intersects(const Envelope& o) const
    {
        return minX <= o.maxX && o.minX <= maxX && minY <= o.maxY && o.minY <= maxY;
    }
};

/// A polygon ring list: the first ring is the shell, the others holes; rings
/// are closed here (the first point is repeated at the end).
using Rings = std::vector<std::vector<XY>>;

/// WKB of a point.
Wkb pointWkb(const XY& p);
/// WKB of a linestring.
Wkb lineStringWkb(const std::vector<XY>& points);
/// WKB of a polygon (rings closed automatically when open).
Wkb polygonWkb(const Rings& rings);
/// WKB of a multipolygon with the given polygons.
Wkb multiPolygonWkb(const std::vector<Rings>& polygons);
/// WKB of a multilinestring.
Wkb multiLineStringWkb(const std::vector<std::vector<XY>>& lines);

}  // namespace riskmap::gis
