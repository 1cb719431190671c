// SPDX-License-Identifier: GPL-3.0-or-later
// Change detection on the XS sample against the generator's planted barns (ground_truth.json); image chips.
#include "test_support.hpp"

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/change_detection.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/layers/change_review.hpp"
#include "riskmap/layers/sample/sample_generator.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace riskmap::test {
namespace {


class ChangeXs : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        layers::sample::SampleOptions o;
        o.outDir = s_dir->file("data");
        o.scale = layers::sample::SampleScale::XS;
        o.seed = 3;
        o.boundariesPath = sourcePath("sample_data/heuvelrug/gemeenten_heuvelrug.gpkg");
        core::Feedback fb;
        layers::sample::generateSample(o, fb);
        const std::string ws = s_dir->file("ws.sqlite");
        ASSERT_EQ(runCli({"init", ws}).exitCode, 0);
        ASSERT_EQ(runCli({"import", ws, s_dir->file("data/heuvelrug.gpkg")}).exitCode, 0);
        for (const char* year : {"2024", "2025"}) {
            const auto r = runCli({"import", ws, s_dir->file(std::string("data/luchtfoto_") + year + ".tif"), "--layer",
                                   "luchtfoto", "--year", year});
            ASSERT_EQ(r.exitCode, 0) << r.err;
        }
        s_change = new CommandResult(runCli({"change", ws, "--from", "2024", "--to", "2025"}));
    }
    static void TearDownTestSuite()
    {
        delete s_change;
        delete s_dir;
    }
    static TempDir* s_dir;
    static CommandResult* s_change;
};
TempDir* ChangeXs::s_dir = nullptr;
CommandResult* ChangeXs::s_change = nullptr;

TEST_F(ChangeXs, FindsThePlantedBarnsAndIgnoresSeasonalFieldColours)
{
    ASSERT_EQ(s_change->exitCode, 0) << s_change->err;
    // The planted yards (the barn stands on its yard) from the generator's own record.
    const std::string gt = readFileText(s_dir->file("data/ground_truth.json"));
    const std::regex erf("\"erf_wkt\": \"([^\"]+)\"");
    gis::SpatialiteDb db(s_dir->file("ws.sqlite"), gis::SpatialiteDb::Mode::ReadWrite);
    db.exec("CREATE TEMP TABLE gt (id INTEGER PRIMARY KEY, wkt TEXT)");
    int truths = 0;
    for (auto it = std::sregex_iterator(gt.begin(), gt.end(), erf); it != std::sregex_iterator(); ++it) {
        auto st = db.prepare("INSERT INTO gt (wkt) VALUES (?)");
        st.bind(1, (*it)[1].str());
        st.step();
        ++truths;
    }
    ASSERT_GT(truths, 0);
    // SpatiaLite as the oracle for matching: a detection is right when it meets a planted yard.
    const double found = *db.queryInt("SELECT count(*) FROM gt WHERE EXISTS (SELECT 1 FROM onbekende_bebouwing o "
                                      "WHERE ST_Intersects(o.geom, GeomFromText(gt.wkt, 28992)))");
    const double detections = *db.queryInt("SELECT count(*) FROM onbekende_bebouwing");
    const double right = *db.queryInt("SELECT count(*) FROM onbekende_bebouwing o WHERE EXISTS (SELECT 1 FROM gt "
                                      "WHERE ST_Intersects(o.geom, GeomFromText(gt.wkt, 28992)))");
    ASSERT_GT(detections, 0);
    const double recall = found / truths, precision = right / detections;
    RecordProperty("recall", std::to_string(recall));
    RecordProperty("precision", std::to_string(precision));
    EXPECT_GE(recall, 0.8) << found << " of " << truths;
    EXPECT_GE(precision, 0.8) << right << " of " << detections;
    // Review fields and minimum area.
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM onbekende_bebouwing WHERE beoordeling <> 'open' OR jaar_van <> 2024 "
                           "OR jaar_tot <> 2025 OR oppervlakte < 200 OR perceel_id IS NULL"),
              0);
    // Seasonal colours changed on many fields: still no parcel without a planted barn has a changed share.
    EXPECT_GT(*db.queryInt("SELECT count(*) FROM percelen_verandering WHERE aandeel_veranderd > 0.01"), 0);
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM percelen_verandering p WHERE aandeel_veranderd > 0.01 AND NOT EXISTS "
                           "(SELECT 1 FROM gt WHERE ST_Intersects(p.geom, GeomFromText(gt.wkt, 28992)))"),
              0);
}

