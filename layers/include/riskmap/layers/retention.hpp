// SPDX-License-Identifier: GPL-3.0-or-later
// Retention: which records are past their keeping date, and their secure removal.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::layers {

struct RetentionSettings {
    int signalDays = 365;  ///< signals not followed up are kept one year (DOMAIN.md)
};

/// One rule's harvest: which layer, why, how many rows.
struct PurgeItem {
    std::string layer;
    std::string rule;       ///< Dutch description of the rule
    std::string condition;  ///< SQL condition with ?1 = the cut-off date (ISO)
    std::string cutoff;     ///< ISO date bound to ?1
    std::int64_t rows = 0;
};

/// Counts what is past retention on `today`; changes nothing.
std::vector<PurgeItem> planPurge(gis::Workspace& workspace, const core::Date& today, const RetentionSettings& settings);

/// Deletes the planned rows with secure_delete on, logs the purge in the
/// audit log in the same transaction, then checkpoints the WAL and vacuums so
/// the bytes are really gone. Returns the number of rows deleted.
std::int64_t executePurge(gis::Workspace& workspace, const std::vector<PurgeItem>& plan);

}  // namespace riskmap::layers
