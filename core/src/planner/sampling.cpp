// SPDX-License-Identifier: GPL-3.0-or-later
// Risk-ranked plus seeded random selection of a control day's addresses.
#include "riskmap/core/planner/sampling.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace riskmap::core::planner {

std::uint64_t SeededRandom::next()
{
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint64_t SeededRandom::below(std::uint64_t bound)
{
    // Reject the top partial block so every residue is equally likely.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return x % bound;
}

const char* reasonName(SampleReason reason)
{
    return reason == SampleReason::Risk ? "risico" : "steekproef";
}

namespace {

/// The addresses in risk order (descending; ties by id, then position) and how many are taken
/// by risk and at random. Throws InputError for bad settings.
struct Split {
    std::vector<std::size_t> order;
    std::size_t byRisk = 0;
    std::size_t random = 0;
};

Split splitAddresses(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings)
{
    if (settings.visits < 10 || settings.visits > 25) {
        throw InputError("aantal adressen per controledag moet tussen 10 en 25 liggen, niet " +
                         std::to_string(settings.visits));
    }
    if (!(settings.randomShare >= 0.0 && settings.randomShare <= 1.0)) {
        throw InputError("aandeel willekeurige adressen moet tussen 0 en 1 liggen");
    }
    Split split;
    split.order.resize(addresses.size());
    std::iota(split.order.begin(), split.order.end(), 0);
    std::sort(split.order.begin(), split.order.end(), [&](std::size_t a, std::size_t b) {
        if (addresses[a].risk != addresses[b].risk) return addresses[a].risk > addresses[b].risk;
        if (addresses[a].id != addresses[b].id) return addresses[a].id < addresses[b].id;
        return a < b;
    });
    const auto visits = std::min<std::size_t>(static_cast<std::size_t>(settings.visits), addresses.size());
    const auto randomWanted = static_cast<std::size_t>(std::lround(settings.visits * settings.randomShare));
    split.byRisk = visits - std::min(visits, randomWanted);
    split.random = visits - split.byRisk;
    return split;
}

}  // namespace

Sample drawSample(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings)
{
    const Split split = splitAddresses(addresses, settings);
    Sample sample;
    sample.seed = settings.seed;
    auto take = [&](std::size_t index, SampleReason reason) {
        sample.addresses.push_back({index, reason, addresses[index].dwelling});
        sample.riskCovered += addresses[index].risk;
        if (addresses[index].dwelling) ++sample.dwellings;
    };
    for (std::size_t i = 0; i < split.byRisk; ++i) take(split.order[i], SampleReason::Risk);

    // Partial Fisher–Yates over the rest, in risk order so the draw depends only on content.
    std::vector<std::size_t> pool(split.order.begin() + static_cast<std::ptrdiff_t>(split.byRisk), split.order.end());
    SeededRandom random(settings.seed);
    for (std::size_t i = 0; i < split.random; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(random.below(pool.size() - i));
        std::swap(pool[i], pool[j]);
        take(pool[i], SampleReason::Random);
    }
    return sample;
}

double expectedRiskCovered(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings)
{
    const Split split = splitAddresses(addresses, settings);
    double sum = 0.0;
    for (std::size_t i = 0; i < split.byRisk; ++i) sum += addresses[split.order[i]].risk;
    const std::size_t rest = split.order.size() - split.byRisk;
    if (rest > 0 && split.random > 0) {
        double restSum = 0.0;
        for (std::size_t i = split.byRisk; i < split.order.size(); ++i) restSum += addresses[split.order[i]].risk;
        sum += static_cast<double>(split.random) * restSum / static_cast<double>(rest);
    }
    return sum;
}

std::uint64_t controlSeed(std::uint64_t planSeed, int year, int controlNumber)
{
    SeededRandom mix(planSeed ^ (static_cast<std::uint64_t>(static_cast<std::uint32_t>(year)) << 32) ^
                     static_cast<std::uint32_t>(controlNumber));
    return mix.next();
}

}  // namespace riskmap::core::planner
