// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the build steps that record a run in rk_runs (private to layers/).
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace riskmap::layers::detail {

/// A JSON string literal (quotes, backslashes and control characters escaped).
std::string jsonText(const std::string& s);
/// A JSON number that round-trips (17 significant digits); null for NaN or infinity.
std::string jsonNumber(double v);
/// Input checksums: per layer, the row count and the sha256 of its latest import and the appends after it.
std::string inputChecksums(gis::Workspace& ws, const std::vector<std::string>& layers);
/// The strictest classification of the layers (an output is at least as confidential as its inputs).
std::string strictestClassification(gis::Workspace& ws, const std::vector<std::string>& layers);
/// A new run id `<prefix>-<startedAt without - and :>-<number of runs + 1>`.
std::string newRunId(gis::SpatialiteDb& db, const std::string& prefix, const std::string& startedAt);
/// `{"step": seconds, ...}`.
std::string timingsJson(const std::map<std::string, double>& seconds);

/// Records a derived layer: a provenance entry (action build, rows written) and its registry row
/// (kind output, the strictest classification of `inputs`). Returns the finish time (ISO).
std::string registerOutputLayer(gis::Workspace& ws, const std::string& name, const std::string& geometryType,
                                std::int64_t rows, const std::vector<std::string>& inputs, const std::string& what,
                                const std::string& runId, const std::string& startedAt);

/// One rk_runs row.
struct RunRow {
    std::string runId, kind, startedAt, finishedAt, parameters, inputs, timings, report;
};
/// Inserts the row (model version RISKMAP_MODEL_VERSION). Throws SqliteError.
void insertRun(gis::SpatialiteDb& db, const RunRow& row);

}  // namespace riskmap::layers::detail
