// SPDX-License-Identifier: GPL-3.0-or-later
// The gelegenheidskaart grid: cells, KDE, Gi* and factor values against hand values and SpatiaLite SQL.
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/wkb.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace riskmap::layers {
namespace {

using riskmap::test::TempDir;

gis::Wkb square(double x0, double y0, double x1, double y1)
{
    return gis::multiPolygonWkb({{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}});
}

/// Study area 150000..151000 × 450000..450800 (8 × 10 cells of 100 m), a cluster of incidents
/// in the north-west cell, a few spread ones, two opritten and a row of addresses.
void buildGridWorkspace(const std::string& path)
{
    auto ws = gis::Workspace::create(path);
    gis::Transaction tx(ws.db());
    ws.createLayerTable("studiegebied", {{"naam", "TEXT"}}, "MULTIPOLYGON");
    gis::LayerWriter area(ws.db(), "studiegebied", {"naam"}, true);
    area.insert({std::string("test")}, square(150000, 450000, 151000, 450800));
    ws.createLayerTable("incidenten", {{"incident_id", "TEXT"}, {"datum", "TEXT"}}, "POINT");
    gis::LayerWriter inc(ws.db(), "incidenten", {"incident_id", "datum"}, true);
    int id = 0;
    for (int i = 0; i < 12; ++i)  // cluster in cell (0,0): 150000..150100 × 450700..450800
        inc.insert({std::to_string(++id), std::string("2025-06-01")}, gis::pointWkb({150010.0 + 7 * i, 450790.0 - 6 * i}));
    for (auto [x, y] : {std::pair{150950.0, 450050.0}, {150550.0, 450350.0}, {150420.0, 450120.0}, {150880.0, 450610.0}})
        inc.insert({std::to_string(++id), std::string("2024-02-01")}, gis::pointWkb({x, y}));
    inc.insert({std::to_string(++id), std::string("2019-01-01")}, gis::pointWkb({150950.0, 450750.0}));  // too old
    ws.createLayerTable("opritten", {{"oprit_id", "TEXT"}}, "POINT");
    gis::LayerWriter op(ws.db(), "opritten", {"oprit_id"}, true);
    op.insert({std::string("a")}, gis::pointWkb({150333.0, 449500.0}));
    op.insert({std::string("b")}, gis::pointWkb({151400.0, 450777.0}));
    ws.createLayerTable("verblijfsobjecten", {{"vbo_id", "TEXT"}}, "POINT");
    gis::LayerWriter vbo(ws.db(), "verblijfsobjecten", {"vbo_id"}, true);
    for (int i = 0; i < 40; ++i) vbo.insert({std::to_string(i)}, gis::pointWkb({149900.0 + 31.0 * i, 450400.0 + (i % 7) * 13.0}));
    tx.commit();
}

OpportunitySettings testSettings()
{
    auto s = OpportunitySettings::defaults(EngineSettings::defaults());
    s.bandwidth = 300;
    return s;
}

const core::Date kRef{std::chrono::year(2025) / 12 / 31};

TEST(StudyGridTest, CellsWhoseCentreLiesInsideHandChecked)
{
    // Area 1000..1250 × 2000..2230: grid left 1000, top 2300, 3 × 3 cells; centres x 1050, 1150 (1250 lies on
    // the edge: not strictly inside), y 2150, 2050 (2250 is outside).
    std::vector<gis::FeatureRow> rows(1);
    rows[0].fid = 1;
    rows[0].wkb = square(1000, 2000, 1250, 2230);
    const auto area = gis::FeatureSet::fromRows({}, std::move(rows));
    core::Feedback fb;
    const StudyGrid g = studyGridOver(area, 100, fb);
    EXPECT_DOUBLE_EQ(g.spec.left, 1000);
    EXPECT_DOUBLE_EQ(g.spec.top, 2300);
    EXPECT_EQ(g.spec.cols, 3u);
    EXPECT_EQ(g.spec.rows, 3u);
    ASSERT_EQ(g.size(), 4u);
    EXPECT_EQ(g.cells, (std::vector<std::size_t>{3, 4, 6, 7}));
    EXPECT_DOUBLE_EQ(g.centre(0).x, 1050);
    EXPECT_DOUBLE_EQ(g.centre(0).y, 2150);
    EXPECT_DOUBLE_EQ(g.centre(3).x, 1150);
    EXPECT_DOUBLE_EQ(g.centre(3).y, 2050);
    EXPECT_EQ(g.cellId(0), "1000_2100");
    EXPECT_EQ(g.cellId(3), "1100_2000");
}

class GridWorkspace : public ::testing::Test {
protected:
    void SetUp() override
    {
        path = dir.file("ws.sqlite");
        buildGridWorkspace(path);
    }
    TempDir dir;
    std::string path;
};

TEST_F(GridWorkspace, KdeEqualsTheQuarticFormulaAtCellCentres)
{
    auto ws = gis::Workspace::open(path);
    core::Feedback fb;
    const auto g = computeOpportunityGrid(ws, testSettings(), kRef, fb);
    ASSERT_EQ(g.grid.size(), 80u);
    EXPECT_EQ(g.incidentCount, 16u);  // the 2019 one is outside the 3-year window
    EXPECT_DOUBLE_EQ(g.bandwidth, 300);
    // Independent formula: K(d) = 3/(π h²)(1 − d²/h²)² per m², × 1e6 per km².
    std::vector<std::pair<double, double>> pts;
    for (int i = 0; i < 12; ++i) pts.push_back({150010.0 + 7 * i, 450790.0 - 6 * i});
    for (auto p : {std::pair{150950.0, 450050.0}, {150550.0, 450350.0}, {150420.0, 450120.0}, {150880.0, 450610.0}})
        pts.push_back(p);
    const double h = 300;
    for (std::size_t k : {0u, 5u, 27u, 44u, 79u}) {
        const auto c = g.grid.centre(k);
        double expected = 0;
        for (auto [x, y] : pts) {
            const double d2 = (x - c.x) * (x - c.x) + (y - c.y) * (y - c.y);
            if (d2 < h * h) expected += 3.0 / (std::numbers::pi * h * h) * std::pow(1 - d2 / (h * h), 2) * 1e6;
        }
        EXPECT_NEAR(g.kde[k], expected, 1e-9 * std::max(1.0, expected)) << "cell " << k;
    }
    EXPECT_GT(g.kde[0], 100.0);  // the cluster cell
}

TEST_F(GridWorkspace, GiStarMarksThePlantedClusterHot)
{
    auto ws = gis::Workspace::open(path);
    core::Feedback fb;
    auto s = testSettings();
    s.hotspotDistance = 150;  // the cell and its 8 neighbours
    const auto g = computeOpportunityGrid(ws, s, kRef, fb);
    EXPECT_DOUBLE_EQ(g.incidents[0], 12);
    EXPECT_GT(g.giZ[0], 3.0);
    EXPECT_EQ(g.giBin[0], 3);
    int hot = 0;
    for (std::size_t k = 0; k < g.grid.size(); ++k) {
        const bool nearCluster = g.grid.col(k) <= 1 && g.grid.row(k) <= 1;
        if (g.giBin[k] > 0) {
            ++hot;
            EXPECT_TRUE(nearCluster) << "hot cell away from the cluster: " << g.grid.cellId(k);
        }
    }
    EXPECT_GE(hot, 1);
}

TEST_F(GridWorkspace, FactorValuesAgreeWithSpatialiteSql)
{
    {
        auto ws = gis::Workspace::open(path);
        core::Feedback fb;
        buildOpportunityMap(ws, testSettings(), kRef, fb);
    }
    auto ws = gis::Workspace::open(path);
    auto& db = ws.db();
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart").value_or(-1), 80);
    // Oracle: ST_Distance / PtDistWithin on the cell centres (centroid of the cell square).
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE abs(g.afstand_oprit_m - "
                          "(SELECT min(ST_Distance(ST_Centroid(g.geom), o.geom)) FROM opritten o)) > 1e-6")
                  .value_or(-1),
              0);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE g.n_adressen_500m <> "
                          "(SELECT count(*) FROM verblijfsobjecten v WHERE ST_Distance(ST_Centroid(g.geom), v.geom) <= 500)")
                  .value_or(-1),
              0);
    EXPECT_GT(db.queryInt("SELECT count(DISTINCT n_adressen_500m) FROM gelegenheidskaart").value_or(0), 5);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE g.n_incidenten <> "
                          "(SELECT count(*) FROM incidenten i WHERE i.datum > '2022-12-31' AND ST_Contains(g.geom, i.geom))")
                  .value_or(-1),
              0);
    // Score = sum of contributions; classes 1..5; one rk_runs row.
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart WHERE abs(gelegenheid_score - (bijdrage_vab_250m + "
                          "bijdrage_afstand_oprit_m + bijdrage_afstand_woning_m + bijdrage_n_adressen_500m + "
                          "bijdrage_n_risico_vestigingen_250m + bijdrage_in_bedrijventerrein + bijdrage_in_vakantiepark)) > 1e-9")
                  .value_or(-1),
              0);
    EXPECT_EQ(db.queryInt("SELECT min(gelegenheid_klasse) FROM gelegenheidskaart").value_or(0), 1);
    EXPECT_EQ(db.queryInt("SELECT max(gelegenheid_klasse) FROM gelegenheidskaart").value_or(0), 5);
    // Nearer to an oprit contributes more (negative weight).
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart a, gelegenheidskaart b WHERE a.afstand_oprit_m < "
                          "b.afstand_oprit_m AND a.bijdrage_afstand_oprit_m < b.bijdrage_afstand_oprit_m")
                  .value_or(-1),
              0);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM rk_runs WHERE kind = 'gelegenheidskaart' AND "
                          "json_extract(report, '$.kde_bandwidth') = 300").value_or(0),
              1);
    EXPECT_TRUE(std::filesystem::exists(opportunityGeoTiffPath(path)));
}

TEST_F(GridWorkspace, TwoBuildsGiveIdenticalRows)
{
    auto dump = [&] {
        auto ws = gis::Workspace::open(path);
        core::Feedback fb;
        auto s = testSettings();
        s.bandwidth.reset();  // suggested from k-NN: must be deterministic too
        buildOpportunityMap(ws, s, kRef, fb);
        std::string all;
        auto st = ws.db().prepare("SELECT cel_id, gelegenheid_score, gelegenheid_klasse, kde, gi_z, gi_p, gi_bin, "
                                  "hex(geom) FROM gelegenheidskaart ORDER BY fid");
        while (st.step())
            for (int c = 0; c < 8; ++c) all += st.columnText(c) + "|";
        return all;
    };
    const std::string a = dump();
    const std::string b = dump();
    EXPECT_GT(a.size(), 1000u);
    EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace riskmap::layers
