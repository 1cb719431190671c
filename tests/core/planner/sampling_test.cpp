// SPDX-License-Identifier: GPL-3.0-or-later
// The day's addresses: top risks, a seeded random share that is reproducible and uniform.
#include "riskmap/core/error.hpp"
#include "riskmap/core/planner/sampling.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace riskmap::core::planner;

namespace {

std::vector<CandidateAddress> addresses(std::size_t n)
{
    std::vector<CandidateAddress> out;
    for (std::size_t i = 0; i < n; ++i) {
        // Distinct risks in scrambled order, every 4th a dwelling.
        out.push_back({"vbo" + std::to_string(i), static_cast<double>((i * 37) % n), i % 4 == 0});
    }
    return out;
}

std::set<std::size_t> randomPart(const Sample& s)
{
    std::set<std::size_t> out;
    for (const auto& a : s.addresses) {
        if (a.reason == SampleReason::Random) out.insert(a.index);
    }
    return out;
}

}  // namespace

TEST(Sampling, SplitMix64ReferenceOutputs)
{
    SeededRandom r(0);
    EXPECT_EQ(r.next(), 0xE220A8397B1DCDAFULL);
    EXPECT_EQ(r.next(), 0x6E789E6AA1B965F4ULL);
    EXPECT_EQ(r.next(), 0x06C45D188009454FULL);
}

TEST(Sampling, TopRisksThenRandomShareOfTheRest)
{
    const auto list = addresses(40);
    const Sample s = drawSample(list, {15, 0.2, 42});
    ASSERT_EQ(s.addresses.size(), 15u);
    // Oracle: the 12 highest risks, by sorting here.
    std::vector<std::size_t> order(list.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return list[a].risk > list[b].risk; });
    double risk = 0.0;
    int dwellings = 0;
    std::set<std::size_t> all;
    for (std::size_t i = 0; i < 15; ++i) {
        const auto& a = s.addresses[i];
        if (i < 12) {
            EXPECT_EQ(a.reason, SampleReason::Risk);
            EXPECT_EQ(a.index, order[i]);
        } else {
            EXPECT_EQ(a.reason, SampleReason::Random);
            EXPECT_EQ(std::count(order.begin(), order.begin() + 12, a.index), 0);
        }
        EXPECT_EQ(a.dwelling, list[a.index].dwelling);
        risk += list[a.index].risk;
        dwellings += list[a.index].dwelling ? 1 : 0;
        all.insert(a.index);
    }
    EXPECT_EQ(all.size(), 15u);
    EXPECT_DOUBLE_EQ(s.riskCovered, risk);
    EXPECT_EQ(s.dwellings, dwellings);
    EXPECT_EQ(s.seed, 42u);
    EXPECT_STREQ(reasonName(SampleReason::Random), "steekproef");
}

TEST(Sampling, SameSeedSameDrawOtherSeedsDiffer)
{
    const auto list = addresses(60);
    const SampleSettings settings{20, 0.25, 7};
    const Sample a = drawSample(list, settings);
    const Sample b = drawSample(list, settings);
    ASSERT_EQ(a.addresses.size(), b.addresses.size());
    for (std::size_t i = 0; i < a.addresses.size(); ++i) EXPECT_EQ(a.addresses[i].index, b.addresses[i].index);
    std::set<std::set<std::size_t>> draws;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) draws.insert(randomPart(drawSample(list, {20, 0.25, seed})));
    EXPECT_GE(draws.size(), 9u);  // 5 of 45: a repeat among 10 seeds is very unlikely
    EXPECT_NE(randomPart(drawSample(list, {20, 0.25, 1})), randomPart(drawSample(list, {20, 0.25, 2})));
}

TEST(Sampling, RandomShareIsUniformOverTheRest)
{
    // 10 by risk, 2 at random from the other 10: each of those should appear in 20 % of draws.
    const auto list = addresses(20);
    std::vector<int> hits(list.size(), 0);
    const int runs = 4000;
    for (int seed = 0; seed < runs; ++seed) {
        for (std::size_t i : randomPart(drawSample(list, {12, 2.0 / 12.0, static_cast<std::uint64_t>(seed)}))) ++hits[i];
    }
    int drawn = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (list[i].risk >= 10) {
            EXPECT_EQ(hits[i], 0);  // taken by risk, never drawn
        } else {
            ++drawn;
            EXPECT_NEAR(hits[i], runs * 0.2, 4 * std::sqrt(runs * 0.2 * 0.8)) << i;
        }
    }
    EXPECT_EQ(drawn, 10);
}

TEST(Sampling, SmallCandidatesAndBadSettings)
{
    const auto list = addresses(8);
    const Sample s = drawSample(list, {15, 0.2, 1});
    EXPECT_EQ(s.addresses.size(), 8u);
    EXPECT_EQ(randomPart(s).size(), 3u);
    EXPECT_THROW(drawSample(list, {9, 0.2, 1}), riskmap::InputError);
    EXPECT_THROW(drawSample(list, {26, 0.2, 1}), riskmap::InputError);
    EXPECT_THROW(drawSample(list, {15, 1.5, 1}), riskmap::InputError);
}

TEST(Sampling, ExpectedRiskMatchesTheAverageDraw)
{
    // Oracle 1 by hand: 20 addresses with risks 0..19, 12 visits, 2 at random. Top 10 by risk:
    // 10..19 = 145; the other ten average 4.5, so 2 × 4.5 = 9 more: 154.
    const auto list = addresses(20);
    const SampleSettings settings{12, 2.0 / 12.0, 0};
    EXPECT_DOUBLE_EQ(expectedRiskCovered(list, settings), 154.0);
    // Oracle 2 by simulation: the mean over many seeds converges to it.
    double total = 0.0;
    const int runs = 3000;
    for (int seed = 0; seed < runs; ++seed) {
        total += drawSample(list, {12, 2.0 / 12.0, static_cast<std::uint64_t>(seed)}).riskCovered;
    }
    EXPECT_NEAR(total / runs, 154.0, 0.3);
    // Fewer addresses than visits: everything is taken.
    const auto small = addresses(8);
    EXPECT_DOUBLE_EQ(expectedRiskCovered(small, {15, 0.2, 0}), 28.0);  // 0 + 1 + ... + 7
}

TEST(Sampling, ControlSeedsDifferPerControlAndRepeat)
{
    EXPECT_EQ(controlSeed(42, 2026, 1), controlSeed(42, 2026, 1));
    std::set<std::uint64_t> seeds;
    for (int year : {2026, 2027}) {
        for (int n = 1; n <= 5; ++n) seeds.insert(controlSeed(42, year, n));
    }
    seeds.insert(controlSeed(43, 2026, 1));
    EXPECT_EQ(seeds.size(), 11u);
}
