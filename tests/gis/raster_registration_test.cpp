// SPDX-License-Identifier: GPL-3.0-or-later
// Registering aerial photos: metadata, checksums, overviews in the cache, never beside the source.
#include "riskmap/gis/raster_registration.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <vector>

using namespace riskmap::gis;
namespace fs = std::filesystem;

namespace {

constexpr double kPi = 3.14159265358979323846;

// NSGI RDNAPTRANS2018 validation point 30011730 (shared/data/real/rdnaptrans2018-validation):
// ETRS89 52.133946496 N, 5.358663474 E = RD 153045.9644, 460638.7392.
constexpr double kLat = 52.133946496, kLon = 5.358663474, kRdX = 153045.9644, kRdY = 460638.7392;

/// Web Mercator of the validation point (spherical formulas, WGS84 taken as ETRS89).
void mercator(double& x, double& y)
{
    const double r = 6378137.0;
    x = r * kLon * kPi / 180.0;
    y = r * std::log(std::tan(kPi / 4 + kLat * kPi / 360.0));
}

/// Writes a Byte GeoTIFF with vertical stripes: even columns 0, odd columns 200 + 10 (b - 1)
/// in band b (so a 2x average overview is 100 + 5 (b - 1) everywhere).
void writeStripedTiff(const std::string& path, int width, int height, int bands, double originX, double originY,
                      double pixel, int epsg)
{
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = driver->Create(path.c_str(), width, height, bands, GDT_Byte, nullptr);
    ASSERT_NE(ds, nullptr);
    double gt[6] = {originX, pixel, 0, originY, 0, -pixel};
    ds->SetGeoTransform(gt);
    if (epsg) {
        OGRSpatialReference srs;
        srs.importFromEPSG(epsg);
        ds->SetSpatialRef(&srs);
    }
    std::vector<unsigned char> row(static_cast<std::size_t>(width));
    for (int b = 1; b <= bands; ++b) {
        for (int x = 0; x < width; ++x) {
            row[static_cast<std::size_t>(x)] = static_cast<unsigned char>(x % 2 ? 200 + 10 * (b - 1) : 0);
        }
        for (int y = 0; y < height; ++y) {
            ASSERT_EQ(ds->GetRasterBand(b)->RasterIO(GF_Write, 0, y, width, 1, row.data(), width, 1, GDT_Byte, 0, 0),
                      CE_None);
        }
    }
    GDALClose(ds);
}

std::set<std::string> listDir(const fs::path& dir)
{
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

/// sha256sum(1): an oracle independent of our OpenSSL code.
std::string sha256sum(const std::string& path)
{
    const auto r = riskmap::test::runProgram("sha256sum", {path});
    EXPECT_EQ(r.exitCode, 0);
    return r.out.substr(0, 64);
}

/// Mean of band `b`'s first overview, read through GDAL.
double firstOverviewMean(const std::string& path, int b, int* overviewCount)
{
    GDALDataset* ds = static_cast<GDALDataset*>(GDALOpen(path.c_str(), GA_ReadOnly));
    EXPECT_NE(ds, nullptr);
    if (!ds) return -1;
    GDALRasterBand* band = ds->GetRasterBand(b);
    *overviewCount = band->GetOverviewCount();
    double mean = -1;
    if (*overviewCount > 0) {
        GDALRasterBand* ov = band->GetOverview(0);
        const int w = ov->GetXSize(), h = ov->GetYSize();
        std::vector<double> values(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
        EXPECT_EQ(ov->RasterIO(GF_Read, 0, 0, w, h, values.data(), w, h, GDT_Float64, 0, 0), CE_None);
        double sum = 0;
        for (double v : values) sum += v;
        mean = sum / static_cast<double>(values.size());
    }
    GDALClose(ds);
    return mean;
}

}  // namespace

TEST(RasterRegistration, InspectsRdGeoTiff)
{
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("foto.tif");
    writeStripedTiff(tif, 600, 400, 3, 155000.0, 463100.0, 0.25, 28992);

    const RasterInfo info = inspectRaster(tif);
    EXPECT_EQ(info.path, tif);
    EXPECT_EQ(info.driver, "GTiff");
    EXPECT_EQ(info.crs, "EPSG:28992");
    EXPECT_EQ(info.bands, 3);
    EXPECT_EQ(info.width, 600);
    EXPECT_EQ(info.height, 400);
    EXPECT_DOUBLE_EQ(info.pixelSizeX, 0.25);
    EXPECT_DOUBLE_EQ(info.pixelSizeY, 0.25);
    EXPECT_DOUBLE_EQ(info.extent.minX, 155000.0);
    EXPECT_DOUBLE_EQ(info.extent.maxX, 155150.0);  // 600 * 0.25
    EXPECT_DOUBLE_EQ(info.extent.minY, 463000.0);  // 463100 - 400 * 0.25
    EXPECT_DOUBLE_EQ(info.extent.maxY, 463100.0);
    EXPECT_FALSE(info.hasOverviews);
    EXPECT_TRUE(info.overviewPath.empty());
    EXPECT_EQ(info.sha256, sha256sum(tif));
    EXPECT_EQ(listDir(dir.path()), (std::set<std::string>{"foto.tif"}));  // inspecting writes nothing
}

TEST(RasterRegistration, BuildsOverviewsInCacheAndStoresRow)
{
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("foto.tif");
    writeStripedTiff(tif, 600, 400, 3, 155000.0, 463100.0, 0.25, 28992);
    const std::string wsPath = dir.file("ws.sqlite");
    Workspace ws = Workspace::create(wsPath);

    const RasterInfo info = registerRaster(tif, wsPath);
    const fs::path expectedVrt = fs::path(wsPath + ".cache") / "overviews" / (info.sha256 + ".vrt");
    EXPECT_EQ(info.overviewPath, expectedVrt.string());
    EXPECT_TRUE(fs::exists(expectedVrt.string() + ".ovr"));
    int overviews = 0;
    // Stripes 0/200 average to exactly 100 at factor 2.
    EXPECT_DOUBLE_EQ(firstOverviewMean(info.overviewPath, 1, &overviews), 100.0);
    EXPECT_EQ(overviews, 2);  // 600 px: factors 2 and 4 (300, 150 >= 128)
    EXPECT_DOUBLE_EQ(firstOverviewMean(info.overviewPath, 3, &overviews), 110.0);  // (0 + 220) / 2
    // The source folder got nothing besides the workspace files.
    for (const auto& name : listDir(dir.path())) {
        EXPECT_TRUE(name == "foto.tif" || name.rfind("ws.sqlite", 0) == 0) << name;
    }

    ensureRasterTables(ws.db());
    ensureRasterTables(ws.db());  // idempotent
    {
        Transaction tx(ws.db());
        storeRaster(ws.db(), "luchtfoto", 2024, info);
        tx.commit();
    }
    // Registering again reuses the cache and updates the same row.
    const RasterInfo again = registerRaster(tif, wsPath);
    EXPECT_EQ(again.overviewPath, info.overviewPath);
    std::int64_t id1 = 0, id2 = 0;
    {
        Transaction tx(ws.db());
        id1 = storeRaster(ws.db(), "luchtfoto", 2025, again);
        id2 = storeRaster(ws.db(), "luchtfoto_oud", std::nullopt, again);
        tx.commit();
    }
    EXPECT_NE(id1, id2);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM rk_rasters"), 2);
    EXPECT_EQ(ws.db().queryInt("SELECT year FROM rk_rasters WHERE layer = 'luchtfoto'"), 2025);
    EXPECT_EQ(ws.db().queryDouble("SELECT (max_x - min_x) * (max_y - min_y) FROM rk_rasters WHERE id = " +
                                  std::to_string(id1)),
              150.0 * 100.0);
    const auto records = loadRasters(ws.db(), "luchtfoto");
    ASSERT_EQ(records.size(), 1u);
    EXPECT_EQ(records[0].info.sha256, sha256sum(tif));
    EXPECT_EQ(records[0].info.overviewPath, info.overviewPath);
    EXPECT_EQ(records[0].info.width, 600);
    EXPECT_FALSE(records[0].info.hasOverviews);
    EXPECT_EQ(records[0].registeredAt.size(), 20u);
    EXPECT_EQ(loadRasters(ws.db()).size(), 2u);
}

TEST(RasterRegistration, VrtMosaicOfTwoTiles)
{
    riskmap::test::TempDir dir;
    const fs::path src = dir.path() / "bron";
    fs::create_directory(src);
    const std::string west = (src / "west.tif").string(), east = (src / "oost.tif").string();
    writeStripedTiff(west, 300, 400, 3, 155000.0, 463100.0, 0.25, 28992);
    writeStripedTiff(east, 300, 400, 3, 155075.0, 463100.0, 0.25, 28992);
    const std::string vrt = (src / "mozaiek.vrt").string();
    const char* inputs[] = {west.c_str(), east.c_str()};
    int usageError = 0;
    GDALDatasetH mosaic = GDALBuildVRT(vrt.c_str(), 2, nullptr, inputs, nullptr, &usageError);
    ASSERT_NE(mosaic, nullptr);
    GDALClose(mosaic);

    const std::string wsPath = dir.file("ws.sqlite");
    const RasterInfo info = registerRaster(vrt, wsPath);
    EXPECT_EQ(info.driver, "VRT");
    EXPECT_EQ(info.width, 600);
    EXPECT_EQ(info.height, 400);
    EXPECT_DOUBLE_EQ(info.extent.minX, 155000.0);
    EXPECT_DOUBLE_EQ(info.extent.maxX, 155150.0);
    EXPECT_EQ(info.sha256, sha256sum(vrt));  // the .vrt text
    ASSERT_FALSE(info.overviewPath.empty());
    int overviews = 0;
    EXPECT_DOUBLE_EQ(firstOverviewMean(info.overviewPath, 1, &overviews), 100.0);
    EXPECT_GE(overviews, 1);
    EXPECT_EQ(listDir(src), (std::set<std::string>{"west.tif", "oost.tif", "mozaiek.vrt"}));
}

TEST(RasterRegistration, ReadOnlySourceFolderStaysUntouched)
{
    riskmap::test::TempDir dir;
    const fs::path src = dir.path() / "alleen-lezen";
    fs::create_directory(src);
    const std::string tif = (src / "foto.tif").string();
    writeStripedTiff(tif, 512, 512, 1, 155000.0, 463128.0, 0.25, 28992);
    fs::permissions(tif, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(src, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                             fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const auto before = listDir(src);

    const std::string wsPath = dir.file("ws.sqlite");
    RasterInfo info;
    EXPECT_NO_THROW(info = registerRaster(tif, wsPath));
    const auto after = listDir(src);
    fs::permissions(src, fs::perms::owner_all);  // let TempDir clean up
    EXPECT_EQ(after, before);
    EXPECT_EQ(info.bands, 1);
    EXPECT_TRUE(fs::exists(info.overviewPath));
    EXPECT_TRUE(fs::exists(info.overviewPath + ".ovr"));
    EXPECT_EQ(fs::path(info.overviewPath).parent_path(), fs::path(overviewCacheDir(wsPath)));
}

TEST(RasterRegistration, WebMercatorExtentInRd)
{
    // 200 x 200 pixels of 1 Web Mercator metre centred on the validation point. Without the
    // RDNAPTRANS2018 grid PROJ uses a Helmert transformation (about 1 m).
    double cx = 0, cy = 0;
    mercator(cx, cy);
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("merc.tif");
    writeStripedTiff(tif, 200, 200, 3, cx - 100.0, cy + 100.0, 1.0, 3857);

    const RasterInfo info = inspectRaster(tif);
    EXPECT_EQ(info.crs, "EPSG:3857");
    EXPECT_DOUBLE_EQ(info.pixelSizeX, 1.0);
    EXPECT_NEAR((info.extent.minX + info.extent.maxX) / 2, kRdX, 2.0);
    EXPECT_NEAR((info.extent.minY + info.extent.maxY) / 2, kRdY, 2.0);
    // Web Mercator is spherical: 200 of its metres span dLon = 200 / R and dLat = 200 cos(lat) / R.
    // On the GRS80 ellipsoid those are N cos(lat) dLon and M dLat metres; RD's scale there ~0.99991.
    const double phi = kLat * kPi / 180.0, a = 6378137.0, e2 = 0.00669438002290;
    const double w = 1.0 - e2 * std::sin(phi) * std::sin(phi);
    const double n = a / std::sqrt(w), m = a * (1.0 - e2) / (w * std::sqrt(w));
    const double expectedX = n * std::cos(phi) * 200.0 / a * 0.9999079;
    const double expectedY = m * 200.0 * std::cos(phi) / a * 0.9999079;
    EXPECT_NEAR(info.extent.maxX - info.extent.minX, expectedX, 0.15);
    EXPECT_NEAR(info.extent.maxY - info.extent.minY, expectedY, 0.15);
}

TEST(RasterRegistration, MbTilesWithPyramid)
{
    double cx = 0, cy = 0;
    mercator(cx, cy);
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("merc.tif");
    writeStripedTiff(tif, 512, 512, 3, cx - 256.0, cy + 256.0, 1.0, 3857);
    const std::string mbtiles = dir.file("foto.mbtiles");
    {
        GDALDataset* source = static_cast<GDALDataset*>(GDALOpen(tif.c_str(), GA_ReadOnly));
        ASSERT_NE(source, nullptr);
        GDALDataset* out = GetGDALDriverManager()->GetDriverByName("MBTiles")->CreateCopy(
            mbtiles.c_str(), source, FALSE, nullptr, nullptr, nullptr);
        ASSERT_NE(out, nullptr);
        int levels[] = {2, 4};
        ASSERT_EQ(out->BuildOverviews("AVERAGE", 2, levels, 0, nullptr, nullptr, nullptr), CE_None);
        GDALClose(out);
        GDALClose(source);
    }
    const std::string wsPath = dir.file("ws.sqlite");
    const RasterInfo info = registerRaster(mbtiles, wsPath);
    EXPECT_EQ(info.driver, "MBTiles");
    EXPECT_EQ(info.crs, "EPSG:3857");
    EXPECT_TRUE(info.hasOverviews);
    EXPECT_TRUE(info.overviewPath.empty());
    EXPECT_FALSE(fs::exists(overviewCacheDir(wsPath)));
    // 512 Mercator metres are about 314 m; tiles snap outward to the zoom grid, so the extent
    // covers at least +-150 m around the centre and not much more than one tile (~300 m) beyond.
    EXPECT_LE(info.extent.minX, kRdX - 150.0);
    EXPECT_GE(info.extent.maxX, kRdX + 150.0);
    EXPECT_LE(info.extent.minY, kRdY - 150.0);
    EXPECT_GE(info.extent.maxY, kRdY + 150.0);
    EXPECT_LT(info.extent.maxX - info.extent.minX, 1000.0);
}

TEST(RasterRegistration, GeoPackageTilesWithoutPyramid)
{
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("foto.tif");
    writeStripedTiff(tif, 600, 400, 3, 155000.0, 463100.0, 0.25, 28992);
    const std::string gpkg = dir.file("foto.gpkg");
    {
        GDALDataset* source = static_cast<GDALDataset*>(GDALOpen(tif.c_str(), GA_ReadOnly));
        ASSERT_NE(source, nullptr);
        const char* options[] = {"TILE_FORMAT=PNG", nullptr};  // lossless, so the mean is exact
        GDALDataset* out = GetGDALDriverManager()->GetDriverByName("GPKG")->CreateCopy(
            gpkg.c_str(), source, FALSE, const_cast<char**>(options), nullptr, nullptr);
        ASSERT_NE(out, nullptr);
        GDALClose(out);
        GDALClose(source);
    }
    const std::string wsPath = dir.file("ws.sqlite");
    const RasterInfo info = registerRaster(gpkg, wsPath);
    EXPECT_EQ(info.driver, "GPKG");
    EXPECT_EQ(info.crs, "EPSG:28992");
    EXPECT_EQ(info.width, 600);
    EXPECT_DOUBLE_EQ(info.extent.minX, 155000.0);
    EXPECT_DOUBLE_EQ(info.extent.maxY, 463100.0);
    EXPECT_FALSE(info.hasOverviews);
    ASSERT_FALSE(info.overviewPath.empty());
    int overviews = 0;
    EXPECT_DOUBLE_EQ(firstOverviewMean(info.overviewPath, 1, &overviews), 100.0);
    EXPECT_EQ(info.sha256, sha256sum(gpkg));
}

TEST(RasterRegistration, CancelLeavesNoFiles)
{
    riskmap::test::TempDir dir;
    const std::string tif = dir.file("foto.tif");
    writeStripedTiff(tif, 600, 400, 1, 155000.0, 463100.0, 0.25, 28992);
    const std::string wsPath = dir.file("ws.sqlite");
    riskmap::core::Feedback feedback;
    feedback.cancel();
    EXPECT_THROW(registerRaster(tif, wsPath, &feedback), riskmap::CancelledError);
    EXPECT_TRUE(listDir(overviewCacheDir(wsPath)).empty());
}

TEST(RasterRegistration, RefusesBadInput)
{
    riskmap::test::TempDir dir;
    EXPECT_THROW(inspectRaster(dir.file("bestaat-niet.tif")), riskmap::InputError);
    const std::string plain = dir.file("zonder-crs.tif");
    writeStripedTiff(plain, 10, 10, 1, 0.0, 10.0, 1.0, 0);
    EXPECT_THROW(inspectRaster(plain), riskmap::InputError);
    const std::string text = dir.file("tekst.tif");
    riskmap::test::runProgram("sh", {"-c", "echo geen raster > " + text});
    EXPECT_THROW(inspectRaster(text), riskmap::InputError);
}
