// SPDX-License-Identifier: GPL-3.0-or-later
// End to end through the riskmap binary: CSV import, geocoding summary, aerial photo registration.
#include "inputs_fixtures.hpp"
#include "test_support.hpp"

#include "riskmap/gis/workspace.hpp"

#include <gdal_priv.h>
#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

using namespace riskmap;
using riskmap::test::runCli;
using riskmap::test::runProgram;
using riskmap::test::TempDir;
namespace fs = std::filesystem;

namespace {

/// A 300×200 one-band Byte GeoTIFF in RD New with 0.5 m pixels, no overviews.
void writeTiff(const std::string& path, double originX, double originY)
{
    GDALAllRegister();
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), 300, 200, 1, GDT_Byte, nullptr);
    ASSERT_NE(ds, nullptr);
    double gt[6] = {originX, 0.5, 0, originY, 0, -0.5};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(28992);
    ds->SetSpatialRef(&srs);
    std::vector<unsigned char> row(300, 120);
    for (int y = 0; y < 200; ++y)
        ASSERT_EQ(ds->GetRasterBand(1)->RasterIO(GF_Write, 0, y, 300, 1, row.data(), 300, 1, GDT_Byte, 0, 0), CE_None);
    GDALClose(ds);
}

std::string sha256sum(const std::string& path)
{
    const auto r = runProgram("sha256sum", {path});
    return r.out.substr(0, 64);
}

std::set<std::string> listDir(const fs::path& dir)
{
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
    return names;
}