TEST_F(ChangeXs, ChipsHaveTheParcelExtentAndCrs)
{
    gis::SpatialiteDb db(s_dir->file("ws.sqlite"), gis::SpatialiteDb::Mode::ReadWrite);
    const std::string parcel = *db.queryText("SELECT perceel_id FROM onbekende_bebouwing LIMIT 1");
    auto st = db.prepare("SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM percelen WHERE perceel_id = ?");
    st.bind(1, parcel);
    ASSERT_TRUE(st.step());
    const double x0 = st.columnDouble(0), y0 = st.columnDouble(1), x1 = st.columnDouble(2), y1 = st.columnDouble(3);
    const auto r = runCli({"chip", s_dir->file("ws.sqlite"), "--parcel", parcel, "--out", s_dir->file("chips"), "--size", "256"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    GDALAllRegister();
    for (const char* year : {"2024", "2025"}) {
        const std::string path = s_dir->file("chips/" + parcel + "_" + year + ".tif");
        std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        ASSERT_TRUE(ds) << path;
        EXPECT_EQ(ds->GetRasterXSize(), 256);
        EXPECT_EQ(ds->GetRasterYSize(), 256);
        EXPECT_EQ(ds->GetRasterCount(), 3);
        const OGRSpatialReference* srs = ds->GetSpatialRef();
        ASSERT_NE(srs, nullptr);
        EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992");
        double gt[6];
        ASSERT_EQ(ds->GetGeoTransform(gt), CE_None);
        // Square, centred on the parcel's envelope, 1.3 × its larger side.
        const double side = std::max(20.0, 1.3 * std::max(x1 - x0, y1 - y0));
        EXPECT_NEAR(gt[1] * 256, side, 1e-6);
        EXPECT_NEAR(-gt[5] * 256, side, 1e-6);
        EXPECT_NEAR(gt[0] + side / 2, (x0 + x1) / 2, 1e-6);
        EXPECT_NEAR(gt[3] - side / 2, (y0 + y1) / 2, 1e-6);
        // The outline is drawn: magenta pixels exist, and the chip is not all magenta.
        std::vector<std::uint8_t> px(256 * 256 * 3);
        ASSERT_EQ(ds->RasterIO(GF_Read, 0, 0, 256, 256, px.data(), 256, 256, GDT_Byte, 3, nullptr, 3, 3 * 256, 1, nullptr), CE_None);
        int outline = 0;
        for (std::size_t i = 0; i < px.size(); i += 3) outline += px[i] == 255 && px[i + 1] == 0 && px[i + 2] == 255;
        EXPECT_GT(outline, 256);
        EXPECT_LT(outline, 256 * 256 / 4);
    }
    EXPECT_NE(runCli({"chip", s_dir->file("ws.sqlite"), "--parcel", "bestaat-niet", "--out", s_dir->file("c2")}).exitCode, 0);
    // Offline: with the 2025 photo gone, the chip comes from the tile cache once that holds the area,
    // and is the same picture (the cache level is finer than the chip's pixels).
    {
        char extent[128];
        std::snprintf(extent, sizeof extent, "%.3f,%.3f,%.3f,%.3f", x0 - 50, y0 - 50, x1 + 50, y1 + 50);
        const auto fill = runCli({"cache", s_dir->file("ws.sqlite"), "--year", "2025", "--extent", extent});
        ASSERT_EQ(fill.exitCode, 0) << fill.err;
        const std::string photo = s_dir->file("data/luchtfoto_2025.tif");
        std::filesystem::rename(photo, photo + ".weg");
        const auto offline = runCli({"chip", s_dir->file("ws.sqlite"), "--parcel", parcel, "--out", s_dir->file("c4"), "--size", "256"});
        std::filesystem::rename(photo + ".weg", photo);
        ASSERT_EQ(offline.exitCode, 0) << offline.err;
        EXPECT_NE(offline.out.find("tegelcache"), std::string::npos) << offline.out;
        auto mean = [](const std::string& path) {
            std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
            double sum = 0;
            std::vector<std::uint8_t> px(256 * 256);
            EXPECT_EQ(ds->GetRasterBand(2)->RasterIO(GF_Read, 0, 0, 256, 256, px.data(), 256, 256, GDT_Byte, 0, 0, nullptr), CE_None);
            for (auto v : px) sum += v;
            return sum / px.size();
        };
        EXPECT_NEAR(mean(s_dir->file("c4/" + parcel + "_2025.tif")), mean(s_dir->file("chips/" + parcel + "_2025.tif")), 2.0);
    }
    // --vbo: the chip of the parcel under the address, found here by SpatiaLite.
    const auto pair = db.queryText("SELECT v.vbo_id || '|' || p.perceel_id FROM verblijfsobjecten v JOIN percelen p "
                                   "ON ST_Contains(p.geom, v.geom) ORDER BY v.vbo_id LIMIT 1");
    ASSERT_TRUE(pair.has_value());
    const std::string vbo = pair->substr(0, pair->find('|')), viaVbo = pair->substr(pair->find('|') + 1);
    const auto v = runCli({"chip", s_dir->file("ws.sqlite"), "--vbo", vbo, "--out", s_dir->file("c3")});
    ASSERT_EQ(v.exitCode, 0) << v.err;
    EXPECT_TRUE(std::filesystem::exists(s_dir->file("c3/" + viaVbo + "_2025.tif")));
}

TEST_F(ChangeXs, ReviewsSurviveARerunOfChangeDetection)
{
    const std::string ws = s_dir->file("ws.sqlite");
    std::int64_t dismissed = 0, confirmed = 0;
    {
        gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
        ASSERT_GE(*db.queryInt("SELECT count(*) FROM onbekende_bebouwing"), 2);
        dismissed = *db.queryInt("SELECT min(fid) FROM onbekende_bebouwing");
        confirmed = *db.queryInt("SELECT max(fid) FROM onbekende_bebouwing");
    }
    auto r = runCli({"review", ws, "onbekende_bebouwing", std::to_string(dismissed), "--afgewezen", "--toelichting",
                     "kas, vergunning bekend"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = runCli({"review", ws, "onbekende_bebouwing", std::to_string(confirmed), "--bevestigd"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(runCli({"review", ws, "onbekende_bebouwing", "999999", "--bevestigd"}).exitCode, 0);
    EXPECT_NE(runCli({"review", ws, "onbekende_bebouwing", "1"}).exitCode, 0);  // no verdict given
    std::string dismissedWkt, confirmedWkt;
    {
        gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
        dismissedWkt = *db.queryText("SELECT AsText(geom) FROM onbekende_bebouwing WHERE fid = " + std::to_string(dismissed));
        confirmedWkt = *db.queryText("SELECT AsText(geom) FROM onbekende_bebouwing WHERE fid = " + std::to_string(confirmed));
        EXPECT_EQ(*db.queryText("SELECT beoordeling FROM onbekende_bebouwing WHERE fid = " + std::to_string(dismissed)),
                  "afgewezen");
        // Each accepted verdict is one audit entry naming the polygon and the verdict; refused ones left none.
        auto audit = db.prepare("SELECT target, details FROM rk_audit WHERE action = 'review' ORDER BY seq");
        std::vector<std::pair<std::string, std::string>> entries;
        while (audit.step()) entries.emplace_back(audit.columnText(0), audit.columnText(1));
        ASSERT_EQ(entries.size(), 2u);
        EXPECT_EQ(entries[0].first, "onbekende_bebouwing fid " + std::to_string(dismissed));
        EXPECT_NE(entries[0].second.find("beoordeling=afgewezen"), std::string::npos) << entries[0].second;
        EXPECT_NE(entries[0].second.find("kas, vergunning bekend"), std::string::npos);
        EXPECT_EQ(entries[1].first, "onbekende_bebouwing fid " + std::to_string(confirmed));
        EXPECT_NE(entries[1].second.find("beoordeling=bevestigd"), std::string::npos) << entries[1].second;
    }
    // The rerun replaces the layer; the reviews come back on the polygons at the same place.
    const auto rerun = runCli({"change", ws, "--from", "2024", "--to", "2025"});
    ASSERT_EQ(rerun.exitCode, 0) << rerun.err;
    gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
    auto statusAt = [&](const std::string& wkt) {
        auto st = db.prepare("SELECT beoordeling || '|' || ifnull(toelichting, '') || '|' || ifnull(beoordeeld_door, '') "
                             "FROM onbekende_bebouwing WHERE ST_Intersects(geom, GeomFromText(?1, 28992))");
        st.bind(1, wkt);
        std::vector<std::string> out;
        while (st.step()) out.push_back(st.columnText(0));
        return out;
    };
    const auto d = statusAt(dismissedWkt);
    ASSERT_EQ(d.size(), 1u);
    EXPECT_EQ(d[0].substr(0, d[0].find('|')), "afgewezen");
    EXPECT_NE(d[0].find("kas, vergunning bekend"), std::string::npos);
    EXPECT_FALSE(d[0].substr(d[0].rfind('|') + 1).empty());  // by whom
    const auto c = statusAt(confirmedWkt);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].substr(0, c[0].find('|')), "bevestigd");
    // Every other polygon is still open.
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM onbekende_bebouwing WHERE beoordeling <> 'open'"), 2);
}

TEST_F(ChangeXs, ReviewsFollowPolygonsDrawnSlightlyDifferentlyButNotFarOnes)
{
    const std::string ws = s_dir->file("ws.sqlite");
    {
        // ctest runs each test in its own process: review two polygons here unless an earlier test did.
        gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
        if (!db.tableExists("rk_change_reviews") || *db.queryInt("SELECT count(*) FROM rk_change_reviews") == 0) {
            ASSERT_GE(*db.queryInt("SELECT count(*) FROM onbekende_bebouwing"), 2);
            const auto first = *db.queryInt("SELECT min(fid) FROM onbekende_bebouwing");
            const auto last = *db.queryInt("SELECT max(fid) FROM onbekende_bebouwing");
            ASSERT_EQ(runCli({"review", ws, "onbekende_bebouwing", std::to_string(first), "--afgewezen"}).exitCode, 0);
            ASSERT_EQ(runCli({"review", ws, "onbekende_bebouwing", std::to_string(last), "--bevestigd"}).exitCode, 0);
        }
    }
    gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadWrite);
    ASSERT_EQ(*db.queryInt("SELECT count(*) FROM rk_change_reviews"), 2);
    // As a rerun with other thresholds would: every polygon 3 m off and unreviewed; one moved 1 km away.
    db.exec("UPDATE onbekende_bebouwing SET beoordeling = 'open', beoordeeld_door = NULL, beoordeeld_op = NULL, "
            "toelichting = NULL, geom = ST_Translate(geom, 3, 2, 0)");
    const std::int64_t far = *db.queryInt("SELECT fid FROM onbekende_bebouwing o WHERE EXISTS (SELECT 1 FROM "
                                          "rk_change_reviews r WHERE ST_Intersects(r.geom, o.geom)) ORDER BY fid LIMIT 1");
    db.exec("UPDATE onbekende_bebouwing SET geom = ST_Translate(geom, 1000, 0, 0) WHERE fid = " + std::to_string(far));
    EXPECT_EQ(layers::carryChangeReviews(db), 1);  // of the two reviewed polygons, only the near one
    EXPECT_EQ(*db.queryText("SELECT beoordeling FROM onbekende_bebouwing WHERE fid = " + std::to_string(far)), "open");
    EXPECT_EQ(*db.queryInt("SELECT count(*) FROM onbekende_bebouwing WHERE beoordeling <> 'open'"), 1);
}

TEST(ChangeRule, SeasonalCropsAreNotBuiltUpButYardsAndRoofsAre)
{
    EXPECT_TRUE(gis::looksBuiltUp(176, 170, 158, 44, true));   // paved yard
    EXPECT_TRUE(gis::looksBuiltUp(68, 74, 82, 28, true));      // barn roof
    EXPECT_FALSE(gis::looksBuiltUp(142, 112, 84, 70, true));   // bare soil: brown
    EXPECT_FALSE(gis::looksBuiltUp(170, 160, 124, 110, true)); // stubble
    EXPECT_FALSE(gis::looksBuiltUp(86, 140, 62, 205, true));   // green crop
    EXPECT_FALSE(gis::looksBuiltUp(86, 140, 62, 0, false));    // green without NIR
    EXPECT_TRUE(gis::looksBuiltUp(176, 170, 158, 0, false));   // grey without NIR
}

}  // namespace
}  // namespace riskmap::test
