// SPDX-License-Identifier: GPL-3.0-or-later
// Address keys and the geocoding index: hits, fallbacks, misses, ambiguity.
#include "riskmap/core/address_key.hpp"

#include <gtest/gtest.h>

using namespace riskmap::core;

namespace {

AddressKey key(std::string_view pc, std::string_view nr, std::string_view letter = {}, std::string_view toev = {})
{
    auto r = parseAddress(pc, nr, letter, toev);
    EXPECT_TRUE(r.key.has_value()) << (r.problems.empty() ? "" : r.problems.front());
    return r.key.value_or(AddressKey{});
}

// A small BAG: 3941AB 1, 2A, 2B, 3 with additions 1 and 2, 4-H (only one), a duplicate at 5.
AddressIndex sampleIndex()
{
    AddressIndex index;
    index.add(key("3941AB", "1"), "vbo1");
    index.add(key("3941AB", "2", "A"), "vbo2a");
    index.add(key("3941AB", "2", "B"), "vbo2b");
    index.add(key("3941AB", "3", "", "1"), "vbo3-1");
    index.add(key("3941AB", "3", "", "2"), "vbo3-2");
    index.add(key("3941AB", "4", "", "H"), "vbo4h");
    index.add(key("3941AB", "5"), "vbo5x");
    index.add(key("3941AB", "5"), "vbo5y");
    return index;
}

}  // namespace

TEST(AddressKey, NormalisesPostcodes)
{
    EXPECT_EQ(normalizePostcode("3941 AB"), "3941AB");
    EXPECT_EQ(normalizePostcode("3941ab"), "3941AB");
    EXPECT_EQ(normalizePostcode(" 3941-AB "), "3941AB");
    EXPECT_FALSE(normalizePostcode("0941AB"));   // no postcode starts with 0
    EXPECT_FALSE(normalizePostcode("3941SS"));   // never issued
    EXPECT_FALSE(normalizePostcode("394AB"));
    EXPECT_FALSE(normalizePostcode("3941A1"));
    EXPECT_FALSE(normalizePostcode("3941ABC"));
    EXPECT_FALSE(normalizePostcode(""));
}

TEST(AddressKey, ParsesMessyNumbers)
{
    const AddressKey a = key("3941 ab", "12a");
    EXPECT_EQ(a.huisnummer, 12);
    EXPECT_EQ(a.huisletter, "A");
    EXPECT_EQ(a.key(), "3941AB|12|A|");
    EXPECT_EQ(key("3941AB", "12 A").huisletter, "A");
    EXPECT_EQ(key("3941AB", "12-2").toevoeging, "2");
    EXPECT_EQ(key("3941AB", "12 bis").toevoeging, "BIS");
    EXPECT_EQ(key("3941AB", " 12 ", "b", " - h ").key(), "3941AB|12|B|H");
    EXPECT_EQ(key("3941AB", "12.0").key(), "3941AB|12||");
    EXPECT_EQ(key("3941AB", "12a", "A").key(), "3941AB|12|A|");
}

TEST(AddressKey, ReportsInvalidParts)
{
    auto r = parseAddress("3941 A", "12");
    EXPECT_FALSE(r.key);
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_EQ(r.problems[0], "ongeldige postcode '3941 A'");
    EXPECT_FALSE(parseAddress("3941AB", "").key);
    EXPECT_FALSE(parseAddress("3941AB", "abc").key);
    EXPECT_FALSE(parseAddress("3941AB", "0").key);
    EXPECT_FALSE(parseAddress("3941AB", "12", "AB").key);
    EXPECT_FALSE(parseAddress("3941AB", "12", "1").key);
    EXPECT_FALSE(parseAddress("3941AB", "12", "", "ABCDE").key);
    EXPECT_FALSE(parseAddress("3941AB", "12b", "A").key);  // conflicting letters
    EXPECT_EQ(parseAddress("0000XX", "x").problems.size(), 2u);
}

TEST(AddressIndex, ExactAndFallback)
{
    const AddressIndex index = sampleIndex();
    EXPECT_EQ(index.size(), 8u);

    auto m = index.match(key("3941 ab", "2", "a"));
    EXPECT_EQ(m.kind, AddressMatchKind::Exact);
    EXPECT_EQ(m.id, "vbo2a");

    m = index.match(key("3941AB", "3", "", "2"));
    EXPECT_EQ(m.kind, AddressMatchKind::Exact);
    EXPECT_EQ(m.id, "vbo3-2");

    // The extract has an addition BAG does not: unique fallback on postcode+number.
    m = index.match(key("3941AB", "1", "", "RD"));
    EXPECT_EQ(m.kind, AddressMatchKind::WithoutToevoeging);
    EXPECT_EQ(m.id, "vbo1");

    // The extract lacks BAG's addition, and only one address has that number: fallback.
    m = index.match(key("3941AB", "4"));
    EXPECT_EQ(m.kind, AddressMatchKind::WithoutToevoeging);
    EXPECT_EQ(m.id, "vbo4h");
}

TEST(AddressIndex, MissesAndAmbiguity)
{
    const AddressIndex index = sampleIndex();
    // Two additions at number 3, none given: ambiguous.
    auto m = index.match(key("3941AB", "3"));
    EXPECT_EQ(m.kind, AddressMatchKind::Ambiguous);
    EXPECT_EQ(m.candidates, (std::vector<std::string>{"vbo3-1", "vbo3-2"}));
    EXPECT_TRUE(m.id.empty());
    // A wrong addition at number 3 is just as ambiguous.
    EXPECT_EQ(index.match(key("3941AB", "3", "", "9")).kind, AddressMatchKind::Ambiguous);
    // A duplicate in the reference.
    m = index.match(key("3941AB", "5"));
    EXPECT_EQ(m.kind, AddressMatchKind::Ambiguous);
    EXPECT_EQ(m.candidates.size(), 2u);
    // The letter is part of the fallback group: 2 without letter, or 2C, do not match.
    EXPECT_EQ(index.match(key("3941AB", "2")).kind, AddressMatchKind::None);
    EXPECT_EQ(index.match(key("3941AB", "2", "C")).kind, AddressMatchKind::None);
    EXPECT_EQ(index.match(key("3941AC", "1")).kind, AddressMatchKind::None);
    EXPECT_EQ(index.match(key("3941AB", "6")).kind, AddressMatchKind::None);
    EXPECT_EQ(matchKindName(AddressMatchKind::WithoutToevoeging), "zonder toevoeging");
}
