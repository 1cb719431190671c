// SPDX-License-Identifier: GPL-3.0-or-later
// Raster registration: GDAL metadata, extent in RD, overviews on a cache VRT, the rk_rasters table.
#include "riskmap/gis/raster_registration.hpp"

#include "gdal_handles.hpp"
#include "workspace_schema.hpp"
#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/sha256.hpp"

#include <cpl_conv.h>
#include <cpl_string.h>
#include <gdal_vrt.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <memory>

namespace riskmap::gis {
namespace {

namespace fs = std::filesystem;

struct CoordinateTransformationDeleter {
    void operator()(OGRCoordinateTransformation* ct) const { OGRCoordinateTransformation::DestroyCT(ct); }
};
using CoordinateTransformationPtr = std::unique_ptr<OGRCoordinateTransformation, CoordinateTransformationDeleter>;

/// GDAL settings for the duration of a registration, on this thread only: no .aux.xml
/// side files (the source folder may be read-only) and compressed overviews.
struct RegistrationConfig {
    CPLConfigOptionSetter pam{"GDAL_PAM_ENABLED", "NO", false};
    CPLConfigOptionSetter compress{"COMPRESS_OVERVIEW", "DEFLATE", false};
};

std::string describeCrs(const OGRSpatialReference& srs)
{
    OGRSpatialReference copy(srs);
    copy.AutoIdentifyEPSG();
    const char* authority = copy.GetAuthorityName(nullptr);
    const char* code = copy.GetAuthorityCode(nullptr);
    if (authority && code && std::string(authority) == "EPSG") return std::string("EPSG:") + code;
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2", nullptr};
    srs.exportToWkt(&wkt, options);
    std::string out = wkt ? wkt : "";
    CPLFree(wkt);
    return out;
}

RasterExtent toRd(const OGRSpatialReference& source, const RasterExtent& native, const std::string& path)
{
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    rd.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference src(source);
    src.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src.IsSame(&rd)) return native;
    CPLErrorReset();
    CoordinateTransformationPtr ct(OGRCreateCoordinateTransformation(&src, &rd));
    if (!ct) throw ProjError("'" + path + "': " + lastGdalError("geen transformatie naar EPSG:28992"));
    RasterExtent out;
    // Densify the edges: a straight edge in Web Mercator is curved in RD.
    if (!ct->TransformBounds(native.minX, native.minY, native.maxX, native.maxY, &out.minX, &out.minY, &out.maxX,
                             &out.maxY, 21)) {
        throw ProjError("'" + path + "': " + lastGdalError("omvang niet om te zetten naar EPSG:28992"));
    }
    return out;
}

std::string subdatasetList(GDALDataset& ds)
{
    std::string names;
    char** sub = ds.GetMetadata("SUBDATASETS");
    int listed = 0;
    for (char** item = sub; item && *item; ++item) {
        const std::string entry = *item;
        const auto eq = entry.find('=');
        if (eq == std::string::npos || entry.find("_NAME=") == std::string::npos) continue;
        if (listed++ == 5) { names += ", ..."; break; }
        names += (names.empty() ? "" : ", ") + entry.substr(eq + 1);
    }
    return names;
}

int CPL_STDCALL feedbackProgress(double complete, const char*, void* arg)
{
    // Never throws: this is called from inside GDAL. Returning FALSE makes GDAL stop.
    auto* feedback = static_cast<core::Feedback*>(arg);
    if (!feedback) return TRUE;
    feedback->setProgress(complete);
    return feedback->isCancelled() ? FALSE : TRUE;
}

std::vector<int> overviewFactors(int width, int height)
{
    std::vector<int> factors;
    const int larger = std::max(width, height);
    for (int factor = 2; larger / factor >= kOverviewMinimumSize / 2; factor *= 2) factors.push_back(factor);
    if (factors.empty()) factors.push_back(2);
    return factors;
}

/// Writes a VRT that wraps every band of the source 1:1, so overviews can be built for it
/// without touching the source or its folder.
void writeWrapperVrt(GDALDataset& source, const std::string& vrtPath)
{
    const int width = source.GetRasterXSize();
    const int height = source.GetRasterYSize();
    GdalDatasetPtr vrt(static_cast<GDALDataset*>(VRTCreate(width, height)));
    if (!vrt) throw GdalError("VRT '" + vrtPath + "': " + lastGdalError("kan niet aanmaken"));
    vrt->SetDescription(vrtPath.c_str());
    std::array<double, 6> gt{};
    if (source.GetGeoTransform(gt.data()) == CE_None) vrt->SetGeoTransform(gt.data());
    if (const OGRSpatialReference* srs = source.GetSpatialRef()) vrt->SetSpatialRef(srs);
    for (int b = 1; b <= source.GetRasterCount(); ++b) {
        GDALRasterBand* srcBand = source.GetRasterBand(b);
        if (vrt->AddBand(srcBand->GetRasterDataType(), nullptr) != CE_None) {
            throw GdalError("VRT '" + vrtPath + "': " + lastGdalError("band toevoegen mislukt"));
        }
        GDALRasterBand* band = vrt->GetRasterBand(b);
        band->SetColorInterpretation(srcBand->GetColorInterpretation());
        int hasNoData = FALSE;
        const double noData = srcBand->GetNoDataValue(&hasNoData);
        if (hasNoData) band->SetNoDataValue(noData);
        if (VRTAddSimpleSource(static_cast<VRTSourcedRasterBandH>(GDALRasterBand::ToHandle(band)),
                               GDALRasterBand::ToHandle(srcBand), 0, 0, width, height, 0, 0, width, height,
                               nullptr, VRT_NODATA_UNSET) != CE_None) {
            throw GdalError("VRT '" + vrtPath + "': " + lastGdalError("bron toevoegen mislukt"));
        }
    }
    vrt->FlushCache(true);
}

void removeQuietly(const fs::path& p)
{
    std::error_code ec;
    fs::remove(p, ec);
}

std::string buildOverviews(GDALDataset& source, const RasterInfo& info, const std::string& workspacePath,
                           core::Feedback* feedback)
{
    const fs::path dir = overviewCacheDir(workspacePath);
    const fs::path finalVrt = dir / (info.sha256 + ".vrt");
    const fs::path finalOvr = dir / (info.sha256 + ".vrt.ovr");
    if (fs::exists(finalVrt) && fs::exists(finalOvr)) return finalVrt.string();  // built before
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw InputError("cachemap '" + dir.string() + "': " + ec.message());

    // Build under a temporary name and rename at the end: an interrupted build leaves nothing usable-looking.
    const fs::path partialVrt = dir / (info.sha256 + ".partial.vrt");
    const fs::path partialOvr = dir / (info.sha256 + ".partial.vrt.ovr");
    auto cleanup = [&] { removeQuietly(partialVrt); removeQuietly(partialOvr); };
    try {
        writeWrapperVrt(source, partialVrt.string());
        GdalDatasetPtr vrt(static_cast<GDALDataset*>(
            GDALOpenEx(partialVrt.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
        if (!vrt) throw GdalError("VRT '" + partialVrt.string() + "': " + lastGdalError("kan niet openen"));
        if (feedback) feedback->beginStage("overzichten bouwen voor '" + info.path + "'");
        const auto factors = overviewFactors(info.width, info.height);
        CPLErrorReset();
        const CPLErr err = vrt->BuildOverviews("AVERAGE", static_cast<int>(factors.size()), factors.data(), 0,
                                               nullptr, feedbackProgress, feedback);
        vrt.reset();
        if (feedback && feedback->isCancelled()) throw CancelledError();
        if (err != CE_None) throw GdalError("overzichten voor '" + info.path + "': " + lastGdalError("mislukt"));
        fs::rename(partialOvr, finalOvr);
        fs::rename(partialVrt, finalVrt);
    } catch (...) {
        cleanup();
        throw;
    }
    return finalVrt.string();
}

}  // namespace

std::string overviewCacheDir(const std::string& workspacePath)
{
    return (fs::path(workspacePath + ".cache") / "overviews").string();
}

RasterInfo inspectRaster(const std::string& path)
{
    ensureGdalRegistered();
    RegistrationConfig config;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw InputError("'" + path + "': bestand niet gevonden");
    RasterInfo info;
    info.path = fs::absolute(path).lexically_normal().string();
    CPLErrorReset();
    GdalDatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(info.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) throw InputError("'" + path + "': " + lastGdalError("geen leesbaar rasterbestand"));
    if (ds->GetRasterCount() == 0) {
        const std::string subs = subdatasetList(*ds);
        if (!subs.empty()) throw InputError("'" + path + "' bevat meerdere rasters; kies er een: " + subs);
        throw InputError("'" + path + "': geen rasterbanden");
    }
    info.driver = ds->GetDriver() ? ds->GetDriver()->GetDescription() : "";
    info.bands = ds->GetRasterCount();
    info.width = ds->GetRasterXSize();
    info.height = ds->GetRasterYSize();
    std::array<double, 6> gt{};
    if (ds->GetGeoTransform(gt.data()) != CE_None) throw InputError("'" + path + "': geen georeferentie");
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs || srs->IsEmpty()) throw InputError("'" + path + "': geen coördinaatreferentiesysteem");
    info.crs = describeCrs(*srs);

    // Corners through the geotransform (handles rotation terms too).
    const double w = info.width, h = info.height;
    const std::array<std::array<double, 2>, 4> pixels{{{0, 0}, {w, 0}, {0, h}, {w, h}}};
    info.nativeExtent = {INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (const auto& [px, py] : pixels) {
        const double x = gt[0] + px * gt[1] + py * gt[2];
        const double y = gt[3] + px * gt[4] + py * gt[5];
        info.nativeExtent.minX = std::min(info.nativeExtent.minX, x);
        info.nativeExtent.maxX = std::max(info.nativeExtent.maxX, x);
        info.nativeExtent.minY = std::min(info.nativeExtent.minY, y);
        info.nativeExtent.maxY = std::max(info.nativeExtent.maxY, y);
    }
    info.pixelSizeX = std::hypot(gt[1], gt[4]);
    info.pixelSizeY = std::hypot(gt[2], gt[5]);
    info.extent = toRd(*srs, info.nativeExtent, path);
    info.hasOverviews = ds->GetRasterBand(1)->GetOverviewCount() > 0;
    info.sha256 = sha256File(info.path);
    return info;
}

RasterInfo registerRaster(const std::string& path, const std::string& workspacePath, core::Feedback* feedback)
{
    RasterInfo info = inspectRaster(path);
    if (info.hasOverviews || std::max(info.width, info.height) <= kOverviewMinimumSize) return info;
    RegistrationConfig config;
    GdalDatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(info.path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) throw InputError("'" + path + "': " + lastGdalError("geen leesbaar rasterbestand"));
    info.overviewPath = buildOverviews(*ds, info, workspacePath, feedback);
    return info;
}

void ensureRasterTables(SpatialiteDb& db) { db.exec(rasterTablesSql()); }

std::int64_t storeRaster(SpatialiteDb& db, const std::string& layer, std::optional<int> year, const RasterInfo& info)
{
    auto stmt = db.prepare(R"SQL(
INSERT INTO rk_rasters (layer, year, path, driver, sha256, crs, min_x, min_y, max_x, max_y,
  pixel_size_x, pixel_size_y, bands, width, height, has_overviews, overview_path, registered_at)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
ON CONFLICT (layer, path) DO UPDATE SET year = excluded.year, driver = excluded.driver,
  sha256 = excluded.sha256, crs = excluded.crs, min_x = excluded.min_x, min_y = excluded.min_y,
  max_x = excluded.max_x, max_y = excluded.max_y, pixel_size_x = excluded.pixel_size_x,
  pixel_size_y = excluded.pixel_size_y, bands = excluded.bands, width = excluded.width,
  height = excluded.height, has_overviews = excluded.has_overviews,
  overview_path = excluded.overview_path, registered_at = excluded.registered_at
)SQL");
    stmt.bind(1, layer).bind(2, year).bind(3, info.path).bind(4, info.driver).bind(5, info.sha256).bind(6, info.crs);
    stmt.bind(7, info.extent.minX).bind(8, info.extent.minY).bind(9, info.extent.maxX).bind(10, info.extent.maxY);
    stmt.bind(11, info.pixelSizeX).bind(12, info.pixelSizeY);
    stmt.bind(13, info.bands).bind(14, info.width).bind(15, info.height).bind(16, info.hasOverviews ? 1 : 0);
    if (info.overviewPath.empty()) stmt.bind(17, nullptr);
    else stmt.bind(17, info.overviewPath);
    stmt.bind(18, core::nowIsoUtc());
    stmt.run();
    auto query = db.prepare("SELECT id FROM rk_rasters WHERE layer = ?1 AND path = ?2");
    query.bind(1, layer).bind(2, info.path);
    if (!query.step()) throw SqliteError("rk_rasters: rij na opslaan niet gevonden");
    return query.columnInt(0);
}

std::vector<RasterRecord> loadRasters(SpatialiteDb& db, const std::string& layer)
{
    auto stmt = db.prepare(R"SQL(
SELECT id, layer, year, path, driver, sha256, crs, min_x, min_y, max_x, max_y, pixel_size_x, pixel_size_y,
  bands, width, height, has_overviews, overview_path, registered_at
FROM rk_rasters WHERE ?1 = '' OR layer = ?1 ORDER BY layer, year, path
)SQL");
    stmt.bind(1, layer);
    std::vector<RasterRecord> out;
    while (stmt.step()) {
        RasterRecord r;
        r.id = stmt.columnInt(0);
        r.layer = stmt.columnText(1);
        if (!stmt.isNull(2)) r.year = static_cast<int>(stmt.columnInt(2));
        r.info.path = stmt.columnText(3);
        r.info.driver = stmt.columnText(4);
        r.info.sha256 = stmt.columnText(5);
        r.info.crs = stmt.columnText(6);
        r.info.extent = {stmt.columnDouble(7), stmt.columnDouble(8), stmt.columnDouble(9), stmt.columnDouble(10)};
        r.info.pixelSizeX = stmt.columnDouble(11);
        r.info.pixelSizeY = stmt.columnDouble(12);
        r.info.bands = static_cast<int>(stmt.columnInt(13));
        r.info.width = static_cast<int>(stmt.columnInt(14));
        r.info.height = static_cast<int>(stmt.columnInt(15));
        r.info.hasOverviews = stmt.columnInt(16) != 0;
        if (!stmt.isNull(17)) r.info.overviewPath = stmt.columnText(17);
        r.registeredAt = stmt.columnText(18);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace riskmap::gis
