// SPDX-License-Identifier: GPL-3.0-or-later
// Decoding ISO/EWKB geometry into plain world-coordinate parts for drawing.
#pragma once

#include <QRectF>

#include <cstddef>
#include <vector>

namespace riskmap::render {

/// What a geometry draws as.
enum class GeometryFamily { Empty, Point, Line, Polygon };

/// A decoded 2D geometry in world coordinates (Z and M dropped). For points each part
/// holds one vertex; for lines each part is one linestring; for polygons each part is a
/// ring (outer and holes of every polygon together, drawn with the odd-even rule).
struct Geometry {
    GeometryFamily family = GeometryFamily::Empty;
    std::vector<std::vector<QPointF>> parts;
    /// For polygons, per part: true for an interior ring (hole), false for an outer ring.
    std::vector<bool> holes;
    /// The bounding box of all vertices (null for an empty geometry).
    QRectF bounds() const;
};

/// Parses WKB (either byte order; ISO and EWKB Z/M/SRID flags; Point, LineString,
/// Polygon, their Multi* forms and GeometryCollection). A collection takes the family
/// of its first non-empty member. Throws riskmap::InputError on truncated or unknown data.
Geometry parseWkb(const unsigned char* data, std::size_t size);
inline Geometry parseWkb(const std::vector<unsigned char>& wkb) { return parseWkb(wkb.data(), wkb.size()); }

}  // namespace riskmap::render
