// SPDX-License-Identifier: GPL-3.0-or-later
// Road distances, tour heuristics and the 1-tree bound against hand-computed and brute-force optima.
#include "riskmap/core/error.hpp"
#include "riskmap/core/planner/route.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

using namespace riskmap::core::planner;

namespace {

/// The shortest closed tour by trying every order (first stop fixed).
double bruteForceTour(const std::vector<std::vector<double>>& d)
{
    std::vector<std::size_t> order(d.size());
    std::iota(order.begin(), order.end(), 0);
    double best = INFINITY;
    do {
        best = std::min(best, tourLength(d, order));
    } while (std::next_permutation(order.begin() + 1, order.end()));
    return best;
}

/// A square of roads (sides 1000 m) with four spokes to the centre.
RoadGraph squareWithSpokes()
{
    RoadGraph g;
    g.nodes = {{0, 0}, {1000, 0}, {1000, 1000}, {0, 1000}, {500, 500}};
    const double spoke = std::sqrt(2.0) * 500.0;
    g.edges = {{0, 1, 1000}, {1, 2, 1000}, {2, 3, 1000}, {3, 0, 1000},
               {4, 0, spoke}, {4, 1, spoke}, {4, 2, spoke}, {4, 3, spoke}};
    return g;
}

}  // namespace

TEST(Route, NetworkDistancesSnapAndFallback)
{
    // An L-shaped road A(0,0) – B(1000,0) – C(1000,1000) and an isolated node far away.
    RoadGraph g;
    g.nodes = {{0, 0}, {1000, 0}, {1000, 1000}, {5000, 5000}};
    g.edges = {{0, 1, 1000}, {1, 2, 1000}};
    const RouteSettings settings;  // detour 1.3, snap 500 m
    const std::vector<RoutePoint> stops{{0, 0}, {1000, 1000}, {0, 100}, {5000, 5000}, {-3000, 0}};
    const auto m = travelDistances(stops, g, settings);
    EXPECT_DOUBLE_EQ(m[0][1], 2000.0);                 // along the road, not 1414 straight
    EXPECT_DOUBLE_EQ(m[1][2], 2000.0 + 100.0 * 1.3);   // snapped to A, 100 m off the road
    EXPECT_DOUBLE_EQ(m[0][2], 100.0 * 1.3);            // both on A
    EXPECT_NEAR(m[0][3], std::hypot(5000.0, 5000.0) * 1.3, 1e-9);  // no path: straight × 1.3
    EXPECT_NEAR(m[0][4], 3000.0 * 1.3, 1e-9);          // no node within 500 m
    for (std::size_t i = 0; i < stops.size(); ++i) {
        EXPECT_EQ(m[i][i], 0.0);
        for (std::size_t j = 0; j < stops.size(); ++j) EXPECT_EQ(m[i][j], m[j][i]);
    }
    RoadGraph bad = g;
    bad.edges.push_back({0, 9, 1.0});
    EXPECT_THROW(travelDistances(stops, bad, settings), riskmap::InputError);
    bad.edges.back() = {0, 2, -1.0};
    EXPECT_THROW(travelDistances(stops, bad, settings), riskmap::InputError);
}

TEST(Route, HandMadeGraphOptimum)
{
    // Stops at the four corners and the centre. Hand-computed optimum: three sides (3000 m)
    // plus two spokes (2 × 707.1 m) = 3000 + 1000·√2 = 4414.21 m; every tour needs ≥ 3 corner
    // legs of ≥ 1000 m and 2 legs at the centre of ≥ 707.1 m.
    const std::vector<RoutePoint> visits{{0, 1000}, {1000, 0}, {500, 500}, {0, 0}, {1000, 1000}};
    RouteSettings settings;
    settings.minutesPerVisit = 30.0;
    settings.speedKmh = 30.0;
    const Route r = planRoute(visits, std::nullopt, squareWithSpokes(), settings);
    const double optimum = 3000.0 + 1000.0 * std::sqrt(2.0);
    EXPECT_NEAR(r.lengthMetres, optimum, 1e-6);
    ASSERT_EQ(r.order.size(), 5u);
    EXPECT_EQ(r.order.front(), 0u);
    std::vector<std::size_t> sorted = r.order;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, (std::vector<std::size_t>{0, 1, 2, 3, 4}));
    EXPECT_LE(r.lowerBoundMetres, optimum + 1e-9);
    EXPECT_GT(r.lowerBoundMetres, 0.8 * optimum);
    EXPECT_NEAR(r.gap, (r.lengthMetres - r.lowerBoundMetres) / r.lowerBoundMetres, 1e-12);
    EXPECT_DOUBLE_EQ(r.visitMinutes, 150.0);
    EXPECT_NEAR(r.travelMinutes, optimum / 1000.0 / 30.0 * 60.0, 1e-9);
    EXPECT_NEAR(r.totalMinutes, r.travelMinutes + 150.0, 1e-9);
}

