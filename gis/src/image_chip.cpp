// SPDX-License-Identifier: GPL-3.0-or-later
// Image chips: windowed, resampled read into a MEM dataset, outline rasterised, copied to GeoTIFF.
#include "riskmap/gis/image_chip.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <gdal_alg.h>

#include <algorithm>
#include <cmath>

namespace riskmap::gis {

namespace {

OgrGeometryPtr fromWkb(const Wkb& wkb)
{
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw)
        throw GdalError("ongeldige WKB-geometrie voor uitsnede");
    return OgrGeometryPtr(raw);
}

}  // namespace

Envelope chipExtent(const Wkb& outline)
{
    auto g = fromWkb(outline);
    OGREnvelope e;
    g->getEnvelope(&e);
    const double side = std::max(20.0, std::max(e.MaxX - e.MinX, e.MaxY - e.MinY) * 1.3);
    const double cx = (e.MinX + e.MaxX) / 2, cy = (e.MinY + e.MaxY) / 2;
    return {cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2};
}

Envelope writeImageChip(const std::string& rasterPath, const Wkb& outline, const std::string& outPath, int size)
{
    ensureGdalRegistered();
    if (size < 16 || size > 8192) throw UsageError("uitsnede: grootte moet tussen 16 en 8192 pixels liggen");
    GdalDatasetPtr src(GDALDataset::Open(rasterPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!src) throw InputError("luchtfoto '" + rasterPath + "' is niet te openen: " + lastGdalError("geen raster"));
    if (src->GetRasterCount() < 3) throw InputError("luchtfoto '" + rasterPath + "' heeft geen RGB-banden");
    double gt[6];
    if (src->GetGeoTransform(gt) != CE_None || gt[2] != 0 || gt[4] != 0 || gt[5] >= 0)
        throw InputError("luchtfoto '" + rasterPath + "' heeft geen noord-boven georeferentie");

    const Envelope ext = chipExtent(outline);
    const double px = ext.width() / size;
    GDALDriver* memDriver = GetGDALDriverManager()->GetDriverByName("MEM");
    GdalDatasetPtr chip(memDriver->Create("", size, size, 3, GDT_Byte, nullptr));
    const double chipGt[6] = {ext.minX, px, 0, ext.maxY, 0, -px};
    chip->SetGeoTransform(const_cast<double*>(chipGt));
    if (const char* wkt = src->GetProjectionRef(); wkt && *wkt) chip->SetProjection(wkt);

    // The part of the chip the photo covers, in source pixels (floating) and chip pixels.
    const double sx0 = (ext.minX - gt[0]) / gt[1], sx1 = (ext.maxX - gt[0]) / gt[1];
    const double sy0 = (ext.maxY - gt[3]) / gt[5], sy1 = (ext.minY - gt[3]) / gt[5];
    const double cx0 = std::max(0.0, sx0), cx1 = std::min<double>(src->GetRasterXSize(), sx1);
    const double cy0 = std::max(0.0, sy0), cy1 = std::min<double>(src->GetRasterYSize(), sy1);
    if (cx1 > cx0 && cy1 > cy0) {
        const double scale = size / (sx1 - sx0);  // chip pixels per source pixel
        const int dx0 = static_cast<int>(std::lround((cx0 - sx0) * scale)), dx1 = static_cast<int>(std::lround((cx1 - sx0) * scale));
        const int dy0 = static_cast<int>(std::lround((cy0 - sy0) * scale)), dy1 = static_cast<int>(std::lround((cy1 - sy0) * scale));
        if (dx1 > dx0 && dy1 > dy0) {
            const int w = dx1 - dx0, h = dy1 - dy0;
            std::vector<std::uint8_t> buf(static_cast<std::size_t>(w) * h * 3);
            GDALRasterIOExtraArg extra;
            INIT_RASTERIO_EXTRA_ARG(extra);
            extra.eResampleAlg = scale < 1 ? GRIORA_Average : GRIORA_Bilinear;
            extra.bFloatingPointWindowValidity = TRUE;
            extra.dfXOff = cx0;
            extra.dfYOff = cy0;
            extra.dfXSize = cx1 - cx0;
            extra.dfYSize = cy1 - cy0;
            const int ix0 = static_cast<int>(std::floor(cx0)), iy0 = static_cast<int>(std::floor(cy0));
            const int iw = std::max(1, std::min(src->GetRasterXSize() - ix0, static_cast<int>(std::ceil(cx1)) - ix0));
            const int ih = std::max(1, std::min(src->GetRasterYSize() - iy0, static_cast<int>(std::ceil(cy1)) - iy0));
            int bands[3] = {1, 2, 3};
            if (src->RasterIO(GF_Read, ix0, iy0, iw, ih, buf.data(), w, h, GDT_Byte, 3, bands, 3, 3L * w, 1, &extra) !=
                CE_None)
                throw GdalError("luchtfoto '" + rasterPath + "' niet leesbaar: " + lastGdalError("leesfout"));
            if (chip->RasterIO(GF_Write, dx0, dy0, w, h, buf.data(), w, h, GDT_Byte, 3, bands, 3, 3L * w, 1, nullptr) !=
                CE_None)
                throw GdalError("uitsnede vullen: " + lastGdalError("schrijffout"));
        }
    }

    // The outline: the polygon's boundary, every pixel it touches.
    auto g = fromWkb(outline);
    OgrGeometryPtr boundary(g->Boundary());
    if (boundary) {
        int bands[3] = {1, 2, 3};
        double burn[3] = {255, 0, 255};  // magenta: stands out on fields, woods and roofs
        OGRGeometryH geoms[1] = {OGRGeometry::ToHandle(boundary.get())};
        char** opts = CSLSetNameValue(nullptr, "ALL_TOUCHED", "TRUE");
        const CPLErr err = GDALRasterizeGeometries(chip.get(), 3, bands, 1, geoms, nullptr, nullptr, burn, opts, nullptr, nullptr);
        CSLDestroy(opts);
        if (err != CE_None) throw GdalError("omtrek tekenen: " + lastGdalError("rasteriseren mislukt"));
    }
    char** opts = CSLSetNameValue(nullptr, "COMPRESS", "DEFLATE");
    GdalDatasetPtr out(GetGDALDriverManager()->GetDriverByName("GTiff")->CreateCopy(outPath.c_str(), chip.get(), FALSE,
                                                                                     opts, nullptr, nullptr));
    CSLDestroy(opts);
    if (!out) throw GdalError("uitsnede '" + outPath + "' niet te schrijven: " + lastGdalError("schrijffout"));
    return ext;
}

}  // namespace riskmap::gis
