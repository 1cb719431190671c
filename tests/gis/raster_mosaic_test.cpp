// SPDX-License-Identifier: GPL-3.0-or-later
// VRT mosaics: a raster split into tiles gives exactly the un-split raster's zonal statistics and changes.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/change_detection.hpp"
#include "riskmap/gis/raster_mosaic.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/zonal_stats.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <random>

namespace riskmap::gis {
namespace {

using test::TempDir;

constexpr int kW = 300, kH = 220;
constexpr double kOx = 150000, kOy = 450000, kPx = 0.5;

/// A 4-band RGBN photo (or, with epsg != 28992, one in another CRS) of the pixels [c0, c1) × [r0, r1)
/// of the kW × kH grid, with values from `value(c, r, band)`.
void writeTile(const std::string& path, int c0, int r0, int c1, int r1,
               const std::function<int(int, int, int)>& value, int epsg = 28992)
{
    GDALAllRegister();
    const int w = c1 - c0, h = r1 - r0;
    // Like the municipal photos: RGB plus near infrared, the fourth band not an alpha band.
    const char* options[] = {"PHOTOMETRIC=RGB", "ALPHA=UNSPECIFIED", nullptr};
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), w, h, 4, GDT_Byte,
                                                                               const_cast<char**>(options));
    double gt[6] = {kOx + c0 * kPx, kPx, 0, kOy - r0 * kPx, 0, -kPx};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    ds->SetSpatialRef(&srs);
    std::vector<unsigned char> buf(static_cast<std::size_t>(w) * h);
    for (int b = 1; b <= 4; ++b) {
        for (int r = 0; r < h; ++r)
            for (int c = 0; c < w; ++c) buf[static_cast<std::size_t>(r) * w + c] = static_cast<unsigned char>(value(c0 + c, r0 + r, b));
        EXPECT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, w, h, buf.data(), w, h, GDT_Byte, 0, 0, nullptr), CE_None);
    }
    GDALClose(ds);
}

/// Whole raster plus the same pixels as four tiles with uneven seams; returns the tile paths.
std::vector<std::string> writeSplit(const TempDir& dir, const std::string& stem, const std::function<int(int, int, int)>& value)
{
    writeTile(dir.file(stem + "_heel.tif"), 0, 0, kW, kH, value);
    const int cs = 137, rs = 91;
    std::vector<std::string> tiles{dir.file(stem + "_a.tif"), dir.file(stem + "_b.tif"), dir.file(stem + "_c.tif"),
                                   dir.file(stem + "_d.tif")};
    writeTile(tiles[0], 0, 0, cs, rs, value);
    writeTile(tiles[1], cs, 0, kW, rs, value);
    writeTile(tiles[2], 0, rs, cs, kH, value);
    writeTile(tiles[3], cs, rs, kW, kH, value);
    return tiles;
}

int texture(int c, int r, int b) { return (c * 7 + r * 13 + c * r * b) % 251; }

TEST(RasterMosaic, ZonalStatisticsAcrossSeamsEqualTheUnsplitRaster)
{
    TempDir dir;
    const auto tiles = writeSplit(dir, "foto", texture);
    const std::string vrt = buildRasterMosaic(tiles, dir.file("cache/mozaiek.vrt"));
    ASSERT_TRUE(std::filesystem::exists(vrt));
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> x(kOx - 5, kOx + kW * kPx + 5), y(kOy - kH * kPx - 5, kOy + 5), s(3, 40);
    std::vector<ZoneRings> zones;
    for (int i = 0; i < 60; ++i) {
        const double cx = x(rng), cy = y(rng), a = s(rng), b = s(rng);
        zones.push_back({{{cx - a, cy - b}, {cx + a, cy - b * 0.3}, {cx + a * 0.7, cy + b}, {cx - a * 0.4, cy + b * 0.8}, {cx - a, cy - b}}});
    }
    zones.push_back({{{kOx, kOy - kH * kPx}, {kOx + kW * kPx, kOy - kH * kPx}, {kOx + kW * kPx, kOy}, {kOx, kOy}, {kOx, kOy - kH * kPx}}});
    for (int band = 1; band <= 4; ++band) {
        ZonalOptions o;
        o.band = band;
        o.classMin = 100;
        o.classMax = 200;
        const auto whole = zonalStatistics(dir.file("foto_heel.tif"), zones, o);
        const auto mosaic = zonalStatistics(vrt, zones, o);
        ASSERT_EQ(whole.size(), mosaic.size());
        for (std::size_t i = 0; i < zones.size(); ++i) {
            EXPECT_EQ(mosaic[i].count, whole[i].count) << "zone " << i << " band " << band;
            EXPECT_EQ(mosaic[i].classCount, whole[i].classCount) << "zone " << i;
            EXPECT_EQ(mosaic[i].sum, whole[i].sum) << "zone " << i;          // integers: exact
            EXPECT_EQ(mosaic[i].sumSquares, whole[i].sumSquares) << "zone " << i;
        }
    }
    EXPECT_EQ(zonalStatistics(vrt, {zones.back()}).front().count, static_cast<std::uint64_t>(kW * kH));
}

