// SPDX-License-Identifier: GPL-3.0-or-later
// `[profiles.<name>]` in the project file: a municipality tightens an export profile, never loosens it.
#pragma once

#include "riskmap/layers/export_profile.hpp"
#include "riskmap/layers/project_file.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace riskmap::layers {

/// The tightening of one profile. Every key only removes, raises or requires.
struct ProfileTightening {
    std::set<std::string> dropColumns;                 ///< `drop_columns`: removed besides the profile's own
    std::optional<std::set<std::string>> allowLayers;  ///< `allow_layers`: only these layers may be exported
    std::set<std::string> denyLayers;                  ///< `deny_layers`: never these layers
    int suppressCountsBelow = 0;                       ///< `suppress_counts_below`: at least the built-in threshold
    std::set<std::string> countColumns;                ///< `count_columns`: more columns treated as counts
    bool requirePurpose = false;                       ///< `require_purpose = true`
};

using ProfileSettings = std::map<Profile, ProfileTightening>;

/// Reads `[profiles.analist|riec|driehoek|partner]`. Throws UsageError (naming file and key) for an
/// unknown profile or key, a wrong type, or a value that would loosen the built-in profile
/// (a lower suppression threshold than the profile's own, `require_purpose = false` for riec).
ProfileSettings readProfileSettings(const ProjectFile& project);

/// Applies a tightening to a policy decided for `layer`. Throws Error when the layer is not allowed.
void tightenPolicy(ExportPolicy& policy, const ProfileTightening& tightening, const std::string& layer);

}  // namespace riskmap::layers
