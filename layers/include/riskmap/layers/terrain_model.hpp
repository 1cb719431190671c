// SPDX-License-Identifier: GPL-3.0-or-later
// The Risk Terrain Model on the study-area grid, stored with the run and carried to parcels (rtm_risico).
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/rtm.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/opportunity_settings.hpp"
#include "riskmap/layers/study_grid.hpp"

#include <map>
#include <string>
#include <vector>

namespace riskmap::layers {

/// The candidate operationalisations at the cell centres of `grid` (DOMAIN.md, RTMDx style):
/// vab proximity and density within 100…500 m; oprit proximity within 1…5 km and distance (km);
/// adressen log-density ln(1 + n) within 100…500 m; risky vestigingen proximity/density within
/// 100…500 m; bedrijventerrein and vakantiepark proximity within 0…500 m. Factors on absent
/// layers are left out. Throws as computeIndicators.
std::vector<core::stats::RtmCandidate> rtmCandidates(gis::SpatialiteDb& db, const StudyGrid& grid,
                                                     const OpportunitySettings& settings, const core::Date& reference,
                                                     core::Feedback& feedback);

struct TerrainModelReport {
    std::string runId;
    core::stats::RtmReport model;
    std::size_t cells = 0;
    std::int64_t parcelsWithRisk = 0;  ///< rows of risico_percelen that got an rtm_risico
    std::string text;                  ///< the printable Dutch report (formatRtmReport)
    std::map<std::string, double> seconds;
};

/// Fits the model on the grid (incidents of the last `[rtm] years` per cell), stores the report as
/// JSON in rk_runs.report (kind `rtm`), and when `risico_percelen` exists adds/updates its column
/// `rtm_risico`: the area-weighted mean cell risk of the kept cells the parcel covers (NULL when no
/// model or no kept cell). Cell risk is exp(Σ bᵢxᵢ) divided by its minimum over the cells, so the
/// lowest cell is 1 even when a kept coefficient is negative (isolation).
TerrainModelReport buildRiskTerrainModel(gis::Workspace& workspace, const OpportunitySettings& settings,
                                         const core::Date& reference, core::Feedback& feedback);

/// The model report in Dutch: model type, message, table of factors with distance, coefficient,
/// RRV and 95 % interval, fit statistics; says that the expert weights decide when there is no model.
std::string formatRtmReport(const core::stats::RtmReport& report);
/// The model report as JSON (stored in rk_runs.report).
std::string rtmReportJson(const core::stats::RtmReport& report, const std::string& text);

/// The text of the latest stored RTM report in the workspace, or "" when none.
std::string latestRtmReportText(gis::SpatialiteDb& db);

}  // namespace riskmap::layers
