// SPDX-License-Identifier: GPL-3.0-or-later
// Quartic kernel density against hand-computed values, its integral and brute force.
#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/kde.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <random>

using namespace riskmap::core::stats;

namespace {
const double pi = std::numbers::pi;

double bruteForce(const Point2& c, const std::vector<Point2>& pts, const std::vector<double>& w, double h)
{
    double sum = 0.0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const double d = std::hypot(pts[i].x - c.x, pts[i].y - c.y);
        if (d < h) sum += w[i] * 3.0 / (pi * h * h) * std::pow(1.0 - d * d / (h * h), 2) * 1e6;
    }
    return sum;
}
}  // namespace

TEST(Kde, KernelByHand)
{
    // h = 100: K(0) = 3/(π·1e4); K(50): (1 − 0.25)² = 0.5625; K(100) = 0.
    EXPECT_DOUBLE_EQ(quarticKernel(0.0, 100.0), 3.0 / (pi * 1e4));
    EXPECT_DOUBLE_EQ(quarticKernel(50.0, 100.0), 3.0 / (pi * 1e4) * 0.5625);
    EXPECT_EQ(quarticKernel(100.0, 100.0), 0.0);
    EXPECT_EQ(quarticKernel(150.0, 100.0), 0.0);
}

TEST(Kde, OnePointByHand)
{
    // 2×2 cells of 50 m, centres (25,75) (75,75) / (25,25) (75,25); point at (25,25), h = 100.
    // Per km²: K(0) = 3e6/(π·1e4) = 300/π; K(50) = 300/π·0.5625 = 168.75/π;
    // K(√5000 ≈ 70.7): (1 − 5000/1e4)² = 0.25 → 75/π.
    const GridSpec g{0.0, 100.0, 50.0, 2, 2};
    const std::vector<Point2> pts{{25.0, 25.0}};
    const auto d = quarticDensity(g, pts, 100.0);
    ASSERT_EQ(d.size(), 4U);
    EXPECT_NEAR(d[g.index(0, 1)], 300.0 / pi, 1e-9);
    EXPECT_NEAR(d[g.index(1, 1)], 168.75 / pi, 1e-9);
    EXPECT_NEAR(d[g.index(0, 0)], 168.75 / pi, 1e-9);
    EXPECT_NEAR(d[g.index(1, 0)], 75.0 / pi, 1e-9);
}

TEST(Kde, ThreePointsWeightedByHand)
{
    // One cell centred on (50,50), h = 100. Points at distance 0 (w 1), 60 (w 2)
    // and 100 (w 5, on the edge: contributes 0) and 80 (w 1).
    // (1 − 0.36)² = 0.4096; (1 − 0.64)² = 0.1296.
    // Density = 300/π·(1 + 2·0.4096 + 0.1296) = 300/π·1.9488.
    const GridSpec g{0.0, 100.0, 100.0, 1, 1};
    const std::vector<Point2> pts{{50, 50}, {110, 50}, {50, 150}, {50, -30}};
    const std::vector<double> w{1.0, 2.0, 5.0, 1.0};
    const auto d = quarticDensity(g, pts, 100.0, w);
    EXPECT_NEAR(d[0], 300.0 / pi * 1.9488, 1e-9);
}

TEST(Kde, SinglePointIntegratesToItsWeight)
{
    // 1 m cells over [−100,100]²: Σ density·cell area (1e-6 km²) ≈ weight.
    const GridSpec g{-100.0, 100.0, 1.0, 200, 200};
    const std::vector<Point2> pts{{0.0, 0.0}};
    const auto d = quarticDensity(g, pts, 100.0);
    double mass = 0.0;
    for (double v : d) mass += v * 1e-6;
    EXPECT_NEAR(mass, 1.0, 1e-3);
    const std::vector<double> w{2.5};
    mass = 0.0;
    for (double v : quarticDensity(g, pts, 100.0, w)) mass += v * 1e-6;
    EXPECT_NEAR(mass, 2.5, 2.5e-3);
}

