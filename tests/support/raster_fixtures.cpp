// SPDX-License-Identifier: GPL-3.0-or-later
// Synthetic GeoTIFF writer shared by the raster tests.
#include "raster_fixtures.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <memory>

namespace riskmap::test {

void writeTestGeoTiff(const std::string& path, const TestRasterGrid& grid,
                      const std::function<unsigned char(int, int, int)>& value,
                      const std::vector<std::string>& creationOptions)
{
    GDALAllRegister();
    std::vector<const char*> options;
    for (const auto& o : creationOptions) options.push_back(o.c_str());
    options.push_back(nullptr);
    std::unique_ptr<GDALDataset, void (*)(GDALDataset*)> ds(
        GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), grid.width, grid.height, grid.bands,
                                                                 GDT_Byte, const_cast<char**>(options.data())),
        [](GDALDataset* d) { GDALClose(d); });
    ASSERT_NE(ds, nullptr) << path;
    double gt[6] = {grid.x0, grid.res, 0, grid.yTop, 0, -grid.res};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    std::vector<unsigned char> buf(static_cast<std::size_t>(grid.width) * grid.height);
    for (int b = 1; b <= grid.bands; ++b) {
        for (int r = 0; r < grid.height; ++r)
            for (int c = 0; c < grid.width; ++c) buf[static_cast<std::size_t>(r) * grid.width + c] = value(c, r, b);
        EXPECT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, grid.width, grid.height, buf.data(), grid.width,
                                                 grid.height, GDT_Byte, 0, 0, nullptr),
                  CE_None);
    }
}

}  // namespace riskmap::test
