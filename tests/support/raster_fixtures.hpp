// SPDX-License-Identifier: GPL-3.0-or-later
// Writes small synthetic RD New GeoTIFFs with a known value per pixel, for raster tests.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace riskmap::test {

/// Where the raster lies: top-left corner (x0, yTop), square pixels of `res` metres.
struct TestRasterGrid {
    double x0 = 0;
    double yTop = 0;
    double res = 1;
    int width = 0;
    int height = 0;
    int bands = 1;
};

/// Writes a Byte GeoTIFF in EPSG:28992 whose pixel (column, row) of band b (1-based) is value(column, row, b).
void writeTestGeoTiff(const std::string& path, const TestRasterGrid& grid,
                      const std::function<unsigned char(int column, int row, int band)>& value,
                      const std::vector<std::string>& creationOptions = {});

}  // namespace riskmap::test
