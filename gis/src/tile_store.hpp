// SPDX-License-Identifier: GPL-3.0-or-later
// One year's tile cache GeoPackage (private to gis/): RD tile arithmetic, level tables made by GDAL, the list of fetched tiles.
#pragma once

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/tile_cache.hpp"

#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace riskmap::gis::tile_store {

namespace fs = std::filesystem;
using G = RdTileGrid;

struct TileRange {
    int col0 = 0, row0 = 0, col1 = -1, row1 = -1;
    bool empty() const { return col1 < col0 || row1 < row0; }
    std::uint64_t count() const { return empty() ? 0 : std::uint64_t(col1 - col0 + 1) * std::uint64_t(row1 - row0 + 1); }
};

inline double tileSpan(int level) { return G::resolution(level) * G::kTileSize; }

inline TileRange tilesOver(const Box& b, int level)
{
    const double s = tileSpan(level);
    // A box edge on a tile edge does not pull in the next tile (a tiny tolerance for rounding).
    const double eps = 1e-9 * s;
    TileRange r;
    r.col0 = static_cast<int>(std::floor((b.xmin - G::kOriginX) / s + eps));
    r.col1 = static_cast<int>(std::ceil((b.xmax - G::kOriginX) / s - eps)) - 1;
    r.row0 = static_cast<int>(std::floor((G::kOriginY - b.ymax) / s + eps));
    r.row1 = static_cast<int>(std::ceil((G::kOriginY - b.ymin) / s - eps)) - 1;
    return r;
}

inline Box tileBox(int level, int col, int row)
{
    const double s = tileSpan(level);
    return {G::kOriginX + col * s, G::kOriginY - (row + 1) * s, G::kOriginX + (col + 1) * s, G::kOriginY - row * s};
}

inline Box extentBox(const RasterExtent& e) { return {e.minX, e.minY, e.maxX, e.maxY}; }

inline bool intersect(const Box& a, const Box& b, Box& out)
{
    out = {std::max(a.xmin, b.xmin), std::max(a.ymin, b.ymin), std::min(a.xmax, b.xmax), std::min(a.ymax, b.ymax)};
    return out.xmax > out.xmin && out.ymax > out.ymin;
}

inline std::string tableName(int year, int level) { return "luchtfoto_" + std::to_string(year) + "_z" + std::to_string(level); }

struct FetchedTile {
    int col = 0, row = 0;
    RasterWindow image;
};

/// One year's GeoPackage: level tables made with GDAL, bookkeeping in plain tables beside them.
class YearCache final {
public:
    YearCache(std::string path, int year, const RasterRecord& photo) : m_path(std::move(path)), m_year(year), m_photo(photo) {}

