// SPDX-License-Identifier: GPL-3.0-or-later
// Progress printing for the command line.
#include "cli_progress.hpp"

#include "interrupt.hpp"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string>

namespace riskmap::cli {

core::Feedback makeCliFeedback()
{
    const bool tty = isatty(STDERR_FILENO) != 0;
    auto lastTenth = std::make_shared<int>(-1);
    auto lastStage = std::make_shared<std::string>();
    auto stageStart = std::make_shared<std::chrono::steady_clock::time_point>();
    auto printed = std::make_shared<bool>(false);
    return core::Feedback(
        [tty, lastTenth, lastStage, stageStart, printed](const std::string& stage, double fraction) {
            const auto now = std::chrono::steady_clock::now();
            // The report (stdout) written so far goes out before any progress (stderr): with both sent
            // to one file, a report line is then never cut in two by a progress line.
            auto flushReport = [] { std::fflush(stdout); };
            if (stage != *lastStage) {
                // A stage without measurable progress (an index, a commit) says afterwards how long it took,
                // so a long silence is never left unexplained.
                const double seconds = std::chrono::duration<double>(now - *stageStart).count();
                if (!lastStage->empty() && !*printed && seconds >= 1.0) {
                    flushReport();
                    std::fprintf(stderr, "%s: klaar na %.0f s\n", lastStage->c_str(), seconds);
                }
                *lastStage = stage;
                *lastTenth = -1;
                *stageStart = now;
                *printed = false;
            }
            // Quiet for steps shorter than a second: progress is for long work.
            if (now - *stageStart < std::chrono::seconds(1)) return;
            *printed = true;
            flushReport();
            const int percent = static_cast<int>(std::floor(fraction * 100.0));
            if (tty) {
                std::fprintf(stderr, "\r%s: %3d%%%s", stage.c_str(), percent, fraction >= 1.0 ? "\n" : "");
                std::fflush(stderr);
                return;
            }
            const int tenth = percent / 10;
            if (tenth > *lastTenth) {
                *lastTenth = tenth;
                std::fprintf(stderr, "%s: %d%%\n", stage.c_str(), tenth * 10);
            }
        },
        &interruptFlag());
}

}  // namespace riskmap::cli
