// SPDX-License-Identifier: GPL-3.0-or-later
// The project's `[sectors]` table: risky SBI branches and the SBI 2008 ↔ 2025 correspondence.
//
//   [sectors]
//   risky = ["4511", "45.19", "96.02"]     # prefixes, dotted or digits; default: defaultRiskySectors()
//   version = "2008"                       # "2008", "2025" or absent (= either: both directions)
//   correspondence = "sbi_2008_2025.csv"   # docs/sbi-correspondentie.md; relative to the project file
//   sbi2025 = "sbi2025.csv"                # optional SBI 2025 list in the SBI 2008 CSV layout
#pragma once

#include "riskmap/core/sbi.hpp"
#include "riskmap/layers/project_file.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::layers {

/// The risky-sector settings of a project (all optional).
struct SectorSettings {
    std::vector<std::string> risky;  ///< prefixes as written (digits or dotted)
    core::SbiVersion version = core::SbiVersion::Unknown;
    std::string correspondenceFile;  ///< resolved path, empty when none
    core::SbiCorrespondence correspondence;
    std::string sbi2025File;         ///< resolved path, empty when none
    std::optional<core::SbiCatalogue> sbi2025;

    /// The risky prefixes expanded through the correspondence so that codes of both
    /// versions match (digits only, sorted, no prefix covered by a shorter one).
    std::vector<std::string> riskySectorPrefixes() const;
    /// True when a normalised code is in the bundled SBI 2008 list, the SBI 2025 list or on
    /// either side of the correspondence.
    bool knownCode(std::string_view digits) const;
};

/// The default list of risky branches (DOMAIN.md), in SBI 2008: car trade and repair, car
/// rental, road haulage, storage, scrap and waste, barbers and beauty, fast food and takeaway,
/// real estate, holdings.
const std::vector<std::string>& defaultRiskySectors();

/// Reads `[sectors]` from a project file; files are resolved against the project folder.
/// Throws UsageError naming the file and key for a wrong type, an unknown version, a
/// malformed prefix or an unreadable/malformed correspondence or list file.
SectorSettings readSectorSettings(const ProjectFile& project);

/// Shortcut for the risk engine: readSectorSettings(project).riskySectorPrefixes().
std::vector<std::string> riskySectorPrefixes(const ProjectFile& project);

}  // namespace riskmap::layers
