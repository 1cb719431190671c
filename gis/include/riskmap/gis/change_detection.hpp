// SPDX-License-Identifier: GPL-3.0-or-later
// Change from vegetation or soil to built-up or paved between two aerial photos of one grid.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/wkb.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::gis {

/// True when a pixel looks built-up or paved: with a near-infrared band, a low NDVI
/// ((N − R) / (N + R) < −0.3) and grey colour (max − min of RGB below 40); without one, grey and
/// not green (G not above both R and B by more than 8). Bare soil is brown (too saturated), crops
/// and grass have a high NDVI or are green, so seasonal field colours stay unbuilt.
bool looksBuiltUp(int r, int g, int b, int nir, bool hasNir);

struct ChangePolygon {
    Wkb geometry;        ///< polygon in the photos' CRS
    double area = 0.0;   ///< m²
};

struct ChangeResult {
    std::vector<ChangePolygon> polygons;  ///< connected changed areas of at least minArea
    std::uint64_t changedPixels = 0;
    std::uint64_t pixels = 0;             ///< pixels compared
};

/// Compares two photos on the same grid (same size and geotransform; RGB or RGBN): a pixel
/// changed when it was not built-up in `fromPath` and is in `toPath`. Writes the 0/1 change
/// mask as a tiled GeoTIFF to `maskPath` (streaming by windows, all cores), polygonises it with
/// GDALPolygonize (4-connected) and keeps polygons of at least `minArea` m².
/// Throws InputError when a photo is missing, unreadable or on another grid; GdalError on a
/// failed read or write; CancelledError.
ChangeResult detectChange(const std::string& fromPath, const std::string& toPath, const std::string& maskPath,
                          double minArea, core::Feedback* feedback = nullptr);

}  // namespace riskmap::gis
