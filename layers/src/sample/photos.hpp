// SPDX-License-Identifier: GPL-3.0-or-later
// Renders the aerial photos of 2024 and 2025 from the generated features (private to the sample module).
#pragma once

#include "sample_world.hpp"
#include "riskmap/gis/raster_writer.hpp"

namespace riskmap::layers::sample {

/// Colours (R, G, B, NIR) the tests look for: the roof and yard of planted barns.
inline const std::vector<std::uint8_t> kNewBarnRoof = {68, 74, 82, 28};
inline const std::vector<std::uint8_t> kNewYard = {176, 170, 158, 44};

/// Burns the tile into both photos (its window of their pixel grid), strip by strip.
void renderTilePhotos(const TileWorld& world, gis::RasterWriter& photo2024, gis::RasterWriter& photo2025,
                      core::Feedback& feedback);

}  // namespace riskmap::layers::sample
