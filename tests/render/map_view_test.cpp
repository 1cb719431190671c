// SPDX-License-Identifier: GPL-3.0-or-later
// World ↔ pixel transforms against hand-computed values; pixel simplification.
#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/map_decorations.hpp"
#include "riskmap/render/map_view.hpp"

#include "riskmap/core/error.hpp"

#include <gtest/gtest.h>

using namespace riskmap::render;

TEST(MapView, FitsExtentExactly)
{
    // 100 × 50 m into 200 × 100 px: 0.5 m per pixel, no slack.
    const MapView v({0, 0, 100, 50}, QSize(200, 100));
    EXPECT_DOUBLE_EQ(v.resolution(), 0.5);
    EXPECT_EQ(v.toPixel(0, 50), QPointF(0, 0));
    EXPECT_EQ(v.toPixel(100, 0), QPointF(200, 100));
    EXPECT_EQ(v.toPixel(25, 25), QPointF(50, 50));
    EXPECT_EQ(v.toWorld(QPointF(50, 50)), QPointF(25, 25));
}

TEST(MapView, KeepsAspectByCentring)
{
    // 100 × 100 m into 200 × 100 px: height decides (1 m/px); x spans -50..150.
    const MapView v({0, 0, 100, 100}, QSize(200, 100));
    EXPECT_DOUBLE_EQ(v.resolution(), 1.0);
    EXPECT_EQ(v.toPixel(0, 0), QPointF(50, 100));
    EXPECT_EQ(v.toPixel(100, 100), QPointF(150, 0));
    const auto e = v.extent();
    EXPECT_DOUBLE_EQ(e.xmin, -50);
    EXPECT_DOUBLE_EQ(e.xmax, 150);
    EXPECT_DOUBLE_EQ(e.ymin, 0);
    EXPECT_DOUBLE_EQ(e.ymax, 100);
    EXPECT_NEAR(v.scaleDenominator(96), 1.0 * 96 / 0.0254, 1e-9);
}

TEST(MapView, PanAndZoomAroundAnchor)
{
    const MapView v({155000, 455000, 155200, 455100}, QSize(200, 100));  // 1 m/px
    // Dragging the map 10 px right and 5 px down shows what lay 10 m west and 5 m north.
    const MapView p = v.panned(10, 5);
    EXPECT_EQ(p.toPixel(155000, 455100), QPointF(10, 5));
    // Zooming in ×2 around pixel (40, 30) keeps that world point under it.
    const QPointF anchorWorld = v.toWorld(QPointF(40, 30));
    EXPECT_EQ(anchorWorld, QPointF(155040, 455070));
    const MapView z = v.zoomed(2.0, QPointF(40, 30));
    EXPECT_DOUBLE_EQ(z.resolution(), 0.5);
    EXPECT_NEAR(z.toPixel(anchorWorld).x(), 40, 1e-9);
    EXPECT_NEAR(z.toPixel(anchorWorld).y(), 30, 1e-9);
    EXPECT_NEAR(z.toPixel(155050, 455070).x(), 60, 1e-9);  // 10 m east = 20 px at 0.5 m/px
}

TEST(MapView, RejectsEmptyInput)
{
    EXPECT_THROW(MapView({0, 0, 10, 10}, QSize(0, 10)), riskmap::UsageError);
    EXPECT_THROW(MapView({5, 5, 5, 5}, QSize(10, 10)), riskmap::UsageError);
}

TEST(PixelPath, DropsVerticesWithinHalfAPixel)
{
    const MapView v({0, 0, 100, 100}, QSize(100, 100));  // 1 m/px
    Geometry line;
    line.family = GeometryFamily::Line;
    // 0, 0.1, 0.2, 0.3 (within half a pixel of 0: dropped), 5 (kept), 5.2 (the last: kept).
    line.parts.push_back({{0, 50}, {0.1, 50}, {0.2, 50}, {0.3, 50}, {5, 50}, {5.2, 50}});
    std::size_t n = 0;
    const QPainterPath path = toPixelPath(line, v, &n);
    EXPECT_EQ(n, 3u);
    ASSERT_EQ(path.elementCount(), 3);
    EXPECT_EQ(QPointF(path.elementAt(1)), QPointF(5, 50));

    Geometry tiny;  // a 0.2 m square ring collapses below a triangle and is left out
    tiny.family = GeometryFamily::Polygon;
    tiny.parts.push_back({{10, 10}, {10.2, 10}, {10.2, 10.2}, {10, 10.2}, {10, 10}});
    n = 0;
    EXPECT_TRUE(toPixelPath(tiny, v, &n).isEmpty());
    EXPECT_EQ(n, 0u);
}

TEST(Decorations, NiceScaleLengths)
{
    EXPECT_DOUBLE_EQ(niceScaleLength(1.0, 120), 100);     // ≤ 120 m: 100
    EXPECT_DOUBLE_EQ(niceScaleLength(2.0, 120), 200);     // ≤ 240 m: 200
    EXPECT_DOUBLE_EQ(niceScaleLength(5.0, 120), 500);     // ≤ 600 m: 500
    EXPECT_DOUBLE_EQ(niceScaleLength(50.0, 120), 5000);   // ≤ 6000 m: 5 km
    EXPECT_EQ(formatDistance(500), QStringLiteral("500 m"));
    EXPECT_EQ(formatDistance(2500), QStringLiteral("2,5 km"));
}
