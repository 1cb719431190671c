// SPDX-License-Identifier: GPL-3.0-or-later
// The photo tile cache: exact tiles at the photo's level, reads served offline, clear errors for what is missing.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/tile_cache.hpp"
#include "raster_fixtures.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <set>

namespace riskmap::gis {
namespace {

using test::TempDir;
namespace fs = std::filesystem;

constexpr int kLevel = 14;                  // 0.21 m per pixel
constexpr int kW = 700, kH = 600;
constexpr double kRes = 0.21;

/// Global pixel index of the photo's top-left pixel on the level-14 grid: 100 pixels into a tile,
/// so the photo's edges cut tiles.
const long kCol0 = static_cast<long>(std::floor((150000 - RdTileGrid::kOriginX) / kRes / 256)) * 256 + 100;
const long kRow0 = static_cast<long>(std::floor((RdTileGrid::kOriginY - 450000) / kRes / 256)) * 256 + 100;
const double kX0 = RdTileGrid::kOriginX + kCol0 * kRes;
const double kY0 = RdTileGrid::kOriginY - kRow0 * kRes;

int value(int c, int r, int b) { return (c * 3 + r * 5 + c * r % 7 + b * 50) % 256; }

void writePhoto(const std::string& path)
{
    test::writeTestGeoTiff(path, {kX0, kY0, kRes, kW, kH, 4},
                     [](int c, int r, int b) { return static_cast<unsigned char>(value(c, r, b)); },
                     {"PHOTOMETRIC=RGB", "ALPHA=UNSPECIFIED", "TILED=YES"});
}

/// The box of photo pixels [c0, c1) × [r0, r1).
Box pixels(int c0, int r0, int c1, int r1) { return {kX0 + c0 * kRes, kY0 - r1 * kRes, kX0 + c1 * kRes, kY0 - r0 * kRes}; }

class TileCacheTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_photo = m_dir.file("foto_2025.tif");
        writePhoto(m_photo);
        m_ws = m_dir.file("ws.sqlite");
        ASSERT_EQ(test::runCli({"init", m_ws}).exitCode, 0);
        const auto r = test::runCli({"import", m_ws, m_photo, "--layer", "luchtfoto", "--year", "2025"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    TileCache cache()
    {
        SpatialiteDb db(m_ws, SpatialiteDb::Mode::ReadOnly);
        return TileCache(db, m_ws);
    }
    TempDir m_dir;
    std::string m_photo, m_ws;
};

/// Exactly the photo's pixels (RGB, opaque) at the photo's own level.
void expectExact(const RasterWindow& w, int c0, int r0)
{
    int wrong = 0;
    for (int y = 0; y < w.height; ++y)
        for (int x = 0; x < w.width; ++x) {
            const unsigned char* p = &w.rgba[(static_cast<std::size_t>(y) * w.width + x) * 4];
            for (int b = 0; b < 3; ++b) wrong += p[b] != value(c0 + x, r0 + y, b + 1);
            wrong += p[3] != 255;
        }
    EXPECT_EQ(wrong, 0);
}

TEST_F(TileCacheTest, TilesAtThePhotosLevelAreExactAndComeFromTheCacheTheSecondTime)
{
    auto c = cache();
    EXPECT_EQ(RdTileGrid::levelFor(kRes), kLevel);
    EXPECT_EQ(c.nativeLevel(2025), kLevel);
    TileCacheStats first, second;
    const auto a = c.readWindow(2025, pixels(50, 40, 450, 340), kRes, &first);
    ASSERT_EQ(a.width, 400);
    ASSERT_EQ(a.height, 300);
    expectExact(a, 50, 40);
    EXPECT_GT(first.fromSource, 0u);
    EXPECT_EQ(first.fromCache, 0u);
    const auto b = c.readWindow(2025, pixels(50, 40, 450, 340), kRes, &second);
    EXPECT_EQ(second.fromSource, 0u);
    EXPECT_EQ(second.fromCache, first.fromSource);
    EXPECT_EQ(a.rgba, b.rgba);
    // Half the resolution: level 13, each pixel the mean of 2 × 2 photo pixels (GDAL rounds).
    const auto half = c.readWindow(2025, pixels(100, 100, 300, 300), 2 * kRes);
    ASSERT_EQ(half.width, 100);
    // Level-13 pixels pair global photo pixels (2k, 2k+1); the photo starts on an even global pixel.
    ASSERT_EQ(kCol0 % 2, 0);
    ASSERT_EQ(kRow0 % 2, 0);
    int off = 0;
    for (int y = 1; y < 99; ++y)
        for (int x = 1; x < 99; ++x)
            for (int band = 1; band <= 3; ++band) {
                const int c0 = 100 + 2 * x, r0 = 100 + 2 * y;
                const double mean = (value(c0, r0, band) + value(c0 + 1, r0, band) + value(c0, r0 + 1, band) +
                                     value(c0 + 1, r0 + 1, band)) / 4.0;
                off += std::abs(half.rgba[(static_cast<std::size_t>(y) * 100 + x) * 4 + band - 1] - mean) > 1.0;
            }
    EXPECT_EQ(off, 0);
    // Between two levels (1.9 × the finer one): still the finer level's tiles, fully opaque.
    const auto between = c.readWindow(2025, pixels(0, 0, 700, 600), 1.9 * kRes);
    for (std::size_t i = 3; i < between.rgba.size(); i += 4) ASSERT_EQ(between.rgba[i], 255) << i / 4;
    // Outside the photo: transparent.
    const auto outside = c.readWindow(2025, {kX0 - 50, kY0 - 10, kX0 - 10, kY0}, 1.0);
    for (std::size_t i = 3; i < outside.rgba.size(); i += 4) ASSERT_EQ(outside.rgba[i], 0);
}

TEST_F(TileCacheTest, CachedReadsWorkOfflineAndMissingTilesNameThePhoto)
{
    auto c = cache();
    const auto online = c.readWindow(2025, pixels(0, 0, 300, 200), kRes);
    fs::rename(m_photo, m_photo + ".weg");  // the network share is gone
    TileCacheStats stats;
    const auto offline = c.readWindow(2025, pixels(0, 0, 300, 200), kRes, &stats);
    EXPECT_EQ(offline.rgba, online.rgba);
    EXPECT_EQ(stats.fromSource, 0u);
    try {
        c.readWindow(2025, pixels(400, 300, 700, 600), kRes);
        FAIL() << "an uncached window read without its photo";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("foto_2025.tif"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("riskmap cache"), std::string::npos) << e.what();
    }
    // The rest keeps working; a corrupt (truncated) photo behaves like a missing one.
    EXPECT_EQ(c.readWindow(2025, pixels(0, 0, 300, 200), kRes).rgba, online.rgba);
    fs::rename(m_photo + ".weg", m_photo);
    fs::resize_file(m_photo, fs::file_size(m_photo) / 3);
    EXPECT_THROW(c.readWindow(2025, pixels(400, 300, 700, 600), kRes), InputError);
    EXPECT_EQ(c.readWindow(2025, pixels(0, 0, 300, 200), kRes).rgba, online.rgba);
}

TEST_F(TileCacheTest, ADamagedCachedTileIsNamedAndTheOtherTilesStillServe)
{
    auto c = cache();
    const auto left = c.readWindow(2025, pixels(0, 0, 150, 600), kRes);
    c.readWindow(2025, pixels(0, 0, 700, 600), kRes);
    fs::remove(m_photo);
    {
        // Damage the tile at the photo's bottom-right corner (the last one of the finest zoom level).
        SpatialiteDb gpkg(TileCache::cachePath(m_ws, 2025), SpatialiteDb::Mode::ReadWrite);
        gpkg.exec("UPDATE luchtfoto_2025_z14 SET tile_data = x'89504e470d0a1a0a0000' WHERE id = (SELECT id FROM "
                  "luchtfoto_2025_z14 ORDER BY zoom_level DESC, tile_row DESC, tile_column DESC LIMIT 1)");
    }
    try {
        c.readWindow(2025, pixels(500, 400, 700, 600), kRes);
        FAIL() << "a damaged tile read without complaint";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("luchtfoto_2025.gpkg"), std::string::npos) << e.what();
    }
    EXPECT_EQ(c.readWindow(2025, pixels(0, 0, 150, 600), kRes).rgba, left.rgba);
}

TEST_F(TileCacheTest, PrefillFromTheCommandLineServesEveryLevelOffline)
{
    const auto r = test::runCli({"cache", m_ws, "--year", "2025", "--levels", "12-14"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(test::runCli({"cache", m_ws, "--year", "2019"}).exitCode, 0);
    EXPECT_NE(test::runCli({"cache", m_ws, "--year", "2025", "--levels", "17"}).exitCode, 0);
    fs::remove(m_photo);
    auto c = cache();
    TileCacheStats stats;
    expectExact(c.readWindow(2025, pixels(0, 0, 700, 600), kRes, &stats), 0, 0);
    EXPECT_EQ(stats.fromSource, 0u);
    for (double px : {0.42, 0.84, 1.0, 5.0}) EXPECT_NO_THROW(c.readWindow(2025, pixels(0, 0, 700, 600), px)) << px;
    // The GeoPackage: one raster table per level on the RD grid (EPSG:28992, tile edges on the grid).
    SpatialiteDb gpkg(TileCache::cachePath(m_ws, 2025), SpatialiteDb::Mode::ReadOnly);
    EXPECT_GE(*gpkg.queryInt("SELECT count(*) FROM gpkg_contents WHERE data_type = 'tiles'"), 3);
    EXPECT_EQ(*gpkg.queryInt("SELECT count(*) FROM gpkg_tile_matrix_set WHERE srs_id <> 28992"), 0);
    EXPECT_NEAR(*gpkg.queryDouble("SELECT min(pixel_x_size) FROM gpkg_tile_matrix WHERE table_name = 'luchtfoto_2025_z14'"),
                kRes, 1e-12);
    EXPECT_EQ(*gpkg.queryInt("SELECT count(*) FROM gpkg_tile_matrix"),
              *gpkg.queryInt("SELECT count(*) FROM gpkg_contents WHERE data_type = 'tiles'"));  // one zoom each
    {
        const std::string name = "GPKG:" + TileCache::cachePath(m_ws, 2025) + ":luchtfoto_2025_z13";
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        ASSERT_TRUE(ds);
        EXPECT_EQ(ds->GetRasterBand(1)->GetOverviewCount(), 0);
        EXPECT_STREQ(ds->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    }
    const double minX = *gpkg.queryDouble("SELECT min_x FROM gpkg_tile_matrix_set WHERE table_name = 'luchtfoto_2025_z13'");
    const double tiles = (minX - RdTileGrid::kOriginX) / (RdTileGrid::resolution(13) * 256);
    EXPECT_NEAR(tiles, std::round(tiles), 1e-6);
}

/// The level-14 tiles in the cache, as (column, row) of the global RD grid, from the GeoPackage itself.
std::set<std::pair<long, long>> storedTiles(const std::string& ws)
{
    SpatialiteDb gpkg(TileCache::cachePath(ws, 2025), SpatialiteDb::Mode::ReadOnly);
    const double span = RdTileGrid::resolution(kLevel) * 256;
    const long col0 = std::lround((*gpkg.queryDouble("SELECT min_x FROM gpkg_tile_matrix_set WHERE table_name = 'luchtfoto_2025_z14'") -
                                   RdTileGrid::kOriginX) / span);
    const long row0 = std::lround((RdTileGrid::kOriginY -
                                   *gpkg.queryDouble("SELECT max_y FROM gpkg_tile_matrix_set WHERE table_name = 'luchtfoto_2025_z14'")) / span);
    std::set<std::pair<long, long>> out;
    auto st = gpkg.prepare("SELECT tile_column, tile_row FROM luchtfoto_2025_z14");
    while (st.step()) out.emplace(col0 + st.columnInt(0), row0 + st.columnInt(1));
    return out;
}

std::uint64_t storedBytes(const std::string& ws)
{
    SpatialiteDb gpkg(TileCache::cachePath(ws, 2025), SpatialiteDb::Mode::ReadOnly);
    return static_cast<std::uint64_t>(*gpkg.queryInt("SELECT sum(length(tile_data)) FROM luchtfoto_2025_z14"));
}

TEST_F(TileCacheTest, SizeLimitRemovesTheLeastRecentlyUsedTilesAndNeverTheOnesBeingRead)
{
    // Photo pixels start 100 px into a tile: corner A is one tile, corner B two (columns 2 and 3 of row 2).
    const long tileCol0 = kCol0 / 256, tileRow0 = kRow0 / 256;
    const std::set<std::pair<long, long>> tileA{{tileCol0, tileRow0}};
    const std::set<std::pair<long, long>> tilesB{{tileCol0 + 2, tileRow0 + 2}, {tileCol0 + 3, tileRow0 + 2}};
    const Box a = pixels(0, 0, 100, 100), b = pixels(600, 500, 700, 600);
    std::uint64_t bytesA = 0;
    {
        auto c = cache();
        c.readWindow(2025, a, kRes);
        bytesA = storedBytes(m_ws);
        c.readWindow(2025, b, kRes);
        c.readWindow(2025, a, kRes);  // A used again: now B is the least recently used, though A came first
        auto both = tileA;
        both.insert(tilesB.begin(), tilesB.end());
        ASSERT_EQ(storedTiles(m_ws), both);
        const auto before = storedBytes(m_ws);
        const auto t = c.trim(2025, bytesA);
        EXPECT_EQ(t.tilesRemoved, 2u);
        EXPECT_EQ(t.bytesBefore, before);
        EXPECT_EQ(t.bytesAfter, storedBytes(m_ws));
        EXPECT_LE(t.bytesAfter, bytesA);
        EXPECT_EQ(storedTiles(m_ws), tileA);
    }
    // A limit stored in the workspace applies after every read; the tiles of the running read stay
    // even when they alone exceed it, older ones make room.
    {
        SpatialiteDb db(m_ws, SpatialiteDb::Mode::ReadWrite);
        TileCache::setSizeLimit(db, 2025, bytesA);
    }
    auto c = cache();
    ASSERT_EQ(c.sizeLimit(2025), bytesA);
    TileCacheStats stats;
    expectExact(c.readWindow(2025, b, kRes, &stats), 600, 500);
    EXPECT_EQ(stats.fromSource, 2u);
    EXPECT_EQ(storedTiles(m_ws), tilesB);
    // Offline, what was removed is missing and what stayed serves exactly.
    fs::remove(m_photo);
    EXPECT_THROW(c.readWindow(2025, a, kRes), InputError);
    expectExact(c.readWindow(2025, b, kRes), 600, 500);

    // The command line: a limit far below one tile empties the cache and gives the disk space back.
    const auto fileBefore = fs::file_size(TileCache::cachePath(m_ws, 2025));
    const auto r = test::runCli({"cache", m_ws, "--year", "2025", "--max-mb", "0.0001"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("tegels verwijderd: 2"), std::string::npos) << r.out;
    EXPECT_TRUE(storedTiles(m_ws).empty());
    EXPECT_LE(fs::file_size(TileCache::cachePath(m_ws, 2025)), fileBefore);
    {
        SpatialiteDb gpkg(TileCache::cachePath(m_ws, 2025), SpatialiteDb::Mode::ReadOnly);
        EXPECT_LE(*gpkg.queryInt("PRAGMA freelist_count") * 4, *gpkg.queryInt("PRAGMA page_count")) << "space given back";
    }
    EXPECT_EQ(test::runCli({"cache", m_ws, "--year", "2025", "--max-mb", "0"}).exitCode, 0);
    SpatialiteDb db(m_ws, SpatialiteDb::Mode::ReadOnly);
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM rk_tile_cache_limits"), 0) << "0 removes the limit";
    EXPECT_NE(test::runCli({"cache", m_ws, "--year", "2019", "--max-mb", "5"}).exitCode, 0);
}

}  // namespace
}  // namespace riskmap::gis
