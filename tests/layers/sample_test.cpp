// SPDX-License-Identifier: GPL-3.0-or-later
// The sample generator at scale XS, checked through GDAL/OGR, SQLite SQL and pixel reads (not its own code).
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/sha256.hpp"
#include "riskmap/layers/layer_schema.hpp"
#include "riskmap/layers/sample/sample_generator.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>

namespace riskmap::layers::sample {
namespace {

using riskmap::test::TempDir;

struct DsCloser { void operator()(GDALDataset* d) const { GDALClose(d); } };
using Ds = std::unique_ptr<GDALDataset, DsCloser>;

Ds openDs(const std::string& path, unsigned flags)
{
    GDALAllRegister();
    return Ds(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), flags | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
}

SampleOptions xsOptions(const std::string& out, std::uint64_t seed)
{
    SampleOptions o;
    o.outDir = out;
    o.scale = SampleScale::XS;
    o.seed = seed;
    o.boundariesPath = test::sourcePath("sample_data/heuvelrug/gemeenten_heuvelrug.gpkg");
    return o;
}


class SampleXs : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = new TempDir();
        core::Feedback fb;
        auto o = xsOptions(s_dir->file("a"), 7);
        o.photos = false;  // photos are checked by SampleXsPhotos; they cost 80 % of the time
        s_report = new SampleReport(generateSample(o, fb));
    }
    static void TearDownTestSuite()
    {
        delete s_report;
        delete s_dir;
    }
    static std::string file(const std::string& name) { return s_dir->file("a/" + name); }

    /// One number from SQLite SQL run on the GeoPackage by GDAL.
    static double sql(const std::string& query)
    {
        auto ds = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
        OGRLayer* r = ds->ExecuteSQL(query.c_str(), nullptr, "SQLITE");
        EXPECT_NE(r, nullptr) << query;
        if (!r) return NAN;
        std::unique_ptr<OGRFeature> f(r->GetNextFeature());
        const double v = f ? f->GetFieldAsDouble(0) : NAN;
        f.reset();
        ds->ReleaseResultSet(r);
        return v;
    }

    static TempDir* s_dir;
    static SampleReport* s_report;
};
TempDir* SampleXs::s_dir = nullptr;
SampleReport* SampleXs::s_report = nullptr;

TEST_F(SampleXs, SameSeedGivesIdenticalBytesOtherSeedDoesNot)
{
    core::Feedback fb;
    auto same = xsOptions(s_dir->file("b"), 7);
    same.photos = false;
    generateSample(same, fb);
    for (const char* name : {"heuvelrug.gpkg", "ground_truth.json", "incident_model.json"})
        EXPECT_EQ(gis::sha256File(file(name)), gis::sha256File(s_dir->file(std::string("b/") + name))) << name;
    auto other = xsOptions(s_dir->file("c"), 8);
    other.photos = false;
    generateSample(other, fb);
    EXPECT_NE(gis::sha256File(file("heuvelrug.gpkg")), gis::sha256File(s_dir->file("c/heuvelrug.gpkg")));
}

TEST(SamplePhotos, SameSeedGivesIdenticalPhotos)
{
    TempDir dir;
    core::Feedback fb;
    for (const char* sub : {"a", "b"}) {
        auto o = xsOptions(dir.file(sub), 11);
        o.extent = std::array<double, 4>{162000.0, 447000.0, 164000.0, 449000.0};
        generateSample(o, fb);
    }
    for (const char* name : {"luchtfoto_2024.tif", "luchtfoto_2025.tif", "heuvelrug.gpkg"})
        EXPECT_EQ(gis::sha256File(dir.file(std::string("a/") + name)), gis::sha256File(dir.file(std::string("b/") + name)))
            << name;
}

