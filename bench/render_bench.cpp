// SPDX-License-Identifier: GPL-3.0-or-later
// Render benchmark: builds a synthetic municipality-sized workspace (every canonical layer and an
// aerial photo with overviews), or takes a real one, and times cold/warm full redraws and a pan of the
// tiled canvas path and the direct (export) path.
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/snapshot.hpp"
#include "riskmap/render/tiled_renderer.hpp"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QStringList>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

namespace {

using namespace riskmap;
using Wkb = std::vector<unsigned char>;

struct WkbOut {
    Wkb b;
    void u32(std::uint32_t v) { for (int i = 0; i < 4; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i))); }
    void f64(double d)
    {
        std::uint64_t v;
        std::memcpy(&v, &d, 8);
        for (int i = 0; i < 8; ++i) b.push_back(static_cast<unsigned char>(v >> (8 * i)));
    }
    void header(std::uint32_t t) { b.push_back(1); u32(t); }
};

Wkb point(double x, double y)
{
    WkbOut w;
    w.header(1);
    w.f64(x);
    w.f64(y);
    return w.b;
}

/// A MULTIPOLYGON of one ring; the ring is closed here.
Wkb polygon(const std::vector<std::pair<double, double>>& ring)
{
    WkbOut w;
    w.header(6);
    w.u32(1);
    w.header(3);
    w.u32(1);
    w.u32(static_cast<std::uint32_t>(ring.size() + 1));
    for (auto [x, y] : ring) w.f64(x), w.f64(y);
    w.f64(ring.front().first);
    w.f64(ring.front().second);
    return w.b;
}

Wkb line(const std::vector<std::pair<double, double>>& pts)
{
    WkbOut w;
    w.header(5);
    w.u32(1);
    w.header(2);
    w.u32(static_cast<std::uint32_t>(pts.size()));
    for (auto [x, y] : pts) w.f64(x), w.f64(y);
    return w.b;
}

/// A jittered box with `perSide` vertices on each side (like a digitised parcel).
std::vector<std::pair<double, double>> wobblyBox(double x0, double y0, double x1, double y1, int perSide, std::mt19937& rng)
{
    std::uniform_real_distribution<double> j(-0.8, 0.8);
    std::vector<std::pair<double, double>> r;
    for (int i = 0; i < perSide; ++i) r.emplace_back(x0 + (x1 - x0) * i / perSide, y0 + j(rng));
    for (int i = 0; i < perSide; ++i) r.emplace_back(x1 + j(rng), y0 + (y1 - y0) * i / perSide);
    for (int i = 0; i < perSide; ++i) r.emplace_back(x1 - (x1 - x0) * i / perSide, y1 + j(rng));
    for (int i = 0; i < perSide; ++i) r.emplace_back(x0 + j(rng), y1 - (y1 - y0) * i / perSide);
    return r;
}

constexpr double X0 = 150000, Y0 = 440000;

