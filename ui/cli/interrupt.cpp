// SPDX-License-Identifier: GPL-3.0-or-later
// Ctrl-C on the command line: cancel the running step cleanly (exit 130), a second Ctrl-C stops at once.
#include "interrupt.hpp"

#include <signal.h>
#include <unistd.h>

namespace riskmap::cli {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the flag is set from a signal handler");

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
    constexpr char message[] = "\nriskmap: afbreken na de lopende stap (nogmaals Ctrl-C: direct stoppen)\n";
    [[maybe_unused]] const auto written = write(STDERR_FILENO, message, sizeof message - 1);
}

}  // namespace

void installInterruptHandler()
{
    struct sigaction previous {};
    if (sigaction(SIGINT, nullptr, &previous) == 0 && previous.sa_handler == SIG_IGN) return;
    struct sigaction action {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    // The first Ctrl-C asks politely; the handler then reverts to the default, so the second one kills.
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
}

const std::atomic<bool>& interruptFlag() { return g_interrupted; }

}  // namespace riskmap::cli