TEST_F(SampleXs, EveryGeometryIsValidAndInRdNew)
{
    auto ds = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
    ASSERT_TRUE(ds);
    int checked = 0;
    for (OGRLayer* layer : ds->GetLayers()) {
        if (layer->GetGeomType() == wkbNone) continue;
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        ASSERT_NE(srs, nullptr) << layer->GetName();
        EXPECT_STREQ(srs->GetAuthorityCode(nullptr), "28992") << layer->GetName();
        for (auto& f : *layer) {
            const OGRGeometry* g = f->GetGeometryRef();
            ASSERT_NE(g, nullptr) << layer->GetName() << " fid " << f->GetFID();
            EXPECT_TRUE(g->IsValid()) << layer->GetName() << " fid " << f->GetFID();
            ++checked;
        }
    }
    EXPECT_GT(checked, 10000);
}

TEST_F(SampleXs, ParcelsTileTheStudyAreaWithoutOverlap)
{
    // Total parcel area equals the study-area area when parcels neither overlap
    // nor leave gaps (only fragments under 20 m² are dropped).
    const double parcels = sql("SELECT sum(ST_Area(geom)) FROM percelen");
    const double study = sql("SELECT sum(ST_Area(geom)) FROM studiegebied");
    EXPECT_NEAR(parcels / study, 1.0, 0.002);
    // The oppervlakte field is the geometry's area.
    EXPECT_LT(sql("SELECT max(abs(oppervlakte - ST_Area(geom))) FROM percelen"), 0.01);
    // No two panden overlap (checked pairwise through the spatial index by GDAL).
    EXPECT_EQ(sql("SELECT count(*) FROM panden a JOIN panden b ON a.fid < b.fid AND "
                  "ST_MinX(a.geom) <= ST_MaxX(b.geom) AND ST_MinX(b.geom) <= ST_MaxX(a.geom) AND "
                  "ST_MinY(a.geom) <= ST_MaxY(b.geom) AND ST_MinY(b.geom) <= ST_MaxY(a.geom) AND "
                  "ST_Area(ST_Intersection(a.geom, b.geom)) > 0.01"),
              0);
}

TEST_F(SampleXs, SchemaMatchesTheDataModel)
{
    auto ds = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
    for (const auto& schema : canonicalLayers()) {
        OGRLayer* layer = ds->GetLayerByName(schema.name.c_str());
        ASSERT_NE(layer, nullptr) << schema.name;
        const OGRFeatureDefn* d = layer->GetLayerDefn();
        ASSERT_EQ(d->GetFieldCount(), static_cast<int>(schema.fields.size())) << schema.name;
        for (std::size_t i = 0; i < schema.fields.size(); ++i)
            EXPECT_EQ(d->GetFieldDefn(static_cast<int>(i))->GetNameRef(), schema.fields[i].name) << schema.name;
        EXPECT_GT(layer->GetFeatureCount(), 0) << schema.name;
    }
    for (const char* extra : {"controles_historie", "controle_adressen_historie", "bevindingen_historie"})
        EXPECT_NE(ds->GetLayerByName(extra), nullptr) << extra;
    const std::string iso = "'[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'";
    EXPECT_EQ(sql("SELECT count(*) FROM vestigingen WHERE datum_inschrijving NOT GLOB " + iso), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM incidenten WHERE datum NOT GLOB " + iso + " OR bewaren_tot NOT GLOB " + iso), 0);
}

TEST_F(SampleXs, IdentifiersAndAddressesHaveTheRegistryFormats)
{
    auto digits = [](int n) {
        std::string s;
        for (int i = 0; i < n; ++i) s += "[0-9]";
        return "'" + s + "'";
    };
    EXPECT_EQ(sql("SELECT count(*) FROM vestigingen WHERE vestigingsnummer NOT GLOB " + digits(12)), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM vestigingen WHERE kvk_nummer NOT GLOB " + digits(8)), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM vestigingen WHERE sbi_code NOT GLOB '[0-9]*' OR sbi_code GLOB '*[^0-9]*'"), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM panden WHERE pand_id NOT GLOB " + digits(16)), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM verblijfsobjecten WHERE postcode NOT GLOB '39[0-9][0-9][A-Z][A-Z]'"), 0);
    EXPECT_EQ(sql("SELECT count(*) FROM verblijfsobjecten WHERE huisnummer IS NULL OR huisnummer < 1"), 0);
    // An address (postcode, number, letter, addition) is unique.
    EXPECT_EQ(sql("SELECT count(*) FROM (SELECT 1 FROM verblijfsobjecten GROUP BY postcode, huisnummer, "
                  "coalesce(huisletter,''), coalesce(toevoeging,'') HAVING count(*) > 1)"),
              0);
    EXPECT_EQ(sql("SELECT count(*) - count(DISTINCT perceel_id) FROM percelen"), 0);
    EXPECT_EQ(sql("SELECT count(*) - count(DISTINCT pand_id) FROM panden"), 0);
    // Every vestiging's address exists in verblijfsobjecten.
    EXPECT_EQ(sql("SELECT count(*) FROM vestigingen v WHERE NOT EXISTS (SELECT 1 FROM verblijfsobjecten a WHERE "
                  "a.postcode = v.postcode AND a.huisnummer = v.huisnummer AND coalesce(a.huisletter,'') = "
                  "coalesce(v.huisletter,'') AND coalesce(a.toevoeging,'') = coalesce(v.toevoeging,''))"),
              0);
}

