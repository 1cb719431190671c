// SPDX-License-Identifier: GPL-3.0-or-later
// Registering (not copying) aerial photos: metadata, checksum, overviews in a cache beside the workspace.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// An axis-aligned rectangle.
struct RasterExtent {
    double minX = 0.0;
    double minY = 0.0;
    double maxX = 0.0;
    double maxY = 0.0;
};

/// What we know of a registered raster. The source itself is never copied or written.
struct RasterInfo {
    std::string path;            ///< absolute, normalised path of the source file
    std::string driver;          ///< GDAL short name: GTiff, VRT, GPKG, MBTiles, ...
    std::string sha256;          ///< of the file's bytes (for a VRT: of the .vrt text, not its tiles)
    std::string crs;             ///< `EPSG:<code>` when identifiable, otherwise WKT2
    RasterExtent extent;         ///< in EPSG:28992 (edges densified when transformed)
    RasterExtent nativeExtent;   ///< in the source CRS
    double pixelSizeX = 0.0;     ///< in source CRS units (positive)
    double pixelSizeY = 0.0;     ///< in source CRS units (positive)
    int bands = 0;
    int width = 0;
    int height = 0;
    bool hasOverviews = false;   ///< the source has its own overviews (or a tile pyramid)
    /// A VRT in the cache wrapping the source, with `<overviewPath>.ovr` beside it; renderers open
    /// this instead of the source. Empty when the source has overviews or is too small to need them.
    std::string overviewPath;
};

/// Rasters whose larger side is at most this many pixels get no overviews.
inline constexpr int kOverviewMinimumSize = 256;

/// `<workspace>.cache/overviews`: where built overviews go (the source folder may be read-only).
std::string overviewCacheDir(const std::string& workspacePath);

/// Reads the metadata and checksum of a raster (GeoTIFF/COG, VRT, GeoPackage tiles, MBTiles, ...)
/// opened read-only; writes nothing anywhere. Throws InputError when the file is missing, not a
/// raster, has no georeference or CRS, or holds several raster tables (message lists them),
/// and ProjError when its extent cannot be transformed to EPSG:28992.
RasterInfo inspectRaster(const std::string& path);

/// inspectRaster, then, when the source lacks overviews and is larger than kOverviewMinimumSize,
/// builds them (average resampling, DEFLATE) on a VRT in overviewCacheDir(workspacePath) named
/// `<sha256>.vrt` (+ `.vrt.ovr`); an existing one is reused. Reports progress and honours
/// cancel through `feedback` (CancelledError, leaving no partial files). Throws GdalError
/// when building fails.
RasterInfo registerRaster(const std::string& path, const std::string& workspacePath,
                          core::Feedback* feedback = nullptr);

/// Creates table `rk_rasters` when absent (one row per layer and source path). A workspace has
/// it from schema migration 2 already; this is for plain SpatiaLite files (tests, tools).
void ensureRasterTables(SpatialiteDb& db);

/// One row of rk_rasters.
struct RasterRecord {
    std::int64_t id = 0;
    std::string layer;
    std::optional<int> year;
    RasterInfo info;           ///< nativeExtent is not stored and comes back zero
    std::string registeredAt;  ///< UTC, `YYYY-MM-DDTHH:MM:SSZ`
};

/// Inserts or updates (same layer and path) the registration; returns the row id.
/// Call inside a Transaction; ensureRasterTables must have run.
std::int64_t storeRaster(SpatialiteDb& db, const std::string& layer, std::optional<int> year,
                         const RasterInfo& info);

/// The registered rasters, of one layer or (empty) all, ordered by layer, year, path.
std::vector<RasterRecord> loadRasters(SpatialiteDb& db, const std::string& layer = {});

}  // namespace riskmap::gis
