// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations 2 and 3 (geocoding columns, rk_rasters, rk_audit) applied to a version-1 workspace.
#include "test_support.hpp"

#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/workspace.hpp"

#include <gtest/gtest.h>

using namespace riskmap;

namespace {

TEST(WorkspaceMigration, Version1GainsGeocodingColumnsAndRasterTable)
{
    test::TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    {
        // Turn a fresh workspace back into what migration 1 alone made.
        auto ws = gis::Workspace::create(path);
        ASSERT_GE(gis::Workspace::currentSchemaVersion(), 2);
        auto& db = ws.db();
        db.exec("DROP TABLE rk_rasters");
        db.exec("DROP TABLE rk_audit");  // migration 3
        for (const char* column : {"rows_geocode_attempted", "rows_geocoded", "geocode_match_rate", "warnings", "extent"})
            db.exec(std::string("ALTER TABLE rk_provenance DROP COLUMN ") + column);
        db.exec("INSERT INTO rk_provenance(layer, action, started_at, finished_at) VALUES ('percelen', 'import', 'a', 'b')");
        db.exec("PRAGMA user_version = 1");
    }
    auto ws = gis::Workspace::open(path);
    EXPECT_EQ(ws.schemaVersion(), gis::Workspace::currentSchemaVersion());
    EXPECT_TRUE(ws.db().tableExists("rk_rasters"));
    EXPECT_TRUE(ws.db().tableExists("rk_audit"));
    const auto prov = ws.provenance();
    ASSERT_EQ(prov.size(), 1u);
    EXPECT_EQ(prov[0].rowsGeocodeAttempted, 0);
    EXPECT_FALSE(prov[0].geocodeMatchRate().has_value());
    EXPECT_TRUE(gis::loadRasters(ws.db()).empty());
}

}  // namespace
