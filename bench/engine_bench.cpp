// SPDX-License-Identifier: GPL-3.0-or-later
// Times the default indicators (reading the workspace included) and the quartic KDE grid on a workspace.
//
// Usage: engine_bench WS [BANDWIDTH_M] [CELL_SIZE_M]
// Prints `indicatoren_s`, `lezen_s` (reading the same input layers alone, as the engine reads them), `kde_s`
// and sizes as `key value` lines for bench/postgis_vs_riskmap.sh.
// The indicators run exactly as in `riskmap build` (EngineSettings::defaults(), defaultReferenceDate);
// the KDE is the gelegenheidskaart's kde column (incidents of the last 3 years, cells of the study grid).
// The engine's own stage timings follow as `fase_<stage> seconds` lines (layers read, points on surface,
// preparation, the per-parcel loop). ENGINE_BENCH_ONLY=<indicator>[,<indicator>...] times those alone;
// ENGINE_BENCH_PER_INDICATOR=1 also times each one on its own (its layer load included).
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/kde.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/study_grid.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

using namespace riskmap;

namespace {
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "gebruik: engine_bench WS [BANDBREEDTE_M] [CELGROOTTE_M]\n");
        return 2;
    }
    try {
        const double bandwidth = argc > 2 ? std::stod(argv[2]) : 0.0;
        const double cellSize = argc > 3 ? std::stod(argv[3]) : 100.0;
        core::Feedback feedback;
        auto t = Clock::now();
        auto ws = gis::Workspace::open(argv[1]);
        auto& db = ws.db();
        auto settings = layers::EngineSettings::defaults();
        if (const char* only = std::getenv("ENGINE_BENCH_ONLY")) {
            // One name, or several separated by commas.
            const std::string names = std::string(",") + only + ",";
            std::erase_if(settings.indicators, [&](const auto& spec) { return names.find("," + spec.name + ",") == std::string::npos; });
        }
        const auto reference = layers::defaultReferenceDate(db).value_or(core::todayUtc());
        const auto parcels = gis::FeatureSet::load(db, "percelen", {"perceel_id", "gemeente"}, true);
        std::printf("percelen_lezen %.4f\n", since(t));
        const auto table = layers::computeIndicators(db, parcels, settings, reference, feedback);
        const double indicatorSeconds = since(t);
        std::printf("percelen %zu\nindicatoren_s %.4f\n", parcels.size(), indicatorSeconds);
        for (const auto& [stage, seconds] : table.seconds) std::printf("fase_%s %.4f\n", stage.c_str(), seconds);
        // Reading alone: percelen and every layer the indicators use, into memory as the engine reads them.
        t = Clock::now();
        {
            const auto p = gis::FeatureSet::load(db, "percelen", {"perceel_id", "gemeente"}, true);
            for (const auto& [layer, columns] : layers::indicatorInputs(db, settings))
                (void)layers::loadIndicatorLayer(db, layer, columns);
        }
        std::printf("lezen_s %.4f\n", since(t));
        if (std::getenv("ENGINE_BENCH_PER_INDICATOR")) {
            // One indicator at a time (its layer load included) to find the slow one.
            for (const auto& spec : settings.indicators) {
                auto one = settings;
                one.indicators = {spec};
                t = Clock::now();
                layers::computeIndicators(db, parcels, one, reference, feedback);
                std::printf("  %-28s %.3f s\n", spec.name.c_str(), since(t));
            }
        }
        if (bandwidth > 0) {
            const auto grid = layers::buildStudyGrid(db, cellSize, feedback);
            t = Clock::now();
            const auto points = layers::incidentsInWindow(db, reference, 3);
            const auto density = core::stats::quarticDensity(grid.spec, points, bandwidth, {}, nullptr);
            std::printf("cellen %zu\nincidenten %zu\nkde_s %.4f\n", grid.size(), points.size(), since(t));
            (void)density;
        }
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fout: %s\n", e.what());
        return 1;
    }
}
