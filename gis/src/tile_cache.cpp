// SPDX-License-Identifier: GPL-3.0-or-later
// Tile cache: cache-first reads and prefill over the per-year GeoPackages of tile_store.hpp.
#include "riskmap/gis/tile_cache.hpp"

#include "tile_store.hpp"
#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace riskmap::gis {
namespace {

using namespace tile_store;

/// Makes sure every tile of `level` over `area` is in the cache, reading the missing ones from the
/// photo in batches (bounded memory). Throws InputError naming the photo when it cannot be read.
/// `stamp` receives the use stamp given to the tiles of this call.
TileCacheStats ensureTiles(YearCache& cache, const RasterRecord& photo, int level, const Box& area,
                           core::Feedback* feedback, std::int64_t& stamp)
{
    TileCacheStats stats;
    cache.ensureLevel(level);
    const TileRange range = tilesOver(area, level);
    stamp = cache.stampUse(level, range);
    if (range.empty()) return stats;
    const auto have = cache.cached(level, range);
    std::vector<std::pair<int, int>> missing;
    for (int row = range.row0; row <= range.row1; ++row)
        for (int col = range.col0; col <= range.col1; ++col)
            if (!have.count({col, row})) missing.emplace_back(col, row);
    stats.fromCache = range.count() - missing.size();
    if (feedback) feedback->beginStage("luchtfototegels niveau " + std::to_string(level), missing.size());
    // The cache VRT with overviews reads coarse levels fast; otherwise the registered file itself.
    const std::string source = photo.info.overviewPath.empty() ? photo.info.path : photo.info.overviewPath;
    constexpr std::size_t kBatch = 64;
    std::string sourceError;
    std::uint64_t unavailable = 0;
    for (std::size_t start = 0; start < missing.size(); start += kBatch) {
        std::vector<FetchedTile> batch;
        for (std::size_t i = start; i < std::min(missing.size(), start + kBatch); ++i) {
            if (feedback) feedback->checkCancelled();
            // After one failure the photo is taken as unreachable: no waiting on a dead share per tile.
            if (!sourceError.empty()) { ++unavailable; continue; }
            const auto [col, row] = missing[i];
            try {
                batch.push_back({col, row, readRasterWindow(source, tileBox(level, col, row), G::kTileSize,
                                                            G::kTileSize, Resampling::Average)});
            } catch (const CancelledError&) {
                throw;
            } catch (const Error& e) {
                sourceError = e.what();
                ++unavailable;
            }
            if (feedback) feedback->advance();
        }
        cache.store(level, batch, stamp);
        stats.fromSource += batch.size();
    }
    if (unavailable > 0)
        throw InputError("luchtfoto: bronbestand '" + photo.info.path + "' is niet leesbaar (" + sourceError + ") en " +
                         std::to_string(unavailable) + " van " + std::to_string(range.count()) +
                         " tegels staan niet in de tegelcache '" + cache.path() +
                         "' (vul die vooraf met 'riskmap cache' om offline te werken)");
    return stats;
}

}  // namespace

double RdTileGrid::resolution(int level) { return kLevel0Resolution / std::ldexp(1.0, level); }

int RdTileGrid::levelFor(double pixelSize)
{
    for (int level = 0; level <= kMaxLevel; ++level)
        if (resolution(level) <= pixelSize * (1 + 1e-9)) return level;
    return kMaxLevel;
}

TileCache::TileCache(SpatialiteDb& db, std::string workspacePath) : m_workspacePath(std::move(workspacePath))
{
    ensureGdalRegistered();
    readSizeLimits(db);
    if (!db.tableExists("rk_rasters")) return;
    // Several registrations of one year: the first, as the change run and the chips take it.
    for (auto& r : loadRasters(db, "luchtfoto"))
        if (r.year && !m_photos.count(*r.year)) m_photos.emplace(*r.year, std::move(r));
}

std::string TileCache::cachePath(const std::string& workspacePath, int year)
{
    return (fs::path(workspacePath + ".cache") / ("luchtfoto_" + std::to_string(year) + ".gpkg")).string();
}

std::vector<int> TileCache::years() const
{
    std::vector<int> out;
    for (const auto& [year, record] : m_photos) out.push_back(year);
    return out;
}

