// SPDX-License-Identifier: GPL-3.0-or-later
// Reading raster windows: exact pixels, partial cover, and downsampling by averaging.
#include "riskmap/gis/raster_window.hpp"

#include "riskmap/core/error.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

namespace {

/// A 4 × 4 single-band GeoTIFF in RD New, 10 m pixels from (1000, 2040) down; value = 10*row + col.
std::string makeTiff(const riskmap::test::TempDir& dir)
{
    GDALAllRegister();
    const std::string path = dir.file("r.tif");
    auto* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(path.c_str(), 4, 4, 1, GDT_Byte, nullptr);
    double gt[6] = {1000, 10, 0, 2040, 0, -10};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    unsigned char values[16];
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) values[r * 4 + c] = static_cast<unsigned char>(10 * r + c);
    EXPECT_EQ(ds->RasterIO(GF_Write, 0, 0, 4, 4, values, 4, 4, GDT_Byte, 1, nullptr, 0, 0, 0, nullptr), CE_None);
    GDALClose(ds);
    return path;
}

}  // namespace

TEST(RasterWindow, ReadsExactPixelsAsGrey)
{
    riskmap::test::TempDir dir;
    const auto path = makeTiff(dir);
    const auto w = riskmap::gis::readRasterWindow(path, {1000, 2000, 1040, 2040}, 4, 4, riskmap::gis::Resampling::Nearest);
    ASSERT_EQ(w.rgba.size(), 64u);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 4; ++c) {
            const auto* px = &w.rgba[std::size_t(r * 4 + c) * 4];
            EXPECT_EQ(px[0], 10 * r + c);
            EXPECT_EQ(px[1], 10 * r + c);
            EXPECT_EQ(px[3], 255);
        }
}

TEST(RasterWindow, PartialCoverIsTransparent)
{
    riskmap::test::TempDir dir;
    const auto path = makeTiff(dir);
    // Box shifted 20 m west: the left two output pixels lie outside the raster.
    const auto w = riskmap::gis::readRasterWindow(path, {980, 2000, 1020, 2040}, 4, 4, riskmap::gis::Resampling::Nearest);
    for (int r = 0; r < 4; ++r) {
        EXPECT_EQ(w.rgba[std::size_t(r * 4 + 0) * 4 + 3], 0);
        EXPECT_EQ(w.rgba[std::size_t(r * 4 + 1) * 4 + 3], 0);
        EXPECT_EQ(w.rgba[std::size_t(r * 4 + 2) * 4 + 0], 10 * r + 0);
        EXPECT_EQ(w.rgba[std::size_t(r * 4 + 3) * 4 + 0], 10 * r + 1);
    }
}

TEST(RasterWindow, AverageDownsampling)
{
    riskmap::test::TempDir dir;
    const auto path = makeTiff(dir);
    const auto w = riskmap::gis::readRasterWindow(path, {1000, 2000, 1040, 2040}, 2, 2, riskmap::gis::Resampling::Average);
    // Top-left 2×2 block: 0, 1, 10, 11 → mean 5.5 (GDAL rounds to 5 or 6).
    EXPECT_NEAR(w.rgba[0], 5.5, 0.6);
    // Bottom-right block: 22, 23, 32, 33 → 27.5.
    EXPECT_NEAR(w.rgba[3 * 4], 27.5, 0.6);
    EXPECT_THROW(riskmap::gis::readRasterWindow(dir.file("missing.tif"), {0, 0, 1, 1}, 1, 1), riskmap::InputError);
}
