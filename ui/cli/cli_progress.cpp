// SPDX-License-Identifier: GPL-3.0-or-later
// Progress printing for the command line.
#include "cli_progress.hpp"

#include <unistd.h>

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
    return core::Feedback([tty, lastTenth, lastStage](const std::string& stage, double fraction) {
        const int percent = static_cast<int>(std::floor(fraction * 100.0));
        if (tty) {
            std::fprintf(stderr, "\r%s: %3d%%%s", stage.c_str(), percent, fraction >= 1.0 ? "\n" : "");
            std::fflush(stderr);
            return;
        }
        if (stage != *lastStage) {
            *lastStage = stage;
            *lastTenth = -1;
        }
        const int tenth = percent / 10;
        if (tenth > *lastTenth) {
            *lastTenth = tenth;
            std::fprintf(stderr, "%s: %d%%\n", stage.c_str(), tenth * 10);
        }
    });
}

}  // namespace riskmap::cli
