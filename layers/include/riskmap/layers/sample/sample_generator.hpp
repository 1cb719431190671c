// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic Heuvelrug sample project: every input layer, aerial photos and the truth behind them.
#pragma once

#include "riskmap/core/feedback.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace riskmap::layers::sample {

/// XS: a 6 × 5 km window of S (for tests); S: the five municipalities;
/// M: 10 × S tiled east/north; L: 100 × S, aerial photos at 25 m.
enum class SampleScale { XS, S, M, L };

/// Parses "XS", "S", "M" or "L" (any case); throws UsageError otherwise.
SampleScale parseSampleScale(std::string_view text);

struct SampleOptions {
    std::string outDir;            ///< created when missing
    SampleScale scale = SampleScale::S;
    std::uint64_t seed = 1;
    std::string boundariesPath;    ///< GeoPackage with layer gemeenten_2022 (CBS)
    /// Optional window (RD) replacing the scale's window; only for S-size tiling.
    std::optional<std::array<double, 4>> extent;
    bool photos = true;            ///< write luchtfoto_2024/2025.tif
    /// Incident hot spots on top of the log-linear model (incident_model.json lists them per tile).
    /// Off only for tests that must recover the model's coefficients: a hot spot is an omitted
    /// variable for the RTM (the motorway business park's one sits near an exit and biases oprit).
    bool hotspots = true;
};

struct SampleReport {
    std::map<std::string, std::int64_t> counts;  ///< features per layer
    std::string geopackage;
    double photoPixelSize = 0.0;                 ///< 0 when no photos were written
    int tiles = 0;
};

/// Generates the sample project into options.outDir: heuvelrug.gpkg,
/// luchtfoto_2024.tif, luchtfoto_2025.tif, ground_truth.json and
/// incident_model.json. The same options give byte-identical files.
/// Throws InputError (boundaries), GdalError/GeosError, CancelledError.
SampleReport generateSample(const SampleOptions& options, core::Feedback& feedback);

}  // namespace riskmap::layers::sample
