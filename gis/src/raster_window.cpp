// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a raster window as RGBA with GDAL's RasterIO (overviews chosen by GDAL).
#include "riskmap/gis/raster_window.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <gdalwarper.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace riskmap::gis {
namespace {

bool isRdNew(const OGRSpatialReference* srs)
{
    if (!srs) return false;
    const char* auth = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    if (auth && code && std::strcmp(auth, "EPSG") == 0 && std::strcmp(code, "28992") == 0) return true;
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    return srs->IsSame(&rd) != 0;
}

bool isNorthUp(const double gt[6]) { return gt[2] == 0.0 && gt[4] == 0.0 && gt[1] > 0.0 && gt[5] < 0.0; }

}  // namespace

RasterWindow readRasterWindow(const std::string& path, const Box& box, int widthPx, int heightPx,
                              Resampling resampling)
{
    if (widthPx <= 0 || heightPx <= 0) throw InputError("rastervenster: ongeldige grootte");
    ensureGdalRegistered();
    RasterWindow out;
    out.width = widthPx;
    out.height = heightPx;
    out.rgba.assign(static_cast<std::size_t>(widthPx) * heightPx * 4, 0);

    GdalDatasetPtr source(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!source) throw InputError("raster '" + path + "' kan niet worden geopend: " + lastGdalError("onbekende fout"));

    // A raster in another CRS (or rotated) is read through a warped VRT in RD New; the VRT
    // must be closed before its source, hence the declaration order.
    GdalDatasetPtr warped;
    GDALDataset* ds = source.get();
    double gt[6];
    const bool hasGt = ds->GetGeoTransform(gt) == CE_None;
    if (!hasGt || !isRdNew(ds->GetSpatialRef()) || !isNorthUp(gt)) {
        OGRSpatialReference rd;
        rd.importFromEPSG(28992);
        char* wkt = nullptr;
        rd.exportToWkt(&wkt);
        GDALDatasetH vrt = GDALAutoCreateWarpedVRT(GDALDataset::ToHandle(ds), nullptr, wkt,
                                                   GRA_NearestNeighbour, 0.125, nullptr);
        CPLFree(wkt);
        if (!vrt) throw GdalError("raster '" + path + "' kan niet naar RD New: " + lastGdalError("geen transformatie"));
        warped.reset(GDALDataset::FromHandle(vrt));
        ds = warped.get();
        if (ds->GetGeoTransform(gt) != CE_None) throw GdalError("raster '" + path + "': geen georeferentie");
    }

    const int rasterW = ds->GetRasterXSize();
    const int rasterH = ds->GetRasterYSize();
    const int bands = ds->GetRasterCount();
    if (bands < 1) throw InputError("raster '" + path + "' heeft geen banden");

    // The box in fractional source pixels.
    const double sx0 = (box.xmin - gt[0]) / gt[1];
    const double sx1 = (box.xmax - gt[0]) / gt[1];
    const double sy0 = (box.ymax - gt[3]) / gt[5];
    const double sy1 = (box.ymin - gt[3]) / gt[5];
    const double pxPerOutX = (sx1 - sx0) / widthPx;
    const double pxPerOutY = (sy1 - sy0) / heightPx;
    if (!(pxPerOutX > 0) || !(pxPerOutY > 0)) return out;

    // The output pixels covered by the raster, snapped to whole output pixels.
    const int ix0 = std::max(0, static_cast<int>(std::ceil((0.0 - sx0) / pxPerOutX - 1e-9)));
    const int ix1 = std::min(widthPx, static_cast<int>(std::floor((rasterW - sx0) / pxPerOutX + 1e-9)));
    const int iy0 = std::max(0, static_cast<int>(std::ceil((0.0 - sy0) / pxPerOutY - 1e-9)));
    const int iy1 = std::min(heightPx, static_cast<int>(std::floor((rasterH - sy0) / pxPerOutY + 1e-9)));
    if (ix1 <= ix0 || iy1 <= iy0) return out;

    // Window edges a rounding error away from a pixel edge are put on it: GDAL's averaging would
    // otherwise give the neighbouring pixel a sliver of weight, and a 1:1 read would not be exact.
    auto snap = [](double v) {
        const double r = std::round(v);
        return std::abs(v - r) < 1e-6 ? r : v;
    };
    const double wx0 = std::clamp(snap(sx0 + ix0 * pxPerOutX), 0.0, double(rasterW));
    const double wx1 = std::clamp(snap(sx0 + ix1 * pxPerOutX), 0.0, double(rasterW));
    const double wy0 = std::clamp(snap(sy0 + iy0 * pxPerOutY), 0.0, double(rasterH));
    const double wy1 = std::clamp(snap(sy0 + iy1 * pxPerOutY), 0.0, double(rasterH));
    const int nx0 = std::clamp(static_cast<int>(std::floor(wx0)), 0, rasterW - 1);
    const int ny0 = std::clamp(static_cast<int>(std::floor(wy0)), 0, rasterH - 1);
    const int nx1 = std::clamp(static_cast<int>(std::ceil(wx1)), nx0 + 1, rasterW);
    const int ny1 = std::clamp(static_cast<int>(std::ceil(wy1)), ny0 + 1, rasterH);

    GDALRasterIOExtraArg extra;
    INIT_RASTERIO_EXTRA_ARG(extra);
    extra.eResampleAlg = resampling == Resampling::Average ? GRIORA_Average : GRIORA_NearestNeighbour;
    extra.bFloatingPointWindowValidity = TRUE;
    // A 1:1 read on whole pixels is a copy: resampling there would blend the edge rows with their
    // neighbours outside the window.
    const bool wholePixels = wx0 == std::floor(wx0) && wx1 == std::floor(wx1) && wy0 == std::floor(wy0) && wy1 == std::floor(wy1);
    if (wholePixels && std::abs(pxPerOutX - 1.0) < 1e-6 && std::abs(pxPerOutY - 1.0) < 1e-6) {
        extra.eResampleAlg = GRIORA_NearestNeighbour;
        extra.bFloatingPointWindowValidity = FALSE;
    }
    extra.dfXOff = wx0;
    extra.dfYOff = wy0;
    extra.dfXSize = wx1 - wx0;
    extra.dfYSize = wy1 - wy0;

    const bool hasAlpha = bands >= 4 && ds->GetRasterBand(4)->GetColorInterpretation() == GCI_AlphaBand;
    const bool hasAlpha2 = bands == 2 && ds->GetRasterBand(2)->GetColorInterpretation() == GCI_AlphaBand;
    std::vector<int> bandMap = bands >= 3 ? std::vector<int>{1, 2, 3} : std::vector<int>{1, 1, 1};
    if (hasAlpha) bandMap.push_back(4);
    if (hasAlpha2) bandMap.push_back(2);

    const int outW = ix1 - ix0;
    const int outH = iy1 - iy0;
    unsigned char* first = out.rgba.data() + (static_cast<std::size_t>(iy0) * widthPx + ix0) * 4;
    if (bandMap.size() == 3) {
        // Opaque where covered: set alpha first, RasterIO fills RGB around it.
        for (int y = iy0; y < iy1; ++y)
            for (int x = ix0; x < ix1; ++x) out.rgba[(static_cast<std::size_t>(y) * widthPx + x) * 4 + 3] = 255;
    }
    const CPLErr err = ds->RasterIO(GF_Read, nx0, ny0, nx1 - nx0, ny1 - ny0, first, outW, outH, GDT_Byte,
                                    static_cast<int>(bandMap.size()), bandMap.data(), 4,
                                    static_cast<GSpacing>(widthPx) * 4, 1, &extra);
    if (err != CE_None) throw GdalError("raster '" + path + "' lezen mislukt: " + lastGdalError("RasterIO"));
    return out;
}

}  // namespace riskmap::gis
