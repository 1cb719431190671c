// SPDX-License-Identifier: GPL-3.0-or-later
// VRT mosaics: many photo files of one year read as one raster, built in the cache beside the workspace.
#pragma once

#include <string>
#include <vector>

namespace riskmap::gis {

/// The raster files named by `inputs`: files as given, folders expanded to their GeoTIFF, JPEG 2000,
/// IMG and VRT files (not recursive), sorted by name. Throws InputError naming a path that does not
/// exist or a folder without raster files.
std::vector<std::string> expandRasterInputs(const std::vector<std::string>& inputs);

/// `<workspace>.cache/mosaics/<layer>_<year>.vrt`.
std::string mosaicPath(const std::string& workspacePath, const std::string& layer, int year);

/// Builds (or rebuilds) a VRT mosaic of `files` at `vrtPath` with GDALBuildVRT, source paths absolute,
/// so zonal statistics, chips and change detection read across the files' seams as from one raster.
/// Every file must have the same CRS, band count and data type, otherwise InputError names the
/// first file that differs (GDALBuildVRT would silently skip it); unreadable files also give
/// InputError naming them. GdalError when the VRT cannot be written. Returns vrtPath.
std::string buildRasterMosaic(const std::vector<std::string>& files, const std::string& vrtPath);

}  // namespace riskmap::gis
