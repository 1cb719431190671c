// SPDX-License-Identifier: GPL-3.0-or-later
// The settings a stored year plan was made with, kept beside its layers so they can be shown and repeated.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace riskmap::layers {

/// What the analyst chose for a year plan (project file and overrides applied).
struct StoredPlanSettings {
    int year = 0;
    int controls = 0;
    int addressesPerControl = 0;
    double randomShare = 0.0;
    std::uint64_t seed = 0;
    std::string madeAt;  ///< ISO UTC
    std::string madeBy;
};

/// Replaces the year's row of `rk_plan_settings` (created when missing). Call inside the transaction
/// that writes the plan's layers, so the two never disagree.
void writePlanSettings(gis::SpatialiteDb& db, const StoredPlanSettings& settings);

/// The settings of the stored plan of `year`; none for a plan made before they were kept.
std::optional<StoredPlanSettings> readPlanSettings(gis::SpatialiteDb& db, int year);

}  // namespace riskmap::layers
