// SPDX-License-Identifier: GPL-3.0-or-later
// Change detection: per-pixel spectral rule over block windows, then GDALPolygonize on the change mask.
#include "riskmap/gis/change_detection.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <gdal_alg.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <mutex>

namespace riskmap::gis {

bool looksBuiltUp(int r, int g, int b, int nir, bool hasNir)
{
    const int chroma = std::max({r, g, b}) - std::min({r, g, b});
    if (hasNir) {
        if (nir + r == 0) return false;
        const double ndvi = static_cast<double>(nir - r) / static_cast<double>(nir + r);
        return ndvi < -0.3 && chroma < 40;
    }
    const bool green = g > r + 8 && g > b + 8;
    return chroma < 40 && !green;
}

namespace {

GdalDatasetPtr openPhoto(const std::string& path)
{
    ensureGdalRegistered();
    GdalDatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw InputError("luchtfoto '" + path + "' is niet te openen: " + lastGdalError("geen raster"));
    if (ds->GetRasterCount() < 3) throw InputError("luchtfoto '" + path + "' heeft geen drie banden (RGB)");
    return ds;
}

struct Reader {
    GdalDatasetPtr from, to;
    std::vector<std::uint8_t> a, b, mask;
};

}  // namespace

ChangeResult detectChange(const std::string& fromPath, const std::string& toPath, const std::string& maskPath,
                          double minArea, core::Feedback* feedback)
{
    GdalDatasetPtr from = openPhoto(fromPath), to = openPhoto(toPath);
    const int width = from->GetRasterXSize(), height = from->GetRasterYSize();
    double gtA[6], gtB[6];
    if (from->GetGeoTransform(gtA) != CE_None || to->GetGeoTransform(gtB) != CE_None)
        throw InputError("luchtfoto zonder georeferentie");
    if (to->GetRasterXSize() != width || to->GetRasterYSize() != height ||
        !std::equal(gtA, gtA + 6, gtB, [](double x, double y) { return std::abs(x - y) < 1e-9; }))
        throw InputError("luchtfoto's '" + fromPath + "' en '" + toPath +
                         "' liggen niet op hetzelfde raster (grootte en georeferentie moeten gelijk zijn)");
    const bool nirFrom = from->GetRasterCount() >= 4, nirTo = to->GetRasterCount() >= 4;
    const int bandsFrom = nirFrom ? 4 : 3, bandsTo = nirTo ? 4 : 3;

    // The mask: tiled and compressed, written window by window.
    std::filesystem::create_directories(std::filesystem::path(maskPath).parent_path());
    GdalDatasetPtr mask;
    {
        char** opts = nullptr;
        opts = CSLSetNameValue(opts, "TILED", "YES");
        opts = CSLSetNameValue(opts, "COMPRESS", "DEFLATE");
        opts = CSLSetNameValue(opts, "BIGTIFF", "IF_SAFER");
        mask.reset(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(maskPath.c_str(), width, height, 1,
                                                                             GDT_Byte, opts));
        CSLDestroy(opts);
        if (!mask) throw GdalError("veranderingsmasker '" + maskPath + "' niet te maken: " + lastGdalError("?"));
        mask->SetGeoTransform(gtA);
        if (const char* wkt = from->GetProjectionRef(); wkt && *wkt) mask->SetProjection(wkt);
    }

    const int win = 1024;
    const int nwx = (width + win - 1) / win, nwy = (height + win - 1) / win;
    if (feedback) feedback->beginStage("veranderingen per pixel", static_cast<std::uint64_t>(nwx) * nwy);
    std::mutex writeMutex, openMutex, errorMutex;
    std::string error;
    std::atomic<bool> failed{false};
    std::atomic<std::uint64_t> changed{0};
    tbb::enumerable_thread_specific<Reader> readers;
    tbb::parallel_for(0, nwx * nwy, [&](int k) {
        if (failed.load() || (feedback && feedback->isCancelled())) return;
        try {
            Reader& rd = readers.local();
            if (!rd.from) {
                std::lock_guard lock(openMutex);
                rd.from = openPhoto(fromPath);
                rd.to = openPhoto(toPath);
            }
            const int x0 = (k % nwx) * win, y0 = (k / nwx) * win;
            const int w = std::min(win, width - x0), h = std::min(win, height - y0);
            const std::size_t n = static_cast<std::size_t>(w) * h;
            rd.a.resize(n * 4);
            rd.b.resize(n * 4);
            rd.mask.assign(n, 0);
            // Pixel-interleaved reads: R,G,B[,N] per pixel.
            if (rd.from->RasterIO(GF_Read, x0, y0, w, h, rd.a.data(), w, h, GDT_Byte, bandsFrom, nullptr, 4, 4L * w, 1,
                                  nullptr) != CE_None ||
                rd.to->RasterIO(GF_Read, x0, y0, w, h, rd.b.data(), w, h, GDT_Byte, bandsTo, nullptr, 4, 4L * w, 1,
                                nullptr) != CE_None)
                throw GdalError("luchtfoto venster " + std::to_string(x0) + "," + std::to_string(y0) +
                                " niet leesbaar: " + lastGdalError("leesfout"));
            rd.from->FlushCache();  // blocks are read once: keep memory at the window size
            rd.to->FlushCache();
            std::uint64_t count = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint8_t* p = &rd.a[i * 4];
                const std::uint8_t* q = &rd.b[i * 4];
                if (looksBuiltUp(q[0], q[1], q[2], q[3], nirTo) && !looksBuiltUp(p[0], p[1], p[2], p[3], nirFrom)) {
                    rd.mask[i] = 1;
                    ++count;
                }
            }
            changed += count;
            std::lock_guard lock(writeMutex);
            if (mask->GetRasterBand(1)->RasterIO(GF_Write, x0, y0, w, h, rd.mask.data(), w, h, GDT_Byte, 0, 0,
                                                 nullptr) != CE_None)
                throw GdalError("veranderingsmasker schrijven: " + lastGdalError("schrijffout"));
            mask->FlushCache();  // written blocks go to disk now, not into GDAL's cache
        } catch (const std::exception& e) {
            std::lock_guard lock(errorMutex);
            if (error.empty()) error = e.what();
            failed.store(true);
            return;
        }
        if (feedback) feedback->advance();
    });
    readers.clear();
    if (!error.empty()) {
        mask.reset();
        std::filesystem::remove(maskPath);
        throw GdalError(error);
    }
    if (feedback) feedback->checkCancelled();
    mask->FlushCache();

