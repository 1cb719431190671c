// SPDX-License-Identifier: GPL-3.0-or-later
// riskmap-gui: the desktop app, or with --snapshot an offscreen render to PNG.
#include "app_options.hpp"
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "zone_controller.hpp"
#include "zone_edit_tool.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/render/snapshot.hpp"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

using namespace riskmap;

int snapshot(const desktop::AppOptions& o)
{
    render::MapRenderer renderer(o.workspace.toStdString());
    std::vector<std::string> names;
    for (const auto& l : o.layers) names.push_back(l.toStdString());
    const auto layers = render::selectLayers(renderer.defaultLayers(), names);
    const auto box = o.extent ? o.extent : renderer.fullExtent(layers);
    if (!box) throw UsageError("niets te tekenen: de gekozen lagen zijn leeg");
    const render::MapView view(*box, o.size);
    QElapsedTimer cold;
    cold.start();
    const QImage image = render::renderToImage(renderer, layers, view);
    const double coldMs = cold.nsecsElapsed() / 1e6;
    if (!image.save(o.snapshot, "PNG")) throw Error("kan '" + o.snapshot.toStdString() + "' niet schrijven");
    const auto stats = renderer.lastStats();
    std::printf("%s: %zu objecten, %zu hoekpunten, %zu rasterpixels; eerste keer %.1f ms (incl. lezen)\n",
                o.snapshot.toUtf8().constData(), stats.featuresDrawn, stats.verticesDrawn, stats.rasterPixels, coldMs);
    for (const auto& notice : stats.notices) std::fprintf(stderr, "waarschuwing: %s\n", notice.c_str());
    if (o.timingRepeats > 0) {
        // Warm redraws of the same view: what the canvas pays after the cache is filled.
        std::vector<double> times;
        render::SnapshotOptions plain;
        plain.decorations = false;
        for (int i = 0; i < o.timingRepeats; ++i) {
            QElapsedTimer t;
            t.start();
            (void)render::renderToImage(renderer, layers, view, plain);
            times.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(times.begin(), times.end());
        std::printf("opnieuw tekenen %dx bij %dx%d: mediaan %.1f ms, min %.1f ms, max %.1f ms\n", o.timingRepeats,
                    o.size.width(), o.size.height(), times[times.size() / 2], times.front(), times.back());
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("riskmap-gui"));
    QApplication::setOrganizationName(QStringLiteral("Risicokaart"));
    QStringList args = QApplication::arguments();
    args.removeFirst();
    if (args.contains("--help") || args.contains("-h")) {
        std::fputs(desktop::appUsage().toUtf8().constData(), stdout);
        return 0;
    }
    try {
        const auto options = desktop::parseAppOptions(args);
        // Dutch by default: the users are Dutch analysts, often on a C or English-language system.
        // English (the source strings) with --lang en, or when the system speaks a third language.
        const auto systemLanguage = QLocale::system().language();
        const bool dutch = options.language.isEmpty()
                               ? (systemLanguage == QLocale::Dutch || systemLanguage == QLocale::C || systemLanguage == QLocale::English)
                               : options.language == "nl";
        QTranslator translator;
        if (dutch && translator.load(QStringLiteral(":/i18n/riskmap_nl.qm"))) app.installTranslator(&translator);
        if (!options.snapshot.isEmpty()) return snapshot(options);
        desktop::MainWindow window;
        window.setViewPurpose(options.purpose);  // before opening: the first views are logged with it
        if (!options.workspace.isEmpty()) window.openWorkspace(options.workspace);
        if (!options.project.isEmpty()) window.setProjectFile(options.project);
        // --layers and --extent as for --snapshot: the window opens on that view.
        if (!options.layers.isEmpty()) window.showOnlyLayers(options.layers);
        if (options.extent) window.canvas()->zoomToBox(*options.extent);
        window.show();
        if (!options.editZone.isEmpty()) {
            window.zones()->actions().edit->trigger();
            if (!window.zones()->editTool()->selectZone(options.editZone.toStdString()))
                throw UsageError("onbekende risicozone " + options.editZone.toStdString());
        }
        if (!options.grabWindow.isEmpty()) {
            // For docs and checks: the real window, as drawn by the platform, after the first render.
            QObject::connect(window.canvas(), &desktop::MapCanvas::renderFinished, &app, [&] {
                QTimer::singleShot(300, &app, [&] {
                    const bool ok = window.grab().save(options.grabWindow);
                    std::fprintf(ok ? stdout : stderr, "%s %s\n", ok ? "opgeslagen:" : "kan niet opslaan:",
                                 options.grabWindow.toUtf8().constData());
                    app.exit(ok ? 0 : 1);
                });
            }, Qt::SingleShotConnection);
        }
        return app.exec();
    } catch (const riskmap::Error& e) {
        std::fprintf(stderr, "riskmap-gui: %s\n", e.what());
        return static_cast<int>(e.exitCode());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "riskmap-gui: %s\n", e.what());
        return 1;
    }
}
