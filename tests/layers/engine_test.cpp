// SPDX-License-Identifier: GPL-3.0-or-later
// The indicator engine against hand-computed values and a SpatiaLite SQL oracle; scoring; project files; CLI.
#include "engine_fixture.hpp"
#include "test_support.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/risk_map_build.hpp"
#include "riskmap/layers/risk_scoring.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace riskmap::test {
namespace {

const char* kProject = R"(
[sectors]
risky = ["45.11", "4520"]
)";

layers::EngineSettings settingsFrom(const std::string& text)
{
    return layers::EngineSettings::fromToml(toml::parse(text), "test.toml");
}

using Row = std::map<std::string, std::optional<double>>;

/// risico_percelen as perceel_id → column → value.
std::map<std::string, Row> readResult(gis::SpatialiteDb& db, const std::vector<std::string>& columns)
{
    std::map<std::string, Row> out;
    std::string sql = "SELECT perceel_id";
    for (const auto& c : columns) sql += ", " + c;
    auto st = db.prepare(sql + " FROM risico_percelen");
    while (st.step()) {
        Row r;
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const int col = static_cast<int>(i) + 1;
            r[columns[i]] = st.isNull(col) ? std::nullopt : std::optional<double>(st.columnDouble(col));
        }
        out[st.columnText(0)] = r;
    }
    return out;
}

const std::vector<std::string> kIndicators = {
    "n_risico_vestigingen_250m", "afstand_oprit_m", "aandeel_bedrijventerrein", "n_panden", "n_panden_buiten_gebruik",
    "opp_overig_m2", "afstand_woning_m", "n_incidenten_500m_3j", "opp_vab_m2", "max_bedrijven_per_adres",
    "n_adressen_500m", "in_vakantiepark", "luchtfoto_gemiddelde"};

class EngineTest : public ::testing::Test {
protected:
    void build(bool random, const std::string& project = kProject)
    {
        m_path = m_dir.file("ws.sqlite");
        buildEngineWorkspace(m_path, random);
        auto ws = gis::Workspace::open(m_path);
        core::Feedback feedback;
        m_report = layers::buildRiskMap(ws, settingsFrom(project), std::nullopt, feedback);
    }
    TempDir m_dir;
    std::string m_path;
    layers::RiskBuildReport m_report;
};

TEST_F(EngineTest, HandComputedValues)
{
    build(false);
    EXPECT_EQ(m_report.referenceDate, "2024-06-01");  // the latest incident
    auto ws = gis::Workspace::open(m_path);
    auto rows = readResult(ws.db(), kIndicators);
    ASSERT_EQ(rows.size(), 3u);
    const Row& a = rows["A"];
    EXPECT_EQ(a.at("n_risico_vestigingen_250m"), 2.0);  // v1 at 50 m, v2 inside; v3 too far, v4 ended, v8 not yet
    EXPECT_NEAR(*a.at("afstand_oprit_m"), 300.0, 1e-9);
    EXPECT_NEAR(*a.at("aandeel_bedrijventerrein"), 0.5, 1e-12);  // union, not the sum of both parks
    EXPECT_EQ(a.at("n_panden"), 3.0);
    EXPECT_EQ(a.at("n_panden_buiten_gebruik"), 1.0);
    EXPECT_NEAR(*a.at("opp_overig_m2"), 100.0, 1e-9);
    EXPECT_NEAR(*a.at("afstand_woning_m"), 200.0, 1e-9);  // p3 is on the parcel, p4 at 200 m
    EXPECT_EQ(a.at("n_incidenten_500m_3j"), 1.0);
    EXPECT_NEAR(*a.at("opp_vab_m2"), 400.0, 1e-9);
    EXPECT_EQ(a.at("max_bedrijven_per_adres"), 2.0);  // v2 + v5 at 3941AB 1; v6 is agricultural
    EXPECT_EQ(a.at("n_adressen_500m"), 2.0);  // a1 inside, a3 at exactly 500 m
    EXPECT_EQ(a.at("in_vakantiepark"), 0.0);
    EXPECT_FALSE(a.at("luchtfoto_gemiddelde").has_value());

    const Row& b = rows["B"];
    EXPECT_EQ(b.at("n_risico_vestigingen_250m"), 0.0);
    EXPECT_NEAR(*b.at("afstand_oprit_m"), std::hypot(900.0, 300.0), 1e-9);
    EXPECT_EQ(b.at("aandeel_bedrijventerrein"), 0.0);
    EXPECT_NEAR(*b.at("afstand_woning_m"), 690.0, 1e-9);
    EXPECT_NEAR(*b.at("opp_vab_m2"), 600.0, 1e-6);  // footprint, farm registration ended 2023 at its address
    EXPECT_EQ(b.at("n_adressen_500m"), 2.0);
    EXPECT_EQ(b.at("max_bedrijven_per_adres"), 0.0);  // v7 is agricultural and ended

    const Row& c = rows["C"];
    EXPECT_EQ(c.at("afstand_woning_m"), 2000.0);  // capped
    EXPECT_EQ(c.at("in_vakantiepark"), 1.0);
    EXPECT_EQ(c.at("n_panden"), 0.0);
    EXPECT_EQ(c.at("n_adressen_500m"), 0.0);
}

