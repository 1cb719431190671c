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

/// Parses WKT (Z and M dropped, curves linearised) to 2D ISO WKB; nullopt when it is no WKT.
std::optional<std::vector<unsigned char>> wkbFromWkt(std::string_view wkt);

/// A 2D point as little-endian ISO WKB.
std::vector<unsigned char> pointWkb(double x, double y);

/// The bounds of a WKB geometry; nullopt for unreadable or empty geometry.
std::optional<WkbBounds> wkbBounds(const std::vector<unsigned char>& wkb);

}  // namespace riskmap::gis
