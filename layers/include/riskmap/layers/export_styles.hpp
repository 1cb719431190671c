// SPDX-License-Identifier: GPL-3.0-or-later
// QGIS styles (QML and SLD) that travel with an exported layer, so the RIEC sees our colours.
#pragma once

#include "riskmap/gis/layer_export.hpp"

#include <array>
#include <string>
#include <vector>

namespace riskmap::layers {

/// The colour-blind-safe ramp (viridis, 5 steps) for classes 1 (low) to 5 (high), as "#rrggbb".
const std::array<std::string, 5>& classColours();

/// The style of `layer` with the given OGR geometry type name ("MULTIPOLYGON", "POINT", ...):
/// graduated by `risico_klasse` (risico_percelen, risico_adressen) or `gelegenheid_klasse`
/// (gelegenheidskaart) when that column is exported, a single symbol otherwise.
gis::LayerStyleText exportStyle(const std::string& layer, const std::string& geometryType,
                                const std::vector<std::string>& columns);

}  // namespace riskmap::layers
