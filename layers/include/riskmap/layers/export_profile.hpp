// SPDX-License-Identifier: GPL-3.0-or-later
// Export profiles: what each audience may receive of a layer (DESIGN.md, DOMAIN.md).
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace riskmap::layers {

enum class Profile { Analist, Riec, Driehoek, Partner };

std::optional<Profile> parseProfile(const std::string& name);
std::string toString(Profile profile);

/// What one export of one layer may contain. Every export goes through one.
struct ExportPolicy {
    Profile profile = Profile::Analist;
    std::vector<std::string> columns;   ///< the columns that may leave the tool, in order
    std::vector<std::string> dropped;   ///< columns removed, for the report
    std::string rowFilter;              ///< SQL condition on the layer's rows ("" = all)
    int suppressCountsBelow = 0;        ///< counts 1..n-1 are blanked (driehoek: 5)
    std::set<std::string> countColumns; ///< which columns are counts to suppress
    std::string banner;                 ///< classification banner for maps and metadata
    std::string classification;         ///< the level the export carries
};

/// Decides the policy for exporting `layer` (with its attribute columns) to
/// `profile`. Throws Error (exit 1) when the audience may not have the layer
/// at all, with the reason; `partnerControl` selects the control for `partner`.
ExportPolicy decideExportPolicy(Profile profile, const gis::LayerRecord& layer, const std::vector<std::string>& columns,
                                const std::optional<std::string>& partnerControl = std::nullopt);

/// Whether a column holds a count that small-number suppression applies to (n_*, aantal*, kde_n).
bool isCountColumn(const std::string& column);

/// Whether a profile demands a stated purpose (doelbinding) by itself: `riec` does.
bool profileRequiresPurpose(Profile profile);

/// The built-in count-suppression threshold of a profile (driehoek: 5, others 0).
int builtInSuppression(Profile profile);

/// Layers that hold one row per person, company, address or parcel.
bool isRowLevelLayer(const std::string& layer);

}  // namespace riskmap::layers
