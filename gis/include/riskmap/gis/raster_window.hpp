// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a window of a raster, resampled to a pixel grid, as RGBA bytes (GDAL stays inside gis/).
#pragma once

#include "riskmap/gis/layer_reader.hpp"

#include <string>
#include <vector>

namespace riskmap::gis {

enum class Resampling { Nearest, Average };

/// An RGBA image, row-major from the top (north) row, 4 bytes per pixel.
struct RasterWindow {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgba;  ///< alpha 0 where the raster does not cover the pixel
};

/// Reads the part of raster `path` that covers `box` (EPSG:28992 metres) into a
/// widthPx × heightPx grid. GDAL picks the overview that fits the output resolution.
/// One band is shown as grey, three or more as RGB (a fourth alpha band is kept);
/// a raster in another CRS is warped to RD New on the fly. Pixels outside the
/// raster are transparent. Throws InputError when the file cannot be opened and
/// GdalError when reading fails.
RasterWindow readRasterWindow(const std::string& path, const Box& box, int widthPx, int heightPx,
                              Resampling resampling = Resampling::Average);

}  // namespace riskmap::gis
