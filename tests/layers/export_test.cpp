// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export`: every format read back with GDAL, every profile's filtering, the audit trail.
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/geometry_text.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/export_styles.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using namespace riskmap;
using riskmap::test::runCli;
using riskmap::test::TempDir;

namespace {

using V = gis::FieldValue;

struct FixtureRow {
    std::vector<V> values;
    std::string wkt;
};

void addLayer(gis::Workspace& ws, const std::string& name, const std::string& geomType,
              const std::vector<gis::ColumnDef>& columns, const std::vector<FixtureRow>& rows,
              const std::string& classification, const std::string& kind = "vector")
{
    gis::Transaction tx(ws.db());
    ws.createLayerTable(name, columns, geomType);
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);
    gis::LayerWriter writer(ws.db(), name, names, true);
    for (const auto& r : rows) writer.insert(r.values, gis::parseWktCell(r.wkt).value());
    gis::LayerRecord record;
    record.name = name;
    record.kind = kind;
    record.geometryType = geomType;
    record.classification = classification;
    record.featureCount = static_cast<std::int64_t>(rows.size());
    ws.registerLayer(record);
    tx.commit();
    ws.ensureSpatialIndex(name);
}

std::string square(double x, double y, double size)
{
    std::ostringstream s;
    s.precision(12);
    s << "MULTIPOLYGON(((" << x << " " << y << "," << x + size << " " << y << "," << x + size << " " << y + size << ","
      << x << " " << y + size << "," << x << " " << y << ")))";
    return s.str();
}

