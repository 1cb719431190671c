// SPDX-License-Identifier: GPL-3.0-or-later
// Mappings: parsing, errors, and the ready mappings on the real samples.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/field_mapping.hpp"
#include "riskmap/layers/importer.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace riskmap;

TEST(FieldMapping, ParsesRulesAndRefusesUnknownNames)
{
    const auto m = layers::MappingSet::fromText(R"(
[mapping.percelen]
source_layer = "perceel"
perceel_id = { concat = ["a", "b"], separator = "/" }
gemeente = "kad_gemeente"
oppervlakte = { geometry = "area" }
)", "test");
    EXPECT_EQ(m.canonicalFor("perceel"), "percelen");
    EXPECT_EQ(m.canonicalFor("panden"), "panden");
    EXPECT_FALSE(m.canonicalFor("iets"));
    const auto* lm = m.forCanonical("percelen");
    ASSERT_NE(lm, nullptr);
    EXPECT_EQ(lm->fields.at("perceel_id").sources.size(), 2u);
    EXPECT_EQ(lm->fields.at("perceel_id").separator, "/");
    EXPECT_TRUE(lm->fields.at("oppervlakte").geometryArea);

    EXPECT_THROW(layers::MappingSet::fromText("[mapping.akkers]\nx = \"y\"\n", "t"), UsageError);
    EXPECT_THROW(layers::MappingSet::fromText("[mapping.percelen]\nkleur = \"y\"\n", "t"), UsageError);
    EXPECT_THROW(layers::MappingSet::fromText("[mapping.percelen]\nperceel_id = { foo = 1 }\n", "t"), UsageError);
    EXPECT_THROW(layers::MappingSet::fromText("[mapping.percelen\n", "t"), UsageError);
}

TEST(FieldMapping, TenCharacterCutOnlyWhenUnambiguous)
{
    const std::vector<std::string> source = {"vestigings", "datum_insc", "datum_uits"};
    const std::vector<std::string> canonical = {"vestigingsnummer", "datum_inschrijving", "datum_uitschrijving"};
    EXPECT_EQ(layers::resolveSourceField("datum_inschrijving", source, canonical), 1u);
    EXPECT_EQ(layers::resolveSourceField("vestigingsnummer", source, canonical), 0u);
    // Two canonical names with the same first ten characters: no guess.
    EXPECT_FALSE(layers::resolveSourceField("datum_inschrijving", source, {"datum_inschrijving", "datum_inschrijving_2"}));
    EXPECT_EQ(layers::resolveSourceField("PERCEEL_ID", {"perceel_id"}, {}), 0u);
}

namespace {

class RealSamples : public ::testing::Test {
protected:
    std::vector<layers::LayerImportReport> import(const std::string& file, const std::string& mapping,
                                                  std::optional<std::string> layer = {})
    {
        layers::ImportRequest request;
        request.files = {test::realData(file)};
        request.mapping = layers::MappingSet::fromFile(test::sourcePath("sample_data/mappings/" + mapping));
        request.layer = std::move(layer);
        core::Feedback feedback;
        return layers::importFiles(ws, request, feedback);
    }
    test::TempDir dir;
    gis::Workspace ws = gis::Workspace::create(dir.file("ws.sqlite"));
};

}  // namespace

TEST_F(RealSamples, BrkPerceelIdIsComposedFromAkrSectieNummer)
{
    const auto r = import("brk-kadastralekaart-otterlo-sample/brk_kadastralekaart_v5_otterlo_sample.gpkg",
                          "brk_kadastralekaart.toml").at(0);
    EXPECT_EQ(r.layer, "percelen");
    EXPECT_EQ(r.read, 11);
    EXPECT_EQ(r.imported, 11);
    // Every id has the form AKR-sectie-nummer (e.g. OTL02-B-2298), from the same row's fields.
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM percelen WHERE perceel_id GLOB 'OTL02-B-[0-9]*'").value(), 11);
    // The registered size lies within 3 m² of the polygon area (SOURCE.md states it).
    EXPECT_LE(ws.db().queryDouble("SELECT max(abs(oppervlakte - ST_Area(geom))) FROM percelen").value(), 3.5);
}

TEST_F(RealSamples, PdokBagPandIdsGetTheirLeadingZeroBack)
{
    const auto r = import("bag-panden-wageningen-2019/bag_wfs_pand_wageningen_20191203.gpkg", "pdok_bag.toml").at(0);
    EXPECT_EQ(r.imported, 1000);
    // Wageningen (0289) and Ede (0228) ids, all 16 digits with the leading zero restored.
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE length(pand_id) = 16 AND pand_id GLOB '0[0-9]*'").value(), 1000);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE pand_id GLOB '0289*'").value(), 878);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE gebruiksdoel = 'woonfunctie'").value(), 667);
    EXPECT_NEAR(ws.db().queryDouble("SELECT sum(oppervlakte) - sum(ST_Area(geom)) FROM panden").value(), 0.0, 1e-3);
}

TEST_F(RealSamples, Bag2ExtractStripsTheNamespaceAndKeepsEveryPand)
{
    const auto r = import("bag-panden-doesburg-2020/bag_pand_0221_doesburg_20200915.gpkg", "bag2_extract.toml",
                          std::string("panden")).at(0);
    EXPECT_EQ(r.read, 7797);
    EXPECT_EQ(r.imported + r.repaired, 7797);
    EXPECT_EQ(ws.db().queryInt("SELECT count(DISTINCT pand_id) FROM panden WHERE pand_id NOT LIKE 'NL.%' AND length(pand_id) = 16").value(), 7797);
    // Two panden carry another municipality's id prefix (0299, 1876) in the real extract.
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE pand_id GLOB '0221*'").value(), 7795);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE status = 'Pand gesloopt'").value(), 389);
}

TEST_F(RealSamples, BgtPandenRepairTheTwoInvalidOnesAndRejectDuplicateBagIds)
{
    const auto r = import("bgt-otterlo/bgt_otterlo_2020.gpkg", "bgt.toml", std::string("panden")).at(0);
    EXPECT_EQ(r.read, 1711);
    EXPECT_EQ(r.repaired, 2);  // SOURCE.md: 2 of 1711 invalid (hole outside shell)
    EXPECT_EQ(r.read, r.imported + r.repaired + r.rejected);
    // Oracle: the number of distinct BAG ids in the source decides what is kept.
    EXPECT_EQ(r.imported + r.repaired, ws.db().queryInt("SELECT count(DISTINCT pand_id) FROM panden").value());
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM panden WHERE ST_IsValid(geom) = 0").value(), 0);
}

TEST_F(RealSamples, CbsBoundariesBecomeTheStudyArea)
{
    const auto r = import("cbs-gemeenten-2022/gemeenten_2022_gegeneraliseerd_heuvelrug.gpkg", "cbs_gemeenten.toml").at(0);
    EXPECT_EQ(r.layer, "studiegebied");
    EXPECT_EQ(r.imported, 28);
    EXPECT_EQ(ws.db().queryInt("SELECT count(*) FROM studiegebied WHERE naam IN ('Rhenen','Veenendaal','Renswoude','Wijk bij Duurstede','Utrechtse Heuvelrug')").value(), 5);
}
