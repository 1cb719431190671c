// SPDX-License-Identifier: GPL-3.0-or-later
// Loading features into memory with GEOS geometries and an R-tree.
#include "riskmap/gis/feature_set.hpp"

#include "feature_set_data.hpp"
#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <boost/iterator/function_output_iterator.hpp>
#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <charconv>
#include <memory>
#include <mutex>

namespace riskmap::gis {
namespace detail {

FeatureSetData::~FeatureSetData()
{
    for (GEOSGeometry* g : geoms)
        if (g) GEOSGeom_destroy_r(ctx.handle(), g);
}

void primeEnvelopes(GEOSContextHandle_t ctx, const GEOSGeometry* g)
{
    double v = 0;
    GEOSGeom_getXMin_r(ctx, g, &v);
    const int type = GEOSGeomTypeId_r(ctx, g);
    if (type == GEOS_POLYGON) {
        if (const GEOSGeometry* shell = GEOSGetExteriorRing_r(ctx, g)) GEOSGeom_getXMin_r(ctx, shell, &v);
        const int holes = GEOSGetNumInteriorRings_r(ctx, g);
        for (int i = 0; i < holes; ++i) GEOSGeom_getXMin_r(ctx, GEOSGetInteriorRingN_r(ctx, g, i), &v);
    } else if (type >= GEOS_MULTIPOINT) {
        const int n = GEOSGetNumGeometries_r(ctx, g);
        for (int i = 0; i < n; ++i) primeEnvelopes(ctx, GEOSGetGeometryN_r(ctx, g, i));
    }
}

FeatureSetData::Described FeatureSetData::describe(GEOSContextHandle_t h, GEOSGeometry* g)
{
    Described out;
    if (g && GEOSisEmpty_r(h, g) == 1) {
        GEOSGeom_destroy_r(h, g);
        g = nullptr;
    }
    if (!g) return out;
    out.geom = g;
    primeEnvelopes(h, g);
    GEOSGeom_getXMin_r(h, g, &out.box.xmin);
    GEOSGeom_getYMin_r(h, g, &out.box.ymin);
    GEOSGeom_getXMax_r(h, g, &out.box.xmax);
    GEOSGeom_getYMax_r(h, g, &out.box.ymax);
    if (GEOSArea_r(h, g, &out.area) != 1) out.area = 0;
    return out;
}

void FeatureSetData::append(const Described& g)
{
    geoms.push_back(g.geom);
    boxes.push_back(g.geom ? g.box : Box{});
    areas.push_back(g.geom ? g.area : 0.0);
}

void FeatureSetData::adopt(GEOSGeometry* g) { append(describe(ctx.handle(), g)); }

void FeatureSetData::buildTree()
{
    std::vector<BoxEntry> entries;
    entries.reserve(geoms.size());
    for (std::size_t i = 0; i < geoms.size(); ++i)
        if (geoms[i]) entries.emplace_back(toBgBox(boxes[i]), i);
    tree = BoxTree(entries.begin(), entries.end());
}

}  // namespace detail

namespace {

struct WkbReaderDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSWKBReader* r) const { GEOSWKBReader_destroy_r(ctx, r); }
};

void addRow(detail::FeatureSetData& d, GEOSWKBReader* reader, FeatureRow& row, bool keepWkb, const std::string& what)
{
    GEOSGeometry* g = nullptr;
    if (!row.wkb.empty()) {
        g = GEOSWKBReader_read_r(d.ctx.handle(), reader, row.wkb.data(), row.wkb.size());
        if (!g)
            throw GeosError(what + " fid " + std::to_string(row.fid) + ": geometrie onleesbaar (" + d.ctx.lastError() + ")");
    }
    d.fids.push_back(row.fid);
    d.values.push_back(std::move(row.values));
    d.wkbs.push_back(keepWkb ? std::move(row.wkb) : std::vector<unsigned char>{});
    d.adopt(g);
}

/// A worker's own GEOS context and WKB reader for parsing while the next rows are read.
struct Parser {
    GeosContext ctx;
    std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> reader{GEOSWKBReader_create_r(ctx.handle()),
                                                            WkbReaderDeleter{ctx.handle()}};
    detail::FeatureSetData::Described parse(const FeatureRow& row, const std::string& what)
    {
        if (row.wkb.empty()) return {};
        GEOSGeometry* g = GEOSWKBReader_read_r(ctx.handle(), reader.get(), row.wkb.data(), row.wkb.size());
        if (!g)
            throw GeosError(what + " fid " + std::to_string(row.fid) + ": geometrie onleesbaar (" + ctx.lastError() + ")");
        return detail::FeatureSetData::describe(ctx.handle(), g);
    }
};

/// Rows read in order, parsed in parallel, appended in order. Geometries of a batch that never
/// reaches the set (an error elsewhere) are destroyed with it.
struct Batch {
    std::vector<FeatureRow> rows;
    std::vector<detail::FeatureSetData::Described> parsed;
    GEOSContextHandle_t owner = nullptr;
    ~Batch()
    {
        for (auto& p : parsed)
            if (p.geom) GEOSGeom_destroy_r(owner, p.geom);
    }
};

