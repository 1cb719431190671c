// SPDX-License-Identifier: GPL-3.0-or-later
// Export profiles: police data and personal data never reach an audience not entitled to them.
#include "riskmap/core/error.hpp"
#include "riskmap/layers/export_profile.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace riskmap;
using layers::Profile;

namespace {

gis::LayerRecord layer(const std::string& name, const std::string& classification)
{
    gis::LayerRecord r;
    r.name = name;
    r.classification = classification;
    return r;
}

bool has(const std::vector<std::string>& v, const std::string& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST(ExportProfile, PoliceRowsOnlyLeaveThroughTheRiecProfile)
{
    const std::vector<std::string> cols = {"incident_id", "soort", "datum", "rubricering"};
    const auto riec = layers::decideExportPolicy(Profile::Riec, layer("incidenten", "vertrouwelijk"), cols);
    EXPECT_TRUE(riec.rowFilter.empty());
    EXPECT_EQ(riec.banner, "Vertrouwelijk — uitsluitend RIEC-partners");
    const auto analist = layers::decideExportPolicy(Profile::Analist, layer("incidenten", "vertrouwelijk"), cols);
    EXPECT_NE(analist.rowFilter.find("politiegegevens"), std::string::npos);
    EXPECT_THROW(layers::decideExportPolicy(Profile::Analist, layer("incidenten", "politiegegevens"), cols), Error);
    EXPECT_THROW(layers::decideExportPolicy(Profile::Driehoek, layer("incidenten", "vertrouwelijk"), cols), Error);
    EXPECT_THROW(layers::decideExportPolicy(Profile::Partner, layer("incidenten", "vertrouwelijk"), cols, std::string("C1")), Error);
}

TEST(ExportProfile, DriehoekGetsAggregatesWithoutIdentifiersAndWithSuppression)
{
    for (const char* rowLevel : {"percelen", "vestigingen", "risico_percelen", "risico_adressen", "controle_adressen", "verblijfsobjecten"})
        EXPECT_THROW(layers::decideExportPolicy(Profile::Driehoek, layer(rowLevel, "openbaar"), {"x"}), Error) << rowLevel;
    const auto parks = layers::decideExportPolicy(
        Profile::Driehoek, layer("risico_bedrijventerreinen", "intern"),
        {"terrein_id", "naam", "n_vestigingen", "n_risico_vestigingen", "aandeel_risico", "rang", "toelichting"});
    EXPECT_TRUE(has(parks.columns, "naam"));  // a business park's name is a place, not a person
    EXPECT_FALSE(has(parks.columns, "toelichting"));
    EXPECT_TRUE(has(parks.dropped, "toelichting"));
    EXPECT_EQ(parks.suppressCountsBelow, 5);
    EXPECT_TRUE(parks.countColumns.count("n_risico_vestigingen"));
    EXPECT_FALSE(parks.countColumns.count("aandeel_risico"));
    const auto zones = layers::decideExportPolicy(Profile::Driehoek, layer("risicozones", "intern"),
                                                  {"zone_id", "naam", "toelichting", "auteur", "status"});
    EXPECT_FALSE(has(zones.columns, "auteur"));
    EXPECT_FALSE(has(zones.columns, "toelichting"));
    EXPECT_TRUE(has(zones.columns, "status"));
}

TEST(ExportProfile, PartnerGetsOneControlsAddressListOnly)
{
    EXPECT_THROW(layers::decideExportPolicy(Profile::Partner, layer("controle_adressen", "vertrouwelijk"), {"controle_id"}), UsageError);
    const auto p = layers::decideExportPolicy(Profile::Partner, layer("controle_adressen", "vertrouwelijk"),
                                              {"controle_id", "vbo_id", "adres", "risico_score", "reden", "woning", "volgorde"},
                                              std::string("2027-1"));
    EXPECT_FALSE(has(p.columns, "risico_score"));
    EXPECT_FALSE(has(p.columns, "reden"));
    EXPECT_TRUE(has(p.columns, "woning"));
    EXPECT_EQ(p.rowFilter, "controle_id = :control");
}

TEST(ExportProfile, NamesParse)
{
    EXPECT_EQ(layers::parseProfile("RIEC"), Profile::Riec);
    EXPECT_FALSE(layers::parseProfile("iedereen"));
}
