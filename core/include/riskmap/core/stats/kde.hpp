// SPDX-License-Identifier: GPL-3.0-or-later
// Quartic kernel density of (weighted) points on the centres of a regular grid.
#pragma once

#include "riskmap/core/stats/grid.hpp"

#include <span>
#include <vector>

namespace riskmap::core {
class Feedback;
}

namespace riskmap::core::stats {

/// The quartic (biweight) kernel in 2-D, per m²:
/// K(d) = 3/(π h²)·(1 − d²/h²)² for d < h, else 0.
/// Its integral over the disc of radius h is exactly 1:
/// ∫₀ʰ 2πr·3/(πh²)·(1 − r²/h²)² dr = 6/h²·h²/6 = 1 (substitute u = r²/h²),
/// so a point of weight w adds exactly w events to the map. (QGIS's scaled
/// quartic used another constant until 2025; the test integrates numerically.)
double quarticKernel(double distance, double bandwidth);

/// Density in events per km² at every cell centre of `grid` (row-major,
/// GridSpec order): Σ wᵢ·K(dᵢ)·1e6 with coordinates in metres.
/// `weights` is empty (all 1) or one weight per point. Points are bucketed in
/// a uniform grid of bucket size h, so each cell looks only at the 3×3
/// buckets around it: cost O(cells + points·(h/cellSize)²).
/// Polls `feedback` (may be null) once per row.
/// Throws InputError on a non-positive or non-finite bandwidth, an invalid
/// grid, or a weights span of the wrong length; CancelledError when cancelled.
std::vector<double> quarticDensity(const GridSpec& grid, std::span<const Point2> points,
                                   double bandwidth, std::span<const double> weights = {},
                                   Feedback* feedback = nullptr);

/// Density in events per km² at arbitrary sites (e.g. hexagon centres), same
/// formula and units as quarticDensity. Throws as quarticDensity, and InputError
/// on a site with non-finite coordinates.
std::vector<double> quarticDensityAt(std::span<const Point2> sites, std::span<const Point2> points,
                                     double bandwidth, std::span<const double> weights = {},
                                     Feedback* feedback = nullptr);

/// Suggested bandwidth (metres): the MEDIAN over all points of the distance
/// to their k-th nearest other point (duplicates count, at distance 0).
/// The median, not the mean, so a few isolated points do not inflate it.
/// Throws InputError when k < 1 or there are fewer than k + 1 points, and
/// when the median is 0 (more than half of the points are duplicates).
double suggestBandwidth(std::span<const Point2> points, int k);

}  // namespace riskmap::core::stats