void buildWorkspace(const std::string& path, int side, double cell)
{
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> u(0, 1);
    auto ws = gis::Workspace::create(path);
    const double extent = side * cell;
    gis::Transaction tx(ws.db());
    ws.createLayerTable("studiegebied", {{"naam", "TEXT"}}, "MULTIPOLYGON");
    gis::LayerWriter(ws.db(), "studiegebied", {"naam"}, true)
        .insert({std::string("Bankgemeente")}, polygon(wobblyBox(X0, Y0, X0 + extent, Y0 + extent, 40, rng)));

    ws.createLayerTable("percelen", {{"perceel_id", "TEXT"}, {"landgebruik", "TEXT"}}, "MULTIPOLYGON");
    ws.createLayerTable("risico_percelen", {{"perceel_id", "TEXT"}, {"risico_klasse", "INTEGER"}}, "MULTIPOLYGON");
    ws.createLayerTable("panden", {{"pand_id", "TEXT"}, {"status", "TEXT"}}, "MULTIPOLYGON");
    ws.createLayerTable("verblijfsobjecten", {{"vbo_id", "TEXT"}, {"huisnummer", "INTEGER"}}, "POINT");
    ws.createLayerTable("vestigingen", {{"vestigingsnummer", "TEXT"}, {"handelsnaam", "TEXT"}, {"sbi_code", "TEXT"}}, "POINT");
    gis::LayerWriter perc(ws.db(), "percelen", {"perceel_id", "landgebruik"}, true);
    gis::LayerWriter risk(ws.db(), "risico_percelen", {"perceel_id", "risico_klasse"}, true);
    gis::LayerWriter pand(ws.db(), "panden", {"pand_id", "status"}, true);
    gis::LayerWriter vbo(ws.db(), "verblijfsobjecten", {"vbo_id", "huisnummer"}, true);
    gis::LayerWriter ves(ws.db(), "vestigingen", {"vestigingsnummer", "handelsnaam", "sbi_code"}, true);
    const char* sbi[] = {"4511", "0111", "6201", "4941", "6820", "5610", "8559"};
    std::int64_t n = 0;
    for (int i = 0; i < side; ++i)
        for (int j = 0; j < side; ++j) {
            const double x = X0 + i * cell, y = Y0 + j * cell;
            const std::string id = "BNK00-A-" + std::to_string(++n);
            const auto ring = wobblyBox(x, y, x + cell, y + cell, 3, rng);
            perc.insert({id, std::string("agrarisch")}, polygon(ring));
            risk.insert({id, std::int64_t(1 + std::min(4, int(std::pow(u(rng), 2.5) * 5)))}, polygon(ring));
            const int buildings = 1 + int(u(rng) * 2);
            for (int b = 0; b < buildings; ++b) {
                const double bx = x + 5 + u(rng) * (cell - 25), by = y + 5 + u(rng) * (cell - 25);
                const double w = 8 + u(rng) * 12, h = 8 + u(rng) * 10;
                pand.insert({std::to_string(1000000000000000 + n * 3 + b), std::string("Pand in gebruik")},
                            polygon({{bx, by}, {bx + w, by}, {bx + w, by + h}, {bx, by + h}}));
                vbo.insert({std::to_string(2000000000000000 + n * 3 + b), std::int64_t(b + 1)}, point(bx + w / 2, by + h / 2));
            }
            if (n % 5 == 0)
                ves.insert({std::to_string(100000000000 + n), "Bedrijf " + std::to_string(n), std::string(sbi[n % 7])},
                           point(x + cell / 2, y + cell / 2));
        }
    ws.createLayerTable("incidenten", {{"incident_id", "TEXT"}, {"soort", "TEXT"}}, "POINT");
    gis::LayerWriter inc(ws.db(), "incidenten", {"incident_id", "soort"}, true);
    for (int k = 0; k < 400; ++k) inc.insert({"I" + std::to_string(k), std::string("drugsafval")}, point(X0 + u(rng) * extent, Y0 + u(rng) * extent));
    ws.createLayerTable("wegen", {{"weg_id", "TEXT"}, {"wegtype", "TEXT"}}, "MULTILINESTRING");
    gis::LayerWriter weg(ws.db(), "wegen", {"weg_id", "wegtype"}, true);
    const char* types[] = {"autosnelweg", "hoofdweg", "regionale weg", "lokale weg", "lokale weg", "overig"};
    for (int k = 0; k <= side; k += 4) {
        std::vector<std::pair<double, double>> h, v;
        for (int s = 0; s <= side; ++s) {
            h.emplace_back(X0 + s * cell, Y0 + k * cell);
            v.emplace_back(X0 + k * cell, Y0 + s * cell);
        }
        weg.insert({"H" + std::to_string(k), std::string(types[(k / 4) % 6])}, line(h));
        weg.insert({"V" + std::to_string(k), std::string(types[(k / 4 + 3) % 6])}, line(v));
    }
    ws.createLayerTable("opritten", {{"oprit_id", "TEXT"}, {"naam", "TEXT"}}, "POINT");
    gis::LayerWriter opr(ws.db(), "opritten", {"oprit_id", "naam"}, true);
    for (int k = 0; k <= side; k += 40) opr.insert({"O" + std::to_string(k), "Afrit " + std::to_string(k)}, point(X0 + k * cell, Y0));
    ws.createLayerTable("bedrijventerreinen", {{"terrein_id", "TEXT"}, {"naam", "TEXT"}}, "MULTIPOLYGON");
    gis::LayerWriter bt(ws.db(), "bedrijventerreinen", {"terrein_id", "naam"}, true);
    bt.insert({std::string("T1"), std::string("De Poort")}, polygon(wobblyBox(X0 + extent * 0.2, Y0 + extent * 0.6, X0 + extent * 0.35, Y0 + extent * 0.72, 8, rng)));
    ws.createLayerTable("vakantieparken", {{"park_id", "TEXT"}, {"naam", "TEXT"}}, "MULTIPOLYGON");
    gis::LayerWriter vp(ws.db(), "vakantieparken", {"park_id", "naam"}, true);
    vp.insert({std::string("P1"), std::string("Bosrijk")}, polygon(wobblyBox(X0 + extent * 0.6, Y0 + extent * 0.2, X0 + extent * 0.75, Y0 + extent * 0.3, 8, rng)));
    tx.commit();
    for (const char* l : {"studiegebied", "percelen", "risico_percelen", "panden", "verblijfsobjecten", "vestigingen",
                          "incidenten", "wegen", "opritten", "bedrijventerreinen", "vakantieparken"})
        ws.ensureSpatialIndex(l);
}