void loadRows(detail::FeatureSetData& d, LayerReader& reader, bool keepWkb, const std::string& what)
{
    constexpr std::size_t kBatch = 1024;
    tbb::enumerable_thread_specific<Parser> parsers;
    const auto tokens = static_cast<std::size_t>(2 * std::max(1, tbb::this_task_arena::max_concurrency()));
    using BatchPtr = std::shared_ptr<Batch>;
    bool finished = false;
    tbb::parallel_pipeline(
        tokens,
        tbb::make_filter<void, BatchPtr>(tbb::filter_mode::serial_in_order,
                                         [&](tbb::flow_control& fc) -> BatchPtr {
                                             auto b = std::make_shared<Batch>();
                                             b->owner = d.ctx.handle();
                                             b->rows.resize(kBatch);
                                             // A finished statement must not be stepped again: SQLite would start over.
                                             std::size_t n = 0;
                                             while (!finished && n < kBatch) {
                                                 if (reader.next(b->rows[n])) ++n;
                                                 else finished = true;
                                             }
                                             if (n == 0) {
                                                 fc.stop();
                                                 return nullptr;
                                             }
                                             b->rows.resize(n);
                                             return b;
                                         }) &
            tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::parallel,
                                                 [&](BatchPtr b) {
                                                     auto& parser = parsers.local();
                                                     b->parsed.reserve(b->rows.size());
                                                     for (const auto& row : b->rows) b->parsed.push_back(parser.parse(row, what));
                                                     return b;
                                                 }) &
            tbb::make_filter<BatchPtr, void>(tbb::filter_mode::serial_in_order, [&](BatchPtr b) {
                for (std::size_t k = 0; k < b->rows.size(); ++k) {
                    auto& row = b->rows[k];
                    d.fids.push_back(row.fid);
                    d.values.push_back(std::move(row.values));
                    d.wkbs.push_back(keepWkb ? std::move(row.wkb) : std::vector<unsigned char>{});
                    d.append(b->parsed[k]);
                    b->parsed[k].geom = nullptr;  // owned by the set now
                }
            }));
}

}  // namespace

FeatureSet::FeatureSet() : m_data(std::make_unique<detail::FeatureSetData>()) {}
FeatureSet::FeatureSet(FeatureSet&&) noexcept = default;
FeatureSet& FeatureSet::operator=(FeatureSet&&) noexcept = default;
FeatureSet::~FeatureSet() = default;

FeatureSet FeatureSet::load(SpatialiteDb& db, const std::string& table, std::vector<std::string> columns, bool keepWkb)
{
    FeatureSet set;
    LayerReader reader(db, table, std::move(columns));
    auto& d = *set.m_data;
    d.columns = reader.columns();
    loadRows(d, reader, keepWkb, "laag '" + table + "'");
    d.buildTree();
    return set;
}

FeatureSet FeatureSet::fromRows(std::vector<std::string> columns, std::vector<FeatureRow> rows, bool keepWkb)
{
    FeatureSet set;
    auto& d = *set.m_data;
    d.columns = std::move(columns);
    std::unique_ptr<GEOSWKBReader, WkbReaderDeleter> wkbReader(GEOSWKBReader_create_r(d.ctx.handle()),
                                                                WkbReaderDeleter{d.ctx.handle()});
    for (auto& row : rows) addRow(d, wkbReader.get(), row, keepWkb, "rij");
    d.buildTree();
    return set;
}

std::size_t FeatureSet::size() const { return m_data->fids.size(); }
const std::vector<std::string>& FeatureSet::columns() const { return m_data->columns; }

std::optional<std::size_t> FeatureSet::columnIndex(const std::string& name) const
{
    const auto& c = m_data->columns;
    auto it = std::find(c.begin(), c.end(), name);
    if (it == c.end()) return std::nullopt;
    return static_cast<std::size_t>(it - c.begin());
}

std::int64_t FeatureSet::fid(std::size_t feature) const { return m_data->fids[feature]; }
const FieldValue& FeatureSet::value(std::size_t feature, std::size_t column) const { return m_data->values[feature][column]; }
const std::vector<FieldValue>& FeatureSet::values(std::size_t feature) const { return m_data->values[feature]; }
const std::vector<unsigned char>& FeatureSet::wkb(std::size_t feature) const { return m_data->wkbs[feature]; }
bool FeatureSet::hasGeometry(std::size_t feature) const { return m_data->geoms[feature] != nullptr; }
Box FeatureSet::envelope(std::size_t feature) const { return m_data->boxes[feature]; }
double FeatureSet::area(std::size_t feature) const { return m_data->areas[feature]; }

std::vector<std::size_t> FeatureSet::candidates(const Box& box) const
{
    std::vector<std::size_t> out;
    m_data->tree.query(detail::bgi::intersects(detail::toBgBox(box)),
                       boost::make_function_output_iterator([&](const detail::BoxEntry& e) { out.push_back(e.second); }));
    std::sort(out.begin(), out.end());
    return out;
}

