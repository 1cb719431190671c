// SPDX-License-Identifier: GPL-3.0-or-later
// A small portable random generator (SplitMix64) so the same seed gives the same sample everywhere.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace riskmap::layers::sample {

/// Standard-library distributions differ between implementations, so every
/// draw used by the generator is defined here.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : m_state(seed) {}

    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double a, double b) { return a + (b - a) * uniform(); }
    /// Uniform integer in [lo, hi].
    int integer(int lo, int hi) { return lo + static_cast<int>(uniform() * (hi - lo + 1)); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    int poisson(double lambda)
    {
        if (lambda <= 0.0) return 0;
        if (lambda > 40.0) {
            const double v = std::round(lambda + std::sqrt(lambda) * normal());
            return v < 0 ? 0 : static_cast<int>(v);
        }
        const double limit = std::exp(-lambda);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }
    /// Index drawn with probability proportional to weights.
    std::size_t weighted(const std::vector<double>& weights)
    {
        double total = 0.0;
        for (double w : weights) total += w;
        double u = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (u < weights[i]) return i;
            u -= weights[i];
        }
        return weights.empty() ? 0 : weights.size() - 1;
    }
    template <typename T>
    const T& pick(const std::vector<T>& items) { return items[static_cast<std::size_t>(uniform() * items.size())]; }
    /// An independent stream for a named purpose, so adding draws in one step
    /// does not shift every later step.
    Rng fork(std::uint64_t salt) const
    {
        Rng r(m_state ^ (salt * 0xD1B54A32D192ED03ull));
        r.next();
        return r;
    }

private:
    std::uint64_t m_state;
};

}  // namespace riskmap::layers::sample