TEST_F(SampleXs, DistributionsAreWithinTheirRanges)
{
    const double total = sql("SELECT count(*) FROM vestigingen");
    const double risky = sql("SELECT count(*) FROM vestigingen WHERE substr(sbi_code,1,4) IN "
                             "('4511','4520','4932','4941','5210','3831','9602','5610','6810','6420')");
    EXPECT_GE(risky / total, 0.10);
    EXPECT_LE(risky / total, 0.15);
    EXPECT_GT(sql("SELECT count(*) FROM vestigingen WHERE sbi_code LIKE '01%' AND datum_uitschrijving IS NOT NULL"), 0);
    EXPECT_GT(sql("SELECT count(*) FROM vestigingen WHERE datum_uitschrijving IS NOT NULL"), total * 0.05);
    EXPECT_GT(sql("SELECT count(*) FROM (SELECT 1 FROM vestigingen WHERE datum_uitschrijving IS NULL GROUP BY "
                  "postcode, huisnummer, huisletter, toevoeging HAVING count(*) >= 2)"),
              5);
    EXPECT_GT(sql("SELECT count(*) FROM panden WHERE status = 'Pand buiten gebruik'"), 10);
    // Farmland parcels: median 1–15 ha, and most of them in that range.
    const double n = sql("SELECT count(*) FROM percelen WHERE landgebruik = 'agrarisch'");
    const double median = sql("SELECT oppervlakte FROM percelen WHERE landgebruik = 'agrarisch' ORDER BY oppervlakte "
                              "LIMIT 1 OFFSET " + std::to_string(static_cast<int>(n / 2)));
    EXPECT_GE(median, 10000.0);
    EXPECT_LE(median, 150000.0);
    EXPECT_GT(sql("SELECT count(*) FROM percelen WHERE landgebruik = 'agrarisch' AND oppervlakte BETWEEN 10000 AND "
                  "150000") / n, 0.6);
    // Village parcels are far smaller than farmland.
    EXPECT_LT(sql("SELECT avg(oppervlakte) FROM percelen WHERE landgebruik = 'wonen'"), 3000.0);
    // XS is ~1/9 of S: the counts scale accordingly.
    EXPECT_GT(s_report->counts.at("percelen"), 2000);
    EXPECT_GT(s_report->counts.at("panden"), 3000);
    EXPECT_GT(s_report->counts.at("verblijfsobjecten"), 3000);
    EXPECT_EQ(sql("SELECT count(DISTINCT soort) FROM incidenten"), 5);
    EXPECT_EQ(sql("SELECT count(*) FROM incidenten WHERE datum < '2021-01-01' OR datum > '2025-12-31'"), 0);
    EXPECT_GT(sql("SELECT count(*) FROM incidenten WHERE rubricering = 'politiegegevens'"), 0);
    EXPECT_GT(sql("SELECT count(*) FROM bevindingen_historie WHERE categorie <> 'geen bijzonderheden'"), 0);
}

