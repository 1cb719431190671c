// SPDX-License-Identifier: GPL-3.0-or-later
// Zonal statistics: block-aligned windows in parallel, a scanline over pixel centres per zone and row.
#include "riskmap/gis/zonal_stats.hpp"

#include "feature_set_data.hpp"
#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/feature_set.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

namespace riskmap::gis {

std::optional<double> ZonalResult::mean() const
{
    if (count == 0) return std::nullopt;
    return sum / static_cast<double>(count);
}

std::optional<double> ZonalResult::stddev() const
{
    if (count == 0) return std::nullopt;
    const double n = static_cast<double>(count);
    const double m = sum / n;
    return std::sqrt(std::max(0.0, sumSquares / n - m * m));
}

std::optional<double> ZonalResult::classShare() const
{
    if (count == 0) return std::nullopt;
    return static_cast<double>(classCount) / static_cast<double>(count);
}

namespace {

struct Geo {
    double ox, px, oy, py;  // py < 0 for north-up
    double colCentreX(int c) const { return ox + (c + 0.5) * px; }
    double rowCentreY(int r) const { return oy + (r + 0.5) * py; }
};

struct Window { int x0, y0, w, h; };

/// Pixel rectangle [c0, c1] × [r0, r1] that may hold centres of the zone (one pixel of slack).
bool zonePixelBox(const ZoneRings& z, const Geo& g, int width, int height, int& c0, int& c1, int& r0, int& r1)
{
    double minX = HUGE_VAL, minY = HUGE_VAL, maxX = -HUGE_VAL, maxY = -HUGE_VAL;
    for (const auto& ring : z)
        for (const auto& p : ring) {
            minX = std::min(minX, p.x); maxX = std::max(maxX, p.x);
            minY = std::min(minY, p.y); maxY = std::max(maxY, p.y);
        }
    if (minX > maxX) return false;
    const double ca = (minX - g.ox) / g.px, cb = (maxX - g.ox) / g.px;
    const double ra = (maxY - g.oy) / g.py, rb = (minY - g.oy) / g.py;
    c0 = static_cast<int>(std::max(0.0, std::floor(std::min(ca, cb)) - 1));
    c1 = static_cast<int>(std::min<double>(width - 1, std::ceil(std::max(ca, cb)) + 1));
    r0 = static_cast<int>(std::max(0.0, std::floor(std::min(ra, rb)) - 1));
    r1 = static_cast<int>(std::min<double>(height - 1, std::ceil(std::max(ra, rb)) + 1));
    return c0 <= c1 && r0 <= r1;
}

/// Smallest column whose centre is >= x (pixel centres grow with the column; px > 0).
int firstColumnAtOrRight(const Geo& g, double x)
{
    int c = static_cast<int>(std::ceil((x - g.ox) / g.px - 0.5));
    while (g.colCentreX(c) < x) ++c;
    while (g.colCentreX(c - 1) >= x) --c;
    return c;
}

struct Accumulator {
    std::vector<ZonalResult> results;
    std::vector<double> crossings;
    std::vector<double> buffer;
    GdalDatasetPtr ds;
};

}  // namespace

std::vector<ZonalResult> zonalStatistics(const std::string& rasterPath, const std::vector<ZoneRings>& zones,
                                         const ZonalOptions& options, core::Feedback* feedback)
{
    ensureGdalRegistered();
    auto open = [&rasterPath]() {
        GdalDatasetPtr ds(GDALDataset::Open(rasterPath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
        if (!ds) throw InputError("raster '" + rasterPath + "' is niet te openen: " + lastGdalError("geen raster"));
        return ds;
    };
    GdalDatasetPtr first = open();
    const int width = first->GetRasterXSize(), height = first->GetRasterYSize();
    if (options.band < 1 || options.band > first->GetRasterCount())
        throw InputError("raster '" + rasterPath + "' heeft geen band " + std::to_string(options.band));
    double gt[6];
    if (first->GetGeoTransform(gt) != CE_None || gt[1] <= 0 || gt[5] >= 0 || gt[2] != 0 || gt[4] != 0)
        throw InputError("raster '" + rasterPath + "' heeft geen noord-boven georeferentie zonder rotatie");
    const Geo geo{gt[0], gt[1], gt[3], gt[5]};
    GDALRasterBand* band0 = first->GetRasterBand(options.band);
    int hasNoData = 0;
    const double noData = band0->GetNoDataValue(&hasNoData);
    int bx = 0, by = 0;
    band0->GetBlockSize(&bx, &by);
    bx = std::max(1, bx); by = std::max(1, by);
    // About a megapixel per window, aligned to blocks so that each block is decoded once.
    const int ww = std::min(width, ((1024 + bx - 1) / bx) * bx);
    const int wantRows = std::max(1, (1 << 20) / std::max(1, ww));
    const int wh = std::min(height, ((wantRows + by - 1) / by) * by);
    const int nwx = (width + ww - 1) / ww, nwy = (height + wh - 1) / wh;

    // Zones per window.
    std::vector<std::vector<std::uint32_t>> perWindow(static_cast<std::size_t>(nwx) * nwy);
    for (std::size_t z = 0; z < zones.size(); ++z) {
        int c0, c1, r0, r1;
        if (!zonePixelBox(zones[z], geo, width, height, c0, c1, r0, r1)) continue;
        for (int wy = r0 / wh; wy <= r1 / wh; ++wy)
            for (int wx = c0 / ww; wx <= c1 / ww; ++wx)
                perWindow[static_cast<std::size_t>(wy) * nwx + wx].push_back(static_cast<std::uint32_t>(z));
    }
    std::vector<std::size_t> busy;
    for (std::size_t i = 0; i < perWindow.size(); ++i)
        if (!perWindow[i].empty()) busy.push_back(i);

    const bool hasClass = options.classMin && options.classMax;
    const double classMin = options.classMin.value_or(0), classMax = options.classMax.value_or(0);
    if (feedback) feedback->beginStage("zonale statistiek", busy.size());

    std::mutex firstMutex;
    tbb::enumerable_thread_specific<Accumulator> locals;
    std::mutex errorMutex;
    std::string error;
    std::atomic<bool> failed{false};
    tbb::parallel_for(std::size_t(0), busy.size(), [&](std::size_t k) {
        if (failed.load() || (feedback && feedback->isCancelled())) return;
        try {
            Accumulator& acc = locals.local();
            if (acc.results.empty()) acc.results.resize(zones.size());
            if (!acc.ds) {
                std::lock_guard lock(firstMutex);
                acc.ds = first ? std::move(first) : open();
            }
            const std::size_t wi = busy[k];
            const Window w{static_cast<int>(wi % nwx) * ww, static_cast<int>(wi / nwx) * wh, 0, 0};
            const int w_w = std::min(ww, width - w.x0), w_h = std::min(wh, height - w.y0);
            acc.buffer.resize(static_cast<std::size_t>(w_w) * w_h);
            if (acc.ds->GetRasterBand(options.band)->RasterIO(GF_Read, w.x0, w.y0, w_w, w_h, acc.buffer.data(), w_w,
                                                              w_h, GDT_Float64, 0, 0, nullptr) != CE_None)
                throw GdalError("raster '" + rasterPath + "': venster " + std::to_string(w.x0) + "," +
                                std::to_string(w.y0) + " niet leesbaar: " + lastGdalError("leesfout"));
            // Each block is read once (windows are block-aligned): drop it from GDAL's cache so that
            // memory stays at a few windows instead of growing to GDAL_CACHEMAX.
            acc.ds->FlushCache();
            for (std::uint32_t z : perWindow[wi]) {
                const ZoneRings& rings = zones[z];
                ZonalResult& res = acc.results[z];
                int c0, c1, r0, r1;
                zonePixelBox(rings, geo, width, height, c0, c1, r0, r1);
                r0 = std::max(r0, w.y0);
                r1 = std::min(r1, w.y0 + w_h - 1);
                const int cLo = std::max(c0, w.x0), cHi = std::min(c1, w.x0 + w_w - 1);
                for (int r = r0; r <= r1; ++r) {
                    const double yc = geo.rowCentreY(r);
                    auto& xs = acc.crossings;
                    xs.clear();
                    for (const auto& ring : rings) {
                        const std::size_t n = ring.size();
                        for (std::size_t i = 0; i < n; ++i) {
                            const XY& a = ring[i];
                            const XY& b = ring[(i + 1) % n];  // closes open rings; a closed ring adds a null edge
                            // Half-open in y: the centre counts as nudged upwards.
                            if ((a.y <= yc) != (b.y <= yc)) xs.push_back(a.x + (yc - a.y) * (b.x - a.x) / (b.y - a.y));
                        }
                    }
                    if (xs.size() < 2) continue;
                    std::sort(xs.begin(), xs.end());
                    const double* row = acc.buffer.data() + static_cast<std::size_t>(r - w.y0) * w_w;
                    for (std::size_t i = 0; i + 1 < xs.size(); i += 2) {
                        // Centres in [x0, x1): nudged right, a centre on the left edge is inside.
                        const int a = std::max(cLo, firstColumnAtOrRight(geo, xs[i]));
                        const int b = std::min(cHi, firstColumnAtOrRight(geo, xs[i + 1]) - 1);
                        for (int c = a; c <= b; ++c) {
                            const double v = row[c - w.x0];
                            if (hasNoData && (v == noData || (std::isnan(noData) && std::isnan(v)))) continue;
                            ++res.count;
                            res.sum += v;
                            res.sumSquares += v * v;
                            if (hasClass && v >= classMin && v <= classMax) ++res.classCount;
                        }
                    }
                }
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(errorMutex);
            if (error.empty()) error = e.what();
            failed.store(true);
            return;
        }
        if (feedback) feedback->advance();
    });
    if (!error.empty()) throw GdalError(error);
    if (feedback) feedback->checkCancelled();

    std::vector<ZonalResult> out(zones.size());
    for (const auto& acc : locals) {
        if (acc.results.empty()) continue;
        for (std::size_t z = 0; z < zones.size(); ++z) {
            out[z].count += acc.results[z].count;
            out[z].classCount += acc.results[z].classCount;
            out[z].sum += acc.results[z].sum;
            out[z].sumSquares += acc.results[z].sumSquares;
        }
    }
    return out;
}

namespace {

void appendGeosRings(GEOSContextHandle_t h, const GEOSGeometry* g, ZoneRings& out)
{
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) appendGeosRings(h, GEOSGetGeometryN_r(h, g, i), out);
        return;
    }
    if (type != GEOS_POLYGON) return;
    auto addRing = [&](const GEOSGeometry* ring) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, ring);
        unsigned int n = 0;
        GEOSCoordSeq_getSize_r(h, seq, &n);
        std::vector<XY> pts(n);
        for (unsigned int i = 0; i < n; ++i) GEOSCoordSeq_getXY_r(h, seq, i, &pts[i].x, &pts[i].y);
        out.push_back(std::move(pts));
    };
    addRing(GEOSGetExteriorRing_r(h, g));
    for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i) addRing(GEOSGetInteriorRingN_r(h, g, i));
}

