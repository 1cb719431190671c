// SPDX-License-Identifier: GPL-3.0-or-later
// Tiled rendering: composed tiles match a direct render, pans reuse tiles, styles invalidate, cancel stops.
#include "riskmap/render/tiled_renderer.hpp"

#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_support.hpp"
#include "wkb_bytes.hpp"

#include "gui_app.hpp"

#include <QGuiApplication>
#include <QPainter>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <set>

namespace {

using namespace riskmap;
using riskmap::test::WkbBytes;


constexpr double X0 = 150000, Y0 = 450000;

/// A 1 km square: 400 jittered parcels with a risk class, a building in each, a company point
/// in every third, a road across, and a 2 m photo under it all.
std::string buildWorkspace(const riskmap::test::TempDir& dir)
{
    const std::string path = dir.file("ws.sqlite");
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(0, 1);
    {
        auto ws = gis::Workspace::create(path);
        gis::Transaction tx(ws.db());
        ws.createLayerTable("risico_percelen", {{"perceel_id", "TEXT"}, {"risico_klasse", "INTEGER"}}, "MULTIPOLYGON");
        ws.createLayerTable("panden", {{"pand_id", "TEXT"}}, "MULTIPOLYGON");
        ws.createLayerTable("vestigingen", {{"vestigingsnummer", "TEXT"}, {"sbi_code", "TEXT"}}, "POINT");
        ws.createLayerTable("wegen", {{"weg_id", "TEXT"}, {"wegtype", "TEXT"}}, "MULTILINESTRING");
        gis::LayerWriter risk(ws.db(), "risico_percelen", {"perceel_id", "risico_klasse"}, true);
        gis::LayerWriter pand(ws.db(), "panden", {"pand_id"}, true);
        gis::LayerWriter ves(ws.db(), "vestigingen", {"vestigingsnummer", "sbi_code"}, true);
        int n = 0;
        for (int i = 0; i < 20; ++i)
            for (int j = 0; j < 20; ++j, ++n) {
                const double x = X0 + i * 50, y = Y0 + j * 50;
                WkbBytes p;
                p.header(6).u32(1).header(3).u32(1).ring({{x, y}, {x + 25, y + u(rng) * 3}, {x + 50, y}, {x + 50, y + 50},
                                                          {x, y + 50}, {x, y}});
                risk.insert({"P" + std::to_string(n), std::int64_t(1 + n % 5)}, p.bytes());
                WkbBytes b;
                const double bx = x + 10 + u(rng) * 20, by = y + 10 + u(rng) * 20;
                b.header(6).u32(1).boxPolygon(bx, by, bx + 12, by + 9);
                pand.insert({"B" + std::to_string(n)}, b.bytes());
                if (n % 3 == 0) {
                    WkbBytes v;
                    v.header(1).xy(x + 25.3, y + 25.7);
                    ves.insert({"V" + std::to_string(n), std::string(n % 2 ? "4511" : "6201")}, v.bytes());
                }
            }
        gis::LayerWriter weg(ws.db(), "wegen", {"weg_id", "wegtype"}, true);
        WkbBytes l;
        l.header(5).u32(1).header(2).ring({{X0, Y0}, {X0 + 400, Y0 + 610}, {X0 + 1000, Y0 + 990}});
        weg.insert({std::string("W1"), std::string("hoofdweg")}, l.bytes());
        tx.commit();
        for (const char* t : {"risico_percelen", "panden", "vestigingen", "wegen"}) ws.ensureSpatialIndex(t);
    }
    GDALAllRegister();
    const std::string tif = dir.file("foto.tif");
    const int n = 500;
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(tif.c_str(), n, n, 3, GDT_Byte, nullptr);
    double gt[6] = {X0, 2, 0, Y0 + 1000, 0, -2};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    std::vector<unsigned char> band(std::size_t(n) * n);
    for (int b = 0; b < 3; ++b) {
        for (int y = 0; y < n; ++y)
            for (int x = 0; x < n; ++x) band[std::size_t(y) * n + x] = static_cast<unsigned char>((x * (b + 1) + y * 3) % 256);
        if (ds->GetRasterBand(b + 1)->RasterIO(GF_Write, 0, 0, n, n, band.data(), n, n, GDT_Byte, 0, 0) != CE_None) std::abort();
    }
    GDALClose(ds);
    auto info = gis::registerRaster(tif, path);
    auto ws = gis::Workspace::open(path);
    gis::ensureRasterTables(ws.db());
    gis::Transaction tx(ws.db());
    gis::storeRaster(ws.db(), "luchtfoto", 2025, info);
    tx.commit();
    return path;
}

QImage directRender(render::MapRenderer& r, const render::MapView& view, const std::vector<render::RenderLayer>& layers)
{
    QImage img(view.size(), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    r.render(p, view, layers);
    return img;
}

/// Pixels whose largest channel difference exceeds `tolerance`.
std::size_t differingPixels(const QImage& a, const QImage& b, int tolerance)
{
    std::size_t n = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            const int d = std::max({std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)), std::abs(qBlue(p) - qBlue(q))});
            if (d > tolerance) ++n;
        }
    return n;
}

