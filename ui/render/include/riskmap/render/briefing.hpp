// SPDX-License-Identifier: GPL-3.0-or-later
// The driehoek briefing: a short Dutch PDF of aggregates only (500 m blocks, zones, business parks).
#pragma once

#include "riskmap/layers/export_profile.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::render {

struct BriefOptions {
    std::string outPath;                                ///< .pdf (or .png pages)
    layers::Profile profile = layers::Profile::Driehoek; ///< only driehoek is accepted
    std::string purpose;                                ///< doelbinding for the audit log
    std::string date;                                   ///< printed date; today when empty
};

/// One aggregated 500 m block of the gelegenheidskaart.
struct BriefBlock {
    std::int64_t bx = 0, by = 0;      ///< block index: x = bx·500 … (bx+1)·500 (RD metres)
    double meanScore = 0;             ///< mean gelegenheid_score of its 100 m cells
    int klasse = 0;                   ///< rounded mean gelegenheid_klasse
    std::int64_t cells = 0;
    double incidents = 0;             ///< sum of n_incidenten (printed suppressed under 5)
    std::string gemeente;             ///< the municipality containing the block centre
    std::string reasons;              ///< Dutch: the strongest contributing factors
};

struct BriefReport {
    std::vector<std::string> files;
    int pages = 0;
    std::string printedAuditHash;     ///< the latest audit hash printed in the briefing
    std::int64_t auditSeq = 0;        ///< the audit entry recording the briefing
    std::vector<BriefBlock> topBlocks;
};

/// Block size of the driehoek aggregates (DOMAIN.md: at least 500 m).
inline constexpr double kBriefBlockSize = 500;

/// Aggregates the gelegenheidskaart's cells to 500 m blocks, highest mean score first.
/// Empty without a gelegenheidskaart.
std::vector<BriefBlock> aggregateBlocks(const std::string& workspacePath);

/// A count as the driehoek may read it: "<5" for 1..4, the number otherwise.
std::string suppressedCount(double count, int below = 5);

/// Writes the briefing through the driehoek profile and records it in the audit log.
/// Throws UsageError for another profile, Error when the workspace has no risk results.
BriefReport writeBriefing(const std::string& workspacePath, const BriefOptions& options);

}  // namespace riskmap::render
