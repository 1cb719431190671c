// SPDX-License-Identifier: GPL-3.0-or-later
// Quantile and Fisher–Jenks breaks, rank and z-score normalisation.
#include "riskmap/core/stats/classify.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

namespace riskmap::core::stats {

namespace {

std::vector<double> sortedFinite(std::span<const double> values, int k, const char* what)
{
    if (k < 1) throw InputError(std::string(what) + ": at least one class needed");
    std::vector<double> v;
    v.reserve(values.size());
    for (double x : values)
        if (!std::isnan(x)) v.push_back(x);
    if (v.empty()) throw InputError(std::string(what) + ": no values");
    std::sort(v.begin(), v.end());
    return v;
}

}  // namespace

std::vector<double> quantileBreaks(std::span<const double> values, int k)
{
    const auto v = sortedFinite(values, k, "quantile breaks");
    std::vector<double> breaks;
    const auto n = v.size();
    for (int i = 1; i <= k; ++i) {
        const std::size_t pos = (static_cast<std::size_t>(i) * n + static_cast<std::size_t>(k) - 1) / static_cast<std::size_t>(k);
        breaks.push_back(v[std::max<std::size_t>(pos, 1) - 1]);
    }
    return breaks;
}

std::vector<double> jenksBreaks(std::span<const double> values, int k)
{
    const auto sorted = sortedFinite(values, k, "Jenks breaks");
    // Distinct values with their counts: equal values never need splitting.
    std::vector<double> x;
    std::vector<double> w;
    for (double v : sorted) {
        if (x.empty() || v != x.back()) { x.push_back(v); w.push_back(0.0); }
        w.back() += 1.0;
    }
    const std::size_t n = x.size();
    const std::size_t classes = std::min<std::size_t>(static_cast<std::size_t>(k), n);

    // Weighted prefix sums (shifted by a middle value against cancellation).
    const double shift = x[n / 2];
    std::vector<double> cw(n + 1, 0.0), cs(n + 1, 0.0), cs2(n + 1, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double d = x[i] - shift;
        cw[i + 1] = cw[i] + w[i];
        cs[i + 1] = cs[i] + w[i] * d;
        cs2[i + 1] = cs2[i] + w[i] * d * d;
    }
    auto cost = [&](std::size_t a, std::size_t b) {  // x[a..b] inclusive
        const double m = cw[b + 1] - cw[a];
        const double s = cs[b + 1] - cs[a];
        return std::max(0.0, (cs2[b + 1] - cs2[a]) - s * s / m);
    };

    // prev[i]: best cost of x[0..i] in m−1 classes; cur[i] in m classes;
    // split[m][i]: first index of the last class.
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<double> prev(n), cur(n, inf);
    for (std::size_t i = 0; i < n; ++i) prev[i] = cost(0, i);
    std::vector<std::vector<std::size_t>> split(classes, std::vector<std::size_t>(n, 0));
    for (std::size_t m = 1; m < classes; ++m) {
        std::fill(cur.begin(), cur.end(), inf);
        // Divide and conquer: opt(i) is non-decreasing in i.
        std::function<void(std::size_t, std::size_t, std::size_t, std::size_t)> solve =
            [&](std::size_t lo, std::size_t hi, std::size_t optLo, std::size_t optHi) {
                if (lo > hi) return;
                const std::size_t mid = lo + (hi - lo) / 2;
                std::size_t best = std::max(optLo, m);
                double bestCost = inf;
                for (std::size_t j = std::max(optLo, m); j <= std::min(mid, optHi); ++j) {
                    const double c = prev[j - 1] + cost(j, mid);
                    if (c < bestCost) { bestCost = c; best = j; }
                }
                cur[mid] = bestCost;
                split[m][mid] = best;
                if (mid > lo) solve(lo, mid - 1, optLo, best);
                solve(mid + 1, hi, best, optHi);
            };
        solve(m, n - 1, m, n - 1);
        std::swap(prev, cur);
    }

    // Walk back from the last value to find each class's upper bound.
    std::vector<double> breaks(classes);
    std::size_t end = n - 1;
    for (std::size_t m = classes; m-- > 0;) {
        breaks[m] = x[end];
        if (m > 0) end = split[m][end] - 1;
    }
    return breaks;
}

double withinClassSumOfSquares(std::span<const double> values, std::span<const double> breaks)
{
    std::vector<double> sum(breaks.size(), 0.0), sum2(breaks.size(), 0.0), count(breaks.size(), 0.0);
    for (double v : values) {
        const int c = classOf(v, breaks);
        if (c == 0) continue;
        const auto i = static_cast<std::size_t>(c - 1);
        sum[i] += v;
        sum2[i] += v * v;
        count[i] += 1.0;
    }
    double total = 0.0;
    for (std::size_t i = 0; i < breaks.size(); ++i)
        if (count[i] > 0) total += sum2[i] - sum[i] * sum[i] / count[i];
    return total;
}

int classOf(double value, std::span<const double> breaks)
{
    if (std::isnan(value) || breaks.empty()) return 0;
    const auto it = std::lower_bound(breaks.begin(), breaks.end(), value);
    if (it == breaks.end()) return static_cast<int>(breaks.size());
    return static_cast<int>(it - breaks.begin()) + 1;
}

std::vector<double> rankNormalise(std::span<const double> values)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < values.size(); ++i)
        if (!std::isnan(values[i])) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
    std::vector<double> out(values.begin(), values.end());
    const double n = static_cast<double>(order.size());
    for (std::size_t a = 0; a < order.size();) {
        std::size_t b = a;
        while (b + 1 < order.size() && values[order[b + 1]] == values[order[a]]) ++b;
        const double rank = 0.5 * static_cast<double>(a + b) + 1.0;  // average 1-based rank
        const double pct = n > 1 ? (rank - 1.0) / (n - 1.0) : 0.5;
        for (std::size_t i = a; i <= b; ++i) out[order[i]] = pct;
        a = b + 1;
    }
    return out;
}

std::vector<double> zScoreNormalise(std::span<const double> values)
{
    double n = 0.0, sum = 0.0;
    for (double v : values)
        if (!std::isnan(v)) { n += 1.0; sum += v; }
    const double mean = n > 0 ? sum / n : 0.0;
    double ss = 0.0;
    for (double v : values)
        if (!std::isnan(v)) ss += (v - mean) * (v - mean);
    const double sd = n > 0 ? std::sqrt(ss / n) : 0.0;
    // Below this, the spread is rounding noise of a constant vector.
    const bool constant = !(sd > 1e-12 * std::max(1.0, std::fabs(mean)));
    std::vector<double> out(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) out[i] = values[i];
        else out[i] = constant ? 0.0 : (values[i] - mean) / sd;
    }
    return out;
}

}  // namespace riskmap::core::stats