/// A small workspace with a police-data incident, five scored parcels (one per class), an
/// aggregate layer with a count of 3, and two controls' address lists.
std::string makeWorkspace(const TempDir& dir)
{
    const std::string path = dir.file("ws.sqlite");
    auto ws = gis::Workspace::create(path);
    addLayer(ws, "incidenten", "POINT",
             {{"incident_id", "TEXT"}, {"soort", "TEXT"}, {"datum", "TEXT"}, {"rubricering", "TEXT"}},
             {{{std::string("INC-OPEN-0001"), std::string("drugsafval"), std::string("2025-01-10"), V{}}, "POINT(155000 463000)"},
              {{std::string("INC-WPG-0002"), std::string("hennepteelt"), std::string("2025-02-11"), std::string("politiegegevens")},
               "POINT(155100 463100)"},
              {{std::string("INC-OPEN-0003"), std::string("drugslab"), std::string("2025-03-12"), std::string("vertrouwelijk")},
               "POINT(155200 463200)"}},
             "vertrouwelijk");
    std::vector<FixtureRow> parcels;
    for (int k = 1; k <= 5; ++k) {
        parcels.push_back({{std::string("DBG00-A-" + std::to_string(1000 + k)), std::string("Utrechtse Heuvelrug"),
                            std::int64_t{k * 2}, 0.2 * k, std::int64_t{k}, std::string("verklaring " + std::to_string(k))},
                           square(150000 + 100.0 * k, 450000, 50)});
    }
    addLayer(ws, "risico_percelen", "MULTIPOLYGON",
             {{"perceel_id", "TEXT"}, {"gemeente", "TEXT"}, {"n_panden", "INTEGER"}, {"risico_score", "REAL"},
              {"risico_klasse", "INTEGER"}, {"verklaring", "TEXT"}},
             parcels, "vertrouwelijk", "output");
    addLayer(ws, "risico_bedrijventerreinen", "MULTIPOLYGON",
             {{"terrein_id", "TEXT"}, {"naam", "TEXT"}, {"n_vestigingen", "INTEGER"}, {"n_risico_vestigingen", "INTEGER"},
              {"toelichting", "TEXT"}},
             {{{std::string("T1"), std::string("Darthuizen"), std::int64_t{40}, std::int64_t{3}, std::string("eigenaar X")},
               square(151000, 451000, 400)},
              {{std::string("T2"), std::string("Remmerden"), std::int64_t{60}, std::int64_t{12}, std::string("ok")},
               square(152000, 451000, 400)},
              {{std::string("T3"), std::string("Nijverheidsweg"), std::int64_t{7}, std::int64_t{0}, V{}},
               square(153000, 451000, 400)}},
             "intern", "output");
    addLayer(ws, "controle_adressen", "POINT",
             {{"controle_id", "TEXT"}, {"vbo_id", "TEXT"}, {"adres", "TEXT"}, {"risico_score", "REAL"}, {"reden", "TEXT"},
              {"woning", "INTEGER"}, {"volgorde", "INTEGER"}},
             {{{std::string("2027-1"), std::string("0340010000000001"), std::string("Laan 1"), 0.9, std::string("risico"),
                std::int64_t{0}, std::int64_t{1}},
               "POINT(151000 451000)"},
              {{std::string("2027-1"), std::string("0340010000000002"), std::string("Laan 2"), 0.4, std::string("steekproef"),
                std::int64_t{1}, std::int64_t{2}},
               "POINT(151010 451000)"},
              {{std::string("2027-2"), std::string("0340010000000003"), std::string("Weg 9"), 0.8, std::string("risico"),
                std::int64_t{0}, std::int64_t{1}},
               "POINT(152000 451000)"}},
             "vertrouwelijk", "output");
    return path;
}

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct GdalVector {
    explicit GdalVector(const std::string& path)
    {
        GDALAllRegister();
        ds.reset(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    }
    struct Closer { void operator()(GDALDataset* d) const { if (d) GDALClose(d); } };
    std::unique_ptr<GDALDataset, Closer> ds;
};

/// The values of one field over all features of the first (or named) layer.
std::vector<std::string> fieldValues(const std::string& path, const std::string& field, const std::string& layerName = {})
{
    GdalVector v(path);
    if (!v.ds) return {"<kan niet openen>"};
    OGRLayer* layer = layerName.empty() ? v.ds->GetLayer(0) : v.ds->GetLayerByName(layerName.c_str());
    std::vector<std::string> out;
    if (!layer) return out;
    const int index = layer->GetLayerDefn()->GetFieldIndex(field.c_str());
    if (index < 0) return out;
    for (auto& f : *layer) out.push_back(f->IsFieldSetAndNotNull(index) ? f->GetFieldAsString(index) : "");
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string lastHashLine(const std::string& out)
{
    const auto at = out.find("laatste hash: ");
    return at == std::string::npos ? "" : out.substr(at + 14, 64);
}

}  // namespace

TEST(Export, GeoPackageHasTheLayerCrsStylesAndMetadata)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    const auto r = runCli({"export", ws, "risico_percelen", "--out", dir.file("r.gpkg")});
    ASSERT_EQ(r.exitCode, 0) << r.err;

    GdalVector v(dir.file("r.gpkg"));
    ASSERT_TRUE(v.ds);
    OGRLayer* layer = v.ds->GetLayerByName("risico_percelen");
    ASSERT_NE(layer, nullptr);
    EXPECT_EQ(layer->GetFeatureCount(), 5);
    ASSERT_NE(layer->GetSpatialRef(), nullptr);
    EXPECT_STREQ(layer->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    // Values and fids survive: parcel fid 3 has class 3 and its square.
    std::unique_ptr<OGRFeature> f3(layer->GetFeature(3));
    ASSERT_TRUE(f3);
    EXPECT_EQ(f3->GetFieldAsInteger("risico_klasse"), 3);
    EXPECT_STREQ(f3->GetFieldAsString("perceel_id"), "DBG00-A-1003");
    OGREnvelope env;
    f3->GetGeometryRef()->getEnvelope(&env);
    EXPECT_DOUBLE_EQ(env.MinX, 150300);
    EXPECT_DOUBLE_EQ(env.MaxY, 450050);

    // The style QGIS applies on opening: graduated on risico_klasse, with the viridis class colours.
    OGRLayer* styles = v.ds->GetLayerByName("layer_styles");
    ASSERT_NE(styles, nullptr);
    EXPECT_EQ(styles->GetFeatureCount(), 1);
    std::unique_ptr<OGRFeature> style(styles->GetNextFeature());
    ASSERT_TRUE(style);
    EXPECT_STREQ(style->GetFieldAsString("f_table_name"), "risico_percelen");
    EXPECT_STREQ(style->GetFieldAsString("f_geometry_column"), "geom");
    EXPECT_EQ(style->GetFieldAsInteger("useAsDefault"), 1);
    const std::string qml = style->GetFieldAsString("styleQML");
    EXPECT_NE(qml.find("type=\"graduatedSymbol\" attr=\"risico_klasse\""), std::string::npos);
    for (const char* rgb : {"253,231,37,255", "94,201,98,255", "33,145,140,255", "59,82,139,255", "68,1,84,255"})
        EXPECT_NE(qml.find(rgb), std::string::npos) << rgb;
    const std::string sld = style->GetFieldAsString("styleSLD");
    EXPECT_NE(sld.find("<ogc:PropertyName>risico_klasse</ogc:PropertyName><ogc:Literal>5</ogc:Literal>"), std::string::npos);
    EXPECT_NE(sld.find("#440154"), std::string::npos);

    // Metadata in gpkg_metadata, read through GDAL.
    auto meta = [&](const char* key) { const char* m = layer->GetMetadataItem(key); return std::string(m ? m : "<geen>"); };
    EXPECT_EQ(meta("riskmap_profile"), "analist");
    EXPECT_EQ(meta("riskmap_model_version"), RISKMAP_MODEL_VERSION);
    EXPECT_EQ(meta("riskmap_classification"), "vertrouwelijk");
    EXPECT_EQ(meta("riskmap_layer"), "risico_percelen");
    EXPECT_EQ(meta("riskmap_date").substr(0, 2), "20");
    EXPECT_NE(meta("riskmap_source"), "<geen>");

    // Another layer: a single-symbol style.
    ASSERT_EQ(runCli({"export", ws, "incidenten", "--out", dir.file("i.gpkg")}).exitCode, 0);
    const auto qmls = fieldValues(dir.file("i.gpkg"), "styleQML", "layer_styles");
    ASSERT_EQ(qmls.size(), 1u);
    EXPECT_NE(qmls[0].find("singleSymbol"), std::string::npos);
    EXPECT_NE(qmls[0].find("SimpleMarker"), std::string::npos);
}

TEST(Export, PoliceDataNeverInAnAnalistExportOnlyInRiec)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    for (const char* ext : {".gpkg", ".geojson", ".kml", ".csv", ".xlsx"}) {
        const std::string out = dir.file(std::string("analist") + ext);
        const auto r = runCli({"export", ws, "incidenten", "--out", out});
        ASSERT_EQ(r.exitCode, 0) << ext << ": " << r.err;
        const auto ids = fieldValues(out, "incident_id");
        EXPECT_EQ(ids.size(), 2u) << ext;
        EXPECT_TRUE(contains(ids, "INC-OPEN-0001")) << ext;
        EXPECT_TRUE(contains(ids, "INC-OPEN-0003")) << ext;
        EXPECT_FALSE(contains(ids, "INC-WPG-0002")) << ext;
        if (std::string(ext) != ".xlsx") EXPECT_EQ(fileText(out).find("INC-WPG-0002"), std::string::npos) << ext;
    }
    // riec needs a purpose (doelbinding), then carries the police rows.
    const auto noPurpose = runCli({"export", ws, "incidenten", "--profile", "riec", "--out", dir.file("riec.csv")});
    EXPECT_EQ(noPurpose.exitCode, 2);
    EXPECT_NE(noPurpose.err.find("doelbinding"), std::string::npos) << noPurpose.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("riec.csv")));
    const auto riec = runCli({"export", ws, "incidenten", "--profile", "riec", "--purpose", "RIEC-casus 2027-014",
                              "--out", dir.file("riec.gpkg")});
    ASSERT_EQ(riec.exitCode, 0) << riec.err;
    const auto ids = fieldValues(dir.file("riec.gpkg"), "incident_id");
    EXPECT_EQ(ids.size(), 3u);
    EXPECT_TRUE(contains(ids, "INC-WPG-0002"));
}