TEST(RasterMosaic, ChangeDetectionAcrossSeamsEqualsTheUnsplitRaster)
{
    TempDir dir;
    // Green crop in both years; in the later one a grey yard straddling both seams.
    auto before = [](int, int, int b) { return b == 1 ? 86 : b == 2 ? 140 : b == 3 ? 62 : 205; };
    auto after = [&](int c, int r, int b) {
        if (c >= 110 && c < 170 && r >= 70 && r < 120) return b == 1 ? 176 : b == 2 ? 170 : b == 3 ? 158 : 44;
        return before(c, r, b);
    };
    const auto from = writeSplit(dir, "van", before);
    const auto to = writeSplit(dir, "tot", after);
    const std::string fromVrt = buildRasterMosaic(from, dir.file("cache/van.vrt"));
    const std::string toVrt = buildRasterMosaic(to, dir.file("cache/tot.vrt"));
    const auto whole = detectChange(dir.file("van_heel.tif"), dir.file("tot_heel.tif"), dir.file("heel_mask.tif"), 50);
    const auto mosaic = detectChange(fromVrt, toVrt, dir.file("mozaiek_mask.tif"), 50);
    EXPECT_EQ(whole.changedPixels, 60u * 50u);
    EXPECT_EQ(mosaic.changedPixels, whole.changedPixels);
    EXPECT_EQ(mosaic.pixels, whole.pixels);
    ASSERT_EQ(mosaic.polygons.size(), 1u);  // one polygon, not four pieces cut at the seams
    EXPECT_DOUBLE_EQ(mosaic.polygons[0].area, 60 * 50 * kPx * kPx);
}

TEST(RasterMosaic, FilesThatDoNotFitAreNamed)
{
    TempDir dir;
    writeTile(dir.file("a.tif"), 0, 0, 100, 100, texture);
    writeTile(dir.file("b.tif"), 100, 0, 200, 100, texture, 3857);
    try {
        buildRasterMosaic({dir.file("a.tif"), dir.file("b.tif")}, dir.file("m.vrt"));
        FAIL() << "different CRS accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("b.tif"), std::string::npos) << e.what();
    }
    std::filesystem::create_directories(dir.file("leeg"));
    EXPECT_THROW(expandRasterInputs({dir.file("leeg")}), InputError);
    EXPECT_THROW(expandRasterInputs({dir.file("bestaat-niet.tif")}), InputError);
    std::filesystem::create_directories(dir.file("map"));
    writeTile(dir.file("map/2.tif"), 0, 0, 10, 10, texture);
    writeTile(dir.file("map/1.tif"), 10, 0, 20, 10, texture);
    const auto files = expandRasterInputs({dir.file("map")});
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(std::filesystem::path(files[0]).filename(), "1.tif");
}

TEST(RasterMosaic, ImportingAFolderRegistersOneMosaicForTheYear)
{
    TempDir dir;
    std::filesystem::create_directories(dir.file("tegels"));
    writeTile(dir.file("tegels/x1.tif"), 0, 0, 150, kH, texture);
    writeTile(dir.file("tegels/x2.tif"), 150, 0, kW, kH, texture);
    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(test::runCli({"init", ws}).exitCode, 0);
    const auto r = test::runCli({"import", ws, dir.file("tegels"), "--layer", "luchtfoto", "--year", "2025"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    SpatialiteDb db(ws, SpatialiteDb::Mode::ReadOnly);
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM rk_rasters WHERE layer = 'luchtfoto' AND year = 2025"), 1);
    const std::string path = *db.queryText("SELECT path FROM rk_rasters WHERE year = 2025");
    EXPECT_EQ(path, mosaicPath(ws, "luchtfoto", 2025));
    EXPECT_EQ(*db.queryInt("SELECT width FROM rk_rasters WHERE year = 2025"), kW);
    // Provenance names each file of the mosaic.
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM rk_provenance WHERE source_path LIKE '%tegels/x_.tif'"), 2);
}

}  // namespace
}  // namespace riskmap::gis
