// SPDX-License-Identifier: GPL-3.0-or-later
// The tile cache's size limit: least recently used tiles go first, tiles of the running read never.
#include "riskmap/gis/tile_cache.hpp"

#include "tile_store.hpp"

#include <cmath>
#include <limits>
#include <map>

namespace riskmap::gis {
namespace {

using namespace tile_store;

/// A level table of the cache: its RD level and where its tile (0, 0) sits on the global RD grid.
struct LevelTable {
    std::string name;
    int level = 0;
    int zoom = 0;
    long colOffset = 0, rowOffset = 0;
};

std::vector<LevelTable> levelTables(SpatialiteDb& db, int year)
{
    std::vector<LevelTable> out;
    auto st = db.prepare("SELECT s.table_name, s.min_x, s.max_y, (SELECT max(zoom_level) FROM gpkg_tile_matrix m "
                         "WHERE m.table_name = s.table_name) FROM gpkg_tile_matrix_set s");
    const std::string prefix = "luchtfoto_" + std::to_string(year) + "_z";
    while (st.step()) {
        const std::string name = st.columnText(0);
        if (name.rfind(prefix, 0) != 0) continue;
        LevelTable t;
        t.name = name;
        t.level = std::stoi(name.substr(prefix.size()));
        t.zoom = static_cast<int>(st.columnInt(3));
        const double span = tileSpan(t.level);
        t.colOffset = std::lround((st.columnDouble(1) - RdTileGrid::kOriginX) / span);
        t.rowOffset = std::lround((RdTileGrid::kOriginY - st.columnDouble(2)) / span);
        out.push_back(t);
    }
    return out;
}

std::uint64_t storedBytes(SpatialiteDb& db, const std::vector<LevelTable>& tables)
{
    std::uint64_t total = 0;
    for (const auto& t : tables)
        total += static_cast<std::uint64_t>(
            db.queryInt("SELECT coalesce(sum(length(tile_data)), 0) FROM \"" + t.name + "\"").value_or(0));
    return total;
}

}  // namespace

void TileCache::setSizeLimit(SpatialiteDb& workspaceDb, int year, std::optional<std::uint64_t> maxBytes)
{
    workspaceDb.exec("CREATE TABLE IF NOT EXISTS rk_tile_cache_limits (jaar INTEGER PRIMARY KEY, max_bytes INTEGER NOT NULL)");
    auto st = workspaceDb.prepare(maxBytes ? "INSERT OR REPLACE INTO rk_tile_cache_limits VALUES (?1, ?2)"
                                           : "DELETE FROM rk_tile_cache_limits WHERE jaar = ?1");
    st.bind(1, static_cast<std::int64_t>(year));
    if (maxBytes) st.bind(2, static_cast<std::int64_t>(*maxBytes));
    st.run();
}

std::optional<std::uint64_t> TileCache::sizeLimit(int year) const
{
    const auto it = m_limits.find(year);
    if (it == m_limits.end()) return std::nullopt;
    return it->second;
}

void TileCache::readSizeLimits(SpatialiteDb& workspaceDb)
{
    if (!workspaceDb.tableExists("rk_tile_cache_limits")) return;
    auto st = workspaceDb.prepare("SELECT jaar, max_bytes FROM rk_tile_cache_limits");
    while (st.step()) m_limits[static_cast<int>(st.columnInt(0))] = static_cast<std::uint64_t>(st.columnInt(1));
}

CacheTrimStats TileCache::trimCache(int year, std::uint64_t maxBytes, std::int64_t keepFromStamp)
{
    CacheTrimStats stats;
    const std::string path = cachePath(m_workspacePath, year);
    std::error_code ec;
    if (!fs::exists(path, ec)) return stats;
    SpatialiteDb db(path, SpatialiteDb::Mode::ReadWrite);
    if (!db.tableExists("rk_cached_tiles")) return stats;
    YearCache::ensureUseColumn(db);
    const auto tables = levelTables(db, year);
    stats.bytesBefore = stats.bytesAfter = storedBytes(db, tables);
    if (stats.bytesBefore <= maxBytes) return stats;
    std::map<int, const LevelTable*> byLevel;
    for (const auto& t : tables) byLevel[t.level] = &t;
    struct Victim { int level, col, row; };
    std::vector<Victim> victims;
    {
        auto st = db.prepare("SELECT level, col, row FROM rk_cached_tiles WHERE used < ?1 ORDER BY used, level, col, row");
        st.bind(1, keepFromStamp);
        while (st.step())
            victims.push_back({static_cast<int>(st.columnInt(0)), static_cast<int>(st.columnInt(1)),
                               static_cast<int>(st.columnInt(2))});
    }
    {
        Transaction tx(db);
        auto forget = db.prepare("DELETE FROM rk_cached_tiles WHERE level = ?1 AND col = ?2 AND row = ?3");
        for (const auto& v : victims) {
            if (stats.bytesAfter <= maxBytes) break;
            if (const auto it = byLevel.find(v.level); it != byLevel.end()) {
                const LevelTable& t = *it->second;
                const std::string where = " WHERE zoom_level = ?1 AND tile_column = ?2 AND tile_row = ?3";
                auto size = db.prepare("SELECT length(tile_data) FROM \"" + t.name + "\"" + where);
                size.bind(1, t.zoom).bind(2, static_cast<std::int64_t>(v.col - t.colOffset))
                    .bind(3, static_cast<std::int64_t>(v.row - t.rowOffset));
                const std::uint64_t bytes = size.step() ? static_cast<std::uint64_t>(size.columnInt(0)) : 0;
                auto remove = db.prepare("DELETE FROM \"" + t.name + "\"" + where);
                remove.bind(1, t.zoom).bind(2, static_cast<std::int64_t>(v.col - t.colOffset))
                    .bind(3, static_cast<std::int64_t>(v.row - t.rowOffset));
                remove.run();
                stats.bytesAfter -= std::min(bytes, stats.bytesAfter);
            }
            forget.reset();
            forget.bind(1, v.level).bind(2, v.col).bind(3, v.row);
            forget.run();
            ++stats.tilesRemoved;
        }
        tx.commit();
    }
    // Give the space back to the disk once a quarter of the file is free pages (VACUUM rewrites the file).
    const auto freePages = db.queryInt("PRAGMA freelist_count").value_or(0);
    const auto pages = db.queryInt("PRAGMA page_count").value_or(1);
    if (freePages * 4 > pages) db.exec("VACUUM");
    return stats;
}

void TileCache::enforceLimit(int year, std::int64_t stamp)
{
    if (const auto limit = sizeLimit(year)) trimCache(year, *limit, stamp);
}

CacheTrimStats TileCache::trim(int year, std::uint64_t maxBytes)
{
    std::lock_guard lock(m_mutex);
    (void)photo(year);  // a UsageError naming the registered years for an unknown one
    return trimCache(year, maxBytes, std::numeric_limits<std::int64_t>::max());
}

}  // namespace riskmap::gis
