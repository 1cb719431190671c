// SPDX-License-Identifier: GPL-3.0-or-later
// SBI codes: normalisation, the real SBI 2008 list, 2008↔2025 prefix expansion.
#include "riskmap/core/sbi.hpp"

#include "riskmap/core/error.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace riskmap::core;

namespace {


const SbiCatalogue& realCatalogue()
{
    static const SbiCatalogue catalogue =
        SbiCatalogue::fromCsv(riskmap::test::readFileText(riskmap::test::realData("sbi2008/sbi2008_versie2018.csv")));
    return catalogue;
}

// Hand-made: 45.11 stays, 45.19 splits in two 2025 codes, 01.13.1 and 01.13.2 merge,
// 96.02.2 (nail studios) moves to a new 2025 code.
const char* kCorrespondence =
    "sbi2008;sbi2025;omschrijving\n"
    "45.11;45.11;auto's\n"
    "45.19;45.19;zwaar\n"
    "45.19;45.20;caravans\n"
    "01.13.1;01.13;groente\n"
    "01.13.2;01.13;groente glas\n"
    "96.02.2;96.23;nagels\n"
    "93.12;;vervalt\n";

}  // namespace

TEST(Sbi, NormalisesNotations)
{
    EXPECT_EQ(normalizeSbiCode("45.11"), "4511");
    EXPECT_EQ(normalizeSbiCode("4511"), "4511");
    EXPECT_EQ(normalizeSbiCode(" 45 11"), "4511");
    EXPECT_EQ(normalizeSbiCode("01.13.1"), "01131");
    EXPECT_EQ(normalizeSbiCode("01"), "01");
    EXPECT_FALSE(normalizeSbiCode("45.1a"));
    EXPECT_FALSE(normalizeSbiCode("45,11"));
    EXPECT_FALSE(normalizeSbiCode("4"));
    EXPECT_FALSE(normalizeSbiCode("1234567"));
    EXPECT_FALSE(normalizeSbiCode("45..11"));
    EXPECT_FALSE(normalizeSbiCode(".45"));
    EXPECT_FALSE(normalizeSbiCode(""));
    EXPECT_FALSE(normalizeSbiCode("onbekend"));
}

TEST(Sbi, RealCatalogue)
{
    const SbiCatalogue& c = realCatalogue();
    EXPECT_EQ(c.size(), 1455u);  // 21 secties + 1434 codes, one per data line
    EXPECT_TRUE(c.known("4511"));
    EXPECT_TRUE(c.known("45.11"));
    EXPECT_TRUE(c.known("01.13.1"));
    EXPECT_TRUE(c.known("A"));
    EXPECT_FALSE(c.known("9999"));
    EXPECT_FALSE(c.known("rommel"));
    EXPECT_EQ(c.description("01131"), "Teelt van groenten in de volle grond");
    // UTF-8 apostrophe (U+2019) survives.
    EXPECT_EQ(c.description("45"), "Handel in en reparatie van auto\xE2\x80\x99s, motorfietsen en aanhangers");
    EXPECT_FALSE(c.description("9999"));
    const SbiEntry* e = c.find("45.11.1");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->level, "subklasse");
    EXPECT_EQ(e->section, "G");
    EXPECT_EQ(e->dotted, "45.11.1");
}

TEST(Sbi, CorrespondenceLookups)
{
    const SbiCorrespondence k = SbiCorrespondence::fromCsv(kCorrespondence);
    EXPECT_EQ(k.size(), 6u);
    EXPECT_EQ(k.to2025("45.19"), (std::vector<std::string>{"4519", "4520"}));
    EXPECT_EQ(k.to2008("0113"), (std::vector<std::string>{"01131", "01132"}));
    EXPECT_TRUE(k.to2025("9312").empty());
}

TEST(Sbi, ExpandsPrefixesBothWays)
{
    const SbiCorrespondence k = SbiCorrespondence::fromCsv(kCorrespondence);
    // A 2008 list: car trade and nail studios.
    EXPECT_EQ(k.expandPrefixes({"45", "96.02.2"}, SbiVersion::Sbi2008),
              (std::vector<std::string>{"45", "96022", "9623"}));
    // A 2025 list: 96.23 brings back the 2008 nail studios; 01.13 already covers both 2008 subclasses.
    EXPECT_EQ(k.expandPrefixes({"96.23", "01.13"}, SbiVersion::Sbi2025),
              (std::vector<std::string>{"0113", "96022", "9623"}));
    // Unknown version: 4520 is a 2025 code (from 2008 45.19) and a 2008 code; both directions.
    EXPECT_EQ(k.expandPrefixes({"4520"}), (std::vector<std::string>{"4519", "4520"}));
    EXPECT_EQ(k.expandPrefixes({"4520"}, SbiVersion::Sbi2008), (std::vector<std::string>{"4520"}));
    EXPECT_THROW(k.expandPrefixes({"4x"}), riskmap::InputError);
}

TEST(Sbi, MatchesPrefixes)
{
    const SbiCorrespondence k = SbiCorrespondence::fromCsv(kCorrespondence);
    const auto prefixes = k.expandPrefixes({"96.02.2"}, SbiVersion::Sbi2008);
    EXPECT_TRUE(matchesAnyPrefix("96.02.2", prefixes));
    EXPECT_TRUE(matchesAnyPrefix("9623", prefixes));   // the 2025 code of a nail studio
    EXPECT_FALSE(matchesAnyPrefix("96.02.1", prefixes));
    EXPECT_FALSE(matchesAnyPrefix("96", prefixes));     // a shorter code is not inside the prefix
    EXPECT_TRUE(matchesAnyPrefix("45.11.2", {"45.1"}));
    EXPECT_FALSE(matchesAnyPrefix("rommel", {"45"}));
    EXPECT_FALSE(matchesAnyPrefix("4511", {"", "x"}));
}

TEST(Sbi, CorrespondenceRejectsBadFiles)
{
    EXPECT_THROW(SbiCorrespondence::fromCsv("oud;nieuw\n45;45\n"), riskmap::InputError);
    EXPECT_THROW(SbiCorrespondence::fromCsv("sbi2008;sbi2025\n45;4x\n"), riskmap::InputError);
    // Header case and a comma separator are fine.
    EXPECT_EQ(SbiCorrespondence::fromCsv("SBI2008,SBI2025\n45.11,45.11\n").size(), 1u);
}