struct Fixture {
    riskmap::test::TempDir dir;
    std::shared_ptr<render::MapRenderer> renderer;
    std::vector<render::RenderLayer> layers;
    Fixture()
    {
        riskmap::test::renderApp();
        renderer = std::make_shared<render::MapRenderer>(buildWorkspace(dir));
        layers = renderer->defaultLayers();
    }
};

/// A view whose top-left pixel is global pixel (256·tx, 256·ty) at 1 m per pixel.
render::MapView alignedView(std::int64_t tx, std::int64_t ty, QSize size)
{
    const double x0 = double(tx) * render::kTilePixels, y0 = double(ty) * render::kTilePixels;
    return render::MapView(QPointF(x0 + size.width() / 2.0, -(y0 + size.height() / 2.0)), 1.0, size);
}

}  // namespace

TEST(TileGrid, SnapMovesLessThanHalfAPixelAndTilesCoverTheView)
{
    const render::MapView v(QPointF(150333.37, 450777.71), 0.73, QSize(1001, 603));
    const auto s = render::snapToGrid(v);
    EXPECT_LE(std::abs(s.centre().x() - v.centre().x()), 0.5 * 0.73 + 1e-9);
    EXPECT_LE(std::abs(s.centre().y() - v.centre().y()), 0.5 * 0.73 + 1e-9);
    // The snapped top-left corner is a whole global pixel.
    const double gx = s.extent().xmin / 0.73;
    EXPECT_NEAR(gx, std::round(gx), 1e-6);
    // 1001 px wide starting inside a tile spans ceil((off + 1001) / 256) columns.
    const auto tiles = render::tilesCovering(s);
    std::set<std::int64_t> cols, rows;
    for (auto [x, y] : tiles) cols.insert(x), rows.insert(y);
    const auto gx0 = std::llround(gx), gy0 = std::llround(-s.extent().ymax / 0.73);
    const auto off = ((gx0 % 256) + 256) % 256, offY = ((gy0 % 256) + 256) % 256;
    EXPECT_EQ(cols.size(), std::size_t((off + 1001 + 255) / 256));
    EXPECT_EQ(rows.size(), std::size_t((offY + 603 + 255) / 256));
    EXPECT_EQ(tiles.size(), cols.size() * rows.size());
    // Every tile's offset lies within (-256, width).
    for (auto [x, y] : tiles) {
        const QPoint o = render::tileOffset(s, x, y);
        EXPECT_GT(o.x(), -256);
        EXPECT_LT(o.x(), 1001);
    }
}

TEST(TileCache, EvictsLeastRecentlyUsed)
{
    render::TileCache cache(2);
    QImage a(1, 1, QImage::Format_ARGB32), b = a, c = a;
    a.fill(Qt::red), b.fill(Qt::green), c.fill(Qt::blue);
    render::TileKey ka, kb, kc;
    ka.x = 1, kb.x = 2, kc.x = 3;
    cache.insert(ka, a);
    cache.insert(kb, b);
    ASSERT_FALSE(cache.find(ka).isNull());  // a is now more recent than b
    cache.insert(kc, c);
    EXPECT_EQ(cache.size(), 2u);
    EXPECT_TRUE(cache.find(kb).isNull());
    EXPECT_EQ(cache.find(ka).pixelColor(0, 0), QColor(Qt::red));
    EXPECT_EQ(cache.find(kc).pixelColor(0, 0), QColor(Qt::blue));
}

TEST(TiledRenderer, ComposedTilesEqualADirectRender)
{
    Fixture f;
    render::TiledRenderer tiled(f.renderer);
    // Unaligned centre, odd size, 1.37 m per pixel: tiles straddle the view on every side.
    const render::MapView view(QPointF(X0 + 480.3, Y0 + 510.9), 1.37, QSize(613, 419));
    const auto res = tiled.render(view, f.layers);
    ASSERT_TRUE(res.complete);
    const QImage direct = directRender(*f.renderer, res.view, f.layers);
    ASSERT_EQ(res.image.size(), direct.size());
    // Something is drawn (not a blank canvas), and the two agree up to antialiasing noise.
    std::size_t nonWhite = 0;
    for (int y = 0; y < direct.height(); y += 3)
        for (int x = 0; x < direct.width(); x += 3) nonWhite += direct.pixel(x, y) != qRgb(255, 255, 255);
    EXPECT_GT(nonWhite, 10000u);
    const std::size_t bad = differingPixels(res.image, direct, 24);
    EXPECT_LT(bad, std::size_t(direct.width()) * direct.height() / 500) << bad << " pixels differ";
}