TEST(Route, StartPointIsNotAVisit)
{
    // Police station at the centre; visits on the four corners: optimum 2 spokes + 3 sides.
    const std::vector<RoutePoint> visits{{0, 0}, {1000, 1000}, {1000, 0}, {0, 1000}};
    const Route r = planRoute(visits, RoutePoint{500, 500}, squareWithSpokes(), RouteSettings{});
    EXPECT_NEAR(r.lengthMetres, 3000.0 + 1000.0 * std::sqrt(2.0), 1e-6);
    ASSERT_EQ(r.order.size(), 4u);
    EXPECT_DOUBLE_EQ(r.visitMinutes, 120.0);
    // Consecutive visits in the order are adjacent corners (1000 m apart).
    for (std::size_t i = 0; i + 1 < r.order.size(); ++i) {
        const RoutePoint a = visits[r.order[i]], b = visits[r.order[i + 1]];
        EXPECT_DOUBLE_EQ(std::abs(a.x - b.x) + std::abs(a.y - b.y), 1000.0);
    }
}

TEST(Route, HeuristicAndBoundBracketTheOptimumOnRandomInstances)
{
    std::mt19937 rng(99);
    std::uniform_real_distribution<double> coord(0.0, 10000.0);
    const RoadGraph none;
    double worst = 0.0, boundSum = 0.0, heldKarpSum = 0.0;
    int optimal = 0;
    for (int run = 0; run < 40; ++run) {
        std::vector<RoutePoint> stops(8);
        for (auto& s : stops) s = {coord(rng), coord(rng)};
        const auto m = travelDistances(stops, none, RouteSettings{});
        EXPECT_NEAR(m[0][1], std::hypot(stops[0].x - stops[1].x, stops[0].y - stops[1].y) * 1.3, 1e-9);
        const double best = bruteForceTour(m);
        auto order = nearestNeighbourTour(m, 0);
        const double nn = tourLength(m, order);
        improveTour(m, order);
        const double improved = tourLength(m, order);
        const double bound = oneTreeLowerBound(m);
        const double heldKarp = heldKarpLowerBound(m, improved);
        EXPECT_GE(heldKarp, bound - 1e-9);
        EXPECT_LE(heldKarp, best + 1e-6);
        boundSum += bound / best;
        heldKarpSum += heldKarp / best;
        EXPECT_LE(improved, nn + 1e-9);
        EXPECT_GE(improved, best - 1e-9);
        EXPECT_LE(bound, best + 1e-9);
        EXPECT_EQ(order.front(), 0u);
        worst = std::max(worst, improved / best - 1.0);
        if (improved <= best + 1e-9) ++optimal;
    }
    EXPECT_LT(worst, 0.10);   // 2-opt + Or-opt on 8 stops stays within 10 % of the optimum
    EXPECT_GE(optimal, 30);   // and usually finds it
    EXPECT_GT(heldKarpSum, boundSum);  // the ascent tightens the bound on average
    RecordProperty("worst_gap_to_optimum", std::to_string(worst));
    RecordProperty("mean_one_tree_over_optimum", std::to_string(boundSum / 40));
    RecordProperty("mean_held_karp_over_optimum", std::to_string(heldKarpSum / 40));
    RecordProperty("optimal_runs", optimal);
}

TEST(Route, TinyCases)
{
    const RoadGraph none;
    EXPECT_EQ(planRoute({}, std::nullopt, none, {}).lengthMetres, 0.0);
    const Route one = planRoute({{10, 10}}, std::nullopt, none, {});
    EXPECT_EQ(one.order, (std::vector<std::size_t>{0}));
    EXPECT_EQ(one.lengthMetres, 0.0);
    EXPECT_DOUBLE_EQ(one.totalMinutes, 30.0);
    const Route two = planRoute({{0, 0}, {300, 400}}, std::nullopt, none, {});
    EXPECT_DOUBLE_EQ(two.lengthMetres, 2 * 500 * 1.3);
    EXPECT_DOUBLE_EQ(two.lowerBoundMetres, two.lengthMetres);
    EXPECT_DOUBLE_EQ(two.gap, 0.0);
}
