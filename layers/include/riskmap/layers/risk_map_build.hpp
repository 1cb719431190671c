// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap build`: indicators and expert-weight scores per parcel into `risico_percelen`, recorded as a run.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/previous_run.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

struct RiskBuildReport {
    std::string runId;
    std::string referenceDate;             ///< ISO date used
    bool referenceDateGuessed = false;     ///< no dated layer: today's date was used (the results do not depend on it)
    std::int64_t parcels = 0;
    std::vector<std::int64_t> classCounts;  ///< parcels per class 1..k
    std::vector<std::string> missingLayers;
    std::vector<std::string> warnings;      ///< inputs that could not be read (their columns stay empty)
    std::map<std::string, double> seconds;  ///< per step and "totaal"
    ClassChanges changes;                   ///< class moves since the previous run of risico_percelen
};

/// Computes the indicators and scores of every parcel and replaces the layer `risico_percelen`
/// (parcel polygon, perceel_id, gemeente, one column per indicator, risico_score, risico_klasse,
/// verklaring, run_id, and vorige_score / verschil_score / vorige_klasse / vorige_run_id from the layer it
/// replaces, matched on perceel_id: NULL on the first run and for new parcels); stores the run in rk_runs (parameters, input checksums, model version,
/// timings). Without `referenceDate`, defaultReferenceDate() decides.
/// Throws InputError without a `percelen` layer, UsageError for bad settings, CancelledError.
RiskBuildReport buildRiskMap(gis::Workspace& workspace, const EngineSettings& settings,
                             std::optional<core::Date> referenceDate, core::Feedback& feedback);

/// The columns of `risico_percelen` besides fid and geom, in order.
std::vector<std::string> riskParcelColumns(const EngineSettings& settings);

}  // namespace riskmap::layers
