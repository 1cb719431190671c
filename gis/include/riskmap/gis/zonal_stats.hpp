// SPDX-License-Identifier: GPL-3.0-or-later
// Zonal statistics of one raster band per polygon, streamed window by window over all cores.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/wkb.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

class FeatureSet;

/// Every ring of one zone (shells and holes of all its parts, closed or not). A pixel belongs to
/// the zone when its centre is inside under the even-odd rule; a centre exactly on an edge counts
/// as if nudged an infinitesimal step right (+x) and up (+y), so that polygons sharing an edge
/// never both claim a pixel.
using ZoneRings = std::vector<std::vector<XY>>;

struct ZonalOptions {
    int band = 1;                           ///< 1-based band number
    std::optional<double> classMin;         ///< with classMax: the class [classMin, classMax] for classShare()
    std::optional<double> classMax;
};

/// Sums over the zone's valid pixels (nodata pixels are skipped).
struct ZonalResult {
    std::uint64_t count = 0;       ///< valid pixels whose centre is inside
    std::uint64_t classCount = 0;  ///< of those, pixels in the class of ZonalOptions
    double sum = 0.0;
    double sumSquares = 0.0;

    std::optional<double> mean() const;
    /// Population standard deviation.
    std::optional<double> stddev() const;
    /// classCount / count.
    std::optional<double> classShare() const;
};

/// Computes the statistics of `options.band` of the raster at `rasterPath` for each zone, whose
/// coordinates must be in the raster's CRS (north-up, no rotation). Reads the raster in windows
/// aligned to its blocks (only windows that meet a zone), in parallel with one dataset handle per
/// thread; memory is a few windows per thread plus one result per zone per thread.
/// Throws InputError when the file is missing, not a raster, rotated or lacks the band;
/// GdalError when a read fails (a corrupt tile); CancelledError when cancelled.
std::vector<ZonalResult> zonalStatistics(const std::string& rasterPath, const std::vector<ZoneRings>& zones,
                                         const ZonalOptions& options = {}, core::Feedback* feedback = nullptr);

/// The rings of each feature's polygon geometry (empty for features without a polygon).
std::vector<ZoneRings> zoneRingsOf(const FeatureSet& set);

/// The rings of a polygon or multipolygon WKB (empty for other geometries). Throws GdalError on bad WKB.
ZoneRings zoneRingsOfWkb(const Wkb& wkb);

}  // namespace riskmap::gis