TEST(TiledRenderer, PanReusesTilesAndRedrawReusesAll)
{
    Fixture f;
    render::TiledRenderer tiled(f.renderer);
    // 1024×512 aligned to the grid at 1 m/px: exactly 4×2 tiles.
    const auto view = alignedView(586, -1761, QSize(1024, 512));
    auto first = tiled.render(view, f.layers);
    ASSERT_TRUE(first.complete);
    EXPECT_EQ(first.tilesTotal, 8u);
    EXPECT_EQ(first.tilesDrawn, 8u);
    auto again = tiled.render(view, f.layers);
    EXPECT_EQ(again.tilesReused, 8u);
    EXPECT_EQ(again.tilesDrawn, 0u);
    EXPECT_EQ(differingPixels(first.image, again.image, 0), 0u);
    // A quarter screen (256 px) to the east: one new column of two tiles.
    const auto panned = tiled.render(view.panned(-256, 0), f.layers);
    EXPECT_EQ(panned.tilesTotal, 8u);
    EXPECT_EQ(panned.tilesReused, 6u);
    EXPECT_EQ(panned.tilesDrawn, 2u);
    // The overlap shows the same pixels, shifted.
    EXPECT_EQ(differingPixels(first.image.copy(256, 0, 768, 512), panned.image.copy(0, 0, 768, 512), 0), 0u);
}

TEST(TiledRenderer, StyleChangeInvalidates)
{
    Fixture f;
    render::TiledRenderer tiled(f.renderer);
    const auto view = alignedView(586, -1761, QSize(512, 512));
    ASSERT_TRUE(tiled.render(view, f.layers).complete);
    auto layers = f.layers;
    for (auto& l : layers)
        if (l.name == "panden") l.style.symbol.fill = QColor(0, 200, 0);
    const auto res = tiled.render(view, layers);
    EXPECT_EQ(res.tilesReused, 0u);
    EXPECT_EQ(res.tilesDrawn, 4u);
    // The new colour is on screen: the direct render of the new style agrees.
    const QImage direct = directRender(*f.renderer, res.view, layers);
    EXPECT_LT(differingPixels(res.image, direct, 24), 512u * 512 / 500);
    std::size_t green = 0;
    for (int y = 0; y < 512; ++y)
        for (int x = 0; x < 512; ++x) green += res.image.pixel(x, y) == qRgb(0, 200, 0);
    EXPECT_GT(green, 500u);
    // Switching back finds the first tiles again.
    EXPECT_EQ(tiled.render(view, f.layers).tilesReused, 4u);
    // Data changed: invalidate forgets everything.
    tiled.invalidate();
    EXPECT_EQ(tiled.render(view, f.layers).tilesReused, 0u);
}

TEST(TiledRenderer, CancelStopsStaleTiles)
{
    Fixture f;
    render::TiledRenderer tiled(f.renderer);
    const auto view = alignedView(586, -1761, QSize(1024, 512));
    std::atomic<bool> cancel{true};
    auto res = tiled.render(view, f.layers, &cancel);
    EXPECT_FALSE(res.complete);
    EXPECT_TRUE(res.image.isNull());
    EXPECT_EQ(res.tilesDrawn, 0u);
    EXPECT_EQ(tiled.cache().size(), 0u);
    // Cancelled after the second tile (one thread): two are kept, the six others never drawn.
    cancel = false;
    render::TiledRenderOptions one;
    one.threads = 1;
    one.tileDrawn = [&](std::size_t drawn) {
        if (drawn == 2) cancel = true;
    };
    res = tiled.render(view, f.layers, &cancel, one);
    EXPECT_FALSE(res.complete);
    EXPECT_EQ(res.tilesDrawn, 2u);
    EXPECT_EQ(tiled.cache().size(), 2u);
    cancel = false;
    res = tiled.render(view, f.layers, &cancel);
    EXPECT_TRUE(res.complete);
    EXPECT_EQ(res.tilesReused, 2u);
    EXPECT_EQ(res.tilesDrawn, 6u);
}

TEST(TiledRenderer, PhotoPixelsComeFromTheRightSourcePixels)
{
    Fixture f;
    render::TiledRenderer tiled(f.renderer);
    std::vector<render::RenderLayer> photo;
    for (const auto& l : f.layers)
        if (l.raster) photo.push_back(l);
    ASSERT_EQ(photo.size(), 1u);
    // 1 m per pixel over the 2 m photo, unaligned to the 1024-px read blocks and the tiles.
    const render::MapView view(QPointF(X0 + 403, Y0 + 611), 1.0, QSize(700, 500));
    const auto res = tiled.render(view, photo);
    ASSERT_TRUE(res.complete);
    int checked = 0;
    for (int py = 3; py < 500; py += 37)
        for (int px = 5; px < 700; px += 41) {
            const QPointF w = res.view.toWorld(QPointF(px + 0.5, py + 0.5));
            const int col = int(std::floor((w.x() - X0) / 2)), row = int(std::floor((Y0 + 1000 - w.y()) / 2));
            if (col < 0 || col >= 500 || row < 0 || row >= 500) continue;
            const QColor c = res.image.pixelColor(px, py);
            EXPECT_EQ(c.red(), (col * 1 + row * 3) % 256) << px << "," << py;
            EXPECT_EQ(c.green(), (col * 2 + row * 3) % 256) << px << "," << py;
            EXPECT_EQ(c.blue(), (col * 3 + row * 3) % 256) << px << "," << py;
            ++checked;
        }
    EXPECT_GT(checked, 100);
}
