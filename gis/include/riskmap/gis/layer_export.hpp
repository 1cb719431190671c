// SPDX-License-Identifier: GPL-3.0-or-later
// Writing a workspace layer to a file: CSV (geometry as geom_wkt) or GeoPackage (via GDAL).
#pragma once

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <string>

namespace riskmap::gis {

/// Writes every attribute column of `table` (fid first) and, when it has one, the geometry as
/// `geom_wkt`, in fid order. Returns the number of rows. Throws Error when the layer is missing
/// or the file cannot be written.
std::int64_t exportLayerCsv(SpatialiteDb& db, const std::string& table, const std::string& outPath,
                            core::CsvDialect dialect = core::CsvDialect::Rfc4180);

/// Copies `table` of the workspace file `workspacePath` into a new GeoPackage `outPath` (replaced
/// when it exists), layer name unchanged, EPSG:28992. Returns the number of rows. Throws GdalError.
std::int64_t exportLayerGpkg(const std::string& workspacePath, const std::string& table, const std::string& outPath);

/// Text of a WKB geometry as WKT (shortest round-trip coordinates); empty for empty input.
/// Throws GeosError on bad WKB.
std::string wkbToWkt(const std::vector<unsigned char>& wkb);

}  // namespace riskmap::gis
