// SPDX-License-Identifier: GPL-3.0-or-later
// Cache-only reads of the photo tile cache, for drawing a photo whose file is unreachable.
#include "riskmap/gis/tile_cache.hpp"

#include "tile_store.hpp"
#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

namespace riskmap::gis {

using namespace tile_store;

RasterWindow TileCache::readCachedOnly(int year, const Box& box, int widthPx, int heightPx, CachedCoverage* coverage) const
{
    const RasterRecord& p = photo(year);
    if (widthPx <= 0 || heightPx <= 0 || !(box.xmax > box.xmin) || !(box.ymax > box.ymin))
        throw UsageError("luchtfoto lezen: ongeldig venster of pixelgrootte");
    const std::string path = cachePath(m_workspacePath, year);
    RasterWindow empty{widthPx, heightPx, std::vector<unsigned char>(std::size_t(widthPx) * std::size_t(heightPx) * 4, 0)};
    const double pixelSize = std::min((box.xmax - box.xmin) / widthPx, (box.ymax - box.ymin) / heightPx);
    const int native = nativeLevel(year);
    const int wanted = std::min(RdTileGrid::levelFor(pixelSize), native);
    CachedCoverage best;
    Box area;
    if (!intersect(box, extentBox(p.info.extent), area)) {
        best.level = wanted;  // outside the photo: nothing to miss
        if (coverage) *coverage = best;
        return empty;
    }
    best.tilesNeeded = best.tilesMissing = tilesOver(area, wanted).count();
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        if (coverage) *coverage = best;
        return empty;
    }
    try {
        SpatialiteDb db(path, SpatialiteDb::Mode::ReadOnly);
        // A cache of another version of the photo is not this photo.
        const bool sameSource = db.tableExists("rk_cache_source") && db.tableExists("rk_cached_tiles") &&
                                db.queryText("SELECT sha256 FROM rk_cache_source").value_or("") == p.info.sha256;
        if (sameSource) {
            // The wanted level first, then finer ones (sharper, dearer), then coarser ones (blurred).
            std::vector<int> candidates{wanted};
            for (int l = wanted + 1; l <= std::min(native, wanted + 2); ++l) candidates.push_back(l);
            for (int l = wanted - 1; l >= std::max(0, wanted - 3); --l) candidates.push_back(l);
            auto has = db.prepare("SELECT 1 FROM gpkg_contents WHERE table_name = ?1");
            auto count = db.prepare("SELECT count(*) FROM rk_cached_tiles WHERE level = ?1 AND col BETWEEN ?2 AND ?3 "
                                    "AND row BETWEEN ?4 AND ?5");
            for (int level : candidates) {
                has.reset();
                has.bind(1, tableName(year, level));
                if (!has.step()) continue;
                const TileRange r = tilesOver(area, level);
                count.reset();
                count.bind(1, level).bind(2, r.col0).bind(3, r.col1).bind(4, r.row0).bind(5, r.row1);
                const std::uint64_t cached = count.step() ? std::uint64_t(count.columnInt(0)) : 0;
                if (cached == 0) continue;
                const CachedCoverage c{level, r.count(), r.count() - std::min(cached, r.count())};
                const auto fraction = [](const CachedCoverage& x) {
                    return x.tilesNeeded ? 1.0 - double(x.tilesMissing) / double(x.tilesNeeded) : 0.0;
                };
                if (best.level < 0 || fraction(c) > fraction(best) + 1e-12) best = c;
                if (c.tilesMissing == 0) break;
            }
        }
    } catch (const Error& e) {
        throw InputError("tegelcache '" + path + "' niet leesbaar (" + e.what() +
                         "); verwijder het bestand, dan wordt de cache opnieuw opgebouwd");
    }
    if (best.level < 0) {
        best.tilesNeeded = best.tilesMissing = tilesOver(area, wanted).count();
        if (coverage) *coverage = best;
        return empty;
    }
    if (coverage) *coverage = best;
    try {
        // GDAL's GPKG driver leaves absent tiles transparent; an undecodable tile is an error.
        CPLErrorReset();
        RasterWindow window = readRasterWindow("GPKG:" + path + ":" + tableName(year, best.level), box, widthPx, heightPx,
                                               Resampling::Average);
        if (CPLGetLastErrorType() == CE_Failure) throw GdalError(CPLGetLastErrorMsg());
        return window;
    } catch (const Error& e) {
        throw InputError("tegelcache '" + path + "' niet leesbaar (" + e.what() +
                         "); verwijder het bestand, dan wordt de cache opnieuw opgebouwd");
    }
}

}  // namespace riskmap::gis
