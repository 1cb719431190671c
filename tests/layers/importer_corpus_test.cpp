// SPDX-License-Identifier: GPL-3.0-or-later
// The importer against a corpus of bad inputs: every row accounted for,
// every refusal leaves the workspace as it was.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/importer.hpp"
#include "test_support.hpp"
#include "vector_fixtures.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace riskmap;
using test::FixtureFeature;
using test::FixtureLayer;
using test::FixtureType;

namespace {

FixtureLayer parcels(int n, double x0 = 150000, double y0 = 450000)
{
    FixtureLayer layer{"percelen", "MULTIPOLYGON", 28992, {{"perceel_id"}, {"gemeente"}, {"oppervlakte"}}, {}};  // oppervlakte as text: lets a row carry an unreadable number
    for (int i = 0; i < n; ++i)
        layer.features.push_back({test::squareWkt(x0 + 20.0 * i, y0, 10.0),
                                  {"P-" + std::to_string(i), "Rhenen", std::to_string(100.0)}});
    return layer;
}

class ImporterCorpus : public ::testing::Test {
protected:
    void SetUp() override { m_ws = std::make_unique<gis::Workspace>(gis::Workspace::create(m_dir.file("ws.sqlite"))); }

    std::vector<layers::LayerImportReport> import(const std::string& file, std::optional<std::string> layer = {},
                                                  std::optional<std::string> crs = {}, bool append = false)
    {
        layers::ImportRequest request;
        request.files = {file};
        request.layer = std::move(layer);
        request.crs = std::move(crs);
        request.append = append;
        core::Feedback feedback;
        return layers::importFiles(*m_ws, request, feedback);
    }