TEST_F(SampleXs, RoadNetworkIsConnected)
{
    auto ds = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
    OGRLayer* roads = ds->GetLayerByName("wegen");
    OGRMultiPolygon all;
    for (auto& f : *roads) {
        std::unique_ptr<OGRGeometry> b(f->GetGeometryRef()->Buffer(0.5, 2));
        all.addGeometry(b.get());
    }
    std::unique_ptr<OGRGeometry> u(all.UnionCascaded());
    ASSERT_TRUE(u);
    const auto type = wkbFlatten(u->getGeometryType());
    const int parts = type == wkbPolygon ? 1 : u->toGeometryCollection()->getNumGeometries();
    EXPECT_EQ(parts, 1);
    EXPECT_GE(sql("SELECT count(*) FROM wegen WHERE wegtype = 'autosnelweg'"), 1);
}

TEST_F(SampleXs, IncidentModelIsRecordedAndVisibleInTheData)
{
    const std::string json = test::readFileText(file("incident_model.json"));
    std::smatch m;
    ASSERT_TRUE(std::regex_search(json, m, std::regex("\"vab_250m\", \"coefficient\": ([-0-9.]+)")));
    const double bVab = std::stod(m[1]);
    EXPECT_GT(bVab, 0.0);
    ASSERT_TRUE(std::regex_search(json, m, std::regex("\"verwacht_totaal\": ([0-9.]+), \"gerealiseerd_totaal\": ([0-9]+)")));
    const double expected = std::stod(m[1]);
    const double realised = std::stod(m[2]);
    EXPECT_EQ(realised, sql("SELECT count(*) FROM incidenten"));
    EXPECT_LT(std::abs(realised - expected), 4 * std::sqrt(expected) + 1);
    EXPECT_NE(json.find("afstand_oprit_km"), std::string::npos);
    EXPECT_NE(json.find("geen_invloed"), std::string::npos);

    // Independent check of one factor: incident density within 250 m of
    // out-of-use barns exceeds the density elsewhere.
    auto ds = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
    OGRMultiPolygon buffers;
    OGRLayer* panden = ds->GetLayerByName("panden");
    panden->SetAttributeFilter("status = 'Pand buiten gebruik' AND gebruiksdoel NOT LIKE '%woonfunctie%' AND "
                               "oppervlakte > 200 AND gebruiksdoel NOT LIKE '%industriefunctie,kantoor%'");
    for (auto& f : *panden) {
        std::unique_ptr<OGRGeometry> b(f->GetGeometryRef()->Buffer(250.0, 4));
        buffers.addGeometry(b.get());
    }
    std::unique_ptr<OGRGeometry> near(buffers.UnionCascaded());
    ASSERT_TRUE(near);
    OGRLayer* study = ds->GetLayerByName("studiegebied");
    double studyArea = 0;
    for (auto& f : *study) studyArea += f->GetGeometryRef()->toMultiPolygon()->get_Area();
    const double nearArea = dynamic_cast<OGRSurface*>(near.get()) ? dynamic_cast<OGRSurface*>(near.get())->get_Area()
                                                                   : near->toMultiPolygon()->get_Area();
    int nearCount = 0, total = 0;
    for (auto& f : *ds->GetLayerByName("incidenten")) {
        ++total;
        if (near->Contains(f->GetGeometryRef())) ++nearCount;
    }
    const double inside = nearCount / nearArea;
    const double outside = (total - nearCount) / (studyArea - nearArea);
    EXPECT_GT(inside, 1.5 * outside) << nearCount << " near of " << total;
}

class SampleXsPhotos : public ::testing::Test {
protected:
    void SetUp() override
    {
        core::Feedback fb;
        generateSample(xsOptions(m_dir.file("a"), 7), fb);
    }
    std::string file(const std::string& name) const { return m_dir.file("a/" + name); }
    TempDir m_dir;
};

