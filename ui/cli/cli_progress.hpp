// SPDX-License-Identifier: GPL-3.0-or-later
// Progress of long steps on stderr, for the command line.
#pragma once

#include "riskmap/core/feedback.hpp"

namespace riskmap::cli {

/// A Feedback whose reports are printed to stderr (and that Ctrl-C cancels): a rewriting line on a
/// terminal, one line per 10 % otherwise (logs and tests read those).
core::Feedback makeCliFeedback();

}  // namespace riskmap::cli
