// SPDX-License-Identifier: GPL-3.0-or-later
// Reads the geometry and chosen text attributes of one vector layer, for small inputs.
#pragma once

#include "riskmap/gis/wkb.hpp"

#include <string>
#include <vector>

namespace riskmap::gis {

struct ReadFeature {
    Wkb geometry;
    std::vector<std::string> values;  ///< the requested fields, as text ("" when null)
};

/// All features of `layer` in `path` passing the OGR SQL `where` filter (empty:
/// all), in file order, with the named fields as text. The layer must be in
/// EPSG:`requiredEpsg`. Throws InputError (unreadable file, missing layer or
/// field, other CRS).
std::vector<ReadFeature> readFeatures(const std::string& path, const std::string& layer,
                                      const std::string& where, const std::vector<std::string>& fields,
                                      int requiredEpsg = 28992);

}  // namespace riskmap::gis
