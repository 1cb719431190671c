// SPDX-License-Identifier: GPL-3.0-or-later
// luchtfoto_gemiddelde through the whole build: hand-computed means, empty outside the photo, a corrupt photo tolerated.
#include "engine_fixture.hpp"
#include "test_support.hpp"

#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/raster_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/risk_map_build.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace riskmap::test {
namespace {

/// A 200 × 200 m photo at 1 m from (X0 − 50, Y0 + 150): covers parcel A (0..100 × 0..100), not B or C.
/// Band 1 of pixel (c, r) is (c + r) mod 256 plus `offset`.
void writePhoto(const std::string& path, int offset)
{
    gis::RasterSpec spec;
    spec.width = 200;
    spec.height = 200;
    spec.bands = 4;
    spec.originX = X0 - 50;
    spec.originY = Y0 + 150;
    spec.pixelSize = 1.0;
    gis::RasterWriter w(path, spec);
    std::vector<std::uint8_t> px(200 * 200 * 4, 7);
    for (int r = 0; r < 200; ++r)
        for (int c = 0; c < 200; ++c) px[(static_cast<std::size_t>(r) * 200 + c) * 4] = static_cast<std::uint8_t>((c + r + offset) % 256);
    w.writeWindow(0, 0, 200, 200, px);
    w.finish();
}

void registerPhoto(gis::SpatialiteDb& db, const std::string& path, int year)
{
    gis::Transaction tx(db);
    gis::storeRaster(db, "luchtfoto", year, gis::inspectRaster(path));
    tx.commit();
}

std::optional<double> valueOf(gis::SpatialiteDb& db, const std::string& parcel, const std::string& column)
{
    auto st = db.prepare("SELECT " + column + " FROM risico_percelen WHERE perceel_id = ?");
    st.bind(1, parcel);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.columnDouble(0);
}

layers::RiskBuildReport build(gis::Workspace& ws)
{
    core::Feedback feedback;
    return layers::buildRiskMap(ws, layers::EngineSettings::fromToml(toml::parse(""), "t.toml"), std::nullopt, feedback);
}

TEST(RasterIndicator, MeanOfMostRecentPhotoPerParcel)
{
    TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    buildEngineWorkspace(path, false);
    writePhoto(dir.file("foto2023.tif"), 100);
    writePhoto(dir.file("foto2025.tif"), 0);
    {
        auto ws = gis::Workspace::open(path);
        registerPhoto(ws.db(), dir.file("foto2025.tif"), 2025);
        registerPhoto(ws.db(), dir.file("foto2023.tif"), 2023);
        const auto report = build(ws);
        EXPECT_TRUE(report.warnings.empty());
    }
    // Parcel A covers columns and rows 50..149 of the photo.
    double sum = 0;
    for (int r = 50; r < 150; ++r)
        for (int c = 50; c < 150; ++c) sum += (c + r) % 256;
    auto ws = gis::Workspace::open(path);
    ASSERT_TRUE(valueOf(ws.db(), "A", "luchtfoto_gemiddelde").has_value());
    EXPECT_NEAR(*valueOf(ws.db(), "A", "luchtfoto_gemiddelde"), sum / 10000.0, 1e-9);  // 2025, not 2023
    EXPECT_FALSE(valueOf(ws.db(), "B", "luchtfoto_gemiddelde").has_value());
    EXPECT_FALSE(valueOf(ws.db(), "C", "luchtfoto_gemiddelde").has_value());
}

TEST(RasterIndicator, CorruptPhotoLeavesColumnEmptyAndBuildGoesOn)
{
    TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    buildEngineWorkspace(path, false);
    writePhoto(dir.file("foto.tif"), 0);
    auto ws = gis::Workspace::open(path);
    registerPhoto(ws.db(), dir.file("foto.tif"), 2025);
    { std::ofstream(dir.file("foto.tif"), std::ios::trunc) << "kapot"; }
    const auto report = build(ws);
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_NE(report.warnings[0].find("foto.tif"), std::string::npos);
    EXPECT_NE(report.warnings[0].find("luchtfoto_gemiddelde"), std::string::npos);
    EXPECT_FALSE(valueOf(ws.db(), "A", "luchtfoto_gemiddelde").has_value());
    EXPECT_EQ(valueOf(ws.db(), "A", "n_panden"), 3.0);  // the rest of the build is intact
}

}  // namespace
}  // namespace riskmap::test