    std::int64_t count(const std::string& table) { return m_ws->countRows(table); }
    std::string rejectedCsv(const layers::LayerImportReport& r)
    {
        std::ifstream in(r.rejectedFile, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }
    static void expectAccounted(const layers::LayerImportReport& r)
    {
        EXPECT_EQ(r.read, r.imported + r.repaired + r.rejected);
    }

    test::TempDir m_dir;
    std::unique_ptr<gis::Workspace> m_ws;
};

}  // namespace

TEST_F(ImporterCorpus, CleanGeoPackageImportsEveryRowWithProvenance)
{
    test::writeVectorFile(m_dir.file("p.gpkg"), "GPKG", {parcels(25)});
    const auto reports = import(m_dir.file("p.gpkg"));
    ASSERT_EQ(reports.size(), 1u);
    EXPECT_EQ(reports[0].read, 25);
    EXPECT_EQ(reports[0].imported, 25);
    EXPECT_EQ(count("percelen"), 25);
    // SpatiaLite as oracle: 25 squares of 10 × 10 m.
    EXPECT_NEAR(m_ws->db().queryDouble("SELECT sum(ST_Area(geom)) FROM percelen").value(), 2500.0, 1e-6);
    const auto prov = m_ws->provenance("percelen");
    ASSERT_EQ(prov.size(), 1u);
    EXPECT_EQ(prov[0].rowsRead, 25);
    EXPECT_EQ(prov[0].sha256.size(), 64u);
    EXPECT_NE(prov[0].sourceCrs.find("28992"), std::string::npos);
    EXPECT_FALSE(prov[0].user.empty());
    const auto layer = m_ws->layer("percelen");
    ASSERT_TRUE(layer);
    EXPECT_EQ(layer->classification, "openbaar");
    EXPECT_EQ(layer->featureCount, 25);
}

TEST_F(ImporterCorpus, EveryDriverReads)
{
    for (const auto& [driver, ext] : std::vector<std::pair<std::string, std::string>>{
             {"GPKG", "gpkg"}, {"ESRI Shapefile", "shp"}, {"GeoJSON", "geojson"}, {"FlatGeobuf", "fgb"}}) {
        SCOPED_TRACE(driver);
        const std::string file = m_dir.file("percelen." + ext);
        // GeoJSON is WGS84 by definition: write those coordinates in degrees.
        auto layer = parcels(3);
        if (ext == "geojson") {
            layer.epsg = 4326;
            for (int i = 0; i < 3; ++i) layer.features[static_cast<std::size_t>(i)].wkt =
                "MULTIPOLYGON(((5.50 52.00,5.5001 52.00,5.5001 52.0001,5.50 52.0001,5.50 52.00)))";
            for (int i = 0; i < 3; ++i) layer.features[static_cast<std::size_t>(i)].values[0] = "G-" + std::to_string(i);
        }
        test::writeVectorFile(file, driver, {layer});
        const auto reports = import(file, std::string("percelen"));
        ASSERT_EQ(reports.size(), 1u);
        EXPECT_EQ(reports[0].imported, 3);
        EXPECT_EQ(count("percelen"), 3);
        // The GeoJSON squares were reprojected: 0.0001° × 0.0001° at 52° N ≈ 6.85 m × 11.13 m;
        // the RD ones stay 10 × 10 m.
        const double area = m_ws->db().queryDouble("SELECT ST_Area(geom) FROM percelen LIMIT 1").value();
        const double expected = ext == "geojson" ? 0.0001 * 111320 * std::cos(52.0 * M_PI / 180) * 0.0001 * 111250 : 100.0;
        EXPECT_NEAR(area, expected, 1.0);
    }
}

TEST_F(ImporterCorpus, InvalidPolygonsAreRepairedCountedAndListed)
{
    auto layer = parcels(2);
    layer.features.push_back({"MULTIPOLYGON(((150100 450000,150110 450010,150110 450000,150100 450010,150100 450000)))", {"BOWTIE", "", ""}});
    layer.features.push_back({"MULTIPOLYGON(((150200 450000,150210 450000,150210 450010,150200 450010,150200 450000),(150220 450020,150222 450020,150222 450022,150220 450020)))", {"HOLE", "", ""}});
    test::writeVectorFile(m_dir.file("p.gpkg"), "GPKG", {layer});
    const auto r = import(m_dir.file("p.gpkg")).at(0);
    expectAccounted(r);
    EXPECT_EQ(r.imported, 2);
    EXPECT_EQ(r.repaired, 2);
    EXPECT_EQ(r.rejected, 0);
    ASSERT_FALSE(r.repairedFile.empty());
    std::ifstream in(r.repairedFile);
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_NE(ss.str().find("BOWTIE"), std::string::npos);
    EXPECT_NE(ss.str().find("MakeValid"), std::string::npos);
    EXPECT_EQ(m_ws->db().queryInt("SELECT count(*) FROM percelen WHERE ST_IsValid(geom) = 1").value(), 4);
}

TEST_F(ImporterCorpus, DuplicateIdsEmptyAndNanRowsAreRejectedWithReasons)
{
    auto layer = parcels(3);
    layer.features.push_back({test::squareWkt(150500, 450000, 10), {"P-1", "dubbel", ""}});  // duplicate id
    layer.features.push_back({"", {"NOGEOM", "", ""}});                                       // no geometry
    layer.features.push_back({test::squareWkt(150600, 450000, 10), {std::nullopt, "", ""}});  // empty id
    layer.features.push_back({test::squareWkt(10, 10, 10), {"FAR", "", ""}});                 // outside RD
    layer.features.push_back({test::squareWkt(150700, 450000, 10), {"BADNUM", "", "veel"}}); // optional bad number
    test::writeVectorFile(m_dir.file("p.gpkg"), "GPKG", {layer});
    const auto r = import(m_dir.file("p.gpkg")).at(0);
    expectAccounted(r);
    EXPECT_EQ(r.read, 8);
    EXPECT_EQ(r.rejected, 4);
    EXPECT_EQ(r.repaired, 1);  // the unreadable optional number is emptied, not silently
    EXPECT_EQ(r.imported, 3);
    const std::string csv = rejectedCsv(r);
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF") << "UTF-8 with BOM";
    EXPECT_NE(csv.find("rij;veld;reden;perceel_id;gemeente;oppervlakte"), std::string::npos);
    EXPECT_NE(csv.find("4;perceel_id;dubbel id 'P-1' (eerder in rij 2)"), std::string::npos) << csv;
    EXPECT_NE(csv.find("5;geom;geen geometrie"), std::string::npos) << csv;
    EXPECT_NE(csv.find("6;perceel_id;verplicht veld is leeg"), std::string::npos) << csv;
    EXPECT_NE(csv.find("7;geom;buiten het RD-gebied"), std::string::npos) << csv;
    EXPECT_TRUE(m_ws->db().queryInt("SELECT oppervlakte IS NULL FROM percelen WHERE perceel_id = 'BADNUM'").value());
}

TEST_F(ImporterCorpus, ZAndMAreDroppedAndSinglePartsPromoted)
{
    FixtureLayer layer{"percelen", "MULTIPOLYGONZM", 28992, {{"perceel_id"}}, {}};
    layer.features.push_back({"MULTIPOLYGON ZM(((150000 450000 1 2,150010 450000 1 2,150010 450010 1 2,150000 450000 1 2)))", {"ZM"}});
    test::writeVectorFile(m_dir.file("zm.gpkg"), "GPKG", {layer});
    FixtureLayer single{"percelen", "POLYGON", 28992, {{"perceel_id"}}, {}};
    single.features.push_back({"POLYGON((150100 450000,150110 450000,150110 450010,150100 450000))", {"SINGLE"}});
    test::writeVectorFile(m_dir.file("single.shp"), "ESRI Shapefile", {single});
    import(m_dir.file("zm.gpkg"));
    import(m_dir.file("single.shp"), std::string("percelen"), {}, true);
    EXPECT_EQ(m_ws->db().queryInt("SELECT count(*) FROM percelen WHERE CoordDimension(geom) = 'XY'").value(), 2);
    EXPECT_EQ(m_ws->db().queryInt("SELECT count(*) FROM percelen WHERE GeometryType(geom) = 'MULTIPOLYGON'").value(), 2);
}

TEST_F(ImporterCorpus, RefusalsLeaveTheWorkspaceAsItWas)
{
    test::writeVectorFile(m_dir.file("good.gpkg"), "GPKG", {parcels(5)});
    import(m_dir.file("good.gpkg"));
    ASSERT_EQ(count("percelen"), 5);
    const auto provBefore = m_ws->provenance().size();

    // No CRS (Shapefile without .prj).
    auto noCrs = parcels(2);
    noCrs.epsg.reset();
    test::writeVectorFile(m_dir.file("nocrs.shp"), "ESRI Shapefile", {noCrs});
    // Wrong geometry family.
    FixtureLayer lines{"percelen", "LINESTRING", 28992, {{"perceel_id"}}, {{"LINESTRING(150000 450000,150010 450010)", {"L"}}}};
    test::writeVectorFile(m_dir.file("lines.gpkg"), "GPKG", {lines});
    // Missing required field.
    FixtureLayer noId{"percelen", "MULTIPOLYGON", 28992, {{"gemeente"}}, {{test::squareWkt(150000, 450000, 5), {"X"}}}};
    test::writeVectorFile(m_dir.file("noid.gpkg"), "GPKG", {noId});
    // Empty layer.
    test::writeVectorFile(m_dir.file("empty.gpkg"), "GPKG", {parcels(0)});
    // A text file named .gpkg.
    std::ofstream(m_dir.file("text.gpkg")) << "perceel_id;gemeente\nA;B\n";
    // A truncated GeoPackage: the first 20 kB of a valid one.
    test::writeVectorFile(m_dir.file("big.gpkg"), "GPKG", {parcels(2000)});
    {
        std::ifstream in(m_dir.file("big.gpkg"), std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(m_dir.file("truncated.gpkg"), std::ios::binary) << bytes.substr(0, bytes.size() / 3);
    }
    // RD numbers in a GeoJSON (which is WGS84 by definition).
    std::ofstream(m_dir.file("rd.geojson"))
        << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"perceel_id":"RD1"},)"
        << R"("geometry":{"type":"Polygon","coordinates":[[[150000,450000],[150010,450000],[150010,450010],[150000,450000]]]}}]})";
    // Degrees declared as RD.
    FixtureLayer degrees = parcels(1);
    degrees.features[0].wkt = "MULTIPOLYGON(((5.5 52,5.6 52,5.6 52.1,5.5 52)))";
    test::writeVectorFile(m_dir.file("degrees.gpkg"), "GPKG", {degrees});