void appendOgrRings(const OGRGeometry* g, ZoneRings& out)
{
    const auto type = wkbFlatten(g->getGeometryType());
    if (type == wkbMultiPolygon || type == wkbGeometryCollection) {
        for (const OGRGeometry* part : *g->toGeometryCollection()) appendOgrRings(part, out);
        return;
    }
    if (type != wkbPolygon) return;
    for (const OGRLinearRing* ring : *g->toPolygon()) {
        std::vector<XY> pts(static_cast<std::size_t>(ring->getNumPoints()));
        for (int i = 0; i < ring->getNumPoints(); ++i) pts[static_cast<std::size_t>(i)] = {ring->getX(i), ring->getY(i)};
        out.push_back(std::move(pts));
    }
}

}  // namespace

std::vector<ZoneRings> zoneRingsOf(const FeatureSet& set)
{
    const auto& d = set.data();
    std::vector<ZoneRings> out(set.size());
    for (std::size_t i = 0; i < set.size(); ++i)
        if (d.geoms[i]) appendGeosRings(d.ctx.handle(), d.geoms[i], out[i]);
    return out;
}

ZoneRings zoneRingsOfWkb(const Wkb& wkb)
{
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw)
        throw GdalError("ongeldige WKB-geometrie");
    OgrGeometryPtr g(raw);
    ZoneRings out;
    appendOgrRings(g.get(), out);
    return out;
}

}  // namespace riskmap::gis