/// An RGB GeoTIFF covering the area at `pixel` metres, tiled and deflated; a smooth pattern with noise.
std::string buildPhoto(const std::string& dir, double extent, double pixel)
{
    GDALAllRegister();
    const int n = int(extent / pixel);
    const std::string path = dir + "/luchtfoto.tif";
    char** opts = nullptr;
    opts = CSLSetNameValue(opts, "TILED", "YES");
    opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
    GDALDataset* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), n, n, 3, GDT_Byte, opts);
    CSLDestroy(opts);
    double gt[6] = {X0, pixel, 0, Y0 + extent, 0, -pixel};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    std::vector<unsigned char> row(std::size_t(n) * 3);
    std::mt19937 rng(7);
    for (int y = 0; y < n; ++y) {
        for (int x = 0; x < n; ++x) {
            const double f = 0.5 + 0.25 * std::sin(x * 0.013) + 0.25 * std::cos(y * 0.011);
            const int noise = int(rng() % 20);
            row[std::size_t(x) * 3 + 0] = static_cast<unsigned char>(60 + 80 * f + noise);
            row[std::size_t(x) * 3 + 1] = static_cast<unsigned char>(90 + 90 * f + noise);
            row[std::size_t(x) * 3 + 2] = static_cast<unsigned char>(50 + 50 * f + noise);
        }
        if (ds->RasterIO(GF_Write, 0, y, n, 1, row.data(), n, 1, GDT_Byte, 3, nullptr, 3, 0, 1, nullptr) != CE_None) std::abort();
    }
    GDALClose(ds);
    return path;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

