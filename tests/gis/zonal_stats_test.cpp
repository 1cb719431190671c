// SPDX-License-Identifier: GPL-3.0-or-later
// Zonal statistics against a brute-force oracle (GEOS point-in-polygon per pixel via OGR) on small rasters.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/zonal_stats.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_geometry.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

namespace riskmap::gis {
namespace {

using test::TempDir;

struct TestRaster {
    int width, height;
    double ox, oy, px;
    std::vector<std::uint16_t> values;
    std::uint16_t value(int c, int r) const { return values[static_cast<std::size_t>(r) * width + c]; }
};

TestRaster makeRaster(const std::string& path, int width, int height, double ox, double oy, double px,
                      std::optional<double> noData = std::nullopt)
{
    GDALAllRegister();
    TestRaster t{width, height, ox, oy, px, {}};
    t.values.resize(static_cast<std::size_t>(width) * height);
    for (int r = 0; r < height; ++r)
        for (int c = 0; c < width; ++c) t.values[static_cast<std::size_t>(r) * width + c] = static_cast<std::uint16_t>((c * 7 + r * 13 + c * r) % 1001);
    char** opts = nullptr;
    opts = CSLSetNameValue(opts, "TILED", "YES");
    opts = CSLSetNameValue(opts, "BLOCKXSIZE", "256");
    opts = CSLSetNameValue(opts, "BLOCKYSIZE", "256");
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), width, height, 1, GDT_UInt16, opts);
    CSLDestroy(opts);
    double gt[6] = {ox, px, 0, oy, 0, -px};
    ds->SetGeoTransform(gt);
    if (noData) ds->GetRasterBand(1)->SetNoDataValue(*noData);
    EXPECT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, width, height, t.values.data(), width, height, GDT_UInt16, 0, 0, nullptr), CE_None);
    GDALClose(ds);
    return t;
}

/// Independent oracle: every pixel, centre nudged right and up, tested ring by ring with OGR's
/// point-in-ring (even-odd over all rings, like the zone definition).
ZonalResult bruteForce(const TestRaster& t, const ZoneRings& zone, std::optional<double> noData, double classMin,
                       double classMax)
{
    std::vector<OGRLinearRing> rings(zone.size());
    for (std::size_t i = 0; i < zone.size(); ++i) {
        for (const auto& p : zone[i]) rings[i].addPoint(p.x, p.y);
        rings[i].closeRings();
    }
    OGREnvelope env, all;
    for (const auto& ring : rings) { ring.getEnvelope(&env); all.Merge(env); }
    // Only pixels near the envelope can be inside (the loop bounds are generous).
    const int c0 = std::max(0, static_cast<int>((all.MinX - t.ox) / t.px) - 2);
    const int c1 = std::min(t.width - 1, static_cast<int>((all.MaxX - t.ox) / t.px) + 2);
    const int r0 = std::max(0, static_cast<int>((t.oy - all.MaxY) / t.px) - 2);
    const int r1 = std::min(t.height - 1, static_cast<int>((t.oy - all.MinY) / t.px) + 2);
    ZonalResult res;
    for (int r = r0; r <= r1; ++r)
        for (int c = c0; c <= c1; ++c) {
            OGRPoint p(t.ox + (c + 0.5) * t.px + 1e-6, t.oy - (r + 0.5) * t.px + 1e-10);
            bool inside = false;
            for (const auto& ring : rings)
                if (ring.isPointInRing(&p, TRUE)) inside = !inside;
            if (!inside) continue;
            const double v = t.value(c, r);
            if (noData && v == *noData) continue;
            ++res.count;
            res.sum += v;
            res.sumSquares += v * v;
            if (v >= classMin && v <= classMax) ++res.classCount;
        }
    return res;
}

void expectSame(const ZonalResult& got, const ZonalResult& want, const std::string& what)
{
    EXPECT_EQ(got.count, want.count) << what;
    EXPECT_EQ(got.classCount, want.classCount) << what;
    EXPECT_DOUBLE_EQ(got.sum, want.sum) << what;
    EXPECT_DOUBLE_EQ(got.sumSquares, want.sumSquares) << what;
}

ZoneRings rect(double x0, double y0, double x1, double y1)
{
    return {{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}};
}

