// SPDX-License-Identifier: GPL-3.0-or-later
// Computes the indicators of the project (default set + declared) for every parcel, on all cores.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/layers/engine_settings.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace riskmap::layers {

/// Indicator values per parcel: values[indicator][parcel]; nullopt is NULL (no input layer, no geometry,
/// nothing found for a distance, or no raster over the parcel).
struct IndicatorTable {
    std::vector<IndicatorSpec> specs;
    std::vector<std::vector<std::optional<double>>> values;
    std::vector<std::string> layersUsed;     ///< layers read, sorted
    std::vector<std::string> missingLayers;  ///< default-set layers absent from the workspace (columns left empty)
    std::vector<std::string> warnings;       ///< inputs that could not be read (e.g. a corrupt raster); their columns stay empty
    /// Seconds per stage, for the run record: lagen_lezen (all layers, with lezen_<laag> each and
    /// punten_op_oppervlak), voorbereiden (masks and indexes), per_perceel (the parallel loop).
    std::map<std::string, double> seconds;
};

/// The default reference date (DESIGN.md): the latest incident date in the workspace; without
/// incidents, the latest registration date of vestigingen; nullopt when neither exists.
std::optional<core::Date> defaultReferenceDate(gis::SpatialiteDb& db);

/// Loads the layers the indicators need and computes them for every parcel of `parcels`.
/// Throws UsageError when a declared indicator names an absent layer or field, CancelledError
/// when cancelled, GeosError on a geometry that GEOS cannot handle.
IndicatorTable computeIndicators(gis::SpatialiteDb& db, const gis::FeatureSet& parcels, const EngineSettings& settings,
                                 const core::Date& reference, core::Feedback& feedback);

/// The layers the indicators read (those present in the workspace) with the attribute columns each
/// must be read with; the engine reads nothing else. For benchmarks that time reading alone.
std::map<std::string, std::set<std::string>> indicatorInputs(gis::SpatialiteDb& db, const EngineSettings& settings);
/// Reads `layer` as the engine does: the geometries and just those of `columns` the layer has.
gis::FeatureSet loadIndicatorLayer(gis::SpatialiteDb& db, const std::string& layer, const std::set<std::string>& columns);

/// The address key used to group vestigingen and match verblijfsobjecten:
/// normalised postcode|huisnummer|HUISLETTER|TOEVOEGING; empty when postcode or number is missing.
std::string addressKey(const std::string& postcode, const std::string& huisnummer, const std::string& huisletter,
                       const std::string& toevoeging);

}  // namespace riskmap::layers
