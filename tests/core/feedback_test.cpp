// SPDX-License-Identifier: GPL-3.0-or-later
// Progress throttling and cancel.
#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace riskmap;

TEST(Feedback, ReportsAtMostOncePerPercentAndEndsAtOne)
{
    std::vector<double> seen;
    core::Feedback feedback([&](const std::string&, double f) { seen.push_back(f); });
    feedback.beginStage("import", 10000);
    for (int i = 0; i < 10000; ++i) feedback.advance();
    ASSERT_FALSE(seen.empty());
    EXPECT_LE(seen.size(), 102u);
    EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

TEST(Feedback, CancelThrowsCancelledWithExitCode130)
{
    core::Feedback feedback;
    EXPECT_NO_THROW(feedback.checkCancelled());
    feedback.cancel();
    try {
        feedback.checkCancelled();
        FAIL() << "expected CancelledError";
    } catch (const CancelledError& e) {
        EXPECT_EQ(static_cast<int>(e.exitCode()), 130);
    }
}
