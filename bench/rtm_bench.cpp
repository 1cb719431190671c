// SPDX-License-Identifier: GPL-3.0-or-later
// Times the Risk Terrain Model step of `riskmap build` alone on a built workspace (scale runs).
//
// Usage: rtm_bench WS [PROJECT]
// Runs buildRiskTerrainModel exactly as `riskmap build` does after the other maps (it writes
// rtm_risico and an rk_runs row: use a copy). Prints each progress stage with the seconds since
// the start and the peak resident size so far, then the report and its stage timings.
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/build_all.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/terrain_model.hpp"

#include <chrono>
#include <cstdio>
#include <exception>
#include <fstream>
#include <mutex>
#include <string>

using namespace riskmap;

namespace {
using Clock = std::chrono::steady_clock;

/// VmHWM of this process in MB (Linux); 0 elsewhere.
double peakMegabytes()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        status.ignore(4096, '\n');
    }
    return 0.0;
}
}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "gebruik: rtm_bench WS [PROJECT]\n");
        return 2;
    }
    try {
        const auto settings = layers::BuildSettings::load(argc > 2 ? argv[2] : "");
        auto ws = gis::Workspace::open(argv[1]);
        const auto reference = layers::defaultReferenceDate(ws.db()).value_or(core::todayUtc());
        const auto start = Clock::now();
        std::string last;
        std::mutex mutex;  // folds report from their own threads
        core::Feedback feedback([&](const std::string& stage, double fraction) {
            std::lock_guard lock(mutex);
            if (stage == last && fraction < 1.0) return;
            last = stage;
            std::fprintf(stderr, "%8.1f s  %6.0f MB piek  %s %s\n",
                         std::chrono::duration<double>(Clock::now() - start).count(), peakMegabytes(), stage.c_str(),
                         fraction >= 1.0 ? "klaar" : "begint");
        });
        const auto report = layers::buildRiskTerrainModel(ws, settings.grid, reference, feedback);
        std::printf("%s", report.text.c_str());
        for (const auto& [name, seconds] : report.seconds) std::printf("%s_s %.2f\n", name.c_str(), seconds);
        std::printf("piek_mb %.0f\n", peakMegabytes());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fout: %s\n", e.what());
        return 1;
    }
    return 0;
}