TEST_F(SampleXsPhotos, PlantedBarnsAppearIn2025OnlyAndHaveNoPand)
{
    const std::string json = test::readFileText(file("ground_truth.json"));
    const std::regex centre("\"centrum\": \\[([0-9.]+), ([0-9.]+)\\]");
    const std::regex wkt("\"schuur_wkt\": \"([^\"]+)\"");
    auto p24 = openDs(file("luchtfoto_2024.tif"), GDAL_OF_RASTER);
    auto p25 = openDs(file("luchtfoto_2025.tif"), GDAL_OF_RASTER);
    ASSERT_TRUE(p24 && p25);
    ASSERT_EQ(p25->GetRasterCount(), 4);
    double gt[6];
    p25->GetGeoTransform(gt);
    EXPECT_DOUBLE_EQ(gt[1], 1.0);
    EXPECT_STREQ(p25->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    int bx = 0, by = 0;
    p25->GetRasterBand(1)->GetBlockSize(&bx, &by);
    EXPECT_EQ(bx, 256);
    EXPECT_GT(p25->GetRasterBand(1)->GetOverviewCount(), 0);
    EXPECT_STREQ(p25->GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE"), "DEFLATE");

    auto pixel = [&](GDALDataset* ds, double x, double y) {
        std::vector<std::uint8_t> v(4);
        const int px = static_cast<int>(std::floor((x - gt[0]) / gt[1]));
        const int py = static_cast<int>(std::floor((y - gt[3]) / gt[5]));
        EXPECT_EQ(ds->RasterIO(GF_Read, px, py, 1, 1, v.data(), 1, 1, GDT_Byte, 4, nullptr, 4, 4, 1, nullptr), CE_None);
        return v;
    };
    const std::vector<std::uint8_t> roof = {68, 74, 82, 28};
    auto gpkg = openDs(file("heuvelrug.gpkg"), GDAL_OF_VECTOR);
    OGRLayer* panden = gpkg->GetLayerByName("panden");
    int barns = 0;
    auto wkts = std::sregex_iterator(json.begin(), json.end(), wkt);
    for (auto it = std::sregex_iterator(json.begin(), json.end(), centre); it != std::sregex_iterator(); ++it, ++wkts) {
        const double x = std::stod((*it)[1]), y = std::stod((*it)[2]);
        EXPECT_EQ(pixel(p25.get(), x, y), roof) << x << "," << y;
        EXPECT_NE(pixel(p24.get(), x, y), roof) << x << "," << y;
        OGRGeometry* g = nullptr;
        const std::string text = (*wkts)[1];
        ASSERT_EQ(OGRGeometryFactory::createFromWkt(text.c_str(), nullptr, &g), OGRERR_NONE);
        std::unique_ptr<OGRGeometry> barn(g);
        EXPECT_NEAR(barn->toPolygon()->get_Area(), 480.0, 1.0);
        panden->SetSpatialFilter(barn.get());
        int hits = 0;
        for (auto& f : *panden)
            if (f->GetGeometryRef()->Intersects(barn.get())) ++hits;
        EXPECT_EQ(hits, 0) << text;
        ++barns;
    }
    EXPECT_GE(barns, 3);
}

TEST(SampleCli, HelpAndBadScale)
{
    EXPECT_EQ(test::runCli({"sample", "-h"}).exitCode, 0);
    TempDir dir;
    const auto r = test::runCli({"sample", "--out", dir.file("x"), "--scale", "XXL"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("XXL"), std::string::npos);
}

TEST(SampleCli, WritesTheProjectWithoutPhotos)
{
    TempDir dir;
    const auto r = test::runCli({"sample", "--out", dir.file("x"), "--scale", "XS", "--no-photos", "--seed", "3",
                                 "--boundaries", test::sourcePath("sample_data/heuvelrug/gemeenten_heuvelrug.gpkg"),
                                 "--extent", "163000,447000,165000,449000"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(dir.file("x/heuvelrug.gpkg")));
    EXPECT_TRUE(std::filesystem::exists(dir.file("x/incident_model.json")));
    EXPECT_FALSE(std::filesystem::exists(dir.file("x/luchtfoto_2025.tif")));
    EXPECT_NE(r.out.find("percelen"), std::string::npos);
}

}  // namespace
}  // namespace riskmap::layers::sample
