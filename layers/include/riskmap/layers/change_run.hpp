// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap change`: new built-up areas between two aerial photo years, without a BAG pand, for review.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace riskmap::layers {

struct ChangeRunOptions {
    std::optional<int> fromYear;  ///< default: the second most recent luchtfoto year
    std::optional<int> toYear;    ///< default: the most recent luchtfoto year
    double minArea = 200.0;       ///< m²: smaller change polygons are noise
    double pandShare = 0.1;       ///< a change polygon this much covered by panden is a known building
};

struct ChangeRunReport {
    int fromYear = 0;
    int toYear = 0;
    std::uint64_t pixels = 0;
    std::uint64_t changedPixels = 0;
    std::size_t changePolygons = 0;   ///< of at least minArea
    std::size_t unknownBuildings = 0; ///< of those, without a pand: rows of onbekende_bebouwing
    std::size_t reviewsCarried = 0;   ///< of those, rows that took over an earlier review
    std::string maskPath;
    double seconds = 0.0;
};

/// Compares the luchtfoto rasters of two years (one registered file per year, same grid),
/// replaces layer `onbekende_bebouwing` (polygon, perceel_id, oppervlakte, jaar_van, jaar_tot,
/// beoordeling = 'open', beoordeeld_door, beoordeeld_op, toelichting; earlier reviews from
/// rk_change_reviews are carried over by overlap, see carryChangeReviews) with the change polygons of at least minArea that panden cover less than
/// pandShare, and layer `percelen_verandering` (parcel geometry, perceel_id, jaar_van, jaar_tot,
/// aandeel_veranderd = share of the parcel's pixels that changed). The change mask is kept in
/// `<workspace>.cache/verandering_<van>_<tot>.tif`.
/// Throws UsageError when a year has no registered photo (the message lists the years), InputError
/// or GdalError from the photos, CancelledError.
ChangeRunReport runChangeDetection(gis::Workspace& workspace, const ChangeRunOptions& options, core::Feedback& feedback);

}  // namespace riskmap::layers