TEST(InputsCli, CsvImportReportsRowsAndGeocodingRate)
{
    TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(runCli({"init", ws}).exitCode, 0);
    const std::string vbo = test::writeVerblijfsobjectenCsv(dir.path().string());
    // Coordinates without --crs: refused (exit 1), nothing imported.
    auto refused = runCli({"import", ws, vbo, "--layer", "verblijfsobjecten"});
    EXPECT_EQ(refused.exitCode, 1) << refused.err;
    EXPECT_NE(refused.err.find("--crs"), std::string::npos) << refused.err;
    ASSERT_EQ(runCli({"import", ws, vbo, "--layer", "verblijfsobjecten", "--crs", "EPSG:28992"}).exitCode, 0);

    const std::string kvk = dir.file("kvk.csv");
    test::writeBytes(kvk, "vestigingsnummer;handelsnaam;sbi_code;postcode;huisnummer\r\n"
                          "000012345678;Caf\xE9 De Ho\xEB;56.10.2;3941ab;12\r\n"
                          "000012345679;Autobedrijf;45.11;3941AB;13\r\n");
    const auto r = runCli({"import", ws, kvk, "--layer", "vestigingen"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("gelezen       2  geïmporteerd       1  hersteld     0  afgewezen     1"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("geocodering: 1 van 2 adressen gevonden (50.0 %)"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find("niet gevonden"), std::string::npos) << r.err;

    // A CSV whose rows are all unusable is refused (exit 1) and changes nothing.
    const std::string bad = dir.file("fout.csv");
    test::writeBytes(bad, "vestigingsnummer;postcode;huisnummer\n1;9999ZZ;1\n2;3941AB\n");
    const auto failed = runCli({"import", ws, bad, "--layer", "vestigingen"});
    EXPECT_EQ(failed.exitCode, 1) << failed.out;
    EXPECT_NE(failed.err.find("geen enkele rij bruikbaar"), std::string::npos) << failed.err;

    auto w = gis::Workspace::open(ws, true);
    EXPECT_EQ(w.db().queryText("SELECT handelsnaam || '|' || sbi_code FROM vestigingen"), "Caf\xC3\xA9 De Ho\xC3\xAB|56102");
    EXPECT_EQ(w.db().queryInt("SELECT count(*) FROM rk_provenance WHERE layer = 'vestigingen'"), 1);
    const auto info = runCli({"info", ws});
    EXPECT_NE(info.out.find("geocodering: 1 van 2 adressen gevonden"), std::string::npos) << info.out;
}

TEST(InputsCli, AerialPhotosAreRegisteredNotCopied)
{
    TempDir dir;
    const fs::path src = dir.path() / "bron";
    fs::create_directories(src);
    const std::string west = (src / "west.tif").string(), oost = (src / "oost.tif").string();
    writeTiff(west, 155000, 463100);
    writeTiff(oost, 155150, 463100);
    const std::string vrt = (src / "mozaiek.vrt").string();
    const char* inputs[] = {west.c_str(), oost.c_str()};
    int usageError = 0;
    GDALDatasetH mosaic = GDALBuildVRT(vrt.c_str(), 2, nullptr, inputs, nullptr, &usageError);
    ASSERT_NE(mosaic, nullptr);
    GDALClose(mosaic);
    // The second year is a read-only file in a read-only folder.
    const fs::path ro = dir.path() / "alleen-lezen";
    fs::create_directories(ro);
    const std::string photo2023 = (ro / "luchtfoto2023.tif").string();
    writeTiff(photo2023, 155000, 463100);
    fs::permissions(photo2023, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);

    const std::string ws = dir.file("ws.sqlite");
    ASSERT_EQ(runCli({"init", ws}).exitCode, 0);
    const auto noYear = runCli({"import", ws, vrt, "--layer", "luchtfoto"});
    EXPECT_EQ(noYear.exitCode, 2) << noYear.err;
    EXPECT_NE(noYear.err.find("--year"), std::string::npos);

    const auto r2022 = runCli({"import", ws, vrt, "--layer", "luchtfoto", "--year", "2022"});
    ASSERT_EQ(r2022.exitCode, 0) << r2022.err;
    const auto r2023 = runCli({"import", ws, photo2023, "--layer", "luchtfoto", "--year", "2023"});
    ASSERT_EQ(r2023.exitCode, 0) << r2023.err;
    fs::permissions(ro, fs::perms::owner_all);

    EXPECT_EQ(listDir(src), (std::set<std::string>{"west.tif", "oost.tif", "mozaiek.vrt"}));
    EXPECT_EQ(listDir(ro), (std::set<std::string>{"luchtfoto2023.tif"}));

    auto w = gis::Workspace::open(ws, true);
    auto& db = w.db();
    EXPECT_EQ(db.queryText("SELECT group_concat(year || ':' || driver, ' ') FROM (SELECT * FROM rk_rasters ORDER BY year)"),
              "2022:VRT 2023:GTiff");
    // Extent of the mosaic: x 155000…155300 (150 m + 150 m), y 463000…463100.
    EXPECT_EQ(db.queryText("SELECT extent FROM rk_provenance WHERE layer = 'luchtfoto' ORDER BY id LIMIT 1"),
              "155000.000,463000.000,155300.000,463100.000");
    EXPECT_EQ(db.queryText("SELECT sha256 FROM rk_provenance WHERE layer = 'luchtfoto' ORDER BY id LIMIT 1"), sha256sum(vrt));
    EXPECT_EQ(db.queryText("SELECT sha256 FROM rk_provenance WHERE layer = 'luchtfoto' ORDER BY id DESC LIMIT 1"),
              sha256sum(photo2023));
    EXPECT_EQ(db.queryText("SELECT source_crs FROM rk_provenance WHERE layer = 'luchtfoto' LIMIT 1"), "EPSG:28992");
    EXPECT_EQ(db.queryText("SELECT kind || ':' || feature_count FROM rk_layers WHERE name = 'luchtfoto'"), "raster:2");

    const auto info = runCli({"info", ws});
    ASSERT_EQ(info.exitCode, 0);
    EXPECT_NE(info.out.find("luchtfoto    2022  VRT"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("luchtfoto    2023  GTiff"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find(photo2023), std::string::npos);
}

}  // namespace