TEST(Export, DriehoekRefusesRowLevelLayersAndBlanksSmallCounts)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    const auto refused = runCli({"export", ws, "risico_percelen", "--profile", "driehoek", "--out", dir.file("d.gpkg")});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.err.find("aggregaten"), std::string::npos) << refused.err;
    EXPECT_FALSE(std::filesystem::exists(dir.file("d.gpkg")));

    const auto r = runCli({"export", ws, "risico_bedrijventerreinen", "--profile", "driehoek", "--out", dir.file("t.gpkg")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto ids = fieldValues(dir.file("t.gpkg"), "terrein_id");
    const auto risky = fieldValues(dir.file("t.gpkg"), "n_risico_vestigingen");
    ASSERT_EQ(ids, (std::vector<std::string>{"T1", "T2", "T3"}));
    EXPECT_EQ(risky, (std::vector<std::string>{"", "12", "0"}));  // 3 blanked; 12 and a true zero kept
    EXPECT_EQ(fieldValues(dir.file("t.gpkg"), "n_vestigingen"), (std::vector<std::string>{"40", "60", "7"}));
    EXPECT_TRUE(fieldValues(dir.file("t.gpkg"), "toelichting").empty());  // analysts' free text dropped
    EXPECT_EQ(fileText(dir.file("t.gpkg")).find("eigenaar X"), std::string::npos);

    // Same in CSV: the field is empty.
    ASSERT_EQ(runCli({"export", ws, "risico_bedrijventerreinen", "--profile", "driehoek", "--out", dir.file("t.csv")}).exitCode, 0);
    const std::string csv = fileText(dir.file("t.csv"));
    EXPECT_EQ(csv.substr(0, csv.find('\r')), "fid,terrein_id,naam,n_vestigingen,n_risico_vestigingen,geom_wkt");
    EXPECT_NE(csv.find("1,T1,Darthuizen,40,,"), std::string::npos) << csv;
}

TEST(Export, PartnerGetsOneControlWithoutScores)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    EXPECT_EQ(runCli({"export", ws, "controle_adressen", "--profile", "partner", "--out", dir.file("p.csv")}).exitCode, 2);
    const auto r = runCli({"export", ws, "controle_adressen", "--profile", "partner", "--control", "2027-1", "--out",
                           dir.file("p.gpkg")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(fieldValues(dir.file("p.gpkg"), "vbo_id"), (std::vector<std::string>{"0340010000000001", "0340010000000002"}));
    GdalVector v(dir.file("p.gpkg"));
    ASSERT_TRUE(v.ds);
    EXPECT_LT(v.ds->GetLayerByName("controle_adressen")->GetLayerDefn()->GetFieldIndex("risico_score"), 0);
    EXPECT_LT(v.ds->GetLayerByName("controle_adressen")->GetLayerDefn()->GetFieldIndex("reden"), 0);
    EXPECT_GE(v.ds->GetLayerByName("controle_adressen")->GetLayerDefn()->GetFieldIndex("woning"), 0);
    // The control id is bound, not pasted: a quote trick selects nothing.
    const auto trick = runCli({"export", ws, "controle_adressen", "--profile", "partner", "--control", "x' OR '1'='1",
                               "--out", dir.file("trick.csv")});
    ASSERT_EQ(trick.exitCode, 0) << trick.err;
    EXPECT_EQ(fileText(dir.file("trick.csv")), "fid,controle_id,vbo_id,adres,woning,volgorde,geom_wkt\r\n");
}

TEST(Export, EveryExportIsAuditedAndTheChainVerifies)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    std::string lastHash;
    const std::vector<std::vector<std::string>> exports = {
        {"export", ws, "risico_percelen", "--out", dir.file("a.gpkg")},
        {"export", ws, "incidenten", "--out", dir.file("b.csv"), "--purpose", "hotspotanalyse"},
        {"export", ws, "incidenten", "--profile", "riec", "--purpose", "RIEC-casus 7", "--out", dir.file("c.geojson")},
        {"export", ws, "risico_bedrijventerreinen", "--profile", "driehoek", "--out", dir.file("d.xlsx")},
    };
    for (const auto& args : exports) {
        const auto r = runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        lastHash = lastHashLine(r.out);
    }
    // Refused and wrong requests leave no entry.
    EXPECT_EQ(runCli({"export", ws, "risico_percelen", "--profile", "driehoek", "--out", dir.file("x.gpkg")}).exitCode, 1);
    EXPECT_EQ(runCli({"export", ws, "risico_percelen", "--profile", "bogus", "--out", dir.file("x.gpkg")}).exitCode, 2);
    EXPECT_EQ(runCli({"export", ws, "risico_percelen", "--out", dir.file("x.shp")}).exitCode, 2);

    auto workspace = gis::Workspace::open(ws);
    const auto entries = gis::readAudit(workspace.db());
    ASSERT_EQ(entries.size(), 4u);
    EXPECT_EQ(gis::verifyAudit(workspace.db()), 4);
    EXPECT_EQ(lastHash, gis::latestAuditHash(workspace.db()));
    EXPECT_EQ(entries[0].action, "export");
    EXPECT_EQ(entries[0].profile, "analist");
    EXPECT_EQ(entries[0].purpose, "analist");  // the default purpose is the profile's name
    EXPECT_NE(entries[0].target.find("risico_percelen"), std::string::npos);
    EXPECT_NE(entries[0].target.find("a.gpkg"), std::string::npos);
    EXPECT_NE(entries[0].details.find("rijen=5"), std::string::npos) << entries[0].details;
    EXPECT_EQ(entries[1].purpose, "hotspotanalyse");
    EXPECT_NE(entries[1].details.find("rijen=2"), std::string::npos) << entries[1].details;
    EXPECT_EQ(entries[2].profile, "riec");
    EXPECT_EQ(entries[2].purpose, "RIEC-casus 7");
    EXPECT_NE(entries[2].details.find("rijen=3"), std::string::npos);
    EXPECT_NE(entries[3].details.find("kolommen_weggelaten=toelichting"), std::string::npos) << entries[3].details;
    EXPECT_FALSE(entries[3].user.empty());
    EXPECT_EQ(runCli({"audit", ws, "--verify"}).exitCode, 0);
}

TEST(Export, GeoJsonAndKmlAreWgs84XlsxHasRdPointsCsvHasASidecar)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    // Oracle: the RD New origin (Amersfoort, 155000 463000) is 52.15517440 N, 5.38720621 E in ETRS89
    // (RDNAPTRANS); without the correction grid PROJ's Helmert step is good to about a metre.
    const double lon = 5.38720621, lat = 52.15517440;
    for (const char* ext : {".geojson", ".kml"}) {
        const std::string out = dir.file(std::string("i") + ext);
        const auto r = runCli({"export", ws, "incidenten", "--out", out});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        GdalVector v(out);
        ASSERT_TRUE(v.ds) << ext;
        OGRLayer* layer = v.ds->GetLayer(0);
        ASSERT_EQ(layer->GetFeatureCount(), 2) << ext;
        std::unique_ptr<OGRFeature> first(layer->GetNextFeature());
        const OGRPoint* p = first->GetGeometryRef()->toPoint();
        EXPECT_NEAR(p->getX(), lon, 1.5e-5) << ext;
        EXPECT_NEAR(p->getY(), lat, 1e-5) << ext;
        const std::string meta = fileText(out + ".metadata.json");
        EXPECT_NE(meta.find("\"crs\": \"EPSG:4326\""), std::string::npos) << meta;
    }

    ASSERT_EQ(runCli({"export", ws, "risico_percelen", "--out", dir.file("r.xlsx")}).exitCode, 0);
    {
        GdalVector v(dir.file("r.xlsx"));
        ASSERT_TRUE(v.ds);
        OGRLayer* layer = v.ds->GetLayer(0);
        EXPECT_EQ(layer->GetFeatureCount(), 5);
        int k = 0;
        for (auto& f : *layer) {
            ++k;
            const double x = f->GetFieldAsDouble("x_rd"), y = f->GetFieldAsDouble("y_rd");
            EXPECT_GT(x, 150000 + 100.0 * k);  // strictly inside the parcel's 50 m square
            EXPECT_LT(x, 150050 + 100.0 * k);
            EXPECT_GT(y, 450000);
            EXPECT_LT(y, 450050);
            EXPECT_EQ(f->GetFieldAsInteger("risico_klasse"), k);
        }
        EXPECT_EQ(k, 5);
    }

    ASSERT_EQ(runCli({"export", ws, "risico_percelen", "--out", dir.file("r.csv"), "--csv-dialect", "excel-nl"}).exitCode, 0);
    const std::string csv = fileText(dir.file("r.csv"));
    EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
    EXPECT_NE(csv.find("fid;perceel_id;gemeente;n_panden;risico_score;risico_klasse;verklaring;geom_wkt"), std::string::npos);
    EXPECT_NE(csv.find(";0,2;1;"), std::string::npos) << csv.substr(0, 300);
    const std::string meta = fileText(dir.file("r.csv.metadata.json"));
    EXPECT_NE(meta.find("\"profile\": \"analist\""), std::string::npos) << meta;
    EXPECT_NE(meta.find("\"rows\": 5"), std::string::npos) << meta;
    EXPECT_NE(meta.find(std::string("\"model_version\": \"") + RISKMAP_MODEL_VERSION + "\""), std::string::npos) << meta;
    EXPECT_NE(meta.find("\"classification\": \"vertrouwelijk\""), std::string::npos) << meta;
    // No partial files left beside the outputs.
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        EXPECT_EQ(e.path().filename().string().find(".deel-"), std::string::npos) << e.path();
}

