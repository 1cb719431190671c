// SPDX-License-Identifier: GPL-3.0-or-later
// Change since the previous run: vorige_* columns of risico_percelen and gelegenheidskaart against SQL snapshots.
#include "engine_fixture.hpp"
#include "test_support.hpp"

#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/opportunity_map.hpp"
#include "riskmap/layers/risk_map_build.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace riskmap::test {
namespace {

struct Target {
    const char* table;
    const char* id;
    const char* score;
    const char* klasse;
};
constexpr Target kParcels{"risico_percelen", "perceel_id", "risico_score", "risico_klasse"};
constexpr Target kCells{"gelegenheidskaart", "cel_id", "gelegenheid_score", "gelegenheid_klasse"};

std::string snapName(const Target& t) { return std::string("snap_") + t.table; }

/// Copies id, score, class and run id of the current layer into a plain table: the oracle for the next run.
void snapshot(gis::SpatialiteDb& db, const Target& t)
{
    db.exec("DROP TABLE IF EXISTS " + snapName(t));
    db.exec("CREATE TABLE " + snapName(t) + " AS SELECT " + t.id + " AS id, " + t.score + " AS score, " + t.klasse +
            " AS klasse, run_id FROM " + t.table);
}

std::int64_t count(gis::SpatialiteDb& db, const std::string& sql) { return db.queryInt(sql).value_or(-1); }

/// Rows of the new layer whose vorige_* columns disagree with the snapshot (joined on the id in SQL).
std::int64_t mismatches(gis::SpatialiteDb& db, const Target& t)
{
    const std::string s = snapName(t);
    return count(db, std::string("SELECT count(*) FROM ") + t.table + " n LEFT JOIN " + s + " o ON o.id = n." + t.id +
                         " WHERE CASE WHEN o.id IS NULL THEN"
                         " NOT (n.vorige_score IS NULL AND n.verschil_score IS NULL AND n.vorige_klasse IS NULL"
                         "      AND n.vorige_run_id IS NULL)"
                         " ELSE NOT (n.vorige_score = o.score AND abs(n.verschil_score - (n." + t.score +
                         " - o.score)) < 1e-12 AND n.vorige_klasse = o.klasse AND n.vorige_run_id = o.run_id) END");
}

/// The class moves counted independently in SQL.
layers::ClassChanges sqlChanges(gis::SpatialiteDb& db, const Target& t)
{
    const std::string s = snapName(t);
    const std::string join = std::string(" FROM ") + t.table + " n JOIN " + s + " o ON o.id = n." + t.id;
    layers::ClassChanges c;
    c.up = count(db, "SELECT count(*)" + join + " WHERE n." + t.klasse + " > o.klasse");
    c.down = count(db, "SELECT count(*)" + join + " WHERE n." + t.klasse + " < o.klasse");
    c.same = count(db, "SELECT count(*)" + join + " WHERE n." + t.klasse + " = o.klasse");
    c.added = count(db, std::string("SELECT count(*) FROM ") + t.table + " WHERE " + t.id + " NOT IN (SELECT id FROM " + s + ")");
    c.removed = count(db, "SELECT count(*) FROM " + s + " WHERE id NOT IN (SELECT " + t.id + " FROM " + t.table + ")");
    return c;
}

void expectSameCounts(const layers::ClassChanges& mine, const layers::ClassChanges& sql)
{
    EXPECT_TRUE(mine.hadPreviousRun);
    EXPECT_EQ(mine.up, sql.up);
    EXPECT_EQ(mine.down, sql.down);
    EXPECT_EQ(mine.same, sql.same);
    EXPECT_EQ(mine.added, sql.added);
    EXPECT_EQ(mine.removed, sql.removed);
}

/// A changed input: a cluster of recent incidents and addresses near parcel R12, one parcel gone, one new.
void changeInputs(gis::Workspace& ws)
{
    auto& db = ws.db();
    gis::Transaction tx(db);
    const double cx = *db.queryDouble("SELECT ST_X(ST_Centroid(geom)) FROM percelen WHERE perceel_id = 'R12'");
    const double cy = *db.queryDouble("SELECT ST_Y(ST_Centroid(geom)) FROM percelen WHERE perceel_id = 'R12'");
    gis::LayerWriter inc(db, "incidenten", {"incident_id", "soort", "datum"}, true);
    gis::LayerWriter vbo(db, "verblijfsobjecten", {"vbo_id", "pand_id", "postcode", "huisnummer", "huisletter", "toevoeging"}, true);
    char wkt[96];
    for (int i = 0; i < 60; ++i) {
        std::snprintf(wkt, sizeof wkt, "POINT (%.3f %.3f)", cx + 7.0 * (i % 10), cy + 9.0 * (i / 10));
        inc.insert({std::string("new") + std::to_string(i), std::string("drugslab"), std::string("2024-05-01")}, wkbFromWkt(wkt));
        std::snprintf(wkt, sizeof wkt, "POINT (%.3f %.3f)", cx + 900.0 + 5.0 * i, cy - 300.0);
        vbo.insert({std::string("nv") + std::to_string(i), gis::FieldValue{}, std::string("3941ZZ"), std::int64_t{i},
                    gis::FieldValue{}, gis::FieldValue{}},
                   wkbFromWkt(wkt));
    }
    db.exec("DELETE FROM percelen WHERE perceel_id = 'R3'");
    gis::LayerWriter parcels(db, "percelen", {"perceel_id", "gemeente"}, true);
    char poly[256];
    std::snprintf(poly, sizeof poly, "MULTIPOLYGON (((%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f)))", cx, cy + 400,
                  cx + 100, cy + 400, cx + 100, cy + 500, cx, cy + 400);
    parcels.insert({std::string("NIEUW"), std::string("Rhenen")}, wkbFromWkt(poly));
    tx.commit();
}

layers::EngineSettings settings()
{
    return layers::EngineSettings::fromToml(toml::parse("[sectors]\nrisky = [\"4511\", \"4520\"]\n"), "t.toml");
}

layers::OpportunitySettings gridSettings()
{
    auto s = layers::OpportunitySettings::defaults(settings());
    s.bandwidth = 400;
    return s;
}

TEST(ChangeSincePreviousRun, ParcelsAndCellsAgreeWithSqlSnapshot)
{
    TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    buildEngineWorkspace(path, true);
    const auto reference = *core::parseDate("2024-06-01");
    {
        auto ws = gis::Workspace::open(path);
        core::Feedback fb;
        const auto first = layers::buildRiskMap(ws, settings(), reference, fb);
        EXPECT_FALSE(first.changes.hadPreviousRun);
        const auto firstGrid = layers::buildOpportunityMap(ws, gridSettings(), reference, fb);
        EXPECT_FALSE(firstGrid.changes.hadPreviousRun);
        auto& db = ws.db();
        for (const Target& t : {kParcels, kCells}) {
            EXPECT_GT(count(db, std::string("SELECT count(*) FROM ") + t.table), 20) << t.table;
            EXPECT_EQ(count(db, std::string("SELECT count(*) FROM ") + t.table +
                                    " WHERE vorige_score IS NOT NULL OR verschil_score IS NOT NULL"
                                    " OR vorige_klasse IS NOT NULL OR vorige_run_id IS NOT NULL"),
                      0)
                << t.table;
            snapshot(db, t);
        }
        changeInputs(ws);
    }
    auto ws = gis::Workspace::open(path);
    core::Feedback fb;
    const auto second = layers::buildRiskMap(ws, settings(), reference, fb);
    const auto secondGrid = layers::buildOpportunityMap(ws, gridSettings(), reference, fb);
    auto& db = ws.db();

    EXPECT_EQ(mismatches(db, kParcels), 0);
    EXPECT_EQ(mismatches(db, kCells), 0);
    const auto parcelSql = sqlChanges(db, kParcels);
    expectSameCounts(second.changes, parcelSql);
    expectSameCounts(secondGrid.changes, sqlChanges(db, kCells));
    EXPECT_EQ(second.changes.previousRunId, *db.queryText("SELECT run_id FROM snap_risico_percelen LIMIT 1"));
    // The changed input really moved something, so the comparison above is not vacuous.
    EXPECT_EQ(parcelSql.added, 1);
    EXPECT_EQ(parcelSql.removed, 1);
    EXPECT_GT(parcelSql.up + parcelSql.down, 0);
    EXPECT_GT(count(db, "SELECT count(*) FROM risico_percelen WHERE abs(verschil_score) > 1e-9"), 0);
    EXPECT_GT(count(db, "SELECT count(*) FROM gelegenheidskaart WHERE abs(verschil_score) > 1e-9"), 0);
    EXPECT_EQ(count(db, "SELECT count(*) FROM risico_percelen WHERE perceel_id = 'NIEUW' AND vorige_score IS NULL"), 1);
    const auto summary = layers::describeClassChanges(second.changes);
    EXPECT_NE(summary.find(std::to_string(parcelSql.up) + " hogere klasse"), std::string::npos) << summary;
}

TEST(ChangeSincePreviousRun, FirstRunSummarySaysSo)
{
    EXPECT_NE(layers::describeClassChanges({}).find("geen vorige run"), std::string::npos);
}

}  // namespace
}  // namespace riskmap::test
