// SPDX-License-Identifier: GPL-3.0-or-later
// Ctrl-C on the command line: cancel the running step cleanly (exit 130), a second Ctrl-C stops at once.
#pragma once

#include <atomic>

namespace riskmap::cli {

/// Routes SIGINT to interruptFlag(). Keeps SIGINT ignored when the process was started with it ignored
/// (a background job of a script), as shells expect.
void installInterruptHandler();

/// Set by the first SIGINT; every CLI Feedback reads it, so long loops throw CancelledError and their
/// transactions roll back and temporary files are removed on the way out.
const std::atomic<bool>& interruptFlag();

}  // namespace riskmap::cli
