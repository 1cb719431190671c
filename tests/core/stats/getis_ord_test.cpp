// SPDX-License-Identifier: GPL-3.0-or-later
// Gi* against hand arithmetic, a brute-force implementation, symmetry and FDR.
#include "riskmap/core/error.hpp"
#include "riskmap/core/stats/getis_ord.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace riskmap::core::stats;

namespace {

/// Straight from the formula with an explicit weight per pair of cells.
std::vector<double> bruteGiStar(const GridSpec& g, const std::vector<double>& x, double d)
{
    double n = 0, sx = 0, sx2 = 0;
    for (double v : x)
        if (!std::isnan(v)) { n += 1; sx += v; sx2 += v * v; }
    const double mean = sx / n, s = std::sqrt(sx2 / n - mean * mean);
    std::vector<double> z(x.size(), std::nan(""));
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            if (std::isnan(x[g.index(c, r)])) continue;
            double sw = 0, sw2 = 0, swx = 0;
            for (std::size_t r2 = 0; r2 < g.rows; ++r2)
                for (std::size_t c2 = 0; c2 < g.cols; ++c2) {
                    const double v = x[g.index(c2, r2)];
                    if (std::isnan(v)) continue;
                    const Point2 a = g.centre(c, r), b = g.centre(c2, r2);
                    const double w = std::hypot(a.x - b.x, a.y - b.y) <= d + 1e-9 ? 1.0 : 0.0;
                    sw += w; sw2 += w * w; swx += w * v;
                }
            z[g.index(c, r)] = (swx - mean * sw) / (s * std::sqrt((n * sw2 - sw * sw) / (n - 1)));
        }
    return z;
}

std::vector<double> smoothRandomField(const GridSpec& g, unsigned seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::vector<double> x(g.cellCount());
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c)
            x[g.index(c, r)] = nd(rng) + 3.0 * std::exp(-(std::pow(c - 6.0, 2) + std::pow(r - 5.0, 2)) / 8.0);
    return x;
}

}  // namespace

TEST(GetisOrd, ThreeByThreeByHand)
{
    // Values: 10 in the top-left cell, 0 elsewhere; cells of 1 m, band 1 m (self + rook).
    // n = 9, X̄ = 10/9, S = √(100/9 − 100/81) = √800/9 = 20√2/9.
    // Top-left: Σw = 3, Σwx = 10 → (10 − 30/9) / (20√2/9 · √((27 − 9)/8)) = (20/3)/(10√2/3) = √2.
    // Top-middle: Σw = 4, Σwx = 10 → (50/9)/(20√2/9 · √((36 − 16)/8)) = (50/9)/(20√5/9) = √5/2.
    // Centre: Σw = 5, Σwx = 0 → (−50/9)/(20√5/9) = −√5/2 (√((45 − 25)/8) = √2.5 as well).
    // Bottom-right: Σw = 3, Σwx = 0 → (−30/9)/(10√2/3) = −1/√2.
    const GridSpec g{0.0, 3.0, 1.0, 3, 3};
    std::vector<double> x(9, 0.0);
    x[0] = 10.0;
    const auto res = getisOrdGiStar(g, x, {1.0, false});
    EXPECT_NEAR(res.z[g.index(0, 0)], std::sqrt(2.0), 1e-12);
    EXPECT_NEAR(res.z[g.index(1, 0)], std::sqrt(5.0) / 2.0, 1e-12);
    EXPECT_NEAR(res.z[g.index(1, 1)], -std::sqrt(5.0) / 2.0, 1e-12);
    EXPECT_NEAR(res.z[g.index(2, 2)], -1.0 / std::sqrt(2.0), 1e-12);
    // p(√2) = erfc(1) = 0.157299...: not significant.
    EXPECT_NEAR(res.p[0], 0.1572992070502851, 1e-12);
    EXPECT_EQ(res.bin[0], 0);
    EXPECT_EQ(res.n, 9U);
}

