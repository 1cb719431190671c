// SPDX-License-Identifier: GPL-3.0-or-later
// The standard normal distribution as the tests of significance use it.
#pragma once

#include <cmath>
#include <numbers>

namespace riskmap::core::stats {

/// z with P(|Z| < z) = 0.95, for 95 % Wald intervals.
inline constexpr double kZ975 = 1.959963984540054;

/// Two-sided p-value of a standard-normal z: P(|Z| ≥ |z|) = erfc(|z|/√2).
inline double twoSidedNormalP(double z)
{
    return std::erfc(std::fabs(z) / std::numbers::sqrt2);
}

}  // namespace riskmap::core::stats