/// Times one scenario set on `layers` at `box`: the direct renderer (as PDF/PNG exports use it)
/// and the tiled canvas path (cold, warm same view, new view with warm geometry, pan by 1/4 screen).
void benchLayers(const std::string& ws, const char* title, const std::vector<std::string>& names, const gis::Box* box,
                 int w, int h, double baselineWarm, const std::string& pngPrefix)
{
    std::printf("== %s ==\n", title);
    QElapsedTimer t;
    // Cold: a fresh renderer (geometry not yet decoded), as after opening the workspace.
    auto renderer = std::make_shared<render::MapRenderer>(ws);
    const auto layers = render::selectLayers(renderer->defaultLayers(), names);
    const auto full = box ? *box : *renderer->fullExtent(layers);
    const render::MapView view = render::snapToGrid(render::MapView(full, QSize(w, h)));
    render::TiledRenderer tiled(renderer);
    t.start();
    auto cold = tiled.render(view, layers);
    const double coldMs = t.nsecsElapsed() / 1e6;
    std::printf("  getegeld koud (eerste keer, incl. lezen): %7.1f ms (%zu tegels)\n", coldMs, cold.tilesDrawn);
    // Warm, same view: every tile from the cache (redraw after an overlay change, swipe, resize back).
    std::vector<double> warm, fresh, pan, direct;
    for (int i = 0; i < 7; ++i) {
        t.restart();
        auto r = tiled.render(view, layers);
        warm.push_back(t.nsecsElapsed() / 1e6);
        if (r.tilesDrawn != 0) std::printf("  !! warm tekende %zu tegels\n", r.tilesDrawn);
    }
    // Warm geometry, no tiles (a style change or a zoom): every tile drawn, on all cores.
    for (int i = 0; i < 5; ++i) {
        tiled.invalidate();
        t.restart();
        (void)tiled.render(view, layers);
        fresh.push_back(t.nsecsElapsed() / 1e6);
    }
    // The same with one thread: the cost of cutting into tiles, apart from the parallelism.
    std::vector<double> fresh1;
    render::TiledRenderOptions one;
    one.threads = 1;
    for (int i = 0; i < 3; ++i) {
        tiled.invalidate();
        t.restart();
        (void)tiled.render(view, layers, nullptr, one);
        fresh1.push_back(t.nsecsElapsed() / 1e6);
    }
    // Pan by a quarter screen width, back and forth: only the exposed column of tiles is new.
    std::size_t panDrawn = 0, panTotal = 0;
    for (int i = 0; i < 6; ++i) {
        tiled.invalidate();
        (void)tiled.render(view, layers);
        t.restart();
        auto r = tiled.render(view.panned(-w / 4.0 * (i % 2 ? 1 : -1), 0), layers);
        pan.push_back(t.nsecsElapsed() / 1e6);
        panDrawn = r.tilesDrawn, panTotal = r.tilesTotal;
    }
    // The same pan zoomed in four times on the centre, where every new tile holds data.
    std::vector<double> panIn;
    const render::MapView in = render::snapToGrid(render::MapView(view.centre(), view.resolution() / 4, view.size()));
    std::size_t panInDrawn = 0;
    for (int i = 0; i < 6; ++i) {
        tiled.invalidate();
        (void)tiled.render(in, layers);
        t.restart();
        auto r = tiled.render(in.panned(-w / 4.0 * (i % 2 ? 1 : -1), 0), layers);
        panIn.push_back(t.nsecsElapsed() / 1e6);
        panInDrawn = r.tilesDrawn;
    }
    std::vector<double> freshIn;
    for (int i = 0; i < 3; ++i) {
        tiled.invalidate();
        t.restart();
        (void)tiled.render(in, layers);
        freshIn.push_back(t.nsecsElapsed() / 1e6);
    }
    // The direct path (PNG/PDF exports): one thread, no tiles.
    QImage directImage;
    for (int i = 0; i < 5; ++i) {
        QImage img(view.size(), QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::white);
        QPainter p(&img);
        t.restart();
        renderer->render(p, view, layers);
        direct.push_back(t.nsecsElapsed() / 1e6);
        p.end();
        directImage = img;
    }
    const auto stats = renderer->lastStats();
    auto speed = [&](double ms) {
        if (baselineWarm > 0) std::printf("  (%.1fx sneller dan de oude %.0f ms)", baselineWarm / ms, baselineWarm);
        std::printf("\n");
    };
    std::printf("  getegeld warm, zelfde beeld:              %7.1f ms mediaan", median(warm));
    speed(median(warm));
    std::printf("  getegeld, nieuwe tegels (geometrie warm): %7.1f ms mediaan", median(fresh));
    speed(median(fresh));
    std::printf("  idem met 1 draad:                         %7.1f ms mediaan\n", median(fresh1));
    std::printf("  pan 1/4 scherm (%zu van %zu tegels nieuw):  %7.1f ms mediaan", panDrawn, panTotal, median(pan));
    speed(median(pan));
    std::printf("  4x ingezoomd, nieuwe tegels:              %7.1f ms mediaan\n", median(freshIn));
    std::printf("  4x ingezoomd, pan 1/4 (%zu nieuw):          %7.1f ms mediaan\n", panInDrawn, median(panIn));
    std::printf("  direct (export, 1 draad), warm:           %7.1f ms mediaan", median(direct));
    speed(median(direct));
    std::printf("  %zu objecten, %zu hoekpunten, %zu rasterpixels; %d kernen\n", stats.featuresDrawn, stats.verticesDrawn,
                stats.rasterPixels, int(std::thread::hardware_concurrency()));
    if (!pngPrefix.empty()) {
        cold.image.save(QString::fromStdString(pngPrefix + "-getegeld.png"));
        directImage.save(QString::fromStdString(pngPrefix + "-direct.png"));
    }
}

}  // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr,
                     "gebruik: render_bench MAP|WERKRUIMTE.sqlite [ZIJDE=200] [BxH=1600x1000] [OUD_WARM_MS] [OUD_S_WARM_MS]\n"
                     "  MAP: bouwt daar een synthetische werkruimte; een .sqlite-bestand wordt zo gebruikt.\n"
                     "  OUD_*: eerder gemeten warme tijden (oude renderer) om de versnelling te tonen.\n"
                     "       render_bench --workspace WS.sqlite BxH LAAG,LAAG,... UIT.png  (directe weergave, bench/render_vs_qgis.sh)\n");
        return 2;
    }
    if (std::string(argv[1]) == "--workspace" && argc > 5) {
        // An existing workspace (bench/render_vs_qgis.sh): only the named layers, over their full extent.
        int w = 1600, h = 1000;
        std::sscanf(argv[3], "%dx%d", &w, &h);
        const QStringList names = QString(argv[4]).split(',');
        render::MapRenderer renderer(argv[2]);
        auto layers = renderer.defaultLayers();
        std::erase_if(layers, [&](const render::RenderLayer& l) { return !names.contains(QString::fromStdString(l.name)); });
        for (auto& l : layers) l.visible = true;  // named layers are drawn even where the default view hides them
        std::vector<render::RenderLayer> vectors;
        for (const auto& l : layers)
            if (!l.raster) vectors.push_back(l);
        const auto full = *renderer.fullExtent(vectors);
        render::SnapshotOptions plain;
        plain.decorations = false;
        const render::MapView view(full, QSize(w, h));
        QElapsedTimer t;
        t.start();
        const QImage first = render::renderToImage(renderer, layers, view, plain);
        const double cold = t.nsecsElapsed() / 1e6;
        std::vector<double> warm;
        for (int i = 0; i < 7; ++i) {
            t.restart();
            (void)render::renderToImage(renderer, layers, view, plain);
            warm.push_back(t.nsecsElapsed() / 1e6);
        }
        const auto stats = renderer.lastStats();
        std::printf("lagen %zu, extent %.0f %.0f %.0f %.0f\ncold_ms %.1f\nwarm_median_ms %.1f\nwarm_min_ms %.1f\n"
                    "objecten %zu\nhoekpunten %zu\nrasterpixels %zu\n",
                    layers.size(), full.xmin, full.ymin, full.xmax, full.ymax, cold, median(warm),
                    *std::min_element(warm.begin(), warm.end()), stats.featuresDrawn, stats.verticesDrawn, stats.rasterPixels);
        first.save(QString::fromUtf8(argv[5]));
        return 0;
    }
    const std::string arg = argv[1];
    const int side = argc > 2 ? std::atoi(argv[2]) : 200;
    int w = 1600, h = 1000;
    if (argc > 3) std::sscanf(argv[3], "%dx%d", &w, &h);
    const double oldAll = argc > 4 ? std::atof(argv[4]) : 0, oldS = argc > 5 ? std::atof(argv[5]) : 0;
    std::string ws = arg, dir = std::filesystem::path(arg).parent_path().string();
    if (!arg.ends_with(".sqlite")) {
        const double cell = 60;
        dir = arg;
        std::filesystem::create_directories(dir);
        ws = dir + "/bench.sqlite";
        if (!std::filesystem::exists(ws)) {
            QElapsedTimer t;
            t.start();
            buildWorkspace(ws, side, cell);
            const auto photo = buildPhoto(dir, side * cell, 1.0);
            auto info = gis::registerRaster(photo, ws);
            auto w2 = gis::Workspace::open(ws);
            gis::ensureRasterTables(w2.db());
            gis::Transaction tx(w2.db());
            gis::storeRaster(w2.db(), "luchtfoto", 2025, info);
            tx.commit();
            std::printf("werkruimte gebouwd in %.1f s\n", t.elapsed() / 1000.0);
        }
    }
    if (dir.empty()) dir = ".";
    std::printf("%dx%d px, volledig gebied\n", w, h);
    // Scale S as issue #6 defines it: all parcels, panden, vestigingen and the aerial photo.
    benchLayers(ws, "schaal S: luchtfoto, percelen, panden, vestigingen", {"luchtfoto", "percelen", "panden", "vestigingen"},
                nullptr, w, h, oldS, dir + "/bench-S");
    benchLayers(ws, "alle standaardlagen", {}, nullptr, w, h, oldAll, dir + "/bench-alle");
    return 0;
}
