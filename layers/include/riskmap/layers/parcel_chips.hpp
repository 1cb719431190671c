// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap chip`: one image chip per aerial photo year for a parcel or an address (verblijfsobject).
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <string>
#include <vector>

namespace riskmap::layers {

struct ChipFile {
    int year = 0;          ///< 0 for a photo registered without a year
    std::string path;
    bool fromCache = false;  ///< the photo was unreadable: made from the workspace's tile cache
};

/// Writes `<outDir>/<perceel_id>_<year>.tif` for every registered luchtfoto (one per year) around
/// the parcel `parcelId`, or, with `byVbo`, around the parcel holding verblijfsobject `id`.
/// A photo that cannot be read (offline share, damaged file) is replaced by its tile cache
/// (gis::TileCache); InputError names the photo when the cache lacks the area too.
/// Throws UsageError when the parcel/vbo is unknown, no photo is registered, or the vbo lies on no parcel.
std::vector<ChipFile> writeParcelChips(gis::Workspace& workspace, const std::string& id, bool byVbo,
                                       const std::string& outDir, int size);

}  // namespace riskmap::layers
