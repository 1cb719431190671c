// SPDX-License-Identifier: GPL-3.0-or-later
// Excel import with numeric codes, SBI normalisation, and geocoding on postcode + huisnummer.
#include "inputs_fixtures.hpp"
#include "test_support.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"

#include <gtest/gtest.h>

using namespace riskmap;
using riskmap::test::SheetRow;
using riskmap::test::TempDir;

namespace {

TEST(GeocodingImport, ExcelSheetKeepsLeadingZerosNormalisesSbiAndGeocodes)
{
    TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    const auto vbo = test::importInto(ws, {test::writeVerblijfsobjectenCsv(dir.path().string())}, "verblijfsobjecten",
                                      "EPSG:28992");
    ASSERT_EQ(vbo.front().imported, 6);

    const std::string xlsx = dir.file("kvk.xlsx");
    // Columns: handelsnaam, sbi_code, postcode, huisnummer, huisletter, toevoeging.
    test::writeVestigingenXlsx(xlsx, {
        {12345678, 1234567, {"Garage Zo\xC3\xAB", "45.11", "3941 ab", "12", "", ""}},      // exact
        {23456789, 2345678, {"Onbekend", "9999", "3941AB", "14", "", "2"}},                // without toevoeging
        {34567890, 3456789, {"Nergens", "4511", "3941AB", "99", "", ""}},                  // not found
        {45678901, 4567890, {"Fout", "4511", "ABCD12", "1", "", ""}},                      // invalid postcode
        {56789012, 5678901, {"Twee", "4511", "3941AC", "7", "", ""}},                      // ambiguous (7-1, 7-2)
        {678901234567, 67890123, {"Letter", "45,11x", "3941AB", "12a", "", ""}},           // 12A, bad SBI
    });
    const auto r = test::importInto(ws, {xlsx}, "vestigingen").front();
    EXPECT_EQ(r.read, 6);
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(r.repaired, 2);
    EXPECT_EQ(r.rejected, 3);
    EXPECT_EQ(r.geocodeAttempted, 6);
    EXPECT_EQ(r.geocoded, 3);
    EXPECT_EQ(r.sbiUnknown, 1);
    EXPECT_EQ(r.crs.sourceCrs, "geen (gegeocodeerd op adres)");

    auto& db = ws.db();
    // Excel's numbers get their leading zeros back (12 and 8 digits).
    EXPECT_EQ(db.queryText("SELECT group_concat(vestigingsnummer || '/' || kvk_nummer, ' ') FROM "
                           "(SELECT * FROM vestigingen ORDER BY vestigingsnummer)"),
              "000012345678/01234567 000023456789/02345678 678901234567/67890123");
    EXPECT_EQ(db.queryText("SELECT sbi_code FROM vestigingen WHERE vestigingsnummer = '000012345678'"), "4511");
    EXPECT_EQ(db.queryText("SELECT sbi_code FROM vestigingen WHERE vestigingsnummer = '000023456789'"), "9999");
    EXPECT_EQ(db.queryInt("SELECT sbi_code IS NULL FROM vestigingen WHERE vestigingsnummer = '678901234567'"), 1);
    EXPECT_EQ(db.queryText("SELECT postcode FROM vestigingen WHERE vestigingsnummer = '000012345678'"), "3941AB");
    // `12a` in the huisnummer column is stored as the address it was found on.
    EXPECT_EQ(db.queryText("SELECT huisnummer || '|' || huisletter FROM vestigingen WHERE vestigingsnummer = '678901234567'"),
              "12|A");
    EXPECT_EQ(db.queryText("SELECT handelsnaam FROM vestigingen WHERE vestigingsnummer = '000012345678'"),
              "Garage Zo\xC3\xAB");
    // Each geocoded row sits exactly on its verblijfsobject (oracle: a spatial join in SQL).
    EXPECT_EQ(db.queryText("SELECT group_concat(v.vestigingsnummer || '=' || o.vbo_id, ' ') FROM "
                           "(SELECT * FROM vestigingen ORDER BY vestigingsnummer) v "
                           "JOIN verblijfsobjecten o ON ST_Equals(v.geom, o.geom)"),
              "000012345678=V12 000023456789=V14 678901234567=V12A");

    const auto lines = test::csvLines(r.rejectedFile);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_NE(lines[1].find("3;adres;adres niet gevonden"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find("4;postcode;ongeldige postcode 'ABCD12'"), std::string::npos) << lines[2];
    EXPECT_NE(lines[3].find("5;adres;adres niet eenduidig"), std::string::npos) << lines[3];
    EXPECT_NE(lines[3].find("V71, V72"), std::string::npos) << lines[3];
    const auto repaired = test::csvLines(r.repairedFile);
    ASSERT_EQ(repaired.size(), 3u);
    EXPECT_NE(repaired[1].find("zonder (of met andere) toevoeging: verblijfsobject V14"), std::string::npos);
    EXPECT_NE(repaired[2].find("ongeldige SBI-code '45,11x'"), std::string::npos);

    const auto prov = ws.provenance("vestigingen");
    ASSERT_EQ(prov.size(), 1u);
    EXPECT_EQ(prov[0].rowsGeocodeAttempted, 6);
    EXPECT_EQ(prov[0].rowsGeocoded, 3);
    EXPECT_DOUBLE_EQ(*db.queryDouble("SELECT geocode_match_rate FROM rk_provenance WHERE layer = 'vestigingen'"), 0.5);
    EXPECT_NE(prov[0].warnings.find("9999"), std::string::npos) << prov[0].warnings;
}

TEST(GeocodingImport, IncidentsGeocodeOnSourceAddressColumns)
{
    TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    test::importInto(ws, {test::writeVerblijfsobjectenCsv(dir.path().string())}, "verblijfsobjecten", "EPSG:28992");
    const std::string csv = dir.file("meldingen.csv");
    // incidenten keep no address fields: the source's columns are used for the lookup only.
    test::writeBytes(csv, "incident_id;soort;datum;postcode;huisnummer;toevoeging\n"
                          "M1;signaal;01-02-2025;3941 ad;30;BIS\n"
                          "M2;signaal;02-02-2025;3941AD;31;\n");
    const auto r = test::importInto(ws, {csv}, "incidenten").front();
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(r.rejected, 1);
    EXPECT_EQ(r.geocoded, 1);
    EXPECT_EQ(ws.db().queryText("SELECT AsText(geom) FROM incidenten"), "POINT(155030 463030)");
}

TEST(GeocodingImport, MissingVerblijfsobjectenRefusesTheFile)
{
    TempDir dir;
    auto ws = gis::Workspace::create(dir.file("ws.sqlite"));
    const std::string csv = dir.file("kvk.csv");
    test::writeBytes(csv, "vestigingsnummer;postcode;huisnummer\n000012345678;3941AB;12\n");
    try {
        test::importInto(ws, {csv}, "vestigingen");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("verblijfsobjecten"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(ws.db().tableExists("vestigingen"));
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM rk_provenance"), 0);
}

}  // namespace
