// SPDX-License-Identifier: GPL-3.0-or-later
// Dates in ISO and Dutch notation.
#include "riskmap/core/dates.hpp"

#include <gtest/gtest.h>

using namespace riskmap::core;

TEST(Dates, ParsesIsoAndDutchOrder)
{
    EXPECT_EQ(formatIsoDate(*parseDate("2025-03-01")), "2025-03-01");
    EXPECT_EQ(formatIsoDate(*parseDate("01-03-2025")), "2025-03-01");
    EXPECT_EQ(formatIsoDate(*parseDate("1-3-2025")), "2025-03-01");
    EXPECT_EQ(formatIsoDate(*parseDate("01/03/2025")), "2025-03-01");
    EXPECT_EQ(formatIsoDate(*parseDate("20250301")), "2025-03-01");
    EXPECT_EQ(formatIsoDate(*parseDate("2025-03-01T10:11:12")), "2025-03-01");
}

TEST(Dates, RejectsImpossibleDates)
{
    EXPECT_FALSE(parseDate("2025-02-30"));
    EXPECT_FALSE(parseDate("31-04-2025"));
    EXPECT_FALSE(parseDate("2025-13-01"));
    EXPECT_FALSE(parseDate("morgen"));
    EXPECT_FALSE(parseDate(""));
    EXPECT_TRUE(parseDate("29-02-2024"));
    EXPECT_FALSE(parseDate("29-02-2025"));
}
