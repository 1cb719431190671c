// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a north-up grid of 32-bit float bands (scores, densities) as one GeoTIFF.
#pragma once

#include <string>
#include <vector>

namespace riskmap::gis {

/// A north-up grid: `width` × `height` cells of `cellSize` metres, left/top edge in RD New.
struct GridRasterSpec {
    int width = 0;
    int height = 0;
    double left = 0.0;
    double top = 0.0;
    double cellSize = 1.0;
    int epsg = 28992;
};

/// One band: its description (name) and width·height values, row 0 = north; NaN is written as
/// the band's nodata value (-9999).
struct GridBand {
    std::string name;
    std::vector<float> values;
};

/// Creates (replaces) a tiled, DEFLATE-compressed Float32 GeoTIFF at `path` with one band per
/// entry of `bands`, in order; creates the parent folder when missing.
/// Throws GdalError when GDAL cannot write it, InputError on a band of the wrong size.
void writeGridGeoTiff(const std::string& path, const GridRasterSpec& spec, const std::vector<GridBand>& bands);

/// The nodata value of every band written by writeGridGeoTiff.
constexpr float kGridNoData = -9999.0f;

}  // namespace riskmap::gis
