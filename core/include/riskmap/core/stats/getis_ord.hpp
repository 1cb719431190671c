// SPDX-License-Identifier: GPL-3.0-or-later
// Getis-Ord Gi* hot spots on grid cells with binary distance-band weights.
#pragma once

#include "riskmap/core/stats/grid.hpp"
#include "riskmap/core/stats/normal.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace riskmap::core::stats {

struct GiStarOptions {
    /// Distance band in metres (centre to centre, inclusive); every cell within
    /// it, the cell itself included, has weight 1. DOMAIN.md: default = the KDE bandwidth.
    double distance = 0.0;
    /// Benjamini–Hochberg false-discovery-rate correction of the bins.
    bool fdr = false;
};

/// Per cell (GridSpec order). Cells whose value is NaN are outside the study
/// area: they count nowhere, and get z = p = NaN and bin 0.
struct GiStarResult {
    std::vector<double> z;          ///< Gi* z-score
    std::vector<double> p;          ///< two-sided p-value from the normal distribution
    std::vector<double> pAdjusted;  ///< BH-adjusted p (q-value); equals p when fdr is off
    std::vector<std::int8_t> bin;   ///< ±3/±2/±1 for 99/95/90 % confidence, else 0
    std::size_t n = 0;              ///< cells in the study area
};

/// Gi*ᵢ = (Σⱼ wᵢⱼxⱼ − X̄ Σⱼ wᵢⱼ) / (S·√((nΣⱼwᵢⱼ² − (Σⱼwᵢⱼ)²)/(n−1))),
/// X̄ = Σx/n, S = √(Σx²/n − X̄²). Constant values (S = 0), or a band holding
/// the whole area, give z = 0 and p = 1. With fdr, a cell's bin uses its
/// BH-adjusted p (so each confidence level is tested at FDR α), which can only
/// lower the number of significant cells.
/// Cost O(cells · band rows) through row prefix sums.
/// Throws InputError on an invalid grid, values of the wrong length or a
/// negative or non-finite distance.
GiStarResult getisOrdGiStar(const GridSpec& grid, std::span<const double> values,
                            const GiStarOptions& options);

/// Gi* on arbitrary cells (e.g. hexagons) with binary weights given as lists:
/// `neighbours[i]` holds every j with wᵢⱼ = 1, i itself included (Gi*, not Gi).
/// Same formula, NaN handling, p-values, FDR and bins as the grid version.
/// Throws InputError when the list count differs from the values or an index is out of range.
GiStarResult getisOrdGiStar(std::span<const double> values,
                            const std::vector<std::vector<std::size_t>>& neighbours, bool fdr);

/// Benjamini–Hochberg adjusted p-values (NaN entries stay NaN and are not counted).
std::vector<double> benjaminiHochberg(std::span<const double> p);

}  // namespace riskmap::core::stats
