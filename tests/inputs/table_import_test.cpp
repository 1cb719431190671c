// SPDX-License-Identifier: GPL-3.0-or-later
// CSV import through the Dutch pre-pass: Latin-1, `;`, decimal commas, broken rows, CRS rules.
#include "inputs_fixtures.hpp"
#include "test_support.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace riskmap;
using riskmap::test::TempDir;

namespace {

/// Windows-1252 bytes: \xE9 = é, \xEB = ë. Rows 3-6 are broken in four different ways.
const std::string kIncidentenLatin1 =
    "incident_id;soort;datum;bron;x;y\r\n"
    "I1;drugsafval caf\xE9;01-03-2024;politie;155000,5;463000,25\r\n"
    "I2;signaal Zo\xEB;2024-04-15;mma;155.100,0;463100\r\n"
    "I3;explosie;31-02-2024;politie;155200;463200\r\n"
    "I4;hennepteelt Ren\xE9" "e;01-05-2024;politie;15x5,0;463300\r\n"
    "I5;drugslab;02-05-2024\r\n"
    "I1;drugsafval;03-05-2024;politie;155300;463300\r\n";

TEST(TableImport, Latin1SemicolonCsvImportsGoodRowsAndRejectsTheRest)
{
    TempDir dir;
    const std::string csv = dir.file("incidenten.csv");
    test::writeBytes(csv, kIncidentenLatin1);
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    const auto reports = test::importInto(ws, {csv}, "incidenten", "EPSG:28992");
    ASSERT_EQ(reports.size(), 1u);
    const auto& r = reports.front();
    EXPECT_EQ(r.read, 6);
    EXPECT_EQ(r.imported, 2);
    EXPECT_EQ(r.repaired, 0);
    EXPECT_EQ(r.rejected, 4);
    EXPECT_EQ(r.read, r.imported + r.repaired + r.rejected);
    EXPECT_NE(r.readingNote.find("Windows-1252"), std::string::npos) << r.readingNote;

    // Characters arrive as UTF-8, decimal commas (and a thousands point) as numbers, dates ISO.
    auto& db = ws.db();
    EXPECT_EQ(db.queryText("SELECT soort FROM incidenten WHERE incident_id = 'I1'"), "drugsafval caf\xC3\xA9");
    EXPECT_EQ(db.queryText("SELECT soort FROM incidenten WHERE incident_id = 'I2'"), "signaal Zo\xC3\xAB");
    EXPECT_EQ(db.queryInt("SELECT count(*) FROM incidenten WHERE soort LIKE '%é%' OR soort LIKE '%ë%'"), 2);
    EXPECT_EQ(db.queryText("SELECT datum FROM incidenten WHERE incident_id = 'I1'"), "2024-03-01");
    EXPECT_DOUBLE_EQ(*db.queryDouble("SELECT ST_X(geom) FROM incidenten WHERE incident_id = 'I1'"), 155000.5);
    EXPECT_DOUBLE_EQ(*db.queryDouble("SELECT ST_Y(geom) FROM incidenten WHERE incident_id = 'I1'"), 463000.25);
    EXPECT_DOUBLE_EQ(*db.queryDouble("SELECT ST_X(geom) FROM incidenten WHERE incident_id = 'I2'"), 155100.0);

    // The rejected file: row numbers, field, reason and the file's original text (UTF-8).
    ASSERT_FALSE(r.rejectedFile.empty());
    const auto lines = test::csvLines(r.rejectedFile);
    ASSERT_EQ(lines.size(), 5u);
    EXPECT_EQ(lines[0], "rij;veld;reden;incident_id;soort;datum;bron;x;y");
    EXPECT_EQ(lines[1].substr(0, 11), "3;datum;onl");
    EXPECT_NE(lines[1].find("31-02-2024"), std::string::npos);
    EXPECT_EQ(lines[2].substr(0, 4), "4;x;");
    EXPECT_NE(lines[2].find(";hennepteelt Ren\xC3\xA9" "e;01-05-2024;politie;15x5,0;463300"), std::string::npos) << lines[2];
    EXPECT_EQ(lines[3].substr(0, 2), "5;");
    EXPECT_NE(lines[3].find(";I5;drugslab;02-05-2024"), std::string::npos) << lines[3];
    EXPECT_EQ(lines[4].substr(0, 18), "6;incident_id;dubb");
    EXPECT_NE(lines[4].find("rij 1"), std::string::npos) << lines[4];

    const auto prov = ws.provenance("incidenten");
    ASSERT_EQ(prov.size(), 1u);
    EXPECT_EQ(prov[0].rowsRead, 6);
    EXPECT_EQ(prov[0].rowsRejected, 4);
    EXPECT_EQ(prov[0].rowsGeocodeAttempted, 0);
}

TEST(TableImport, CoordinatesWithoutCrsAreRefusedNeverGuessed)
{
    TempDir dir;
    const std::string csv = dir.file("incidenten.csv");
    test::writeBytes(csv, kIncidentenLatin1);
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    try {
        test::importInto(ws, {csv}, "incidenten");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("--crs"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(ws.db().tableExists("incidenten"));
}

TEST(TableImport, FailedImportLeavesWorkspaceUnchanged)
{
    TempDir dir;
    const std::string good = dir.file("goed.csv");
    test::writeBytes(good, kIncidentenLatin1);
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    test::importInto(ws, {good}, "incidenten", "EPSG:28992");
    test::importInto(ws, {good}, "incidenten", "EPSG:28992");
    const auto before = ws.db().queryText("SELECT group_concat(incident_id || soort || datum, '|') FROM incidenten");
    const auto provBefore = ws.db().queryInt("SELECT count(*) FROM rk_provenance");

    // Every row broken: the import is refused and the earlier layer stays as it was.
    const std::string bad = dir.file("fout.csv");
    test::writeBytes(bad, "incident_id;soort;datum;x;y\nJ1;drugslab;32-13-2024;155000;463000\nJ2;drugslab\n");
    EXPECT_THROW(test::importInto(ws, {bad}, "incidenten", "EPSG:28992"), InputError);
    EXPECT_EQ(ws.db().queryText("SELECT group_concat(incident_id || soort || datum, '|') FROM incidenten"), before);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM rk_provenance"), provBefore);
    EXPECT_EQ(ws.countRows("incidenten"), 2);
}

TEST(TableImport, WktColumnAndUtf8BomCommaCsv)
{
    TempDir dir;
    const std::string csv = dir.file("parken.csv");
    test::writeBytes(csv, "\xEF\xBB\xBF" "park_id,naam,geom_wkt\n"
                          "P1,De Bosrand \xC3\xAB,\"POLYGON((155000 463000,155100 463000,155100 463100,155000 463000))\"\n"
                          "P2,Kapot,\"POLYGON((1 2,\"\n");
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    const auto r = test::importInto(ws, {csv}, "vakantieparken", "EPSG:28992").front();
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(r.rejected, 1);
    EXPECT_DOUBLE_EQ(*ws.db().queryDouble("SELECT ST_Area(geom) FROM vakantieparken"), 5000.0);
    EXPECT_EQ(ws.db().queryText("SELECT GeometryType(geom) FROM vakantieparken"), "MULTIPOLYGON");
}

}  // namespace