TEST_F(EngineTest, AgreesWithSpatialiteOracle)
{
    build(true);
    auto ws = gis::Workspace::open(m_path);
    auto& db = ws.db();
    auto rows = readResult(db, kIndicators);
    ASSERT_EQ(rows.size(), 43u);
    const std::string ref = "'2024-06-01'", start = "'2021-06-01'";
    const std::string active = "(v.datum_inschrijving IS NULL OR v.datum_inschrijving <= " + ref +
                               ") AND (v.datum_uitschrijving IS NULL OR v.datum_uitschrijving > " + ref + ")";
    const std::string sbi = "replace(v.sbi_code, '.', '')";
    const std::string inParcel = "ST_Contains(p.geom, ST_PointOnSurface(d.geom))";
    const std::map<std::string, std::string> oracle = {
        {"n_risico_vestigingen_250m", "(SELECT count(*) FROM vestigingen v WHERE ST_Distance(p.geom, v.geom) <= 250 AND " +
                                          active + " AND (" + sbi + " LIKE '4511%' OR " + sbi + " LIKE '4520%'))"},
        {"afstand_oprit_m", "(SELECT min(ST_Distance(p.geom, o.geom)) FROM opritten o)"},
        {"aandeel_bedrijventerrein",
         "coalesce(ST_Area(ST_Intersection(p.geom, (SELECT ST_Union(geom) FROM bedrijventerreinen))), 0) / ST_Area(p.geom)"},
        {"n_panden", "(SELECT count(*) FROM panden d WHERE " + inParcel + ")"},
        {"n_panden_buiten_gebruik", "(SELECT count(*) FROM panden d WHERE " + inParcel + " AND d.status = 'Pand buiten gebruik')"},
        {"opp_overig_m2", "(SELECT coalesce(sum(coalesce(d.oppervlakte, ST_Area(d.geom))), 0) FROM panden d WHERE " + inParcel +
                              " AND d.gebruiksdoel LIKE '%overige gebruiksfunctie%')"},
        {"afstand_woning_m", "min(2000, coalesce((SELECT min(ST_Distance(p.geom, d.geom)) FROM panden d WHERE d.gebruiksdoel "
                             "LIKE '%woonfunctie%' AND NOT ST_Intersects(p.geom, d.geom)), 2000))"},
        {"n_incidenten_500m_3j", "(SELECT count(*) FROM incidenten i WHERE ST_Distance(p.geom, i.geom) <= 500 AND i.datum > " +
                                     start + " AND i.datum <= " + ref + ")"},
        {"opp_vab_m2",
         "(SELECT coalesce(sum(coalesce(d.oppervlakte, ST_Area(d.geom))), 0) FROM panden d WHERE " + inParcel +
             " AND d.gebruiksdoel NOT LIKE '%woonfunctie%' AND coalesce(d.oppervlakte, ST_Area(d.geom)) > 200 AND "
             "(d.status = 'Pand buiten gebruik' OR d.pand_id IN (SELECT a.pand_id FROM verblijfsobjecten a JOIN vestigingen v"
             " ON replace(upper(v.postcode), ' ', '') = a.postcode AND v.huisnummer = a.huisnummer WHERE " + sbi +
             " LIKE '01%' AND v.datum_uitschrijving > " + start + " AND v.datum_uitschrijving <= " + ref + ")))"},
        {"max_bedrijven_per_adres",
         "coalesce((SELECT max(c) FROM (SELECT count(*) AS c FROM vestigingen v WHERE ST_Contains(p.geom, v.geom) AND " + active +
             " AND " + sbi + " NOT LIKE '01%' GROUP BY replace(upper(v.postcode), ' ', ''), v.huisnummer, "
             "CASE WHEN v.postcode IS NULL THEN v.fid END)), 0)"},
        {"n_adressen_500m", "(SELECT count(*) FROM verblijfsobjecten a WHERE ST_Distance(p.geom, a.geom) <= 500)"},
        {"in_vakantiepark", "EXISTS (SELECT 1 FROM vakantieparken k WHERE ST_Contains(k.geom, ST_PointOnSurface(p.geom)))"},
    };
    int nonZero = 0;
    for (const auto& [column, expr] : oracle) {
        auto st = db.prepare("SELECT p.perceel_id, " + expr + " FROM percelen p");
        while (st.step()) {
            const std::string id = st.columnText(0);
            const auto mine = rows.at(id).at(column);
            SCOPED_TRACE(column + " of " + id);
            ASSERT_TRUE(mine.has_value());
            const double expected = st.columnDouble(1);
            if (expected != 0) ++nonZero;
            if (column.rfind("n_", 0) == 0 || column == "max_bedrijven_per_adres" || column == "in_vakantiepark")
                EXPECT_EQ(*mine, expected);
            else if (column == "aandeel_bedrijventerrein")
                EXPECT_NEAR(*mine, expected, 1e-6);
            else
                EXPECT_NEAR(*mine, expected, 0.01);
        }
    }
    EXPECT_GT(nonZero, 150);  // the oracle compares something, not only zeros
}