    // Polygonise: the band is its own mask, so only changed pixels become polygons.
    if (feedback) feedback->beginStage("veranderingen vectoriseren");
    GDALDriver* memDriver = GetGDALDriverManager()->GetDriverByName("Memory");
    GdalDatasetPtr mem(memDriver->Create("changes", 0, 0, 0, GDT_Unknown, nullptr));
    OGRLayer* layer = mem->CreateLayer("changes", nullptr, wkbPolygon, nullptr);
    OGRFieldDefn field("value", OFTInteger);
    layer->CreateField(&field);
    GDALRasterBand* band = mask->GetRasterBand(1);
    // GDALPolygonize reads line by line through the block cache, which would otherwise keep the
    // whole mask; a small cache while it runs keeps memory bounded (it only costs speed elsewhere).
    const GIntBig cacheMax = GDALGetCacheMax64();
    GDALSetCacheMax64(std::min<GIntBig>(cacheMax, 64LL << 20));
    const CPLErr polygonized = GDALPolygonize(band, band, layer, 0, nullptr, nullptr, nullptr);
    GDALSetCacheMax64(cacheMax);
    if (polygonized != CE_None)
        throw GdalError("veranderingen vectoriseren: " + lastGdalError("GDALPolygonize mislukt"));

    ChangeResult result;
    result.changedPixels = changed.load();
    result.pixels = static_cast<std::uint64_t>(width) * height;
    layer->ResetReading();
    for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g) continue;
        const double area = g->toPolygon()->get_Area();
        if (area < minArea) continue;
        ChangePolygon cp;
        cp.area = area;
        cp.geometry.resize(static_cast<std::size_t>(g->WkbSize()));
        g->exportToWkb(wkbNDR, cp.geometry.data(), wkbVariantIso);
        result.polygons.push_back(std::move(cp));
    }
    return result;
}

}  // namespace riskmap::gis
