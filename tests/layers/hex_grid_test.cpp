// SPDX-License-Identifier: GPL-3.0-or-later
// Hexagon cells of the gelegenheidskaart: tessellation checked with SpatiaLite/GEOS, adjacency and Gi* by hand.
#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/getis_ord.hpp"
#include "riskmap/core/stats/hex_grid.hpp"
#include "riskmap/core/stats/kde.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/wkb.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace riskmap::layers {
namespace {

using riskmap::test::TempDir;
using core::stats::HexGridSpec;
using core::stats::Point2;

/// An L-shaped study area: 150000..152000 × 450000..450800 plus 150000..150700 × 450800..451600.
gis::Wkb lShape()
{
    return gis::multiPolygonWkb({{{{150000, 450000}, {152000, 450000}, {152000, 450800}, {150700, 450800},
                                   {150700, 451600}, {150000, 451600}, {150000, 450000}}}});
}

/// A workspace with the L-shaped studiegebied, incidents clustered near (150300, 451300) and a few spread,
/// two opritten and some addresses (the factors need their layers).
void buildHexWorkspace(const std::string& path)
{
    auto ws = gis::Workspace::create(path);
    gis::Transaction tx(ws.db());
    ws.createLayerTable("studiegebied", {{"naam", "TEXT"}}, "MULTIPOLYGON");
    gis::LayerWriter area(ws.db(), "studiegebied", {"naam"}, true);
    area.insert({std::string("L")}, lShape());
    ws.createLayerTable("incidenten", {{"incident_id", "TEXT"}, {"datum", "TEXT"}}, "POINT");
    gis::LayerWriter inc(ws.db(), "incidenten", {"incident_id", "datum"}, true);
    int id = 0;
    for (int i = 0; i < 15; ++i)
        inc.insert({std::to_string(++id), std::string("2025-03-01")}, gis::pointWkb({150300.0 + 9 * (i % 5), 451300.0 - 11 * (i / 5)}));
    for (auto [x, y] : {std::pair{151800.0, 450100.0}, {151100.0, 450500.0}, {150420.0, 450120.0}})
        inc.insert({std::to_string(++id), std::string("2024-05-01")}, gis::pointWkb({x, y}));
    ws.createLayerTable("opritten", {{"oprit_id", "TEXT"}}, "POINT");
    gis::LayerWriter op(ws.db(), "opritten", {"oprit_id"}, true);
    op.insert({std::string("a")}, gis::pointWkb({151500.0, 449500.0}));
    ws.createLayerTable("verblijfsobjecten", {{"vbo_id", "TEXT"}}, "POINT");
    gis::LayerWriter vbo(ws.db(), "verblijfsobjecten", {"vbo_id"}, true);
    for (int i = 0; i < 30; ++i) vbo.insert({std::to_string(i)}, gis::pointWkb({150050.0 + 63.0 * i, 450300.0 + (i % 5) * 17.0}));
    tx.commit();
}

const core::Date kRef{std::chrono::year(2025) / 12 / 31};

double shoelace(const std::array<Point2, 6>& c)
{
    double a = 0;
    for (std::size_t i = 0; i < 6; ++i) a += c[i].x * c[(i + 1) % 6].y - c[(i + 1) % 6].x * c[i].y;
    return 0.5 * a;
}

TEST(HexGridSpecTest, AreaEquivalentSizeAndPointLocationAgainstBruteForce)
{
    const HexGridSpec g = core::stats::hexGridOver(150000, 450000, 151000, 450900, 100);
    for (std::size_t i : {std::size_t{0}, g.cellCount() / 2, g.cellCount() - 1}) {
        EXPECT_NEAR(shoelace(g.corners(i)), 100.0 * 100.0, 1e-6);  // counter-clockwise, area = size²
    }
    EXPECT_NEAR(g.width(), 107.4570, 1e-4);  // √3 · 100·√(2/(3√3))
    // Brute force: the containing hexagon is the one with the nearest centre.
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> ux(150000, 151000), uy(450000, 450900);
    for (int t = 0; t < 3000; ++t) {
        const Point2 p{ux(rng), uy(rng)};
        std::size_t best = 0;
        double bd = 1e300;
        for (std::size_t i = 0; i < g.cellCount(); ++i) {
            const Point2 c = g.centre(i);
            const double d = std::hypot(c.x - p.x, c.y - p.y);
            if (d < bd) bd = d, best = i;
        }
        const auto found = g.cellAt(p);
        ASSERT_TRUE(found.has_value()) << p.x << "," << p.y;  // the envelope is covered
        EXPECT_EQ(*found, best) << p.x << "," << p.y;
        EXPECT_LE(bd, g.side() + 1e-9);
    }
    EXPECT_FALSE(g.cellAt({g.left - 500, g.top + 500}).has_value());
}

TEST(HexGridSpecTest, OddRowAdjacencyAndGiStarByHand)
{
    HexGridSpec g;
    g.cellSize = 100;
    g.cols = 3;
    g.rows = 3;
    // Odd-r layout: the odd row 1 is shifted east, so cell 4 = (1,1) touches (1,0),(2,0),(0,1),(2,1),(1,2),(2,2);
    // the even-row corner 0 = (0,0) touches (1,0) and (0,1); 6 = (0,2) touches (0,1) and (1,2).
    std::vector<std::vector<std::size_t>> nb(9);
    for (std::size_t i = 0; i < 9; ++i) nb[i] = g.within(i, g.width());
    EXPECT_EQ(nb[4], (std::vector<std::size_t>{1, 2, 3, 4, 5, 7, 8}));
    EXPECT_EQ(nb[0], (std::vector<std::size_t>{0, 1, 3}));
    EXPECT_EQ(nb[6], (std::vector<std::size_t>{3, 6, 7}));
    // Adjacent centres are exactly one width apart, the next ring farther than 1.5 widths.
    EXPECT_NEAR(std::hypot(g.centre(4).x - g.centre(1).x, g.centre(4).y - g.centre(1).y), g.width(), 1e-9);

    // x = 1..9. By hand: X̄ = 5, S = √(60/9); cell 4: Σx = 2+3+4+5+6+8+9 = 37, Σw = 7,
    // z = (37 − 35) / (S·√((9·7 − 49)/8)) = 0.58554004; cell 0: Σx = 1+2+4 = 7, Σw = 3,
    // z = (7 − 15)/(S·√((27 − 9)/8)) = −2.06559112; cell 6: Σx = 4+7+8 = 19 → z = 1.03279556.
    const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
    const auto r = core::stats::getisOrdGiStar(x, nb, false);
    EXPECT_NEAR(r.z[4], 0.58554004377, 1e-9);
    EXPECT_NEAR(r.z[0], -2.06559111798, 1e-9);
    EXPECT_NEAR(r.z[6], 1.03279555899, 1e-9);
    EXPECT_EQ(r.bin[0], -2);  // p = 0.0389: 95 % cold
    EXPECT_EQ(r.bin[4], 0);
    EXPECT_THROW(core::stats::getisOrdGiStar(x, std::vector<std::vector<std::size_t>>(8), false), InputError);
}

TEST(HexGridSpecTest, NeighbourGiStarEqualsTheSquareGridVersion)
{
    // The list-based Gi* against the independent prefix-sum implementation on squares.
    gis::FeatureSet area = gis::FeatureSet::fromRows({}, [] {
        std::vector<gis::FeatureRow> rows(1);
        rows[0].fid = 1;
        rows[0].wkb = lShape();
        return rows;
    }());
    core::Feedback fb;
    const StudyGrid g = studyGridOver(area, 100, fb, CellShape::Square);
    std::mt19937 rng(11);
    std::poisson_distribution<int> pois(1.3);
    std::vector<double> v(g.size());
    for (double& x : v) x = pois(rng);
    for (double band : {100.0, 250.0, 430.0}) {
        core::stats::GiStarOptions o;
        o.distance = band;
        const auto full = g.toFullGrid(v);
        const auto a = core::stats::getisOrdGiStar(g.spec, full, o);
        const auto b = core::stats::getisOrdGiStar(v, g.neighboursWithin(band), false);
        for (std::size_t k = 0; k < g.size(); ++k) ASSERT_NEAR(a.z[g.cells[k]], b.z[k], 1e-9) << band << " " << k;
    }
}

class HexWorkspace : public ::testing::Test {
protected:
    void SetUp() override { buildHexWorkspace(path); }
    TempDir dir;
    std::string path = dir.file("ws.sqlite");
};

TEST_F(HexWorkspace, TessellationHasNoGapsOrOverlapsAndInteriorCellsHaveSixNeighbours)
{
    auto ws = gis::Workspace::open(path);
    core::Feedback fb;
    const StudyGrid g = buildStudyGrid(ws.db(), 100, fb, CellShape::Hexagon);
    ASSERT_TRUE(g.hexagons());
    // Area 2000·800 + 700·800 = 2.16 km² = 216 cells of 1 ha; the centre rule keeps about that many.
    EXPECT_NEAR(static_cast<double>(g.size()), 216.0, 12.0);

    gis::Transaction tx(ws.db());
    ws.createLayerTable("hexes", {{"k", "INTEGER"}}, "POLYGON");
    gis::LayerWriter w(ws.db(), "hexes", {"k"}, true);
    for (std::size_t k = 0; k < g.size(); ++k) w.insert({static_cast<std::int64_t>(k)}, g.polygon(k));
    tx.commit();
    auto& db = ws.db();
    // Every hexagon has the area of a 100 m square; no overlaps: Σ areas = area of the union.
    EXPECT_NEAR(db.queryDouble("SELECT max(abs(ST_Area(geom) - 10000)) FROM hexes").value_or(1), 0.0, 1e-6);
    const double sum = db.queryDouble("SELECT sum(ST_Area(geom)) FROM hexes").value_or(0);
    const double uni = db.queryDouble("SELECT ST_Area(ST_Union(geom)) FROM hexes").value_or(0);
    EXPECT_NEAR(sum, 10000.0 * static_cast<double>(g.size()), 1e-3);
    EXPECT_NEAR(uni, sum, 1e-3 * sum * 1e-3);
    // No gaps: the study area shrunk by one hexagon diameter lies entirely inside the union.
    // (SpatiaLite gives NULL for an empty difference, hence the coalesce; ST_Covers guards against a NULL from an error.)
    EXPECT_EQ(db.queryInt("SELECT ST_Covers((SELECT ST_Buffer(ST_Union(geom), 0.001) FROM hexes), ST_Buffer(s.geom, -125)) "
                          "FROM studiegebied s").value_or(-1), 1);
    const double gap = db.queryDouble("SELECT coalesce(ST_Area(ST_Difference(ST_Buffer(s.geom, -125), (SELECT ST_Union(geom) FROM hexes))), 0) "
                                      "FROM studiegebied s").value_or(-1);
    EXPECT_NEAR(gap, 0.0, 1e-3);
    // Kept = centre inside the area (GEOS oracle on the centroid).
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM hexes h, studiegebied s WHERE NOT ST_Contains(s.geom, ST_Centroid(h.geom))").value_or(-1), 0);

    // Neighbours within one hexagon width: 6 + itself for every cell whose six neighbours are kept;
    // oracle: cells that touch (in a hexagon tessellation two cells touch only along a shared edge).
    const auto nb = g.neighboursWithin(g.hex.width());
    std::size_t seven = 0;
    for (std::size_t k = 0; k < g.size(); ++k) {
        const auto touching = db.queryInt("SELECT count(*) FROM hexes a, hexes b WHERE a.k = " + std::to_string(k) +
                                          " AND b.k <> a.k AND ST_Distance(a.geom, b.geom) < 0.01").value_or(-1);
        EXPECT_EQ(static_cast<std::int64_t>(nb[k].size()), touching + 1) << k;
        EXPECT_LE(nb[k].size(), 7u);
        if (nb[k].size() == 7) ++seven;
    }
    EXPECT_GT(seven, g.size() / 2);  // the interior
    // Far from the boundary every cell has all six.
    for (std::size_t k = 0; k < g.size(); ++k) {
        const auto c = g.centre(k);
        if (c.x > 150250 && c.x < 151750 && c.y > 450250 && c.y < 450550) {
            EXPECT_EQ(nb[k].size(), 7u) << k;
        }
    }
}

TEST_F(HexWorkspace, ProjectWithHexagonsBuildsTheLayerKdeGiAndGeoTiff)
{
    const auto root = toml::parse("[opportunity]\ncell_shape = \"hexagon\"\ncell_size = 100\n[kde]\nbandwidth = 300\n"
                                  "[hotspots]\ndistance = 108\n");
    const auto settings = OpportunitySettings::fromToml(root, "p.toml", EngineSettings::defaults());
    ASSERT_EQ(settings.cellShape, CellShape::Hexagon);
    EXPECT_THROW(OpportunitySettings::fromToml(toml::parse("[opportunity]\ncell_shape = \"zeshoek\"\n"), "p.toml",
                                               EngineSettings::defaults()),
                 UsageError);
    {
        auto ws = gis::Workspace::open(path);
        core::Feedback fb;
        const auto report = buildOpportunityMap(ws, settings, kRef, fb);
        EXPECT_EQ(report.incidents, 18u);
        EXPECT_GT(report.hotCells, 0);
    }
    auto ws = gis::Workspace::open(path);
    auto& db = ws.db();
    const auto cells = db.queryInt("SELECT count(*) FROM gelegenheidskaart").value_or(0);
    EXPECT_NEAR(static_cast<double>(cells), 216.0, 12.0);
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart WHERE cel_id NOT LIKE 'H%' OR ST_NPoints(geom) <> 7 "
                          "OR abs(ST_Area(geom) - 10000) > 1e-6").value_or(-1), 0);
    EXPECT_EQ(db.queryInt("SELECT count(DISTINCT cel_id) FROM gelegenheidskaart").value_or(0), cells);
    // Every incident in the window lies in exactly the hexagon that counts it (GEOS oracle).
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE g.n_incidenten <> "
                          "(SELECT count(*) FROM incidenten i WHERE i.datum > '2022-12-31' AND ST_Contains(g.geom, i.geom))")
                  .value_or(-1), 0);
    EXPECT_EQ(db.queryInt("SELECT sum(n_incidenten) FROM gelegenheidskaart").value_or(0), 18);
    // Factors at the hexagon centre (ST_Centroid of the hexagon).
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE abs(g.afstand_oprit_m - "
                          "(SELECT min(ST_Distance(ST_Centroid(g.geom), o.geom)) FROM opritten o)) > 1e-6").value_or(-1), 0);
    // KDE at the centre: K = 3/(πh²)(1 − d²/h²)² per km², summed by SQL over the incidents.
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM gelegenheidskaart g WHERE abs(g.kde - coalesce((SELECT sum(3e6 / (pi() * 90000) * "
                          "(1 - ST_Distance(ST_Centroid(g.geom), i.geom) * ST_Distance(ST_Centroid(g.geom), i.geom) / 90000) * "
                          "(1 - ST_Distance(ST_Centroid(g.geom), i.geom) * ST_Distance(ST_Centroid(g.geom), i.geom) / 90000)) "
                          "FROM incidenten i WHERE i.datum > '2022-12-31' AND ST_Distance(ST_Centroid(g.geom), i.geom) < 300), 0)) > 1e-9")
                  .value_or(-1), 0);
    EXPECT_GT(db.queryDouble("SELECT max(kde) FROM gelegenheidskaart").value_or(0), 10.0);
    // The hottest cell holds the cluster; Gi* there is positive and significant.
    EXPECT_GE(db.queryInt("SELECT gi_bin FROM gelegenheidskaart ORDER BY n_incidenten DESC LIMIT 1").value_or(0), 2);
    EXPECT_EQ(db.queryText("SELECT json_extract(report, '$.grid.shape') FROM rk_runs WHERE kind = 'gelegenheidskaart'").value_or(""),
              "hexagon");
    EXPECT_TRUE(std::filesystem::exists(opportunityGeoTiffPath(path)));
}

}  // namespace
}  // namespace riskmap::layers