TEST_F(EngineTest, RunRecordedAndDeterministic)
{
    build(true);
    auto dump = [&] {
        auto ws = gis::Workspace::open(m_path);
        std::ostringstream o;
        auto st = ws.db().prepare("SELECT *, hex(geom) AS geom_hex FROM risico_percelen ORDER BY fid");
        while (st.step()) {
            for (int c = 0; c < st.columnCount(); ++c)
                if (st.columnName(c) != "run_id" && st.columnName(c) != "geom" && !st.columnName(c).starts_with("vorige_") &&
                    st.columnName(c) != "verschil_score")
                    o << (st.isNull(c) ? "NULL" : st.columnText(c)) << '|';
            o << '\n';
        }
        return o.str();
    };
    const std::string first = dump();
    auto ws = gis::Workspace::open(m_path);
    core::Feedback feedback;
    auto second = layers::buildRiskMap(ws, settingsFrom(kProject), std::nullopt, feedback);
    EXPECT_NE(second.runId, m_report.runId);
    EXPECT_EQ(dump(), first);
    // Same inputs: the change since the previous run is nil everywhere.
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM risico_percelen WHERE verschil_score <> 0 OR verschil_score IS NULL"
                               " OR vorige_klasse <> risico_klasse OR vorige_run_id <> '" + m_report.runId + "'"),
              0);
    EXPECT_EQ(second.changes.same, second.parcels);
    auto st = ws.db().prepare("SELECT model_version, parameters, inputs, timings FROM rk_runs WHERE run_id = ?");
    st.bind(1, second.runId);
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.columnText(0), RISKMAP_MODEL_VERSION);
    EXPECT_NE(st.columnText(1).find("\"4511\""), std::string::npos);
    EXPECT_NE(st.columnText(2).find("\"incidenten\""), std::string::npos);
    EXPECT_NE(st.columnText(3).find("indicatoren"), std::string::npos);
}

TEST(RiskScoring, ExplanationNamesTheDominantIndicator)
{
    TempDir dir;
    buildEngineWorkspace(dir.file("ws.sqlite"), false);
    auto ws = gis::Workspace::open(dir.file("ws.sqlite"));
    std::string project = std::string(kProject) + "[weights]\n";
    for (const auto& name : kIndicators)
        project += name + " = " + (name == "opp_vab_m2" ? "5.0" : name == "afstand_woning_m" ? "0.5" : "0.0") + "\n";
    core::Feedback feedback;
    layers::buildRiskMap(ws, settingsFrom(project), std::nullopt, feedback);
    auto st = ws.db().prepare("SELECT perceel_id, verklaring, risico_klasse FROM risico_percelen ORDER BY risico_score DESC");
    ASSERT_TRUE(st.step());
    EXPECT_EQ(st.columnText(0), "B");
    EXPECT_EQ(st.columnText(1), "leegstaande agrarische bebouwing van 600 m²; 690 m tot de dichtstbijzijnde woning");
    EXPECT_EQ(st.columnInt(2), *ws.db().queryInt("SELECT max(risico_klasse) FROM risico_percelen"));
    EXPECT_EQ(*ws.db().queryInt("SELECT min(risico_klasse) FROM risico_percelen"), 1);
}