    struct Refusal { std::string file; std::string expect; };
    const std::vector<Refusal> refusals = {
        {"nocrs.shp", "geen coördinatenstelsel"},
        {"lines.gpkg", "verkeerd geometrietype"},
        {"noid.gpkg", "verplicht veld 'perceel_id' ontbreekt"},
        {"empty.gpkg", "leeg"},
        {"text.gpkg", "geen leesbaar vectorbestand"},
        {"truncated.gpkg", "truncated.gpkg"},
        {"rd.geojson", "--crs EPSG:28992"},
        {"degrees.gpkg", "--crs EPSG:4326"},
    };
    for (const auto& r : refusals) {
        SCOPED_TRACE(r.file);
        try {
            import(m_dir.file(r.file), std::string("percelen"));
            ADD_FAILURE() << "expected a refusal";
        } catch (const Error& e) {
            EXPECT_NE(std::string(e.what()).find(r.expect), std::string::npos) << e.what();
            EXPECT_EQ(static_cast<int>(e.exitCode()), 1);
        }
        EXPECT_EQ(count("percelen"), 5);
        EXPECT_EQ(m_ws->provenance().size(), provBefore);
    }
    // With --crs the shapefile without CRS imports.
    const auto r = import(m_dir.file("nocrs.shp"), std::string("percelen"), std::string("EPSG:28992"));
    EXPECT_EQ(r.at(0).imported, 2);
}

