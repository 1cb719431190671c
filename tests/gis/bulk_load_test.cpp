// SPDX-License-Identifier: GPL-3.0-or-later
// BulkLoad: triggers suspended during the load, restored after, and the constraint still enforced.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/bulk_load.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace riskmap;

namespace {

std::vector<unsigned char> wkbOf(gis::SpatialiteDb& db, const std::string& wkt)
{
    const std::string hex = db.queryText("SELECT hex(AsBinary(GeomFromText('" + wkt + "', 28992)))").value_or("");
    std::vector<unsigned char> out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

std::int64_t triggers(gis::SpatialiteDb& db, const std::string& table)
{
    return db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = '" + table + "'").value_or(-1);
}

const char* kSquare = "MULTIPOLYGON(((150000 450000,150100 450000,150100 450100,150000 450000)))";

}  // namespace

TEST(BulkLoad, SuspendsTwoTriggersAndRestoresThemWithTheSameText)
{
    test::TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    gis::Transaction tx(ws.db());
    ws.createLayerTable("percelen", {{"perceel_id", "TEXT"}}, "MULTIPOLYGON");
    const auto before = triggers(ws.db(), "percelen");
    const auto ggi = ws.db().queryText("SELECT sql FROM sqlite_master WHERE name = 'ggi_percelen_geom'").value_or("");
    ASSERT_FALSE(ggi.empty());
    {
        gis::BulkLoad bulk(ws.db(), "percelen");
        EXPECT_EQ(triggers(ws.db(), "percelen"), before - 2);
        gis::LayerWriter writer(ws.db(), "percelen", {"perceel_id"}, true);
        writer.insert({std::string("p1")}, wkbOf(ws.db(), kSquare));
        writer.insert({std::string("p2")}, {});
        bulk.finish();
    }
    EXPECT_EQ(triggers(ws.db(), "percelen"), before);
    EXPECT_EQ(ws.db().queryText("SELECT sql FROM sqlite_master WHERE name = 'ggi_percelen_geom'").value_or(""), ggi);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM percelen").value_or(0), 2);
    // The restored trigger refuses a point in a multipolygon layer again.
    gis::LayerWriter writer(ws.db(), "percelen", {"perceel_id"}, true);
    EXPECT_THROW(writer.insert({std::string("p3")}, wkbOf(ws.db(), "POINT(150000 450000)")), Error);
}

TEST(BulkLoad, FinishRefusesAGeometryTheTriggerWouldHaveRefused)
{
    test::TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    const auto before = [&] {
        gis::Transaction tx(ws.db());
        ws.createLayerTable("percelen", {{"perceel_id", "TEXT"}}, "MULTIPOLYGON");
        tx.commit();
        return triggers(ws.db(), "percelen");
    }();
    {
        gis::Transaction tx(ws.db());
        gis::BulkLoad bulk(ws.db(), "percelen");
        gis::LayerWriter writer(ws.db(), "percelen", {"perceel_id"}, true);
        writer.insert({std::string("p1")}, wkbOf(ws.db(), kSquare));
        writer.insert({std::string("p2")}, wkbOf(ws.db(), "POINT(150000 450000)"));  // not refused without the trigger
        EXPECT_THROW(bulk.finish(), SqliteError);
    }  // rolled back
    EXPECT_EQ(triggers(ws.db(), "percelen"), before);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM percelen").value_or(-1), 0);
}
