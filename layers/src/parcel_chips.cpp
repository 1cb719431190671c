// SPDX-License-Identifier: GPL-3.0-or-later
// Parcel chips: finds the parcel (directly or through the address point), then one chip per photo year.
#include "riskmap/layers/parcel_chips.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/image_chip.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/tile_cache.hpp"

#include <exception>
#include <filesystem>
#include <map>

namespace riskmap::layers {

std::vector<ChipFile> writeParcelChips(gis::Workspace& ws, const std::string& id, bool byVbo,
                                       const std::string& outDir, int size)
{
    gis::SpatialiteDb& db = ws.db();
    if (!db.tableExists("percelen")) throw UsageError("uitsnede: de werkruimte heeft geen laag 'percelen'");
    const auto parcels = gis::FeatureSet::load(db, "percelen", {"perceel_id"}, true);
    std::optional<std::size_t> parcel;
    if (byVbo) {
        if (!db.tableExists("verblijfsobjecten")) throw UsageError("uitsnede: geen laag 'verblijfsobjecten'");
        const auto vbos = gis::FeatureSet::load(db, "verblijfsobjecten", {"vbo_id"});
        std::optional<std::size_t> vbo;
        for (std::size_t i = 0; i < vbos.size() && !vbo; ++i)
            if (gis::fieldText(vbos.value(i, 0)) == id) vbo = i;
        if (!vbo) throw UsageError("uitsnede: verblijfsobject '" + id + "' bestaat niet");
        gis::SpatialQuery q;
        if (q.setSubject(vbos, *vbo)) {
            const auto hits = q.containingSubjectPointOnSurface(parcels);
            if (!hits.empty()) parcel = hits.front();
        }
        if (!parcel) throw UsageError("uitsnede: verblijfsobject '" + id + "' ligt op geen perceel");
    } else {
        for (std::size_t i = 0; i < parcels.size() && !parcel; ++i)
            if (gis::fieldText(parcels.value(i, 0)) == id) parcel = i;
        if (!parcel) throw UsageError("uitsnede: perceel '" + id + "' bestaat niet");
    }
    if (!parcels.hasGeometry(*parcel)) throw UsageError("uitsnede: perceel zonder geometrie");

    std::map<int, std::string> byYear;
    if (db.tableExists("rk_rasters"))
        for (const auto& r : gis::loadRasters(db, "luchtfoto"))
            if (!byYear.count(r.year.value_or(0))) byYear[r.year.value_or(0)] = r.info.path;
    if (byYear.empty()) throw UsageError("uitsnede: geen luchtfoto's geregistreerd (riskmap import --layer luchtfoto)");

    std::filesystem::create_directories(outDir);
    const std::string parcelId = gis::fieldText(parcels.value(*parcel, 0));
    std::string safe = parcelId;
    for (char& c : safe)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    std::vector<ChipFile> out;
    for (const auto& [year, path] : byYear) {
        ChipFile f;
        f.year = year;
        f.path = (std::filesystem::path(outDir) / (safe + "_" + std::to_string(year) + ".tif")).string();
        // A photo that is offline or damaged: the workspace's tile cache may still hold the area.
        std::exception_ptr unreadable;
        try {
            gis::writeImageChip(path, parcels.wkb(*parcel), f.path, size);
        } catch (const InputError&) {
            unreadable = std::current_exception();
        } catch (const GdalError&) {
            unreadable = std::current_exception();
        }
        if (unreadable && year == 0) std::rethrow_exception(unreadable);  // the cache is per year
        if (unreadable) {
            const gis::Envelope e = gis::chipExtent(parcels.wkb(*parcel));
            gis::TileCache cache(db, ws.path());
            const std::string cached = cache.cachedRaster(year, {e.minX, e.minY, e.maxX, e.maxY}, e.width() / size);
            gis::writeImageChip(cached, parcels.wkb(*parcel), f.path, size);
            f.fromCache = true;
        }
        out.push_back(f);
    }
    return out;
}

}  // namespace riskmap::layers