TEST_F(ImporterCorpus, ShapefileTenCharacterFieldNamesAreMapped)
{
    FixtureLayer layer{"vestigingen", "POINT", 28992,
                       {{"vestigings"}, {"datum_insc"}, {"datum_uits"}, {"sbi_code"}},
                       {{"POINT(150000 450000)", {"000012345678", "01-03-2020", "", "4511"}}}};
    test::writeVectorFile(m_dir.file("vestigingen.shp"), "ESRI Shapefile", {layer});
    const auto r = import(m_dir.file("vestigingen.shp"), std::string("vestigingen")).at(0);
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(m_ws->db().queryText("SELECT vestigingsnummer || '|' || datum_inschrijving FROM vestigingen").value(),
              "000012345678|2020-03-01");
}

TEST_F(ImporterCorpus, RubriceringIsNeverLoweredBelowTheLayer)
{
    FixtureLayer layer{"incidenten", "POINT", 28992, {{"incident_id"}, {"datum"}, {"rubricering"}},
                       {{"POINT(150000 450000)", {"I1", "2024-05-01", "openbaar"}},
                        {"POINT(150001 450000)", {"I2", "2024-05-02", "politiegegevens"}},
                        {"POINT(150002 450000)", {"I3", "2024-05-03", std::nullopt}}}};
    test::writeVectorFile(m_dir.file("inc.gpkg"), "GPKG", {layer});
    import(m_dir.file("inc.gpkg"));
    EXPECT_EQ(m_ws->db().queryText("SELECT group_concat(rubricering, ',') FROM (SELECT rubricering FROM incidenten ORDER BY incident_id)").value(),
              "vertrouwelijk,politiegegevens,vertrouwelijk");
    EXPECT_EQ(m_ws->layer("incidenten")->classification, "vertrouwelijk");
}

TEST_F(ImporterCorpus, AppendKeepsIdsUniqueAcrossImports)
{
    test::writeVectorFile(m_dir.file("a.gpkg"), "GPKG", {parcels(3)});
    import(m_dir.file("a.gpkg"));
    const auto r = import(m_dir.file("a.gpkg"), {}, {}, true).at(0);
    EXPECT_EQ(r.rejected, 3);
    EXPECT_EQ(count("percelen"), 3);
    EXPECT_NE(rejectedCsv(r).find("bestaat al in de werkruimte"), std::string::npos);
}

TEST_F(ImporterCorpus, BallparkTransformationGivesAWarningAndIsRecorded)
{
    auto layer = parcels(1);
    layer.epsg = 4269;  // NAD83: only a ballpark transformation to RD exists
    layer.features[0].wkt = "MULTIPOLYGON(((5.5 52,5.5001 52,5.5001 52.0001,5.5 52)))";
    test::writeVectorFile(m_dir.file("nad83.gpkg"), "GPKG", {layer});
    const auto r = import(m_dir.file("nad83.gpkg")).at(0);
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("ballpark"), std::string::npos);
    EXPECT_TRUE(m_ws->provenance("percelen").at(0).ballpark);
}
