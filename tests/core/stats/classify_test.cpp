// SPDX-License-Identifier: GPL-3.0-or-later
// Class breaks and normalisation against hand-made data and exhaustive search.
#include "riskmap/core/error.hpp"
#include "riskmap/core/stats/classify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace riskmap::core::stats;

namespace {

/// Plain O(k·n²) Fisher DP: the optimal within-class sum of squares.
double bruteOptimalSse(std::vector<double> x, int k)
{
    std::sort(x.begin(), x.end());
    const std::size_t n = x.size();
    auto sse = [&](std::size_t a, std::size_t b) {
        double m = 0;
        for (std::size_t i = a; i <= b; ++i) m += x[i];
        m /= double(b - a + 1);
        double s = 0;
        for (std::size_t i = a; i <= b; ++i) s += (x[i] - m) * (x[i] - m);
        return s;
    };
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> d(std::size_t(k), std::vector<double>(n, inf));
    for (std::size_t i = 0; i < n; ++i) d[0][i] = sse(0, i);
    for (std::size_t m = 1; m < std::size_t(k); ++m)
        for (std::size_t i = m; i < n; ++i)
            for (std::size_t j = m; j <= i; ++j) d[m][i] = std::min(d[m][i], d[m - 1][j - 1] + sse(j, i));
    return d[std::size_t(k) - 1][n - 1];
}

}  // namespace

TEST(Classify, QuantileBreaksByHand)
{
    const std::vector<double> v{10, 9, 8, 7, 6, 5, 4, 3, 2, 1, std::nan("")};
    EXPECT_EQ(quantileBreaks(v, 5), (std::vector<double>{2, 4, 6, 8, 10}));
    // n = 10, k = 4: positions ceil(2.5) = 3, 5, ceil(7.5) = 8, 10 → values 3, 5, 8, 10.
    EXPECT_EQ(quantileBreaks(v, 4), (std::vector<double>{3, 5, 8, 10}));
    EXPECT_THROW(quantileBreaks(std::vector<double>{}, 5), riskmap::InputError);
    EXPECT_THROW(quantileBreaks(v, 0), riskmap::InputError);
}

TEST(Classify, JenksFindsObviousGroups)
{
    const std::vector<double> v{21, 1, 12, 2, 3, 10, 11, 20, 22};
    EXPECT_EQ(jenksBreaks(v, 3), (std::vector<double>{3, 12, 22}));
    // Within-class SS: three groups of {a−1, a, a+1} → 2 each = 6.
    EXPECT_DOUBLE_EQ(withinClassSumOfSquares(v, jenksBreaks(v, 3)), 6.0);
    // Fewer distinct values than classes: one class per value.
    EXPECT_EQ(jenksBreaks(std::vector<double>{5, 5, 7, 7, 7}, 5), (std::vector<double>{5, 7}));
}

TEST(Classify, JenksIsOptimalAgainstPlainDynamicProgramme)
{
    std::mt19937_64 rng(5);
    std::lognormal_distribution<double> ln(0.0, 1.0);
    for (int trial = 0; trial < 20; ++trial) {
        std::vector<double> v(60 + trial * 7);
        for (auto& x : v) x = std::round(ln(rng) * 20.0) / 4.0;  // ties on purpose
        for (int k : {2, 3, 5, 7}) {
            const auto breaks = jenksBreaks(v, k);
            ASSERT_EQ(breaks.size(), std::size_t(k));
            EXPECT_TRUE(std::is_sorted(breaks.begin(), breaks.end()));
            const double brute = bruteOptimalSse(v, k);
            EXPECT_NEAR(withinClassSumOfSquares(v, breaks), brute, 1e-9 * std::max(1.0, brute))
                << "trial " << trial << " k " << k;
        }
    }
}

TEST(Classify, JenksHandlesManyValues)
{
    std::mt19937_64 rng(9);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::vector<double> v(100000);
    for (auto& x : v) x = nd(rng);
    const auto breaks = jenksBreaks(v, 5);
    ASSERT_EQ(breaks.size(), 5U);
    EXPECT_EQ(breaks.back(), *std::max_element(v.begin(), v.end()));
    // Symmetric data: the middle class straddles 0.
    EXPECT_LT(breaks[1], 0.0);
    EXPECT_GT(breaks[2], 0.0);
}

TEST(Classify, ClassOfByHand)
{
    const std::vector<double> b{2, 4, 6};
    EXPECT_EQ(classOf(-5, b), 1);
    EXPECT_EQ(classOf(2, b), 1);
    EXPECT_EQ(classOf(2.5, b), 2);
    EXPECT_EQ(classOf(4, b), 2);
    EXPECT_EQ(classOf(6, b), 3);
    EXPECT_EQ(classOf(7, b), 3);
    EXPECT_EQ(classOf(std::nan(""), b), 0);
}

TEST(Classify, RankNormaliseAveragesTies)
{
    // Ranks 1, 2.5, 2.5, 4 of n = 4 → (r − 1)/3 = 0, 0.5, 0.5, 1.
    const auto r = rankNormalise(std::vector<double>{10, 20, 20, 30, std::nan("")});
    EXPECT_DOUBLE_EQ(r[0], 0.0);
    EXPECT_DOUBLE_EQ(r[1], 0.5);
    EXPECT_DOUBLE_EQ(r[2], 0.5);
    EXPECT_DOUBLE_EQ(r[3], 1.0);
    EXPECT_TRUE(std::isnan(r[4]));
    // 30, 10, 20 → 1, 0, 0.5; all equal → 0.5.
    EXPECT_EQ(rankNormalise(std::vector<double>{30, 10, 20}), (std::vector<double>{1.0, 0.0, 0.5}));
    EXPECT_EQ(rankNormalise(std::vector<double>{4, 4, 4}), (std::vector<double>{0.5, 0.5, 0.5}));
}

TEST(Classify, ZScoreByHand)
{
    // Mean 2, population sd √(2/3): z = ∓√1.5.
    const auto z = zScoreNormalise(std::vector<double>{1, 2, 3, std::nan("")});
    EXPECT_NEAR(z[0], -std::sqrt(1.5), 1e-12);
    EXPECT_NEAR(z[1], 0.0, 1e-12);
    EXPECT_NEAR(z[2], std::sqrt(1.5), 1e-12);
    EXPECT_TRUE(std::isnan(z[3]));
    for (double v : zScoreNormalise(std::vector<double>(7, 0.1))) EXPECT_EQ(v, 0.0);
    for (double v : zScoreNormalise(std::vector<double>{5})) EXPECT_EQ(v, 0.0);
}
