// SPDX-License-Identifier: GPL-3.0-or-later
// Class breaks (quantiles, Jenks natural breaks) and normalisation of indicators.
#pragma once

#include <span>
#include <vector>

namespace riskmap::core::stats {

/// Breaks are the UPPER bounds of classes 1..k, ascending; the last is the
/// maximum. NaN values are ignored everywhere in this file.

/// Quantile breaks: bound i (1..k) is the sorted value at position
/// ceil(i·n/k) − 1 (an observed value, so each class holds ≈ n/k values;
/// ties may make bounds equal). Throws InputError when k < 1 or there are no values.
std::vector<double> quantileBreaks(std::span<const double> values, int k = 5);

/// Jenks natural breaks by Fisher's exact dynamic programme: the partition
/// of the sorted values into k contiguous classes with the smallest total
/// within-class sum of squared deviations. Uses the divide-and-conquer
/// speed-up (the optimal split point is monotone for this cost), so it is
/// exact in O(k·n·log n) and fine for 100k cells. With fewer distinct
/// values than k, returns one class per distinct value (fewer than k breaks).
/// Throws InputError when k < 1 or there are no values.
std::vector<double> jenksBreaks(std::span<const double> values, int k = 5);

/// Sum of squared deviations within the classes the breaks define (for tests
/// and reports: the Jenks goodness of variance fit is 1 − this/SDAM).
double withinClassSumOfSquares(std::span<const double> values, std::span<const double> breaks);

/// Class 1..breaks.size() of a value: the first class whose upper bound is
/// ≥ value; values above the last bound go to the last class. NaN → 0.
int classOf(double value, std::span<const double> breaks);

/// Percentile rank in 0..1: (rank − 1)/(n − 1) with tied values sharing the
/// average of their ranks; a single value (or all equal) gives 0.5. NaN stays NaN.
std::vector<double> rankNormalise(std::span<const double> values);

/// z-score (x − mean)/sd with the population sd (divide by n); a constant
/// vector gives all 0, never NaN. NaN stays NaN.
std::vector<double> zScoreNormalise(std::span<const double> values);

}  // namespace riskmap::core::stats
