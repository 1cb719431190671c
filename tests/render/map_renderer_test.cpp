// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering a tiny hand-built workspace and reading back pixel colours at known places.
#include "riskmap/render/snapshot.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"
#include "wkb_bytes.hpp"

#include "gui_app.hpp"

#include <QGuiApplication>
#include <QImage>

#include <gtest/gtest.h>

namespace {

using namespace riskmap;
using riskmap::test::WkbBytes;


constexpr double X0 = 150000, Y0 = 450000;

/// panden: one 100 m square at (X0,Y0); risico_percelen: class 1 west and class 5 east of it.
std::string buildWorkspace(const riskmap::test::TempDir& dir)
{
    const std::string path = dir.file("ws.sqlite");
    auto ws = gis::Workspace::create(path);
    {
        gis::Transaction tx(ws.db());
        ws.createLayerTable("panden", {{"pand_id", "TEXT"}}, "MULTIPOLYGON");
        gis::LayerWriter w(ws.db(), "panden", {"pand_id"}, true);
        WkbBytes b;
        b.header(6).u32(1).boxPolygon(X0, Y0, X0 + 100, Y0 + 100);
        w.insert({std::string("0000100000000001")}, b.bytes());

        ws.createLayerTable("risico_percelen", {{"perceel_id", "TEXT"}, {"risico_klasse", "INTEGER"}}, "MULTIPOLYGON");
        gis::LayerWriter r(ws.db(), "risico_percelen", {"perceel_id", "risico_klasse"}, true);
        WkbBytes west, east;
        west.header(6).u32(1).boxPolygon(X0 - 100, Y0, X0, Y0 + 100);
        east.header(6).u32(1).boxPolygon(X0 + 100, Y0, X0 + 200, Y0 + 100);
        r.insert({std::string("A-1"), std::int64_t{1}}, west.bytes());
        r.insert({std::string("A-2"), std::int64_t{5}}, east.bytes());
        tx.commit();
    }
    ws.ensureSpatialIndex("panden");
    ws.ensureSpatialIndex("risico_percelen");
    return path;
}

/// Expected colour of `c` drawn at `opacity` over white.
QColor overWhite(QColor c, double opacity)
{
    auto mix = [&](int v) { return int(std::lround(opacity * v + (1 - opacity) * 255)); };
    return QColor(mix(c.red()), mix(c.green()), mix(c.blue()));
}

void expectColour(const QImage& img, int x, int y, QColor want)
{
    const QColor got = img.pixelColor(x, y);
    EXPECT_NEAR(got.red(), want.red(), 2) << "at " << x << "," << y;
    EXPECT_NEAR(got.green(), want.green(), 2) << "at " << x << "," << y;
    EXPECT_NEAR(got.blue(), want.blue(), 2) << "at " << x << "," << y;
}

}  // namespace

TEST(MapRenderer, PngHasLayerColoursAtKnownPixels)
{
    riskmap::test::renderApp();
    riskmap::test::TempDir dir;
    const std::string ws = buildWorkspace(dir);
    const std::string png = dir.file("map.png");
    // 400 × 200 m into 400 × 200 px: 1 m per pixel, pixel (i, j) covers x = X0-100+i, y = Y0+150-j.
    render::SnapshotOptions opts;
    opts.decorations = false;
    const auto stats = render::renderToPng(ws, {}, gis::Box{X0 - 100, Y0 - 50, X0 + 300, Y0 + 150}, QSize(400, 200), png, opts);
    EXPECT_EQ(stats.featuresDrawn, 3u);

    QImage img(QString::fromStdString(png));
    ASSERT_FALSE(img.isNull());
    ASSERT_EQ(img.size(), QSize(400, 200));
    // Pand (default fill 90,90,90) at world (X0+50, Y0+50) → pixel (150, 100).
    expectColour(img, 150, 100, QColor(90, 90, 90));
    // Class 1 parcel west (world X0-50) → pixel 50; class 5 east (world X0+150) → pixel 250;
    // opacity 0.55, so an aerial photo below shows through.
    expectColour(img, 50, 100, overWhite(render::riskRamp()[0], 0.55));
    expectColour(img, 250, 100, overWhite(render::riskRamp()[4], 0.55));
    // Outside every feature: the white background (world X0+250 → pixel 350; y above Y0+100 → row 20).
    expectColour(img, 350, 100, QColor(255, 255, 255));
    expectColour(img, 150, 20, QColor(255, 255, 255));
}

TEST(MapRenderer, LayerChoiceOrderAndCancel)
{
    riskmap::test::renderApp();
    riskmap::test::TempDir dir;
    const std::string ws = buildWorkspace(dir);
    render::MapRenderer renderer(ws);
    const auto layers = renderer.defaultLayers();
    ASSERT_EQ(layers.size(), 2u);
    // risico_percelen lies below panden in the default stack.
    EXPECT_EQ(layers[0].name, "risico_percelen");
    EXPECT_EQ(layers[1].name, "panden");
    EXPECT_EQ(layers[1].family, render::GeometryFamily::Polygon);
    const auto extent = renderer.fullExtent(layers);
    ASSERT_TRUE(extent);
    EXPECT_DOUBLE_EQ(extent->xmin, X0 - 100);
    EXPECT_DOUBLE_EQ(extent->xmax, X0 + 200);

    EXPECT_THROW(render::selectLayers(layers, {"bestaat_niet"}), riskmap::UsageError);
    const auto only = render::selectLayers(layers, {"panden"});
    ASSERT_EQ(only.size(), 1u);

    // Only panden: the class-5 parcel's place stays white.
    const render::MapView view(gis::Box{X0 - 100, Y0 - 50, X0 + 300, Y0 + 150}, QSize(400, 200));
    render::SnapshotOptions opts;
    opts.decorations = false;
    const QImage img = render::renderToImage(renderer, only, view, opts);
    expectColour(img, 250, 100, QColor(255, 255, 255));
    expectColour(img, 150, 100, QColor(90, 90, 90));

    // A cancelled render stops and says so.
    std::atomic<bool> cancel{true};
    QImage blank(view.size(), QImage::Format_ARGB32_Premultiplied);
    blank.fill(Qt::white);
    QPainter p(&blank);
    EXPECT_FALSE(renderer.render(p, view, layers, &cancel));
    p.end();
    expectColour(blank, 150, 100, QColor(255, 255, 255));
}

TEST(MapRenderer, StylesPickSymbols)
{
    const auto s = render::defaultStyle("vestigingen");
    const auto& risky = s.symbolFor("4511", 0, false);   // car trade: SBI 45
    const auto& other = s.symbolFor("6201", 0, false);   // software: not in the list
    EXPECT_NE(&risky, &other);
    EXPECT_EQ(&other, &s.symbol);
    const auto g = render::graduatedStyle("x", 0, 10, render::viridisRamp(), render::Symbol{});
    EXPECT_EQ(g.symbolFor("", 0, true).fill, render::viridisRamp()[0]);
    EXPECT_EQ(g.symbolFor("", 4.0, true).fill, render::viridisRamp()[2]);   // [4, 6)
    EXPECT_EQ(g.symbolFor("", 10.0, true).fill, render::viridisRamp()[4]);  // last class includes 10
    EXPECT_EQ(&g.symbolFor("", 11.0, true), &g.symbol);                    // out of range: fallback
}
