// SPDX-License-Identifier: GPL-3.0-or-later
// Photo windows from the file, falling back to the tile cache when the file is unreachable.
#include "photo_source.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <filesystem>

namespace riskmap::render {
namespace {

bool cacheable(const gis::RasterRecord& record) { return record.layer == "luchtfoto" && record.year.has_value(); }

}  // namespace

gis::TileCache& PhotoSource::cache()
{
    // Under m_mutex. Its own read-only connection: the renderer's is guarded by another lock.
    if (!m_cache) {
        gis::SpatialiteDb db(m_workspacePath, gis::SpatialiteDb::Mode::ReadOnly);
        m_cache = std::make_unique<gis::TileCache>(db, m_workspacePath);
    }
    return *m_cache;
}

bool PhotoSource::unreachable(const gis::RasterRecord& record)
{
    std::lock_guard lock(m_mutex);
    auto it = m_unreachable.find(record.info.path);
    if (it == m_unreachable.end()) return false;
    if (std::chrono::steady_clock::now() - it->second < std::chrono::seconds(kRetrySeconds)) return true;
    m_unreachable.erase(it);
    return false;
}

PhotoRead PhotoSource::read(const gis::RasterRecord& record, const std::string& source, const gis::Box& box, int widthPx,
                            int heightPx, gis::Resampling resampling)
{
    if (!cacheable(record)) return {gis::readRasterWindow(source, box, widthPx, heightPx, resampling)};
    if (!unreachable(record)) {
        // The overview VRT lives in the local cache and opens without the photo: ask for the photo itself.
        std::error_code ec;
        if (std::filesystem::exists(record.info.path, ec)) {
            try {
                return {gis::readRasterWindow(source, box, widthPx, heightPx, resampling)};
            } catch (const CancelledError&) {
                throw;
            } catch (const Error&) {
                // Unreadable (a share dropping mid-read, a damaged file): the cache may still serve.
            }
        }
        std::lock_guard lock(m_mutex);
        m_unreachable[record.info.path] = std::chrono::steady_clock::now();
    }
    gis::TileCache* tiles = nullptr;
    {
        std::lock_guard lock(m_mutex);
        tiles = &cache();
    }
    // readCachedOnly is thread-safe and the cache object lives until reset().
    gis::CachedCoverage coverage;
    PhotoRead out{tiles->readCachedOnly(*record.year, box, widthPx, heightPx, &coverage)};
    out.fromCache = true;
    out.tilesNeeded = coverage.tilesNeeded;
    out.tilesMissing = coverage.tilesMissing;
    return out;
}

void PhotoSource::reset()
{
    std::lock_guard lock(m_mutex);
    m_cache.reset();
    m_unreachable.clear();
}

std::string offlinePhotoNotice(const gis::RasterRecord& record, std::uint64_t tilesNeeded, std::uint64_t tilesMissing)
{
    const std::string head = "luchtfoto " + (record.year ? std::to_string(*record.year) : std::string("?")) +
                             " niet bereikbaar (" + record.info.path + ")";
    if (tilesNeeded > 0 && tilesMissing >= tilesNeeded)
        return head + " en dit deel staat niet in de tegelcache: foto blijft leeg (vul de cache met 'riskmap cache')";
    std::string text = head + ": getoond uit de tegelcache";
    if (tilesMissing > 0)
        text += "; " + std::to_string(tilesMissing) + " van " + std::to_string(tilesNeeded) +
                " tegels ontbreken in de cache en blijven leeg";
    return text;
}

}  // namespace riskmap::render