TEST(ZonalStats, HandZonesWithEdgesThroughPixelCentresAndHoles)
{
    TempDir dir;
    // 1 m pixels, origin (100, 200): pixel centres at x = 100.5, 101.5, ...; y = 199.5, 198.5, ...
    const auto t = makeRaster(dir.file("r.tif"), 40, 30, 100, 200, 1.0);
    std::vector<ZoneRings> zones;
    auto add = [&](std::vector<ZoneRings> parts) {
        ZoneRings all;
        for (auto& p : parts)
            for (auto& ring : p) all.push_back(ring);
        zones.push_back(all);
    };
    add({rect(102.5, 190.5, 110.5, 197.5)});  // every edge runs through pixel centres
    add({rect(110.5, 190.5, 118.5, 197.5)});  // shares the edge x = 110.5 with the first
    ZoneRings holed = rect(101, 171, 121, 189);
    holed.push_back({{105.5, 175.5}, {105.5, 184.5}, {115.5, 184.5}, {115.5, 175.5}});  // hole, edges on centres
    add({holed});
    add({{{{120.5, 172.5}, {139.5, 180.5}, {125.0, 198.5}, {120.5, 172.5}}}});  // slanted triangle, vertices on centres
    add({rect(95, 195, 103, 205)});           // partly outside the raster
    add({rect(300, 300, 310, 310)});          // fully outside
    add({rect(130.5, 172.5, 133.5, 175.5), rect(135.2, 172.2, 138.7, 178.9)});  // two parts

    ZonalOptions opt;
    opt.classMin = 100;
    opt.classMax = 400;
    const auto got = zonalStatistics(dir.file("r.tif"), zones, opt);
    ASSERT_EQ(got.size(), zones.size());
    for (std::size_t i = 0; i < zones.size(); ++i)
        expectSame(got[i], bruteForce(t, zones[i], std::nullopt, 100, 400), "zone " + std::to_string(i));

    // Hand-checked counts: 8 columns (102.5..109.5) × 7 rows (197.5 excluded .. 190.5 included).
    EXPECT_EQ(got[0].count, 56u);
    // The union of the two neighbours is counted once: 16 × 7.
    EXPECT_EQ(got[0].count + got[1].count, 112u);
    // 20 × 18 minus the hole's 10 × 9.
    EXPECT_EQ(got[2].count, 20u * 18u - 10u * 9u);
    EXPECT_EQ(got[5].count, 0u);
    EXPECT_FALSE(got[5].mean().has_value());
    // Mean and standard deviation of the first zone by hand from the values.
    double s = 0, s2 = 0;
    for (int r = 3; r < 10; ++r)
        for (int c = 2; c < 10; ++c) { s += t.value(c, r); s2 += double(t.value(c, r)) * t.value(c, r); }
    EXPECT_NEAR(*got[0].mean(), s / 56, 1e-9);
    EXPECT_NEAR(*got[0].stddev(), std::sqrt(s2 / 56 - (s / 56) * (s / 56)), 1e-9);
}

TEST(ZonalStats, RandomPolygonsOverManyWindowsMatchBruteForce)
{
    TempDir dir;
    // 2300 × 1300 at 0.5 m: 3 × 2 windows of 1024 px, blocks of 256; nodata 0 occurs in the data.
    const auto t = makeRaster(dir.file("big.tif"), 2300, 1300, 1000, 5000, 0.5, 0.0);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> ux(1000, 1000 + 2300 * 0.5), uy(5000 - 1300 * 0.5, 5000);
    std::vector<ZoneRings> zones;
    for (int k = 0; k < 12; ++k) {
        // A star-shaped polygon on quarter-metre coordinates (edges often meet centres), with a square hole.
        const double cx = std::round(ux(rng) * 4) / 4, cy = std::round(uy(rng) * 4) / 4;
        const double rad = k < 4 ? 400 : 20 + k * 6;  // the first ones cross window borders
        std::vector<XY> shell;
        const int n = 9;
        for (int i = 0; i < n; ++i) {
            const double a = 2 * M_PI * i / n;
            const double rr = rad * (0.6 + 0.4 * ((i * 37 + k) % 5) / 4.0);
            shell.push_back({std::round((cx + rr * std::cos(a)) * 4) / 4, std::round((cy + rr * std::sin(a)) * 4) / 4});
        }
        shell.push_back(shell.front());
        const double h = rad * 0.2;
        ZoneRings z{shell, {{cx - h, cy - h}, {cx + h, cy - h}, {cx + h, cy + h}, {cx - h, cy + h}, {cx - h, cy - h}}};
        zones.push_back(z);
    }
    ZonalOptions opt;
    opt.classMin = 500;
    opt.classMax = 1000;
    const auto got = zonalStatistics(dir.file("big.tif"), zones, opt);
    for (std::size_t i = 0; i < zones.size(); ++i) {
        expectSame(got[i], bruteForce(t, zones[i], 0.0, 500, 1000), "random zone " + std::to_string(i));
        EXPECT_GT(got[i].count, 0u);
    }
}

TEST(ZonalStats, MissingOrCorruptRasterGivesClearErrors)
{
    TempDir dir;
    const std::vector<ZoneRings> zones{rect(0, 0, 10, 10)};
    try {
        zonalStatistics(dir.file("weg.tif"), zones);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("weg.tif"), std::string::npos);
    }
    { std::ofstream(dir.file("rommel.tif")) << "dit is geen tiff"; }
    EXPECT_THROW(zonalStatistics(dir.file("rommel.tif"), zones), InputError);

    // A valid header whose tiles are cut off: opening works, reading a tile fails.
    makeRaster(dir.file("kapot.tif"), 1200, 1200, 0, 1200, 1.0);
    const auto size = std::filesystem::file_size(dir.file("kapot.tif"));
    std::filesystem::resize_file(dir.file("kapot.tif"), size / 3);
    EXPECT_THROW(zonalStatistics(dir.file("kapot.tif"), {rect(0, 0, 1200, 1200)}), GdalError);

    makeRaster(dir.file("goed.tif"), 20, 20, 0, 20, 1.0);
    ZonalOptions opt;
    opt.band = 2;
    EXPECT_THROW(zonalStatistics(dir.file("goed.tif"), zones, opt), InputError);
}

}  // namespace
}  // namespace riskmap::gis
