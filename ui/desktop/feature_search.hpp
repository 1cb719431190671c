// SPDX-License-Identifier: GPL-3.0-or-later
// Finding features by address, parcel, company name or establishment number (bound SQL parameters only).
#pragma once

#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::desktop {

enum class SearchKind { Address, Parcel, CompanyName, EstablishmentNumber };

struct SearchHit {
    std::string layer;
    std::int64_t fid = 0;
    std::string label;  ///< what the analyst reads in the result list
    gis::Box box;
};

/// Searches the workspace. Address: "3941AB 12" (spaces optional, house letter or
/// addition after the number ignored) in verblijfsobjecten and vestigingen; Parcel:
/// perceel_id, exact or as prefix; CompanyName: part of handelsnaam; EstablishmentNumber:
/// exact vestigingsnummer. The text is only ever bound as a parameter. Missing layers
/// give no hits; at most `limit` hits. Throws UsageError for an unparsable address.
std::vector<SearchHit> searchFeatures(gis::SpatialiteDb& db, SearchKind kind, const std::string& text, int limit = 50);

}  // namespace riskmap::desktop