TEST(RiskScoring, DutchWordsAndQuantileClasses)
{
    auto specs = layers::defaultIndicators();
    auto find = [&](const std::string& n) { return *std::find_if(specs.begin(), specs.end(), [&](auto& s) { return s.name == n; }); };
    EXPECT_EQ(layers::describeIndicator(find("n_risico_vestigingen_250m"), 3), "3 risicovolle bedrijven binnen 250 m");
    EXPECT_EQ(layers::describeIndicator(find("n_risico_vestigingen_250m"), 1), "1 risicovol bedrijf binnen 250 m");
    EXPECT_EQ(layers::describeIndicator(find("opp_vab_m2"), 640), "leegstaande agrarische bebouwing van 640 m²");
    EXPECT_EQ(layers::describeIndicator(find("afstand_woning_m"), 1234), "1,2 km tot de dichtstbijzijnde woning");
    EXPECT_EQ(layers::describeIndicator(find("afstand_woning_m"), 2000), "meer dan 2,0 km tot de dichtstbijzijnde woning");
    EXPECT_EQ(layers::formatDutchNumber(12345.678, 1), "12.345,7");
    EXPECT_EQ(layers::quantileClasses({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 5), (std::vector<int>{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
    EXPECT_EQ(layers::quantileClasses({0, 0, 0, 0, 7}, 5), (std::vector<int>{1, 1, 1, 1, 5}));
}

TEST(EngineSettings, OnlySectorsWorksAndBadFilesAreRefused)
{
    auto s = settingsFrom(kProject);
    EXPECT_EQ(s.indicators.size(), kIndicators.size());
    EXPECT_EQ(s.riskyPrefixes, (std::vector<std::string>{"4511", "4520"}));
    auto expectUsage = [](const std::string& text, const std::string& key) {
        try {
            settingsFrom(text);
            ADD_FAILURE() << "no error for " << text;
        } catch (const UsageError& e) {
            EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
        }
    };
    expectUsage("[[indicators]]\nname = \"x\"\nkind = \"telling\"\nlayer = \"panden\"\n", ".kind");
    expectUsage("[[indicators]]\nname = \"x\"\nkind = \"count_within\"\nlayer = \"panden\"\ndistance = -5\n", ".distance");
    expectUsage("[[indicators]]\nname = \"x\"\nkind = \"count_within\"\ndistance = 5\n", ".layer");
    expectUsage("[weights]\nonbekend = 1\n", "[weights].onbekend");
    expectUsage("[[indicators]]\nname = \"x\"\nkind = \"count_within\"\nlayer = \"panden\"\ndistance = 5\nafstand = 3\n", ".afstand");
    expectUsage("[scoring]\nnormalisation = \"log\"\n", "normalisation");
}

TEST_F(EngineTest, DeclaredIndicatorsAndMissingLayer)
{
    const std::string project = std::string(kProject) + R"(
[[indicators]]
name = "n_drugsafval_1km"
kind = "count_within"
layer = "incidenten"
distance = 1000
where = { soort = ["drugsafval", "drugslab"] }
label = "{} drugsincidenten binnen 1 km"
)";
    build(false, project);
    auto ws = gis::Workspace::open(m_path);
    auto rows = readResult(ws.db(), {"n_drugsafval_1km"});
    EXPECT_EQ(rows["A"].at("n_drugsafval_1km"), 2.0);  // i1 (450 m) and i3 (600 m); i2 is hennepteelt
    EXPECT_EQ(rows["B"].at("n_drugsafval_1km"), 0.0);  // i1 lies hypot(950, 450) = 1051 m from B
    core::Feedback feedback;
    EXPECT_THROW(layers::buildRiskMap(ws, settingsFrom(std::string(kProject) +
                                                       "[[indicators]]\nname = \"x\"\nkind = \"count_within\"\n"
                                                       "layer = \"wegen\"\ndistance = 10\n"),
                                      std::nullopt, feedback),
                 UsageError);
}

TEST(EngineCli, BuildThenExportCsv)
{
    TempDir dir;
    buildEngineWorkspace(dir.file("ws.sqlite"), true);
    {
        std::ofstream(dir.file("p.toml")) << kProject;
    }
    auto built = runCli({"build", dir.file("ws.sqlite"), "--project", dir.file("p.toml"), "--reference-date", "2024-06-01"});
    ASSERT_EQ(built.exitCode, 0) << built.err;
    EXPECT_NE(built.out.find("percelen: 43"), std::string::npos) << built.out;
    auto exported = runCli({"export", dir.file("ws.sqlite"), "risico_percelen", "--out", dir.file("r.csv")});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    std::ifstream in(dir.file("r.csv"));
    std::string header, line;
    std::getline(in, header);
    int rows = 0;
    while (std::getline(in, line)) rows += line.empty() ? 0 : 1;
    EXPECT_EQ(rows, 43);
    std::string expected = "fid,perceel_id,gemeente";
    for (const auto& c : kIndicators) expected += "," + c;
    // `riskmap build` adds rtm_risico (the RTM carried to parcels) after the columns of buildRiskMap.
    expected += ",risico_score,risico_klasse,verklaring,run_id,vorige_score,verschil_score,vorige_klasse,vorige_run_id,rtm_risico,"
                "geom_wkt\r";
    EXPECT_EQ(header, expected);
    auto gpkg = runCli({"export", dir.file("ws.sqlite"), "risico_percelen", "--out", dir.file("r.gpkg")});
    EXPECT_EQ(gpkg.exitCode, 0) << gpkg.err;
    auto bad = runCli({"build", dir.file("ws.sqlite"), "--reference-date", "morgen"});
    EXPECT_EQ(bad.exitCode, 2);
}

}  // namespace
}  // namespace riskmap::test