TEST(GetisOrd, MatchesBruteForceWithHolesAndBins)
{
    const GridSpec g{1000.0, 2000.0, 50.0, 13, 11};
    auto x = smoothRandomField(g, 11);
    x[g.index(0, 0)] = std::nan("");
    x[g.index(7, 3)] = std::nan("");
    const auto res = getisOrdGiStar(g, x, {125.0, false});
    const auto z = bruteGiStar(g, x, 125.0);
    int significant = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isnan(x[i])) {
            EXPECT_TRUE(std::isnan(res.z[i]));
            EXPECT_EQ(res.bin[i], 0);
            continue;
        }
        ASSERT_NEAR(res.z[i], z[i], 1e-9) << i;
        const double az = std::fabs(z[i]);
        // Critical z for two-sided 90/95/99 %: 1.6449, 1.9600, 2.5758.
        const int level = az > 2.5758293 ? 3 : az > 1.9599640 ? 2 : az > 1.6448536 ? 1 : 0;
        EXPECT_EQ(std::abs(res.bin[i]), level) << i;
        if (level > 0) {
            EXPECT_EQ(res.bin[i] > 0, z[i] > 0);
        }
        significant += level > 0;
    }
    EXPECT_GT(significant, 3);  // the planted bump is found
    EXPECT_EQ(res.n, x.size() - 2);
}

TEST(GetisOrd, SymmetricFieldGivesMirroredAndNegatedScores)
{
    const GridSpec g{0.0, 7.0, 1.0, 8, 7};
    std::vector<double> x(g.cellCount());
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            const double m = std::min(c, g.cols - 1 - c);  // mirror-symmetric in columns
            x[g.index(c, r)] = m * m + 0.3 * static_cast<double>(r);
        }
    const auto res = getisOrdGiStar(g, x, {2.0, false});
    std::vector<double> neg(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) neg[i] = 5.0 - 2.0 * x[i];  // affine, negative slope
    const auto resNeg = getisOrdGiStar(g, neg, {2.0, false});
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c) {
            EXPECT_NEAR(res.z[g.index(c, r)], res.z[g.index(g.cols - 1 - c, r)], 1e-12);
            EXPECT_NEAR(resNeg.z[g.index(c, r)], -res.z[g.index(c, r)], 1e-9);
        }
}

TEST(GetisOrd, ConstantFieldHasNoHotSpots)
{
    const GridSpec g{0.0, 4.0, 1.0, 4, 4};
    const std::vector<double> x(16, 0.7);
    const auto res = getisOrdGiStar(g, x, {1.5, true});
    for (std::size_t i = 0; i < x.size(); ++i) {
        EXPECT_EQ(res.z[i], 0.0);
        EXPECT_EQ(res.p[i], 1.0);
        EXPECT_EQ(res.bin[i], 0);
    }
}

TEST(GetisOrd, BenjaminiHochbergByHand)
{
    // Sorted p: 0.01, 0.03, 0.04, 0.2 (m = 4) → p·m/rank: 0.04, 0.06, 0.0533, 0.2;
    // running minimum from the top: 0.04, 0.0533, 0.0533, 0.2.
    const std::vector<double> p{0.01, 0.04, 0.03, 0.2, std::nan("")};
    const auto q = benjaminiHochberg(p);
    EXPECT_NEAR(q[0], 0.04, 1e-12);
    EXPECT_NEAR(q[1], 0.16 / 3.0, 1e-12);
    EXPECT_NEAR(q[2], 0.16 / 3.0, 1e-12);
    EXPECT_NEAR(q[3], 0.2, 1e-12);
    EXPECT_TRUE(std::isnan(q[4]));
}

TEST(GetisOrd, FdrNeverAddsSignificantCells)
{
    const GridSpec g{0.0, 2000.0, 100.0, 20, 20};
    for (unsigned seed : {1U, 2U, 3U, 4U}) {
        const auto x = smoothRandomField(g, seed);
        const auto plain = getisOrdGiStar(g, x, {150.0, false});
        const auto fdr = getisOrdGiStar(g, x, {150.0, true});
        int nPlain = 0, nFdr = 0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            EXPECT_EQ(plain.z[i], fdr.z[i]);
            EXPECT_LE(std::abs(fdr.bin[i]), std::abs(plain.bin[i]));
            EXPECT_GE(fdr.pAdjusted[i], plain.p[i]);
            nPlain += plain.bin[i] != 0;
            nFdr += fdr.bin[i] != 0;
        }
        EXPECT_LE(nFdr, nPlain);
        EXPECT_GT(nPlain, 0);
    }
}

TEST(GetisOrd, RejectsBadInput)
{
    const GridSpec g{0.0, 2.0, 1.0, 2, 2};
    EXPECT_THROW(getisOrdGiStar(g, std::vector<double>(3, 1.0), {1.0, false}), riskmap::InputError);
    EXPECT_THROW(getisOrdGiStar(g, std::vector<double>(4, 1.0), {-1.0, false}), riskmap::InputError);
}