void FeatureSet::preparePointsOnSurface()
{
    auto& d = *m_data;
    if (d.posReady) return;
    const std::size_t n = d.geoms.size();
    d.posX.assign(n, 0.0);
    d.posY.assign(n, 0.0);
    d.posHas.assign(n, 0);
    // In parallel, each worker with its own GEOS context; the geometries are only read (their envelopes
    // were primed at loading). The GEOS point is read and freed at once: only its coordinates are kept.
    tbb::enumerable_thread_specific<GeosContext> contexts;
    std::mutex errorMutex;
    std::string firstError;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1024), [&](const tbb::blocked_range<std::size_t>& range) {
        GeosContext& ctx = contexts.local();
        const GEOSContextHandle_t h = ctx.handle();
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
            if (!d.geoms[i]) continue;
            GEOSGeometry* p = GEOSPointOnSurface_r(h, d.geoms[i]);
            if (!p) {
                std::lock_guard lock(errorMutex);
                if (firstError.empty())
                    firstError = "punt-op-oppervlak van fid " + std::to_string(d.fids[i]) + ": " + ctx.lastError();
                return;
            }
            GeosGeometryPtr owned = makeGeosPtr(ctx, p);
            if (GEOSisEmpty_r(h, p) == 1) continue;
            GEOSGeomGetX_r(h, p, &d.posX[i]);
            GEOSGeomGetY_r(h, p, &d.posY[i]);
            d.posHas[i] = 1;
        }
    });
    if (!firstError.empty()) throw GeosError(firstError);
    d.posBuckets = detail::PointBuckets(d.posX, d.posY, d.posHas);
    d.posReady = true;
}

bool FeatureSet::pointsOnSurfacePrepared() const { return m_data->posReady; }

PolygonUnion::PolygonUnion(const FeatureSet& set, const std::vector<std::uint8_t>& mask)
    : m_parts(std::make_unique<detail::FeatureSetData>())
{
    auto& parts = *m_parts;
    const GEOSContextHandle_t h = parts.ctx.handle();
    const auto& src = set.data();
    std::vector<GEOSGeometry*> clones;
    for (std::size_t i = 0; i < src.geoms.size(); ++i)
        if (src.geoms[i] && (mask.empty() || mask[i])) clones.push_back(GEOSGeom_clone_r(h, src.geoms[i]));
    if (clones.empty()) return;
    GEOSGeometry* collection = GEOSGeom_createCollection_r(h, GEOS_GEOMETRYCOLLECTION, clones.data(),
                                                           static_cast<unsigned>(clones.size()));
    if (!collection) throw GeosError("vereniging van vlakken: " + parts.ctx.lastError());
    GeosGeometryPtr owned = makeGeosPtr(parts.ctx, collection);
    GEOSGeometry* u = GEOSUnaryUnion_r(h, collection);
    if (!u) throw GeosError("vereniging van vlakken (GEOSUnaryUnion): " + parts.ctx.lastError());
    GeosGeometryPtr unionGeom = makeGeosPtr(parts.ctx, u);
    const int n = GEOSGetNumGeometries_r(h, u);
    for (int i = 0; i < n; ++i) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(h, u, i);
        const int type = GEOSGeomTypeId_r(h, part);
        if (type != GEOS_POLYGON && type != GEOS_MULTIPOLYGON) continue;  // slivers of lower dimension add no area
        parts.fids.push_back(i);
        parts.values.emplace_back();
        parts.wkbs.emplace_back();
        parts.adopt(GEOSGeom_clone_r(h, part));
    }
    parts.buildTree();
}

PolygonUnion::PolygonUnion(PolygonUnion&&) noexcept = default;
PolygonUnion& PolygonUnion::operator=(PolygonUnion&&) noexcept = default;
PolygonUnion::~PolygonUnion() = default;
std::size_t PolygonUnion::partCount() const { return m_parts->geoms.size(); }

double PolygonUnion::area() const
{
    double a = 0;
    for (double v : m_parts->areas) a += v;
    return a;
}

std::optional<std::int64_t> fieldDays(const FieldValue& value)
{
    const auto* s = std::get_if<std::string>(&value);
    if (!s || s->empty()) return std::nullopt;
    auto date = core::parseDate(*s);
    if (!date) return std::nullopt;
    return std::chrono::sys_days(*date).time_since_epoch().count();
}

std::string fieldText(const FieldValue& value)
{
    if (const auto* s = std::get_if<std::string>(&value)) return *s;
    if (const auto* i = std::get_if<std::int64_t>(&value)) return std::to_string(*i);
    if (const auto* d = std::get_if<double>(&value)) {
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof buf, *d);  // shortest text that reads back the same
        return std::string(buf, res.ptr);
    }
    return {};
}

std::optional<double> fieldNumber(const FieldValue& value)
{
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&value)) return *d;
    if (const auto* s = std::get_if<std::string>(&value)) return core::parseNumber(*s);
    return std::nullopt;
}

}  // namespace riskmap::gis
