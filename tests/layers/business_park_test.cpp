// SPDX-License-Identifier: GPL-3.0-or-later
// Business park signals against a hand-made layout with hand-computed values.
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/business_park_ranking.hpp"
#include "riskmap/layers/importer.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace riskmap;
using test::FixtureLayer;

namespace {

// Park P1: 150000..150200 × 450000..450200; park P2: 151000..151200 × 450000..450200.
std::vector<FixtureLayer> layout()
{
    FixtureLayer parks{"bedrijventerreinen", "MULTIPOLYGON", 28992, {{"terrein_id"}, {"naam"}, {"gemeente"}},
                       {{test::squareWkt(150000, 450000, 200), {"P1", "De Kraats", "Veenendaal"}},
                        {test::squareWkt(151000, 450000, 200), {"P2", "Remmerden", "Rhenen"}}}};
    FixtureLayer vest{"vestigingen", "POINT", 28992,
                      {{"vestigingsnummer"}, {"sbi_code"}, {"datum_inschrijving"}, {"datum_uitschrijving"}, {"postcode"}, {"huisnummer"}},
                      {{"POINT(150020 450020)", {"000000000001", "4511", "2015-01-01", std::nullopt, "3911AA", "1"}},
                       {"POINT(150120 450120)", {"000000000002", "6201", "2015-01-01", std::nullopt, "3911AA", "2"}},
                       {"POINT(150170 450170)", {"000000000003", "4511", "2012-01-01", "2024-06-01", "3911AA", "3"}},
                       {"POINT(150030 450030)", {"000000000004", "4941", "2024-01-01", std::nullopt, "3911AA", "1"}},
                       {"POINT(151020 450020)", {"000000000005", "6201", "2010-01-01", std::nullopt, "3911BB", "1"}}}};
    FixtureLayer panden{"panden", "MULTIPOLYGON", 28992, {{"pand_id"}, {"gebruiksdoel"}},
                        {{test::squareWkt(150010, 450010, 40), {"0000100000000001", "industriefunctie"}},
                         {test::squareWkt(150100, 450100, 50), {"0000100000000002", "kantoorfunctie"}},
                         {test::squareWkt(151010, 450010, 40), {"0000100000000003", "industriefunctie"}},
                         {test::squareWkt(151300, 450100, 10), {"0000100000000004", "woonfunctie"}}}};
    FixtureLayer vbo{"verblijfsobjecten", "POINT", 28992, {{"vbo_id"}, {"postcode"}, {"huisnummer"}, {"gebruiksdoel"}},
                     {{"POINT(150020 450020)", {"0000010000000001", "3911AA", "1", "industriefunctie"}},
                      {"POINT(150120 450120)", {"0000010000000002", "3911AA", "2", "kantoorfunctie"}},
                      {"POINT(150170 450170)", {"0000010000000003", "3911AA", "3", "industriefunctie"}},
                      {"POINT(150180 450060)", {"0000010000000004", "3911AA", "4", "industriefunctie"}},
                      {"POINT(151020 450020)", {"0000010000000005", "3911BB", "1", "industriefunctie"}}}};
    FixtureLayer opritten{"opritten", "POINT", 28992, {{"oprit_id"}}, {{"POINT(150100 449000)", {"A12-23"}}}};
    return {parks, vest, panden, vbo, opritten};
}

}  // namespace

TEST(BusinessParkRanking, SignalsMatchTheHandComputedLayout)
{
    test::TempDir dir;
    test::writeVectorFile(dir.file("bt.gpkg"), "GPKG", layout());
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    layers::ImportRequest request;
    request.files = {dir.file("bt.gpkg")};
    core::Feedback feedback;
    layers::importFiles(ws, request, feedback);

    const auto ranked = layers::buildBusinessParkRanking(ws, {"4511", "4941"}, *core::parseDate("2025-12-31"), "run-1", feedback);
    ASSERT_EQ(ranked.size(), 2u);
    const auto& p1 = ranked[0];
    EXPECT_EQ(p1.terreinId, "P1");
    EXPECT_EQ(p1.rang, 1);
    EXPECT_EQ(p1.vestigingen, 3);          // V1, V2, V4 active; V3 ended
    EXPECT_EQ(p1.risicoVestigingen, 2);    // 4511 and 4941
    EXPECT_DOUBLE_EQ(p1.aandeelRisico, 2.0 / 3.0);
    EXPECT_EQ(p1.inschrijvingen3j, 1);     // V4 (2024-01-01)
    EXPECT_EQ(p1.uitschrijvingen3j, 1);    // V3 (2024-06-01)
    EXPECT_DOUBLE_EQ(p1.verloop, 2.0 / 3.0);
    EXPECT_EQ(p1.panden, 2);
    EXPECT_EQ(p1.verzamelgebouwen, 1);     // V1 and V4 in pand 1
    EXPECT_EQ(p1.bedrijfsadressen, 4);
    EXPECT_EQ(p1.leegstaand, 2);           // 3911AA 3 (ended) and 4 (never registered)
    EXPECT_TRUE(p1.anoniem);               // nearest dwelling 1100 m away
    ASSERT_TRUE(p1.afstandOpritM);
    EXPECT_NEAR(*p1.afstandOpritM, 1000.0, 1e-9);

    const auto& p2 = ranked[1];
    EXPECT_EQ(p2.terreinId, "P2");
    EXPECT_EQ(p2.vestigingen, 1);
    EXPECT_EQ(p2.risicoVestigingen, 0);
    EXPECT_EQ(p2.leegstaand, 0);
    EXPECT_FALSE(p2.anoniem);              // the dwelling lies 100 m east of the park
    EXPECT_NEAR(*p2.afstandOpritM, std::hypot(900.0, 1000.0), 1e-9);

    // The layer as SQL sees it.
    EXPECT_EQ(ws.db().queryText("SELECT terrein_id FROM risico_bedrijventerreinen WHERE rang = 1").value(), "P1");
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM risico_bedrijventerreinen WHERE run_id = 'run-1'").value(), 2);
    EXPECT_EQ(ws.layer("risico_bedrijventerreinen")->featureCount, 2);
}
