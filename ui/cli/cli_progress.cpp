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
    return core::Feedback(
        [tty, lastTenth, lastStage, stageStart](const std::string& stage, double fraction) {
        const auto now = std::chrono::steady_clock::now();
        if (stage != *lastStage) {
            *lastStage = stage;
            *lastTenth = -1;
            *stageStart = now;
        }
        // Quiet for steps shorter than a second: progress is for long work.
        if (now - *stageStart < std::chrono::seconds(1)) return;
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