TEST(Export, ProjectFileTightensProfilesButNeverLoosens)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    auto project = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.file(name)) << "[project]\nname = \"t\"\n" << text;
        return dir.file(name);
    };
    const auto tight = project("tight.toml", "[profiles.analist]\ndrop_columns = [\"verklaring\"]\n"
                                             "allow_layers = [\"risico_percelen\"]\nsuppress_counts_below = 7\n");
    const auto r = runCli({"export", ws, "risico_percelen", "--project", tight, "--out", dir.file("r.gpkg")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fieldValues(dir.file("r.gpkg"), "verklaring").empty());
    EXPECT_EQ(fieldValues(dir.file("r.gpkg"), "perceel_id").size(), 5u);
    // n_panden = 2k: 2, 4, 6 are under 7 and blanked, 8 and 10 kept.
    EXPECT_EQ(fieldValues(dir.file("r.gpkg"), "n_panden"), (std::vector<std::string>{"", "", "", "8", "10"}));
    const auto denied = runCli({"export", ws, "incidenten", "--project", tight, "--out", dir.file("i.gpkg")});
    EXPECT_EQ(denied.exitCode, 1);
    EXPECT_NE(denied.err.find("allow_layers"), std::string::npos) << denied.err;
    // Without the project the built-in profile applies again.
    ASSERT_EQ(runCli({"export", ws, "risico_percelen", "--out", dir.file("r2.gpkg")}).exitCode, 0);
    EXPECT_EQ(fieldValues(dir.file("r2.gpkg"), "verklaring").size(), 5u);

    // Loosening is a project-file error (exit 2), whatever the key.
    for (const char* loose : {"[profiles.driehoek]\nsuppress_counts_below = 2\n", "[profiles.riec]\nrequire_purpose = false\n",
                              "[profiles.analist]\ninclude_columns = [\"x\"]\n", "[profiles.iedereen]\ndrop_columns = []\n"}) {
        const auto file = project("loose.toml", loose);
        const auto l = runCli({"export", ws, "risico_bedrijventerreinen", "--profile", "riec", "--purpose", "p", "--project",
                               file, "--out", dir.file("l.csv")});
        EXPECT_EQ(l.exitCode, 2) << loose << l.err;
        EXPECT_FALSE(std::filesystem::exists(dir.file("l.csv")));
    }
    // A municipality may demand a purpose for analist exports too.
    const auto purposeFile = project("purpose.toml", "[profiles.analist]\nrequire_purpose = true\n");
    EXPECT_EQ(runCli({"export", ws, "risico_percelen", "--project", purposeFile, "--out", dir.file("q.csv")}).exitCode, 2);
    EXPECT_EQ(runCli({"export", ws, "risico_percelen", "--project", purposeFile, "--purpose", "kwartaalrapportage", "--out",
                      dir.file("q.csv")}).exitCode, 0);
}