    /// Discards a cache made from another version of the photo.
    void checkSource()
    {
        std::error_code ec;
        if (!fs::exists(m_path, ec)) return;
        std::string sha;
        try {
            SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadOnly);
            if (db.tableExists("rk_cache_source")) sha = db.queryText("SELECT sha256 FROM rk_cache_source").value_or("");
        } catch (const Error& e) {
            throw InputError("tegelcache '" + m_path + "' is onleesbaar (" + e.what() +
                             "); verwijder het bestand, dan wordt de cache opnieuw opgebouwd");
        }
        if (sha != m_photo.info.sha256) fs::remove(m_path, ec);
    }

    /// Creates the raster table of `level` (covering the photo, snapped to the grid) when absent.
    void ensureLevel(int level)
    {
        std::error_code ec;
        const bool exists = fs::exists(m_path, ec);
        if (exists) {
            SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadOnly);
            auto st = db.prepare("SELECT 1 FROM gpkg_contents WHERE table_name = ?1");
            st.bind(1, tableName(m_year, level));
            if (st.step()) return;
        } else {
            fs::create_directories(fs::path(m_path).parent_path(), ec);
        }
        const TileRange r = tilesOver(extentBox(m_photo.info.extent), level);
        const int width = (r.col1 - r.col0 + 1) * G::kTileSize;
        const int height = (r.row1 - r.row0 + 1) * G::kTileSize;
        const std::string table = tableName(m_year, level);
        CPLStringList options;
        options.SetNameValue("RASTER_TABLE", table.c_str());
        options.SetNameValue("TILE_FORMAT", "PNG");
        options.SetNameValue("BLOCKSIZE", "256");
        options.SetNameValue("TILING_SCHEME", "CUSTOM");
        options.SetNameValue("RASTER_DESCRIPTION", ("luchtfoto " + std::to_string(m_year) + ", RD-tegelniveau " +
                                                    std::to_string(level)).c_str());
        if (exists) options.SetNameValue("APPEND_SUBDATASET", "YES");
        GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
        if (!driver) throw GdalError("GDAL heeft geen GPKG-stuurprogramma");
        CPLErrorReset();
        GdalDatasetPtr ds(driver->Create(m_path.c_str(), width, height, 4, GDT_Byte, options.List()));
        if (!ds) throw InputError("tegelcache '" + m_path + "': " + lastGdalError("kan niet aanmaken"));
        const double s = tileSpan(level);
        std::array<double, 6> gt{G::kOriginX + r.col0 * s, G::resolution(level), 0.0, G::kOriginY - r.row0 * s, 0.0,
                                 -G::resolution(level)};
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        if (ds->SetGeoTransform(gt.data()) != CE_None || ds->SetSpatialRef(&rd) != CE_None)
            throw InputError("tegelcache '" + m_path + "': " + lastGdalError("tegelraster niet in te stellen"));
        ds.reset();
        SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadWrite);
        // GDAL also registers coarser zoom levels as overviews of the table; they would stay empty
        // (each RD level has its own table), and a reader allowed to pick them would show nothing.
        auto coarser = db.prepare("DELETE FROM gpkg_tile_matrix WHERE table_name = ?1 AND zoom_level < "
                                  "(SELECT max(zoom_level) FROM gpkg_tile_matrix WHERE table_name = ?1)");
        coarser.bind(1, table);
        coarser.run();
        db.exec("CREATE TABLE IF NOT EXISTS rk_cached_tiles (level INTEGER NOT NULL, col INTEGER NOT NULL, "
                "row INTEGER NOT NULL, PRIMARY KEY (level, col, row)) WITHOUT ROWID;"
                "CREATE TABLE IF NOT EXISTS rk_cache_source (sha256 TEXT NOT NULL, path TEXT NOT NULL);");
        ensureUseColumn(db);
        if (!db.queryInt("SELECT count(*) FROM rk_cache_source").value_or(0)) {
            auto st = db.prepare("INSERT INTO rk_cache_source (sha256, path) VALUES (?1, ?2)");
            st.bind(1, m_photo.info.sha256).bind(2, m_photo.info.path);
            st.run();
        }
    }

    /// A cache from before tiles were stamped gets the column; its tiles count as least recently used.
    static void ensureUseColumn(SpatialiteDb& db)
    {
        if (!db.queryInt("SELECT count(*) FROM pragma_table_info('rk_cached_tiles') WHERE name = 'used'").value_or(0))
            db.exec("ALTER TABLE rk_cached_tiles ADD COLUMN used INTEGER NOT NULL DEFAULT 0");
    }

    /// Marks the cached tiles of `level` in `r` as used now and returns that use stamp: higher than every
    /// stamp so far (a counter, not a clock: no ties within a second). Tiles stored next get it too.
    std::int64_t stampUse(int level, const TileRange& r)
    {
        SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadWrite);
        const std::int64_t stamp = db.queryInt("SELECT coalesce(max(used), 0) + 1 FROM rk_cached_tiles").value_or(1);
        if (r.empty()) return stamp;
        auto st = db.prepare("UPDATE rk_cached_tiles SET used = ?6 WHERE level = ?1 AND col BETWEEN ?2 AND ?3 "
                             "AND row BETWEEN ?4 AND ?5");
        st.bind(1, level).bind(2, r.col0).bind(3, r.col1).bind(4, r.row0).bind(5, r.row1).bind(6, stamp);
        st.run();
        return stamp;
    }

    std::set<std::pair<int, int>> cached(int level, const TileRange& r)
    {
        SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadOnly);
        auto st = db.prepare("SELECT col, row FROM rk_cached_tiles WHERE level = ?1 AND col BETWEEN ?2 AND ?3 "
                             "AND row BETWEEN ?4 AND ?5");
        st.bind(1, level).bind(2, r.col0).bind(3, r.col1).bind(4, r.row0).bind(5, r.row1);
        std::set<std::pair<int, int>> out;
        while (st.step()) out.emplace(static_cast<int>(st.columnInt(0)), static_cast<int>(st.columnInt(1)));
        return out;
    }

    /// Writes the tiles with GDAL, then (only once they are on disk) lists them as fetched.
    void store(int level, const std::vector<FetchedTile>& tiles, std::int64_t stamp)
    {
        if (tiles.empty()) return;
        {
            CPLErrorReset();
            // The tile format is an open option too: without it an update writes opaque tiles as JPEG.
            const char* openOptions[] = {"TILE_FORMAT=PNG", nullptr};
            GdalDatasetPtr ds(static_cast<GDALDataset*>(GDALOpenEx(subdataset(level).c_str(), GDAL_OF_RASTER | GDAL_OF_UPDATE,
                                                                   nullptr, openOptions, nullptr)));
            if (!ds) throw InputError("tegelcache '" + m_path + "': " + lastGdalError("kan niet openen om te schrijven"));
            std::array<double, 6> gt{};
            ds->GetGeoTransform(gt.data());
            for (const auto& t : tiles) {
                const Box b = tileBox(level, t.col, t.row);
                const int x = static_cast<int>(std::lround((b.xmin - gt[0]) / gt[1]));
                const int y = static_cast<int>(std::lround((b.ymax - gt[3]) / gt[5]));
                auto* data = const_cast<unsigned char*>(t.image.rgba.data());
                if (ds->RasterIO(GF_Write, x, y, G::kTileSize, G::kTileSize, data, G::kTileSize, G::kTileSize, GDT_Byte, 4,
                                 nullptr, 4, 4 * G::kTileSize, 1, nullptr) != CE_None)
                    throw InputError("tegelcache '" + m_path + "': " + lastGdalError("tegel schrijven mislukt"));
            }
            CPLErrorReset();
            ds->FlushCache(true);
            if (CPLGetLastErrorType() == CE_Failure)
                throw InputError("tegelcache '" + m_path + "': " + lastGdalError("tegels wegschrijven mislukt"));
        }
        SpatialiteDb db(m_path, SpatialiteDb::Mode::ReadWrite);
        Transaction tx(db);
        auto st = db.prepare("INSERT OR REPLACE INTO rk_cached_tiles (level, col, row, used) VALUES (?1, ?2, ?3, ?4)");
        for (const auto& t : tiles) {
            st.reset();
            st.bind(1, level).bind(2, t.col).bind(3, t.row).bind(4, stamp);
            st.run();
        }
        tx.commit();
    }

    std::string subdataset(int level) const { return "GPKG:" + m_path + ":" + tableName(m_year, level); }
    const std::string& path() const { return m_path; }

private:
    std::string m_path;
    int m_year;
    const RasterRecord& m_photo;
};


}  // namespace riskmap::gis::tile_store
