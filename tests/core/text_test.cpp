// SPDX-License-Identifier: GPL-3.0-or-later
// Number and string parsing used by every importer.
#include "riskmap/core/text.hpp"

#include <gtest/gtest.h>

using namespace riskmap::core;

TEST(Text, ParseNumberAcceptsDecimalCommaAndPoint)
{
    EXPECT_DOUBLE_EQ(*parseNumber("12,5"), 12.5);
    EXPECT_DOUBLE_EQ(*parseNumber(" 12.5 "), 12.5);
    EXPECT_DOUBLE_EQ(*parseNumber("-3"), -3.0);
    EXPECT_FALSE(parseNumber("12,5x"));
    EXPECT_FALSE(parseNumber(""));
    EXPECT_FALSE(parseNumber("nan"));
    EXPECT_FALSE(parseNumber("inf"));
}

TEST(Text, ParseIntegerRejectsFractions)
{
    EXPECT_EQ(*parseInteger("42"), 42);
    EXPECT_EQ(*parseInteger("+7"), 7);
    EXPECT_FALSE(parseInteger("4.2"));
    EXPECT_FALSE(parseInteger("12a"));
}

TEST(Text, SplitKeepsEmptyParts)
{
    const auto parts = split("a;;b;", ';');
    ASSERT_EQ(parts.size(), 4u);
    EXPECT_EQ(parts[1], "");
    EXPECT_EQ(parts[2], "b");
    EXPECT_EQ(join(parts, "|"), "a||b|");
}

TEST(Text, ContainsIgnoreCaseAgreesWithLowercasedFind)
{
    using riskmap::core::containsIgnoreCase;
    using riskmap::core::toLower;
    const std::string haystacks[] = {"Woonfunctie", "industriefunctie,WOONFUNCTIE", "kantoorfunctie", "", "woon"};
    const std::string needles[] = {"woonfunctie", "WoonFunctie", "functie", "", "woonfunctiex"};
    for (const auto& h : haystacks)
        for (const auto& n : needles)
            EXPECT_EQ(containsIgnoreCase(h, n), toLower(h).find(toLower(n)) != std::string::npos) << h << " / " << n;
    EXPECT_TRUE(containsIgnoreCase("Pand buiten GEBRUIK", "buiten gebruik"));
    EXPECT_FALSE(containsIgnoreCase("woonfunctie", "woonfuncties"));
}
