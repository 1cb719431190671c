// SPDX-License-Identifier: GPL-3.0-or-later
// The typed attribute filter: operators, quoting, and SQL-looking text treated as plain data.
#include "attribute_filter.hpp"

#include <gtest/gtest.h>

using riskmap::desktop::AttributeFilter;

namespace {
const QStringList kColumns = {"fid", "naam", "klasse"};
}

TEST(AttributeFilter, ComparesNumbersAsNumbers)
{
    const auto f = AttributeFilter::parse("klasse >= 4", kColumns);
    EXPECT_EQ(f.column(), 2);
    EXPECT_EQ(f.op(), AttributeFilter::Op::GreaterEqual);
    EXPECT_TRUE(f.matches({"1", "a", "4"}));
    EXPECT_TRUE(f.matches({"1", "a", "10"}));  // 10 ≥ 4 as numbers, although "10" < "4" as text
    EXPECT_FALSE(f.matches({"1", "a", "3"}));
    EXPECT_FALSE(f.matches({"1", "a", ""}));
    EXPECT_TRUE(AttributeFilter::parse("klasse < 2,5", kColumns).matches({"1", "a", "2"}));  // Dutch decimal comma
}

TEST(AttributeFilter, EqualityContainsAndQuotes)
{
    EXPECT_TRUE(AttributeFilter::parse("naam = 'O''Brien'", kColumns).matches({"1", "o'brien", "1"}));
    EXPECT_FALSE(AttributeFilter::parse("naam = 'O''Brien'", kColumns).matches({"1", "O'Brien BV", "1"}));
    EXPECT_TRUE(AttributeFilter::parse("NAAM ~ brien", kColumns).matches({"1", "O'Brien BV", "1"}));
    EXPECT_TRUE(AttributeFilter::parse("naam != \"x\"", kColumns).matches({"1", "y", "1"}));
    EXPECT_FALSE(AttributeFilter::parse("naam <> x", kColumns).matches({"1", "X", "1"}));
}

TEST(AttributeFilter, SqlLookingTextIsJustData)
{
    // Quotes and semicolons go into the value verbatim; nothing is executed anywhere.
    const QString evil = "x'; DROP TABLE vestigingen; --";
    const auto f = AttributeFilter::parse("naam = 'x''; DROP TABLE vestigingen; --'", kColumns);
    EXPECT_EQ(f.column(), 1);
    EXPECT_EQ(f.value(), evil);
    EXPECT_TRUE(f.matches({"1", evil, "1"}));
    EXPECT_FALSE(f.matches({"1", "x", "1"}));

    // Free text (no known field) searches every column for the literal text.
    const auto free = AttributeFilter::parse("'; DROP TABLE", kColumns);
    EXPECT_EQ(free.column(), -1);
    EXPECT_TRUE(free.matches({"1", evil, "1"}));
    EXPECT_FALSE(free.matches({"1", "DROP TABLE", "1"}));
    // An unknown field name falls back to free text instead of hiding every row.
    EXPECT_EQ(AttributeFilter::parse("onbekend = 3", kColumns).column(), -1);
    EXPECT_TRUE(AttributeFilter::parse("", kColumns).matches({"1", "a", "1"}));
}
