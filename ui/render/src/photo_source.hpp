// SPDX-License-Identifier: GPL-3.0-or-later
// Raster windows for the renderer: from the photo file when reachable, else from the workspace's tile cache (private to render).
#pragma once

#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/raster_window.hpp"
#include "riskmap/gis/tile_cache.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace riskmap::render {

/// One window read by PhotoSource and where it came from.
struct PhotoRead {
    gis::RasterWindow window;
    bool fromCache = false;          ///< the file was unreachable: read from the tile cache
    std::uint64_t tilesNeeded = 0;   ///< fromCache: cache tiles the window needed
    std::uint64_t tilesMissing = 0;  ///< fromCache: of those, not cached (left transparent)
};

/// Reads windows of registered rasters. Aerial photos (layer `luchtfoto` with a year) whose
/// file is missing or unreadable (a network share offline) are read from the tile cache
/// beside the workspace (gis::TileCache, filled by `riskmap cache`) instead; other rasters
/// throw as before. A file found unreachable is not tried again for kRetrySeconds, so a dead
/// share costs one failed open per half minute instead of one per block. Thread-safe.
class PhotoSource {
public:
    static constexpr int kRetrySeconds = 30;

    explicit PhotoSource(std::string workspacePath) : m_workspacePath(std::move(workspacePath)) {}

    /// The window of `record` over `box` in widthPx × heightPx pixels, read from `source` (the
    /// record's file or its overview VRT). Throws the file's error when there is no cache to use.
    PhotoRead read(const gis::RasterRecord& record, const std::string& source, const gis::Box& box, int widthPx,
                   int heightPx, gis::Resampling resampling);
    /// Whether `record`'s file was found unreachable (within the retry time).
    bool unreachable(const gis::RasterRecord& record);
    /// Forgets what was found (after the workspace changed: new registrations, a new cache).
    void reset();

private:
    gis::TileCache& cache();

    std::string m_workspacePath;
    std::mutex m_mutex;
    std::unique_ptr<gis::TileCache> m_cache;  ///< opened on first need
    std::map<std::string, std::chrono::steady_clock::time_point> m_unreachable;  ///< by photo path: since when
};

/// The Dutch status text for a photo drawn from the tile cache: which year and file, and how
/// much of the view the cache lacked (`needed` 0: the cache holds nothing of it).
std::string offlinePhotoNotice(const gis::RasterRecord& record, std::uint64_t tilesNeeded, std::uint64_t tilesMissing);

}  // namespace riskmap::render
