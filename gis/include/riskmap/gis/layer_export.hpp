// SPDX-License-Identifier: GPL-3.0-or-later
// Writing the selected rows and columns of a workspace layer to a file (CSV, GeoPackage, GeoJSON, KML, XLSX, GeoTIFF).
#pragma once

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace riskmap::gis {

/// What of a layer may be written: always derived from an export profile's policy
/// (layers::exportLayer is the only caller). There is no "everything" default:
/// an empty column list writes no attributes.
struct RowSelection {
    std::vector<std::string> columns;  ///< attribute columns, in order (never fid or geom)
    std::string rowFilter;             ///< fixed SQL condition with named parameters; "" = all rows
    std::map<std::string, std::string> parameters;  ///< values bound to `:name` in the filter (never pasted)
    int suppressCountsBelow = 0;       ///< values 1..n-1 of the count columns are written empty
    std::set<std::string> countColumns;
};

enum class ExportFormat { GeoPackage, GeoJson, Kml, Csv, Xlsx, GeoTiff };

/// The format for a file extension (".gpkg", ".geojson"/".json", ".kml", ".csv", ".xlsx", ".tif"/".tiff").
std::optional<ExportFormat> exportFormatForPath(const std::string& path);
std::string toString(ExportFormat format);

/// A style QGIS applies when it opens the layer (GeoPackage `layer_styles`).
struct LayerStyleText {
    std::string name;
    std::string qml;
    std::string sld;
    std::string description;
};

struct ExportOptions {
    ExportFormat format = ExportFormat::GeoPackage;
    core::CsvDialect csvDialect = core::CsvDialect::Rfc4180;
    /// Key/value metadata: GeoPackage gpkg_metadata (GDAL metadata of the dataset and layer),
    /// the caller writes a sidecar for the other formats.
    std::vector<std::pair<std::string, std::string>> metadata;
    std::optional<LayerStyleText> style;  ///< GeoPackage only
};

/// Writes the selected rows and columns of `table` (fid order) to `outPath` (replaced).
/// CSV: fid, the columns, geom_wkt (RD New). GeoPackage: EPSG:28992, fid kept, plus the style in
/// `layer_styles`. GeoJSON (RFC 7946) and KML: reprojected to WGS84. XLSX: no geometry but the
/// RD coordinates `x_rd`, `y_rd` of a point on the surface. Returns the number of rows written.
/// Throws Error for a missing layer, GdalError when the file cannot be written.
std::int64_t writeLayerRows(SpatialiteDb& db, const std::string& table, const RowSelection& selection,
                            const std::string& outPath, const ExportOptions& options);

/// Copies a grid GeoTIFF to `outPath` (DEFLATE, tiled) with the metadata as TIFF tags.
/// Returns the number of cells. Throws GdalError.
std::int64_t copyGridGeoTiff(const std::string& sourcePath, const std::string& outPath,
                             const std::vector<std::pair<std::string, std::string>>& metadata);

/// The pixel size (metres) of a GeoTIFF; throws GdalError when it cannot be read.
double gridCellSize(const std::string& path);

/// Text of a WKB geometry as WKT (shortest round-trip coordinates); empty for empty input.
/// Throws GeosError on bad WKB.
std::string wkbToWkt(const std::vector<unsigned char>& wkb);

}  // namespace riskmap::gis
