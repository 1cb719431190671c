// SPDX-License-Identifier: GPL-3.0-or-later
// Partner rules on SBI prefixes and flags, capacity and availability.
#include "riskmap/core/planner/partners.hpp"

#include <gtest/gtest.h>

using namespace riskmap::core;
using namespace riskmap::core::planner;

namespace {

const PartnerProposal* find(const std::vector<PartnerProposal>& list, const std::string& name)
{
    for (const auto& p : list) {
        if (p.partner == name) return &p;
    }
    return nullptr;
}

}  // namespace

TEST(Partners, DefaultRulesMatchSectorsAndFlags)
{
    const std::vector<AddressProfile> addresses{
        {{"45.11"}, {}},            // 0 car trade
        {{"5210"}, {}},             // 1 storage
        {{"01.13"}, {}},            // 2 farm
        {{"6820"}, {"vab"}},        // 3 real estate on a vacant farm building
        {{"4"}, {}},                // 4 too short to match "45"
        {{"9602", "4520"}, {}},     // 5 barber and car repair
        {{}, {"stroom", "woning"}}, // 6 odd power use
    };
    const auto proposals = proposePartners(addresses, defaultPartnerRules());
    ASSERT_TRUE(find(proposals, "Belastingdienst"));
    EXPECT_EQ(find(proposals, "Belastingdienst")->addresses, (std::vector<std::size_t>{0, 3, 5}));
    EXPECT_EQ(find(proposals, "Belastingdienst")->reasons.size(), 2u);  // car trade, real estate
    EXPECT_EQ(find(proposals, "RDW")->addresses, (std::vector<std::size_t>{0, 5}));
    EXPECT_EQ(find(proposals, "Veiligheidsregio")->addresses, (std::vector<std::size_t>{1}));
    EXPECT_EQ(find(proposals, "Omgevingsdienst")->addresses, (std::vector<std::size_t>{2, 3}));
    EXPECT_EQ(find(proposals, "Nederlandse Arbeidsinspectie")->addresses, (std::vector<std::size_t>{5}));
    EXPECT_EQ(find(proposals, "Netbeheerder")->addresses, (std::vector<std::size_t>{6}));
    EXPECT_FALSE(find(proposals, "NVWA"));
    const auto needs = partnerNeeds(proposals);
    ASSERT_EQ(needs.size(), proposals.size());
    EXPECT_EQ(needs[0].partner, "Belastingdienst");
    EXPECT_EQ(needs[0].addresses, 3);
    // Each partner appears once.
    std::set<std::string> names;
    for (const auto& p : proposals) EXPECT_TRUE(names.insert(p.partner).second);
}

TEST(Partners, CapacityProblemsNameThePartner)
{
    const std::vector<PartnerProposal> proposals{{"RDW", {0, 1, 2}, {"autohandel"}}, {"NVWA", {4}, {"horeca"}},
                                                 {"Douane", {1}, {"x"}}};
    const std::vector<Partner> partners{{"RDW", 2, {}}, {"NVWA", 1, {}}};
    const auto problems = capacityProblems(proposals, partners);
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_NE(problems[0].find("'RDW' heeft 3 adressen nodig maar kan er 2"), std::string::npos);
    EXPECT_NE(problems[1].find("Douane"), std::string::npos);
    EXPECT_TRUE(capacityProblems({{"RDW", {0, 1}, {}}}, partners).empty());
}

TEST(Partners, AvailabilityRanges)
{
    using std::chrono::year;
    const Partner always{"Politie", 25, {}};
    const Partner spring{"RDW", 5, {{year(2026) / 3 / 1, year(2026) / 5 / 31, "voorjaar"}, {year(2026) / 9 / 1, year(2026) / 9 / 30, "september"}}};
    EXPECT_TRUE(always.availableOn(year(2026) / 8 / 3));
    EXPECT_TRUE(spring.availableOn(year(2026) / 3 / 1));
    EXPECT_TRUE(spring.availableOn(year(2026) / 5 / 31));
    EXPECT_FALSE(spring.availableOn(year(2026) / 6 / 1));
    EXPECT_TRUE(spring.availableOn(year(2026) / 9 / 15));
    EXPECT_EQ(normaliseSbi("46.77 "), "4677");
}
