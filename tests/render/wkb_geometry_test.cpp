// SPDX-License-Identifier: GPL-3.0-or-later
// WKB decoding of every geometry type from hand-made bytes.
#include "riskmap/render/wkb_geometry.hpp"

#include "riskmap/core/error.hpp"
#include "wkb_bytes.hpp"

#include <gtest/gtest.h>

using riskmap::render::GeometryFamily;
using riskmap::render::parseWkb;
using riskmap::test::WkbBytes;

TEST(WkbGeometry, PointLittleEndianWrittenOut)
{
    // 01 | 01000000 | x=1.5 | y=-2.0, spelled out as raw bytes.
    const std::vector<unsigned char> wkb = {0x01, 0x01, 0x00, 0x00, 0x00,
                                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F,
                                            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xC0};
    const auto g = parseWkb(wkb);
    ASSERT_EQ(g.family, GeometryFamily::Point);
    ASSERT_EQ(g.parts.size(), 1u);
    EXPECT_DOUBLE_EQ(g.parts[0][0].x(), 1.5);
    EXPECT_DOUBLE_EQ(g.parts[0][0].y(), -2.0);
}

TEST(WkbGeometry, PointBigEndian)
{
    // 00 | 00000001 | x=1.0 | y=2.0 in network order.
    const std::vector<unsigned char> wkb = {0x00, 0x00, 0x00, 0x00, 0x01,
                                            0x3F, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                                            0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
    const auto g = parseWkb(wkb);
    ASSERT_EQ(g.family, GeometryFamily::Point);
    EXPECT_DOUBLE_EQ(g.parts[0][0].x(), 1.0);
    EXPECT_DOUBLE_EQ(g.parts[0][0].y(), 2.0);
}

TEST(WkbGeometry, LineString)
{
    WkbBytes b;
    b.header(2).ring({{0, 0}, {10, 0}, {10, 5}});
    const auto g = parseWkb(b.bytes());
    ASSERT_EQ(g.family, GeometryFamily::Line);
    ASSERT_EQ(g.parts.size(), 1u);
    ASSERT_EQ(g.parts[0].size(), 3u);
    EXPECT_DOUBLE_EQ(g.parts[0][2].y(), 5.0);
}

TEST(WkbGeometry, PolygonWithHole)
{
    WkbBytes b;
    b.header(3).u32(2).ring({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}).ring({{2, 2}, {4, 2}, {4, 4}, {2, 2}});
    const auto g = parseWkb(b.bytes());
    ASSERT_EQ(g.family, GeometryFamily::Polygon);
    ASSERT_EQ(g.parts.size(), 2u);
    EXPECT_EQ(g.parts[0].size(), 5u);
    EXPECT_EQ(g.parts[1].size(), 4u);
    const QRectF r = g.bounds();
    EXPECT_DOUBLE_EQ(r.left(), 0);
    EXPECT_DOUBLE_EQ(r.right(), 10);
    EXPECT_DOUBLE_EQ(r.bottom(), 10);
}

TEST(WkbGeometry, MultiPointMultiLineMultiPolygon)
{
    WkbBytes mp;
    mp.header(4).u32(2);
    mp.header(1).xy(1, 2);
    mp.header(1).xy(3, 4);
    auto g = parseWkb(mp.bytes());
    ASSERT_EQ(g.family, GeometryFamily::Point);
    ASSERT_EQ(g.parts.size(), 2u);
    EXPECT_DOUBLE_EQ(g.parts[1][0].x(), 3);

    WkbBytes ml;
    ml.header(5).u32(2);
    ml.header(2).ring({{0, 0}, {1, 1}});
    ml.header(2).ring({{5, 5}, {6, 6}, {7, 5}});
    g = parseWkb(ml.bytes());
    ASSERT_EQ(g.family, GeometryFamily::Line);
    ASSERT_EQ(g.parts.size(), 2u);
    EXPECT_EQ(g.parts[1].size(), 3u);

    WkbBytes mpoly;
    mpoly.header(6).u32(2);
    mpoly.boxPolygon(0, 0, 1, 1);
    mpoly.boxPolygon(10, 10, 12, 13);
    g = parseWkb(mpoly.bytes());
    ASSERT_EQ(g.family, GeometryFamily::Polygon);
    ASSERT_EQ(g.parts.size(), 2u);
    EXPECT_DOUBLE_EQ(g.bounds().bottom(), 13);
}

TEST(WkbGeometry, CollectionTakesFirstFamily)
{
    WkbBytes b;
    b.header(7).u32(2);
    b.boxPolygon(0, 0, 2, 2);
    b.header(1).xy(9, 9);
    const auto g = parseWkb(b.bytes());
    EXPECT_EQ(g.family, GeometryFamily::Polygon);
    EXPECT_EQ(g.parts.size(), 2u);
}

TEST(WkbGeometry, IsoZAndEwkbSridAreSkipped)
{
    WkbBytes iso;  // POINT Z (1 2 3): ISO type 1001
    iso.header(1001).f64(1).f64(2).f64(3);
    auto g = parseWkb(iso.bytes());
    EXPECT_DOUBLE_EQ(g.parts[0][0].y(), 2);

    WkbBytes zm;  // LINESTRING ZM, two vertices of four ordinates
    zm.header(3002).u32(2).f64(1).f64(2).f64(3).f64(4).f64(5).f64(6).f64(7).f64(8);
    g = parseWkb(zm.bytes());
    ASSERT_EQ(g.parts[0].size(), 2u);
    EXPECT_DOUBLE_EQ(g.parts[0][1].x(), 5);
    EXPECT_DOUBLE_EQ(g.parts[0][1].y(), 6);

    WkbBytes ewkb;  // EWKB point with SRID 28992 and Z flag
    ewkb.header(0x80000000u | 0x20000000u | 1u).u32(28992).f64(7).f64(8).f64(9);
    g = parseWkb(ewkb.bytes());
    EXPECT_DOUBLE_EQ(g.parts[0][0].x(), 7);
    EXPECT_DOUBLE_EQ(g.parts[0][0].y(), 8);
}

TEST(WkbGeometry, EmptyAndBrokenInput)
{
    EXPECT_EQ(parseWkb(std::vector<unsigned char>{}).family, GeometryFamily::Empty);
    WkbBytes emptyLine;
    emptyLine.header(2).u32(0);
    EXPECT_EQ(parseWkb(emptyLine.bytes()).family, GeometryFamily::Empty);

    WkbBytes truncated;
    truncated.header(2).u32(3).xy(0, 0);  // promises 3 vertices, holds 1
    EXPECT_THROW(parseWkb(truncated.bytes()), riskmap::InputError);
    WkbBytes unknown;
    unknown.header(17);
    EXPECT_THROW(parseWkb(unknown.bytes()), riskmap::InputError);
    const std::vector<unsigned char> badOrder = {0x07, 1, 0, 0, 0};
    EXPECT_THROW(parseWkb(badOrder), riskmap::InputError);
}
