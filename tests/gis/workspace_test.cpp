// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace file: creation, refusal, migrations, WAL, layer tables readable by plain SQL.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>

using namespace riskmap;

TEST(Workspace, CreateSetsWalSchemaVersionAndSpatialMetadata)
{
    test::TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    EXPECT_EQ(ws.schemaVersion(), gis::Workspace::currentSchemaVersion());
    EXPECT_EQ(ws.db().queryText("PRAGMA journal_mode").value_or(""), "wal");
    EXPECT_TRUE(ws.db().tableExists("spatial_ref_sys"));
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM spatial_ref_sys WHERE srid = 28992").value_or(0), 1);
    EXPECT_TRUE(ws.db().tableExists("rk_provenance"));
    EXPECT_TRUE(ws.layers().empty());
}

TEST(Workspace, CreateRefusesAnExistingFile)
{
    test::TempDir dir;
    gis::Workspace::create(dir.file("ws.sqlite"));
    EXPECT_THROW(gis::Workspace::create(dir.file("ws.sqlite")), Error);
}

TEST(Workspace, OpenRefusesMissingAndForeignFiles)
{
    test::TempDir dir;
    EXPECT_THROW(gis::Workspace::open(dir.file("missing.sqlite")), Error);
    std::ofstream(dir.file("text.sqlite")) << "dit is geen database\n";
    EXPECT_THROW(gis::Workspace::open(dir.file("text.sqlite")), Error);
    { gis::SpatialiteDb plain(dir.file("plain.sqlite"), gis::SpatialiteDb::Mode::Create); plain.exec("CREATE TABLE t(x)"); }
    EXPECT_THROW(gis::Workspace::open(dir.file("plain.sqlite")), Error);
}

TEST(Workspace, OpenRefusesANewerSchema)
{
    test::TempDir dir;
    { auto ws = gis::Workspace::create(dir.file("ws.sqlite")); ws.db().exec("PRAGMA user_version = 999"); }
    EXPECT_THROW(gis::Workspace::open(dir.file("ws.sqlite")), Error);
}

TEST(Workspace, LayerTableRoundTripsThroughSqlAndReader)
{
    test::TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    {
        gis::Transaction tx(ws.db());
        ws.createLayerTable("percelen", {{"perceel_id", "TEXT"}, {"oppervlakte", "REAL"}}, "MULTIPOLYGON");
        gis::LayerWriter writer(ws.db(), "percelen", {"perceel_id", "oppervlakte"}, true);
        // WKB of MULTIPOLYGON(((150000 450000,150100 450000,150100 450100,150000 450000))) via SpatiaLite itself.
        auto wkb = ws.db().prepare("SELECT AsBinary(GeomFromText('MULTIPOLYGON(((150000 450000,150100 450000,150100 450100,150000 450000)))', 28992))");
        ASSERT_TRUE(wkb.step());
        writer.insert({std::string("A-1"), 5000.0}, wkb.columnBlob(0));
        ws.ensureSpatialIndex("percelen");
        tx.commit();
    }
    EXPECT_DOUBLE_EQ(ws.db().queryDouble("SELECT ST_Area(geom) FROM percelen").value_or(0), 5000.0);
    EXPECT_EQ(ws.db().queryInt("SELECT srid FROM geometry_columns WHERE f_table_name = 'percelen'").value_or(0), 28992);
    gis::LayerReader reader(ws.db(), "percelen", {}, gis::Box{150050, 450010, 150060, 450020});
    gis::FeatureRow row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(std::get<std::string>(row.values[0]), "A-1");
    EXPECT_FALSE(reader.next(row));
    gis::LayerReader far(ws.db(), "percelen", {}, gis::Box{0, 0, 10, 10});
    EXPECT_FALSE(far.next(row));
}

TEST(Workspace, ProvenanceRefusesRowsThatDoNotAddUp)
{
    test::TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    gis::ProvenanceRecord p;
    p.layer = "percelen";
    p.action = "import";
    p.startedAt = p.finishedAt = "2026-01-01T00:00:00Z";
    p.rowsRead = 10;
    p.rowsImported = 7;
    p.rowsRepaired = 1;
    p.rowsRejected = 1;  // 7 + 1 + 1 != 10
    EXPECT_THROW(ws.addProvenance(p), SqliteError);
    p.rowsRejected = 2;
    EXPECT_GT(ws.addProvenance(p), 0);
}
