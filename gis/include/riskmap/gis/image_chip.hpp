// SPDX-License-Identifier: GPL-3.0-or-later
// Image chips: a georeferenced square crop of an aerial photo around a polygon, its outline drawn in.
#pragma once

#include "riskmap/gis/wkb.hpp"

#include <string>

namespace riskmap::gis {

/// The square map extent of a chip around `outline`: its envelope grown by 15 % on each side
/// (at least 20 m wide), centred on the envelope.
Envelope chipExtent(const Wkb& outline);

/// Writes an RGB GeoTIFF of `size` × `size` pixels covering chipExtent(outline), resampled
/// (average) from bands 1–3 of `rasterPath` (same CRS as the outline; outside the photo black),
/// with the outline's boundary burnt in magenta (every touched pixel). Returns the extent.
/// Throws InputError when the photo cannot be opened, GdalError when reading or writing fails.
Envelope writeImageChip(const std::string& rasterPath, const Wkb& outline, const std::string& outPath, int size = 512);

}  // namespace riskmap::gis
