// SPDX-License-Identifier: GPL-3.0-or-later
// Analysts' reviews of onbekende_bebouwing polygons, kept apart so that a rerun of change detection keeps them.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <string>

namespace riskmap::layers {

/// The review states of an onbekende_bebouwing polygon (column `beoordeling`).
inline constexpr const char* kReviewOpen = "open";
inline constexpr const char* kReviewConfirmed = "bevestigd";
inline constexpr const char* kReviewDismissed = "afgewezen";

/// One review as recorded.
struct ChangeReview {
    std::int64_t fid = 0;      ///< the onbekende_bebouwing row reviewed
    std::string status;        ///< bevestigd, afgewezen or open
    std::string reviewer;      ///< beoordeeld_door
    std::string reviewedAt;    ///< beoordeeld_op, UTC ISO-8601
    std::string remark;        ///< toelichting
};

/// Creates `rk_change_reviews` when absent: every review ever given (status, by whom, when, remark),
/// with a copy of the reviewed polygon and its photo years, so it survives the layer being replaced.
void ensureChangeReviewTable(gis::SpatialiteDb& db);

/// Records a review of row `fid` of onbekende_bebouwing: sets beoordeling, beoordeeld_door,
/// beoordeeld_op and toelichting on the row and appends it to rk_change_reviews, in one transaction.
/// Throws UsageError for an unknown status, InputError when the layer or the row does not exist.
ChangeReview reviewChange(gis::Workspace& workspace, std::int64_t fid, const std::string& status,
                          const std::string& remark, const std::string& reviewer);

/// Carries earlier reviews onto freshly written onbekende_bebouwing rows (call inside the change run's
/// transaction, after writing the rows): a row takes the latest review whose polygon overlaps it by at
/// least half of the smaller of the two areas, preferring reviews of the same photo years. So a
/// dismissed polygon stays dismissed when the rerun draws it slightly differently. Returns the rows
/// that received a review.
std::int64_t carryChangeReviews(gis::SpatialiteDb& db);

}  // namespace riskmap::layers
