// SPDX-License-Identifier: GPL-3.0-or-later
// An on-disk tile cache of the aerial photos beside the workspace (GeoPackage tiles in RD), usable offline.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/raster_window.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// The tile matrix set of the cache: the Dutch RD grid PDOK uses (EPSG:28992, top-left origin
/// (−285 401.92, 903 401.92), 256-pixel tiles, 3 440.64 m per pixel at level 0, halving per level),
/// so cached tiles line up across photo years.
struct RdTileGrid {
    static constexpr double kOriginX = -285401.92;
    static constexpr double kOriginY = 903401.92;
    static constexpr double kLevel0Resolution = 3440.64;
    static constexpr int kTileSize = 256;
    static constexpr int kMaxLevel = 16;  ///< about 5 cm per pixel

    /// Metres per pixel at `level`.
    static double resolution(int level);
    /// The coarsest level whose pixels are at most `pixelSize` metres (kMaxLevel when finer).
    static int levelFor(double pixelSize);
};

/// How one read or prefill was served.
struct TileCacheStats {
    std::uint64_t fromCache = 0;   ///< tiles already in the cache
    std::uint64_t fromSource = 0;  ///< tiles read from the photo now and stored
};

/// What a cache-only read found (TileCache::readCachedOnly).
struct CachedCoverage {
    int level = -1;                  ///< the cache level read; -1 when no level holds any of the area
    std::uint64_t tilesNeeded = 0;   ///< tiles of that level over the part of the box the photo covers
    std::uint64_t tilesMissing = 0;  ///< of those, the ones not cached (transparent in the window)
};

/// What a trim of the cache did (TileCache::trim).
struct CacheTrimStats {
    std::uint64_t bytesBefore = 0;  ///< tile bytes stored before
    std::uint64_t bytesAfter = 0;   ///< and after
    std::uint64_t tilesRemoved = 0;
};

/// Photos of layer `luchtfoto` by year, read through `<workspace>.cache/luchtfoto_<year>.gpkg`:
/// a read first takes the tiles the cache holds and reads only the missing ones from the photo (or
/// its VRT mosaic), storing them; when the photo is gone (a network share offline) or corrupt, the
/// cached tiles still serve. One GeoPackage raster table per level, `luchtfoto_<year>_z<level>`,
/// PNG tiles with alpha, written by GDAL's GPKG driver; table `rk_cached_tiles` lists what was
/// fetched. A cache made from another version of the photo (another sha256) is discarded. Safe to
/// use from several threads (one read at a time). A year may have a size limit (setSizeLimit):
/// after each read or prefill that stored tiles, the least recently used tiles are removed until
/// the cache is within it; tiles the running read needs are never removed.
class TileCache {
public:
    /// Reads the luchtfoto registrations of the workspace (rk_rasters in `db`); the cache files go
    /// beside `workspacePath`.
    TileCache(SpatialiteDb& db, std::string workspacePath);

    /// `<workspace>.cache/luchtfoto_<year>.gpkg`.
    static std::string cachePath(const std::string& workspacePath, int year);

    /// The registered years, oldest first.
    std::vector<int> years() const;
    /// The registration of `year`; UsageError listing the years when there is none.
    const RasterRecord& photo(int year) const;
    /// The finest level worth caching for `year`: the coarsest level at least as fine as the photo.
    int nativeLevel(int year) const;

    /// The photo of `year` over `box` (EPSG:28992) at about `pixelSize` m per pixel, as RGBA
    /// (round(width / pixelSize) × round(height / pixelSize) pixels, transparent outside the photo),
    /// resampled from the cache level just finer than pixelSize (never finer than the photo).
    /// Throws UsageError for an unknown year or a bad size, InputError naming the photo file when
    /// tiles are missing from the cache and the photo cannot be read, and naming the cache file
    /// when the cache itself cannot be read or written.
    RasterWindow readWindow(int year, const Box& box, double pixelSize, TileCacheStats* stats = nullptr);

    /// Makes sure the tiles readWindow(year, box, pixelSize) needs are cached and returns the GDAL
    /// name of the cache level that holds them (`GPKG:<file>:<table>`), for code that reads a raster
    /// by name, such as image chips when the photo itself is offline. Throws like readWindow.
    std::string cachedRaster(int year, const Box& box, double pixelSize, TileCacheStats* stats = nullptr);

    /// Reads the cache only, never the photo (for when the photo is unreachable): the photo of
    /// `year` over `box` as a widthPx × heightPx RGBA window (like readRasterWindow), from the
    /// cached level nearest the output resolution that holds most of the area (at most two levels
    /// finer, three coarser); transparent where nothing is cached, `coverage` says how much.
    /// Writes nothing. Thread-safe. Throws UsageError for an unknown year or a bad size,
    /// InputError naming the cache file when it cannot be read.
    RasterWindow readCachedOnly(int year, const Box& box, int widthPx, int heightPx, CachedCoverage* coverage = nullptr) const;

    /// Stores every tile of `levels` over `box` (clipped to the photo) that is not cached yet, for
    /// offline use; reports progress per tile and honours cancel (CancelledError; what was stored
    /// stays). Throws like readWindow.
    TileCacheStats prefill(int year, const Box& box, const std::vector<int>& levels, core::Feedback* feedback = nullptr);

    /// Keeps the cache of `year` at most `maxBytes` of tiles from now on (stored in the workspace
    /// `workspaceDb`, table rk_tile_cache_limits); nullopt removes the limit. Takes effect for
    /// TileCache objects made afterwards.
    static void setSizeLimit(SpatialiteDb& workspaceDb, int year, std::optional<std::uint64_t> maxBytes);
    /// The size limit of `year`'s cache, if any.
    std::optional<std::uint64_t> sizeLimit(int year) const;
    /// Removes the least recently used tiles of `year` until at most `maxBytes` of tiles remain
    /// (then gives the space back to the disk when much is free). UsageError for an unknown year.
    CacheTrimStats trim(int year, std::uint64_t maxBytes);

private:
    void readSizeLimits(SpatialiteDb& workspaceDb);
    /// Trims, keeping every tile used at or after `keepFromStamp`. Caller holds m_mutex.
    CacheTrimStats trimCache(int year, std::uint64_t maxBytes, std::int64_t keepFromStamp);
    /// Applies the year's limit after a read or prefill that began at `stamp`. Caller holds m_mutex.
    void enforceLimit(int year, std::int64_t stamp);

    std::string m_workspacePath;
    std::map<int, std::uint64_t> m_limits;
    std::map<int, RasterRecord> m_photos;
    std::mutex m_mutex;
};

}  // namespace riskmap::gis