TEST(Export, GridGeoTiffWhenOneExists)
{
    TempDir dir;
    const auto ws = makeWorkspace(dir);
    {
        auto workspace = gis::Workspace::open(ws);
        addLayer(workspace, "gelegenheidskaart", "MULTIPOLYGON", {{"cel_id", "TEXT"}, {"gelegenheid_klasse", "INTEGER"}},
                 {{{std::string("c1"), std::int64_t{2}}, square(150000, 450000, 100)}}, "intern", "output");
    }
    // As vectors too, the driehoek gets no cells under 500 m.
    const auto small = runCli({"export", ws, "gelegenheidskaart", "--profile", "driehoek", "--out", dir.file("g.gpkg")});
    EXPECT_EQ(small.exitCode, 1);
    EXPECT_NE(small.err.find("cellen van 100 m"), std::string::npos) << small.err;
    const auto missing = runCli({"export", ws, "gelegenheidskaart", "--out", dir.file("g.tif")});
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("geen rastergrid"), std::string::npos) << missing.err;

    // A 4×3 grid of 100 m cells beside the workspace.
    const std::vector<GByte> cells = {1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2};
    std::filesystem::create_directories(ws + ".cache");
    {
        GDALAllRegister();
        GDALDriver* gtiff = GetGDALDriverManager()->GetDriverByName("GTiff");
        std::unique_ptr<GDALDataset, GdalVector::Closer> grid(
            gtiff->Create((ws + ".cache/gelegenheidskaart.tif").c_str(), 4, 3, 1, GDT_Byte, nullptr));
        double gt[6] = {150000, 100, 0, 450300, 0, -100};
        grid->SetGeoTransform(gt);
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        grid->SetSpatialRef(&rd);
        ASSERT_EQ(grid->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, 4, 3, const_cast<GByte*>(cells.data()), 4, 3, GDT_Byte, 0, 0), CE_None);
    }
    const auto r = runCli({"export", ws, "gelegenheidskaart", "--out", dir.file("g.tif")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("12 cellen"), std::string::npos) << r.out;
    std::unique_ptr<GDALDataset, GdalVector::Closer> tif(GDALDataset::Open(dir.file("g.tif").c_str(), GDAL_OF_RASTER));
    ASSERT_TRUE(tif);
    EXPECT_EQ(tif->GetRasterXSize(), 4);
    EXPECT_STREQ(tif->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    const char* profile = tif->GetMetadataItem("riskmap_profile");
    EXPECT_STREQ(profile ? profile : "", "analist");
    int value = 0;
    ASSERT_EQ(tif->GetRasterBand(1)->RasterIO(GF_Read, 3, 1, 1, 1, &value, 1, 1, GDT_Int32, 0, 0), CE_None);
    EXPECT_EQ(value, cells[7]);
    // The driehoek gets cells of at least 500 m only.
    const auto d = runCli({"export", ws, "gelegenheidskaart", "--profile", "driehoek", "--out", dir.file("d.tif")});
    EXPECT_EQ(d.exitCode, 1);
    EXPECT_NE(d.err.find("500 m"), std::string::npos) << d.err;
    // A vector layer without a grid cannot become a GeoTIFF.
    EXPECT_EQ(runCli({"export", ws, "incidenten", "--out", dir.file("i.tif")}).exitCode, 1);
}

TEST(ExportStyles, ClassColoursAreTheViridisSteps)
{
    EXPECT_EQ(layers::classColours()[0], "#fde725");
    EXPECT_EQ(layers::classColours()[4], "#440154");
    const auto plain = layers::exportStyle("risico_percelen", "MULTIPOLYGON", {"perceel_id"});  // class dropped
    EXPECT_NE(plain.qml.find("singleSymbol"), std::string::npos);
    const auto grid = layers::exportStyle("gelegenheidskaart", "MULTIPOLYGON", {"gelegenheid_klasse"});
    EXPECT_NE(grid.qml.find("attr=\"gelegenheid_klasse\""), std::string::npos);
}