TEST(Kde, MatchesBruteForceOnRandomPoints)
{
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> ux(-300.0, 4300.0), uy(-300.0, 3300.0), uw(0.0, 3.0);
    std::vector<Point2> pts(2000);
    std::vector<double> w(pts.size());
    for (std::size_t i = 0; i < pts.size(); ++i) {
        pts[i] = {ux(rng), uy(rng)};
        w[i] = uw(rng);
    }
    const GridSpec g{0.0, 3000.0, 100.0, 40, 30};
    const double h = 270.0;
    const auto d = quarticDensity(g, pts, h, w);
    for (std::size_t r = 0; r < g.rows; ++r)
        for (std::size_t c = 0; c < g.cols; ++c)
            ASSERT_NEAR(d[g.index(c, r)], bruteForce(g.centre(c, r), pts, w, h), 1e-9) << c << "," << r;
}

TEST(Kde, LargeGridIsFastAndConservesMass)
{
    // 300×300 cells of 100 m and 100k points at least h from the edge:
    // the map holds all the mass.
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(1000.0, 29000.0);
    std::vector<Point2> pts(100000);
    for (auto& p : pts) p = {u(rng), u(rng)};
    const GridSpec g{0.0, 30000.0, 100.0, 300, 300};
    const auto t0 = std::chrono::steady_clock::now();
    const auto d = quarticDensity(g, pts, 500.0);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    RecordProperty("seconds", std::to_string(secs));
    double mass = 0.0;
    for (double v : d) mass += v * 0.01;  // 100 m cell = 0.01 km²
    EXPECT_NEAR(mass, 100000.0, 100.0);
    EXPECT_LT(secs, 5.0);
}

TEST(Kde, RejectsBadInput)
{
    const GridSpec g{0.0, 10.0, 1.0, 10, 10};
    const std::vector<Point2> pts{{1, 1}};
    EXPECT_THROW(quarticDensity(g, pts, 0.0), riskmap::InputError);
    const std::vector<double> w{1.0, 2.0};
    EXPECT_THROW(quarticDensity(g, pts, 5.0, w), riskmap::InputError);
    EXPECT_THROW(quarticDensity(GridSpec{0, 0, 0.0, 1, 1}, pts, 5.0), riskmap::InputError);
}

TEST(Kde, BandwidthOnLatticeIsTheSpacing)
{
    std::vector<Point2> pts;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 5; ++j) pts.push_back({10.0 * i, 10.0 * j});
    EXPECT_DOUBLE_EQ(suggestBandwidth(pts, 1), 10.0);
    EXPECT_DOUBLE_EQ(suggestBandwidth(pts, 2), 10.0);
    // k = 4: interior points have 4 at 10; edges 3 at 10 then √200; corners 2 then √200 and 20.
    // 9 interior at 10, 12 edges at √200, 4 corners at √200 → median √200.
    EXPECT_NEAR(suggestBandwidth(pts, 4), std::sqrt(200.0), 1e-12);
    EXPECT_THROW(suggestBandwidth(pts, 25), riskmap::InputError);
}

TEST(Kde, BandwidthMatchesBruteForce)
{
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> u(0.0, 1000.0);
    std::vector<Point2> pts(301);
    for (auto& p : pts) p = {u(rng), u(rng)};
    const int k = 3;
    std::vector<double> kth;
    for (const auto& p : pts) {
        std::vector<double> d;
        for (const auto& q : pts) d.push_back(std::hypot(p.x - q.x, p.y - q.y));
        std::sort(d.begin(), d.end());
        kth.push_back(d[k]);  // d[0] is the point itself
    }
    std::sort(kth.begin(), kth.end());
    EXPECT_NEAR(suggestBandwidth(pts, k), kth[150], 1e-9);
}

TEST(Kde, ReportsProgressAndStopsWhenCancelled)
{
    const GridSpec g{0.0, 100.0, 10.0, 10, 10};
    const std::vector<Point2> pts{{50, 50}};
    double last = -1.0;
    riskmap::core::Feedback fb([&](const std::string&, double f) { last = f; });
    quarticDensity(g, pts, 30.0, {}, &fb);
    EXPECT_DOUBLE_EQ(last, 1.0);
    fb.cancel();
    EXPECT_THROW(quarticDensity(g, pts, 30.0, {}, &fb), riskmap::CancelledError);
}
