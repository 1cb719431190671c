// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry from table cells: WKT text and x/y columns to 2D ISO WKB.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace riskmap::gis {

/// A bounding box.
struct WkbBounds {
    double minX = 0, minY = 0, maxX = 0, maxY = 0;
};

/// Parses a table cell as WKT (Z and M dropped, curves linearised) to 2D ISO WKB;
/// nullopt when the cell is no WKT (unlike geos_ops.hpp's wkbFromWkt, which throws).
std::optional<std::vector<unsigned char>> parseWktCell(std::string_view wkt);

/// The bounds of a WKB geometry; nullopt for unreadable or empty geometry.
std::optional<WkbBounds> wkbBounds(const std::vector<unsigned char>& wkb);

}  // namespace riskmap::gis
