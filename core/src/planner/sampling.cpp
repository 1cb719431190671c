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

Sample drawSample(const std::vector<CandidateAddress>& addresses, const SampleSettings& settings)
{
    if (settings.visits < 10 || settings.visits > 25) {
        throw InputError("aantal adressen per controledag moet tussen 10 en 25 liggen, niet " +
                         std::to_string(settings.visits));
    }
    if (!(settings.randomShare >= 0.0 && settings.randomShare <= 1.0)) {
        throw InputError("aandeel willekeurige adressen moet tussen 0 en 1 liggen");
    }
    std::vector<std::size_t> order(addresses.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (addresses[a].risk != addresses[b].risk) return addresses[a].risk > addresses[b].risk;
        if (addresses[a].id != addresses[b].id) return addresses[a].id < addresses[b].id;
        return a < b;
    });

    const auto visits = std::min<std::size_t>(static_cast<std::size_t>(settings.visits), addresses.size());
    const auto randomWanted = static_cast<std::size_t>(std::lround(settings.visits * settings.randomShare));
    const std::size_t byRisk = visits - std::min(visits, randomWanted);

    Sample sample;
    sample.seed = settings.seed;
    auto take = [&](std::size_t index, SampleReason reason) {
        sample.addresses.push_back({index, reason, addresses[index].dwelling});
        sample.riskCovered += addresses[index].risk;
        if (addresses[index].dwelling) ++sample.dwellings;
    };
    for (std::size_t i = 0; i < byRisk; ++i) take(order[i], SampleReason::Risk);

    // Partial Fisher–Yates over the rest, in risk order so the draw depends only on content.
    std::vector<std::size_t> pool(order.begin() + static_cast<std::ptrdiff_t>(byRisk), order.end());
    SeededRandom random(settings.seed);
    const std::size_t randomCount = visits - byRisk;
    for (std::size_t i = 0; i < randomCount; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(random.below(pool.size() - i));
        std::swap(pool[i], pool[j]);
        take(pool[i], SampleReason::Random);
    }
    return sample;
}

}  // namespace riskmap::core::planner