const RasterRecord& TileCache::photo(int year) const
{
    auto it = m_photos.find(year);
    if (it != m_photos.end()) return it->second;
    std::string list;
    for (int y : years()) list += (list.empty() ? "" : ", ") + std::to_string(y);
    throw UsageError("geen luchtfoto van " + std::to_string(year) + " geregistreerd (wel: " +
                     (list.empty() ? std::string("geen") : list) + ")");
}

int TileCache::nativeLevel(int year) const
{
    const auto& info = photo(year).info;
    return RdTileGrid::levelFor(std::min(info.pixelSizeX, info.pixelSizeY));
}

std::string TileCache::cachedRaster(int year, const Box& box, double pixelSize, TileCacheStats* stats)
{
    std::lock_guard lock(m_mutex);
    const RasterRecord& p = photo(year);
    if (!(pixelSize > 0) || !(box.xmax > box.xmin) || !(box.ymax > box.ymin))
        throw UsageError("luchtfoto lezen: ongeldig venster of pixelgrootte");
    const int level = std::min(RdTileGrid::levelFor(pixelSize), nativeLevel(year));
    YearCache cache(cachePath(m_workspacePath, year), year, p);
    cache.checkSource();
    Box area;
    TileCacheStats s;
    if (intersect(box, extentBox(p.info.extent), area)) {
        std::int64_t stamp = 0;
        s = ensureTiles(cache, p, level, area, nullptr, stamp);
        if (s.fromSource > 0) enforceLimit(year, stamp);
    } else {
        cache.ensureLevel(level);
    }
    if (stats) *stats = s;
    return cache.subdataset(level);
}

RasterWindow TileCache::readWindow(int year, const Box& box, double pixelSize, TileCacheStats* stats)
{
    if (!(pixelSize > 0) || !(box.xmax > box.xmin) || !(box.ymax > box.ymin))
        throw UsageError("luchtfoto lezen: ongeldig venster of pixelgrootte");
    const double w = std::round((box.xmax - box.xmin) / pixelSize), h = std::round((box.ymax - box.ymin) / pixelSize);
    if (w * h > 64.0 * 1024 * 1024) throw UsageError("luchtfoto lezen: venster te groot voor deze pixelgrootte");
    const int width = std::max(1, static_cast<int>(w)), height = std::max(1, static_cast<int>(h));
    const std::string level = cachedRaster(year, box, pixelSize, stats);
    std::lock_guard lock(m_mutex);
    const auto damaged = [&](const std::string& why) {
        return InputError("tegelcache '" + cachePath(m_workspacePath, year) + "' niet leesbaar (" + why +
                          "); verwijder het bestand, dan wordt de cache opnieuw opgebouwd");
    };
    try {
        // GDAL's GPKG driver reports an undecodable tile as an error but still returns the window.
        CPLErrorReset();
        RasterWindow window = readRasterWindow(level, box, width, height, Resampling::Average);
        if (CPLGetLastErrorType() == CE_Failure) throw damaged(CPLGetLastErrorMsg());
        return window;
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        throw damaged(e.what());
    }
}

TileCacheStats TileCache::prefill(int year, const Box& box, const std::vector<int>& levels, core::Feedback* feedback)
{
    std::lock_guard lock(m_mutex);
    const RasterRecord& p = photo(year);
    TileCacheStats total;
    Box area;
    if (!intersect(box, extentBox(p.info.extent), area)) return total;
    YearCache cache(cachePath(m_workspacePath, year), year, p);
    cache.checkSource();
    std::int64_t firstStamp = 0;
    for (int level : levels) {
        if (level < 0 || level > RdTileGrid::kMaxLevel)
            throw UsageError("tegelniveau " + std::to_string(level) + " bestaat niet (0–" +
                             std::to_string(RdTileGrid::kMaxLevel) + ")");
        std::int64_t stamp = 0;
        const TileCacheStats s = ensureTiles(cache, p, level, area, feedback, stamp);
        if (firstStamp == 0) firstStamp = stamp;
        total.fromCache += s.fromCache;
        total.fromSource += s.fromSource;
    }
    // What this prefill asked for stays, even beyond the limit; older tiles make room.
    if (total.fromSource > 0) enforceLimit(year, firstStamp);
    return total;
}

}  // namespace riskmap::gis
