// SPDX-License-Identifier: GPL-3.0-or-later
// Gi* with disc-shaped binary weights summed through row prefix sums.
#include "riskmap/core/stats/getis_ord.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::core::stats {

namespace {

/// Bin from a (possibly adjusted) p-value and the sign of z.
std::int8_t confidenceBin(double z, double p)
{
    if (!(p < 0.10)) return 0;  // also NaN
    const int level = p < 0.01 ? 3 : (p < 0.05 ? 2 : 1);
    return static_cast<std::int8_t>(z > 0.0 ? level : -level);
}

}  // namespace

std::vector<double> benjaminiHochberg(std::span<const double> p)
{
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (!std::isnan(p[i])) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
    std::vector<double> q(p.begin(), p.end());
    const double m = static_cast<double>(order.size());
    double running = 1.0;  // q(i) = min over j ≥ i of p(j)·m/j, capped at 1
    for (std::size_t r = order.size(); r-- > 0;) {
        running = std::min(running, p[order[r]] * m / static_cast<double>(r + 1));
        q[order[r]] = running;
    }
    return q;
}

GiStarResult getisOrdGiStar(const GridSpec& grid, std::span<const double> values,
                            const GiStarOptions& options)
{
    validateGrid(grid);
    if (values.size() != grid.cellCount()) throw InputError("Gi*: one value per cell needed");
    if (!(options.distance >= 0.0) || !std::isfinite(options.distance))
        throw InputError("Gi*: distance band must be zero or positive");

    const std::size_t cells = grid.cellCount();
    const auto cols = static_cast<long>(grid.cols);
    const auto rows = static_cast<long>(grid.rows);

    // Row prefix sums of values and of in-area flags (NaN = outside).
    std::vector<double> sumX((grid.cols + 1) * grid.rows, 0.0);
    std::vector<double> sumN((grid.cols + 1) * grid.rows, 0.0);
    double total = 0.0;
    std::size_t n = 0;
    for (long r = 0; r < rows; ++r) {
        for (long c = 0; c < cols; ++c) {
            const double v = values[static_cast<std::size_t>(r * cols + c)];
            const bool in = !std::isnan(v);
            const auto at = static_cast<std::size_t>(r * (cols + 1) + c);
            sumX[at + 1] = sumX[at] + (in ? v : 0.0);
            sumN[at + 1] = sumN[at] + (in ? 1.0 : 0.0);
            if (in) {
                total += v;
                ++n;
            }
        }
    }

    // Half-width in columns of the disc for each row offset.
    const double band = options.distance / grid.cellSize;
    const long maxDr = static_cast<long>(std::floor(band + 1e-9));
    std::vector<long> halfWidth(static_cast<std::size_t>(maxDr) + 1);
    for (long dr = 0; dr <= maxDr; ++dr)
        halfWidth[static_cast<std::size_t>(dr)] =
            static_cast<long>(std::floor(std::sqrt(std::max(0.0, band * band - double(dr * dr))) + 1e-9));

    GiStarResult res;
    res.n = n;
    res.z.assign(cells, std::nan(""));
    res.p.assign(cells, std::nan(""));
    res.bin.assign(cells, 0);
    const double dn = static_cast<double>(n);
    const double mean = n > 0 ? total / dn : 0.0;
    // S = √(Σx²/n − X̄²), computed in two passes as √(Σ(x − X̄)²/n) so that a
    // constant field gives S = 0 instead of rounding noise.
    double ss = 0.0;
    for (double v : values)
        if (!std::isnan(v)) ss += (v - mean) * (v - mean);
    const double s = n > 0 ? std::sqrt(ss / dn) : 0.0;
    // Relative tolerance: S below it is rounding noise on a constant field.
    const bool constant = !(s > 1e-12 * std::max(1.0, std::fabs(mean)));

    for (long r = 0; r < rows; ++r) {
        for (long c = 0; c < cols; ++c) {
            const auto i = static_cast<std::size_t>(r * cols + c);
            if (std::isnan(values[i])) continue;
            double sw = 0.0, swx = 0.0;
            for (long dr = -maxDr; dr <= maxDr; ++dr) {
                const long rr = r + dr;
                if (rr < 0 || rr >= rows) continue;
                const long hw = halfWidth[static_cast<std::size_t>(std::labs(dr))];
                const long c0 = std::max(0L, c - hw), c1 = std::min(cols - 1, c + hw);
                const auto base = static_cast<std::size_t>(rr * (cols + 1));
                swx += sumX[base + static_cast<std::size_t>(c1 + 1)] - sumX[base + static_cast<std::size_t>(c0)];
                sw += sumN[base + static_cast<std::size_t>(c1 + 1)] - sumN[base + static_cast<std::size_t>(c0)];
            }
            // Binary weights: Σw² = Σw.
            const double var = (dn * sw - sw * sw) / (dn - 1.0);
            double z = 0.0;
            if (!constant && n > 1 && var > 1e-12) z = (swx - mean * sw) / (s * std::sqrt(var));
            res.z[i] = z;
            res.p[i] = twoSidedNormalP(z);
        }
    }
    res.pAdjusted = options.fdr ? benjaminiHochberg(res.p) : res.p;
    for (std::size_t i = 0; i < cells; ++i) res.bin[i] = confidenceBin(res.z[i], res.pAdjusted[i]);
    return res;
}

GiStarResult getisOrdGiStar(std::span<const double> values, const std::vector<std::vector<std::size_t>>& neighbours,
                            bool fdr)
{
    if (neighbours.size() != values.size()) throw InputError("Gi*: one neighbour list per cell needed");
    const std::size_t cells = values.size();
    double total = 0.0;
    std::size_t n = 0;
    for (double v : values)
        if (!std::isnan(v)) total += v, ++n;
    const double dn = static_cast<double>(n);
    const double mean = n > 0 ? total / dn : 0.0;
    double ss = 0.0;  // two passes, as on the square grid, so a constant field gives S = 0
    for (double v : values)
        if (!std::isnan(v)) ss += (v - mean) * (v - mean);
    const double s = n > 0 ? std::sqrt(ss / dn) : 0.0;
    const bool constant = !(s > 1e-12 * std::max(1.0, std::fabs(mean)));

    GiStarResult res;
    res.n = n;
    res.z.assign(cells, std::nan(""));
    res.p.assign(cells, std::nan(""));
    res.bin.assign(cells, 0);
    for (std::size_t i = 0; i < cells; ++i) {
        if (std::isnan(values[i])) continue;
        double sw = 0.0, swx = 0.0;
        for (std::size_t j : neighbours[i]) {
            if (j >= cells) throw InputError("Gi*: neighbour index out of range");
            if (std::isnan(values[j])) continue;
            sw += 1.0;
            swx += values[j];
        }
        const double var = (dn * sw - sw * sw) / (dn - 1.0);
        double z = 0.0;
        if (!constant && n > 1 && var > 1e-12) z = (swx - mean * sw) / (s * std::sqrt(var));
        res.z[i] = z;
        res.p[i] = twoSidedNormalP(z);
    }
    res.pAdjusted = fdr ? benjaminiHochberg(res.p) : res.p;
    for (std::size_t i = 0; i < cells; ++i) res.bin[i] = confidenceBin(res.z[i], res.pAdjusted[i]);
    return res;
}

}  // namespace riskmap::core::stats
