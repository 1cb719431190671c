// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing vector layers from a per-layer geometry cache and rasters through gis::readRasterWindow.
#include "riskmap/render/map_renderer.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/raster_window.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/symbol_painter.hpp"

#include "photo_source.hpp"

#include <QElapsedTimer>
#include <QImage>
#include <QPaintEngine>
#include <QPainterPath>

#include <algorithm>
#include <array>
#include <cmath>
#include <deque>
#include <map>
#include <mutex>
#include <tuple>

namespace riskmap::render {
namespace {

/// Layers above this many rows are loaded around the view instead of whole.
constexpr std::int64_t kWholeLayerLimit = 250000;

struct CachedFeature {
    QRectF bounds;
    Geometry geometry;
    std::string text;     ///< the style field as text
    double number = 0;    ///< the style field as number, when it is one
    bool hasNumber = false;
    QString label;
};

/// The decoded features of one layer with a uniform grid over them, so a small view (a tile)
/// visits only the features near it instead of the whole layer. Immutable once built: render
/// threads share it through a shared_ptr while a newer load may replace it.
struct VectorCache {
    gis::Box loaded;
    bool whole = false;
    std::string field;
    std::string labelField;
    std::vector<CachedFeature> features;

    double gx0 = 0, gy0 = 0, cell = 1;
    int gw = 0, gh = 0;
    std::vector<std::vector<std::uint32_t>> cells;  ///< features no larger than a cell, by the cell of their centre
    std::vector<std::uint32_t> large;               ///< the rest, checked on every query

    void buildIndex()
    {
        if (features.empty()) return;
        double x0 = features[0].bounds.left(), y0 = features[0].bounds.top(), x1 = x0, y1 = y0;
        for (const auto& f : features) {
            x0 = std::min(x0, f.bounds.left());
            y0 = std::min(y0, f.bounds.top());
            x1 = std::max(x1, f.bounds.right());
            y1 = std::max(y1, f.bounds.bottom());
        }
        const double w = std::max(x1 - x0, 1e-6), h = std::max(y1 - y0, 1e-6);
        // About four features per cell on average.
        cell = std::max(std::sqrt(w * h * 4.0 / double(features.size())), 1e-3);
        gw = std::max(1, std::min(4096, int(std::ceil(w / cell))));
        gh = std::max(1, std::min(4096, int(std::ceil(h / cell))));
        cell = std::max(w / gw, h / gh);
        gx0 = x0;
        gy0 = y0;
        cells.assign(std::size_t(gw) * std::size_t(gh), {});
        for (std::uint32_t i = 0; i < features.size(); ++i) {
            const QRectF& b = features[i].bounds;
            if (b.width() > cell || b.height() > cell) {
                large.push_back(i);
                continue;
            }
            const QPointF c = b.center();
            const int cx = std::clamp(int((c.x() - gx0) / cell), 0, gw - 1);
            const int cy = std::clamp(int((c.y() - gy0) / cell), 0, gh - 1);
            cells[std::size_t(cy) * gw + cx].push_back(i);
        }
    }

    /// Indices (ascending: the layer's drawing order) of the features whose bounds meet `box`.
    void query(const gis::Box& box, std::vector<std::uint32_t>& out) const
    {
        out.clear();
        auto meets = [&](const QRectF& r) {
            return r.left() <= box.xmax && r.right() >= box.xmin && r.top() <= box.ymax && r.bottom() >= box.ymin;
        };
        for (auto i : large)
            if (meets(features[i].bounds)) out.push_back(i);
        if (gw > 0) {
            // A small feature's centre lies within half a cell of its bounds.
            const int cx0 = std::max(0, int(std::floor((box.xmin - cell / 2 - gx0) / cell)));
            const int cy0 = std::max(0, int(std::floor((box.ymin - cell / 2 - gy0) / cell)));
            const int cx1 = std::min(gw - 1, int(std::floor((box.xmax + cell / 2 - gx0) / cell)));
            const int cy1 = std::min(gh - 1, int(std::floor((box.ymax + cell / 2 - gy0) / cell)));
            for (int cy = cy0; cy <= cy1; ++cy)
                for (int cx = cx0; cx <= cx1; ++cx)
                    for (auto i : cells[std::size_t(cy) * gw + cx])
                        if (meets(features[i].bounds)) out.push_back(i);
        }
        std::sort(out.begin(), out.end());
    }
};

bool contains(const gis::Box& outer, const gis::Box& inner)
{
    return inner.xmin >= outer.xmin && inner.ymin >= outer.ymin && inner.xmax <= outer.xmax && inner.ymax <= outer.ymax;
}

std::string valueText(const gis::FieldValue& v)
{
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    if (auto* d = std::get_if<double>(&v)) return QString::number(*d, 'g', 10).toStdString();
    return {};
}

GeometryFamily familyFromCode(std::int64_t code)
{
    switch (code % 1000) {
    case 1: case 4: return GeometryFamily::Point;
    case 2: case 5: return GeometryFamily::Line;
    case 3: case 6: return GeometryFamily::Polygon;
    default: return GeometryFamily::Empty;
    }
}

/// Pre-drawn marker images shared by all renders of a renderer (every tile would otherwise
/// draw its own), keyed by what the symbol looks like and the quarter-pixel phase.
class SpriteStore {
public:
    struct Sprite {
        int half = 0;
        std::array<QImage, 16> phases;
    };
    /// The sprite set of `sym`, created on first use; stays valid as long as the store.
    const Sprite& get(const Symbol& sym)
    {
        const auto key = std::make_tuple(sym.fill.rgba(), sym.stroke.rgba(), sym.strokeWidth, int(sym.brush), int(sym.marker),
                                         sym.markerSize);
        std::lock_guard lock(m_mutex);
        auto it = m_sprites.find(key);
        if (it != m_sprites.end()) return *it->second;
        auto sprite = std::make_unique<Sprite>();
        sprite->half = int(std::ceil(sym.markerSize / 2.0 + std::max(sym.strokeWidth, 1.5) + 2));
        const int size = 2 * sprite->half + 1;
        for (int q = 0; q < 16; ++q) {
            QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
            img.fill(Qt::transparent);
            QPainter sp(&img);
            sp.setRenderHint(QPainter::Antialiasing, true);
            applySymbol(sp, sym, GeometryFamily::Point);
            drawMarker(sp, sym, QPointF(sprite->half + (q % 4) / 4.0, sprite->half + (q / 4) / 4.0));
            sp.end();
            sprite->phases[std::size_t(q)] = img;
        }
        return *m_sprites.emplace(key, std::move(sprite)).first->second;
    }

private:
    std::mutex m_mutex;
    std::map<std::tuple<QRgb, QRgb, double, int, int, double>, std::unique_ptr<Sprite>> m_sprites;
};

/// Point markers stamped as small pre-drawn images on raster devices: an antialiased ellipse
/// per point is the single largest cost of a map with many addresses. Positions are kept to a
/// quarter pixel (16 pre-drawn phases), which no eye can tell from the exact position.
class MarkerSprites {
public:
    explicit MarkerSprites(SpriteStore& store) : m_store(store) {}
    void draw(QPainter& p, const Symbol& sym, QPointF at)
    {
        const double fx = std::floor(at.x()), fy = std::floor(at.y());
        int qx = int(std::lround((at.x() - fx) * 4)), qy = int(std::lround((at.y() - fy) * 4));
        int ix = int(fx), iy = int(fy);
        if (qx == 4) qx = 0, ++ix;
        if (qy == 4) qy = 0, ++iy;
        if (&sym != m_symbol) {  // features of one symbol mostly follow each other
            m_symbol = &sym;
            m_sprite = &m_store.get(sym);
        }
        p.drawImage(QPoint(ix - m_sprite->half, iy - m_sprite->half), m_sprite->phases[std::size_t(qy * 4 + qx)]);
    }

private:
    SpriteStore& m_store;
    const Symbol* m_symbol = nullptr;
    const SpriteStore::Sprite* m_sprite = nullptr;
};

/// Sutherland–Hodgman: the closed ring `in` (first == last) clipped to `r`, into `out` (closed).
/// Exact for the fill; the cut adds edges only along `r`, which callers keep outside the device.
void clipRing(const std::vector<QPointF>& in, const QRectF& r, std::vector<QPointF>& out)
{
    thread_local std::vector<QPointF> a, b;
    a.assign(in.begin(), in.end() - 1);
    auto pass = [&](auto inside, auto cross) {
        b.clear();
        for (std::size_t i = 0; i < a.size(); ++i) {
            const QPointF& p = a[i];
            const QPointF& q = a[(i + 1) % a.size()];
            const bool pin = inside(p), qin = inside(q);
            if (pin) b.push_back(p);
            if (pin != qin) b.push_back(cross(p, q));
        }
        a.swap(b);
    };
    auto atX = [](double x) {
        return [x](const QPointF& p, const QPointF& q) { return QPointF(x, p.y() + (q.y() - p.y()) * (x - p.x()) / (q.x() - p.x())); };
    };
    auto atY = [](double y) {
        return [y](const QPointF& p, const QPointF& q) { return QPointF(p.x() + (q.x() - p.x()) * (y - p.y()) / (q.y() - p.y()), y); };
    };
    pass([&](const QPointF& p) { return p.x() >= r.left(); }, atX(r.left()));
    if (!a.empty()) pass([&](const QPointF& p) { return p.x() <= r.right(); }, atX(r.right()));
    if (!a.empty()) pass([&](const QPointF& p) { return p.y() >= r.top(); }, atY(r.top()));
    if (!a.empty()) pass([&](const QPointF& p) { return p.y() <= r.bottom(); }, atY(r.bottom()));
    out.assign(a.begin(), a.end());
    if (!out.empty()) out.push_back(out.front());
}

/// `g` cut to the world rectangle `r`: rings clipped (see clipRing), lines reduced to the runs
/// of segments whose bounds meet `r`. For features far larger than the device (a municipality,
/// a motorway), so each tile strokes only its own part of them.
Geometry clipToRect(const Geometry& g, const QRectF& r)
{
    Geometry out;
    out.family = g.family;
    for (std::size_t k = 0; k < g.parts.size(); ++k) {
        const auto& part = g.parts[k];
        if (g.family == GeometryFamily::Polygon) {
            if (part.size() < 4) continue;
            std::vector<QPointF> cut;
            clipRing(part, r, cut);
            if (cut.size() < 4) continue;
            out.parts.push_back(std::move(cut));
            out.holes.push_back(k < g.holes.size() && g.holes[k]);
        } else if (g.family == GeometryFamily::Line) {
            std::vector<QPointF> run;
            auto flush = [&] {
                if (run.size() >= 2) out.parts.push_back(run);
                run.clear();
            };
            for (std::size_t i = 0; i + 1 < part.size(); ++i) {
                const QPointF& a = part[i];
                const QPointF& b = part[i + 1];
                const bool meets = std::min(a.x(), b.x()) <= r.right() && std::max(a.x(), b.x()) >= r.left() &&
                                   std::min(a.y(), b.y()) <= r.bottom() && std::max(a.y(), b.y()) >= r.top();
                if (!meets) {
                    flush();
                    continue;
                }
                if (run.empty()) run.push_back(a);
                run.push_back(b);
            }
            flush();
        } else {
            out.parts.push_back(part);
        }
    }
    return out;
}

/// Everything one layer's drawing needs, gathered under the lock so drawing can run without it.
struct LayerPlan {
    const RenderLayer* layer = nullptr;
    std::shared_ptr<const VectorCache> vectors;
    std::vector<gis::RasterRecord> rasters;
};

}  // namespace

void appendPixelPath(QPainterPath& path, const Geometry& geometry, const MapView& view, std::size_t* vertices)
{
    const bool polygon = geometry.family == GeometryFamily::Polygon;
    const std::size_t minPoints = polygon ? 3 : 2;
    thread_local std::vector<QPointF> kept;
    for (std::size_t k = 0; k < geometry.parts.size(); ++k) {
        const auto& part = geometry.parts[k];
        if (part.size() < minPoints) continue;
        kept.clear();
        for (std::size_t i = 0; i < part.size(); ++i) {
            const QPointF p = view.toPixel(part[i]);
            const bool last = i + 1 == part.size();
            if (!kept.empty() && !last) {
                const QPointF d = p - kept.back();
                if (d.x() * d.x() + d.y() * d.y() < 0.25) continue;  // closer than half a pixel
            }
            kept.push_back(p);
        }
        if (polygon) {
            // A closed ring repeats its first vertex: 4 kept points make a triangle.
            if (kept.size() < 4) continue;
            double area2 = 0;  // shoelace, in pixel space (y down)
            for (std::size_t i = 1; i < kept.size(); ++i)
                area2 += kept[i - 1].x() * kept[i].y() - kept[i].x() * kept[i - 1].y();
            const bool hole = k < geometry.holes.size() && geometry.holes[k];
            if ((area2 < 0) != hole) std::reverse(kept.begin(), kept.end());
        } else if (kept.size() < minPoints) {
            continue;
        }
        path.moveTo(kept[0]);
        for (std::size_t i = 1; i < kept.size(); ++i) path.lineTo(kept[i]);
        if (polygon) path.closeSubpath();
        if (vertices) *vertices += kept.size();
    }
}

QPainterPath toPixelPath(const Geometry& geometry, const MapView& view, std::size_t* vertices)
{
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    appendPixelPath(path, geometry, view, vertices);
    return path;
}

struct MapRenderer::Impl {
    explicit Impl(const std::string& path) : workspace(gis::Workspace::open(path, true)), photos(workspace.path()) {}

    gis::Workspace workspace;
    std::map<std::string, std::shared_ptr<const VectorCache>> vectors;
    mutable std::mutex mutex;  ///< guards workspace, vectors, stats
    RenderStats stats;
    PhotoSource photos;

    std::vector<std::string> columnsOf(const std::string& table) { return gis::layerColumns(workspace.db(), table); }

    /// Called with `mutex` held.
    std::shared_ptr<const VectorCache> load(const std::string& table, const LayerStyle& style, const gis::Box& viewBox)
    {
        std::string field = style.kind == StyleKind::Single ? std::string() : style.field;
        std::string labelField = style.labels ? style.labelField : std::string();
        auto it = vectors.find(table);
        if (it != vectors.end()) {
            const VectorCache& c = *it->second;
            // Reuse when the columns are there and the view lies inside what was loaded.
            const bool fieldsOk = c.field == field && (labelField.empty() || c.labelField == labelField);
            if (fieldsOk && (c.whole || contains(c.loaded, viewBox))) return it->second;
        }
        const auto available = columnsOf(table);
        auto has = [&](const std::string& f) { return !f.empty() && std::find(available.begin(), available.end(), f) != available.end(); };
        if (!has(field)) field.clear();
        if (!has(labelField)) labelField.clear();
        std::vector<std::string> columns;
        if (!field.empty()) columns.push_back(field);
        if (!labelField.empty() && labelField != field) columns.push_back(labelField);
        if (columns.empty()) columns.push_back(available.empty() ? std::string() : available.front());
        if (columns.front().empty()) columns.clear();

        auto cache = std::make_shared<VectorCache>();
        cache->field = field;
        cache->labelField = labelField;
        const bool whole = workspace.countRows(table) <= kWholeLayerLimit;
        std::optional<gis::Box> box;
        if (!whole) {
            const double w = viewBox.xmax - viewBox.xmin, h = viewBox.ymax - viewBox.ymin;
            cache->loaded = {viewBox.xmin - w, viewBox.ymin - h, viewBox.xmax + w, viewBox.ymax + h};
            box = cache->loaded;
        }
        cache->whole = whole;
        // With no attribute columns asked, LayerReader would read them all; ask for the first only.
        gis::LayerReader reader(workspace.db(), table, columns, box);
        const auto& cols = reader.columns();
        const int fieldIndex = field.empty() ? -1 : int(std::find(cols.begin(), cols.end(), field) - cols.begin());
        const int labelIndex = labelField.empty() ? -1 : int(std::find(cols.begin(), cols.end(), labelField) - cols.begin());
        gis::FeatureRow row;
        while (reader.next(row)) {
            if (row.wkb.empty()) continue;
            CachedFeature f;
            f.geometry = parseWkb(row.wkb);
            if (f.geometry.family == GeometryFamily::Empty) continue;
            f.bounds = f.geometry.bounds();
            if (fieldIndex >= 0) {
                const auto& v = row.values[static_cast<std::size_t>(fieldIndex)];
                f.text = valueText(v);
                if (auto* i = std::get_if<std::int64_t>(&v)) f.number = double(*i), f.hasNumber = true;
                else if (auto* d = std::get_if<double>(&v)) f.number = *d, f.hasNumber = true;
            }
            if (labelIndex >= 0) f.label = QString::fromStdString(valueText(row.values[static_cast<std::size_t>(labelIndex)]));
            cache->features.push_back(std::move(f));
        }
        cache->buildIndex();
        vectors[table] = cache;
        return cache;
    }

    /// Gathers what `layers` need for `view` (geometry, raster records), under `mutex`.
    std::vector<LayerPlan> plan(const MapView& view, const std::vector<RenderLayer>& layers)
    {
        std::vector<LayerPlan> out;
        const gis::Box viewBox = view.extent();
        for (const auto& layer : layers) {
            if (!layer.visible || layer.style.opacity <= 0) continue;
            LayerPlan lp;
            lp.layer = &layer;
            if (layer.raster) lp.rasters = rasterRecords(layer);
            else lp.vectors = load(layer.name, layer.style, viewBox);
            out.push_back(std::move(lp));
        }
        return out;
    }

    SpriteStore sprites;

    bool drawVector(QPainter& p, const MapView& view, const RenderLayer& layer, const VectorCache& cache, bool raster,
                           bool clip, bool features, bool labelsToo, const std::atomic<bool>* cancel, RenderStats& counts)
    {
        const gis::Box viewBox = view.extent();
        // Markers and outlines reach beyond their geometry: widen the cull box by a few pixels.
        const double margin = 12 * view.resolution();
        const gis::Box cull{viewBox.xmin - margin, viewBox.ymin - margin, viewBox.xmax + margin, viewBox.ymax + margin};
        thread_local std::vector<std::uint32_t> hits;
        cache.query(cull, hits);
        // One draw call per feature: measured faster than batching many features into one
        // big path, which QPainter's rasteriser handles superlinearly.
        const Symbol* current = nullptr;
        QPainterPath path;
        thread_local std::vector<QPointF> ring;
        MarkerSprites stamps(sprites);
        const bool useField = !cache.field.empty();
        std::vector<std::pair<QPointF, const QString*>> labels;
        std::size_t n = 0;
        const double res = view.resolution();
        const QRectF clipPx(-16, -16, view.size().width() + 32, view.size().height() + 32);
        const QRectF clipWorld(0, 0, clipPx.width() * res, clipPx.height() * res);
        for (const auto fi : hits) {
            if ((++n & 255) == 0 && cancel && cancel->load(std::memory_order_relaxed)) return false;
            const CachedFeature& f = cache.features[fi];
            if (labelsToo && !f.label.isEmpty()) labels.emplace_back(view.toPixel(f.bounds.center()), &f.label);
            if (!features) continue;
            const Symbol& sym = useField ? layer.style.symbolFor(f.text, f.number, f.hasNumber) : layer.style.symbol;
            ++counts.featuresDrawn;
            if (f.geometry.family == GeometryFamily::Point) {
                if (raster) {
                    for (const auto& part : f.geometry.parts) stamps.draw(p, sym, view.toPixel(part.front()));
                } else {
                    if (&sym != current) {
                        applySymbol(p, sym, f.geometry.family);
                        current = &sym;
                    }
                    for (const auto& part : f.geometry.parts) drawMarker(p, sym, view.toPixel(part.front()));
                }
                counts.verticesDrawn += f.geometry.parts.size();
                continue;
            }
            if (&sym != current) {
                applySymbol(p, sym, f.geometry.family);
                current = &sym;
            }
            const double wPx = f.bounds.width() / res, hPx = f.bounds.height() / res;
            if (wPx < 1.0 && hPx < 1.0) {
                // Smaller than a pixel: one dot keeps small features visible when zoomed out.
                const QPointF c = view.toPixel(f.bounds.center());
                p.fillRect(QRectF(c.x() - 0.5, c.y() - 0.5, 1, 1),
                           sym.brush == Qt::NoBrush || sym.fill.alpha() == 0 ? sym.stroke : sym.fill);
                ++counts.verticesDrawn;
            } else if (f.geometry.family == GeometryFamily::Polygon && f.geometry.parts.size() == 1) {
                // One ring (most parcels and buildings): a polygon call skips building a path.
                const auto& part = f.geometry.parts.front();
                ring.clear();
                for (std::size_t i = 0; i < part.size(); ++i) {
                    const QPointF q = view.toPixel(part[i]);
                    if (!ring.empty() && i + 1 != part.size()) {
                        const QPointF d = q - ring.back();
                        if (d.x() * d.x() + d.y() * d.y() < 0.25) continue;  // closer than half a pixel
                    }
                    ring.push_back(q);
                }
                if (ring.size() < 4) continue;  // closed: 4 kept points make a triangle
                if (clip && (f.bounds.width() > clipWorld.width() || f.bounds.height() > clipWorld.height())) {
                    // Far larger than the device (a municipality on a tile): cut it to the device plus
                    // a margin wider than any outline, so the rasteriser never strokes what is off-device.
                    thread_local std::vector<QPointF> cut;
                    clipRing(ring, clipPx, cut);
                    ring.swap(cut);
                    if (ring.size() < 4) continue;
                }
                p.drawPolygon(ring.data(), int(ring.size()) - 1, Qt::WindingFill);
                counts.verticesDrawn += ring.size();
            } else {
                path.clear();
                path.setFillRule(Qt::WindingFill);
                if (clip && (f.bounds.width() > clipWorld.width() || f.bounds.height() > clipWorld.height())) {
                    const gis::Box& e = viewBox;
                    const double m = 16 * res;
                    const QRectF worldRect(QPointF(e.xmin - m, e.ymin - m), QPointF(e.xmax + m, e.ymax + m));
                    appendPixelPath(path, clipToRect(f.geometry, worldRect), view, &counts.verticesDrawn);
                } else {
                    appendPixelPath(path, f.geometry, view, &counts.verticesDrawn);
                }
                p.drawPath(path);
            }
        }
        if (!labels.empty()) drawLabels(p, labels, view.size());
        return true;
    }

    static void drawLabels(QPainter& p, const std::vector<std::pair<QPointF, const QString*>>& labels, QSize size)
    {
        // Greedy placement on a coarse occupancy grid: a label is skipped when its cells are taken.
        const int cell = 8;
        const int gw = size.width() / cell + 1, gh = size.height() / cell + 1;
        std::vector<char> taken(static_cast<std::size_t>(gw) * gh, 0);
        QFont font = p.font();
        font.setPixelSize(11);
        p.setFont(font);
        const QFontMetricsF fm(font);
        p.setBrush(Qt::NoBrush);
        for (const auto& [at, text] : labels) {
            QRectF r = fm.boundingRect(*text);
            r.moveCenter(at);
            if (r.right() < 0 || r.bottom() < 0 || r.left() > size.width() || r.top() > size.height()) continue;
            const int x0 = std::max(0, int(r.left()) / cell), x1 = std::min(gw - 1, int(r.right()) / cell);
            const int y0 = std::max(0, int(r.top()) / cell), y1 = std::min(gh - 1, int(r.bottom()) / cell);
            bool free = true;
            for (int y = y0; y <= y1 && free; ++y)
                for (int x = x0; x <= x1 && free; ++x) free = !taken[static_cast<std::size_t>(y) * gw + x];
            if (!free) continue;
            for (int y = y0; y <= y1; ++y)
                for (int x = x0; x <= x1; ++x) taken[static_cast<std::size_t>(y) * gw + x] = 1;
            // A white halo keeps the text readable over any fill.
            p.setPen(QPen(QColor(255, 255, 255, 220), 3));
            QPainterPath tp;
            tp.addText(r.left(), r.top() + fm.ascent(), font, *text);
            p.drawPath(tp);
            p.setPen(Qt::black);
            p.drawText(QPointF(r.left(), r.top() + fm.ascent()), *text);
        }
    }

    /// Windows read lately, reused when a redraw asks for exactly the same one (a layer
    /// toggled, a tile redrawn with another style): reading is the costly part of a raster.
    struct RasterTile {
        std::string path;
        double x0, y0, x1, y1;
        int w, h;
        gis::Resampling resampling;
        QImage image;
        bool fromCache;  ///< drawn from the tile cache: the photo file was unreachable
    };
    std::deque<RasterTile> rasterTiles;
    std::mutex rasterMutex;  ///< guards rasterTiles only: windows are read without any lock
    static constexpr std::size_t kRasterCacheBytes = 96u << 20;

    struct RasterImage {
        QImage image;
        bool fromCache = false;
    };

    RasterImage rasterImage(const gis::RasterRecord& record, const std::string& path, const gis::Box& box, int w, int h,
                            gis::Resampling resampling)
    {
        {
            // A window from the tile cache is reused only while the file stays unreachable.
            const bool offlineNow = photos.unreachable(record);
            std::lock_guard lock(rasterMutex);
            for (const auto& t : rasterTiles)
                if (t.path == path && t.x0 == box.xmin && t.y0 == box.ymin && t.x1 == box.xmax && t.y1 == box.ymax &&
                    t.w == w && t.h == h && t.resampling == resampling && t.fromCache == offlineNow)
                    return {t.image, t.fromCache};
        }
        // Every read opens its own dataset: safe on several threads at once.
        const PhotoRead read = photos.read(record, path, box, w, h, resampling);
        const gis::RasterWindow& win = read.window;
        // Converted by hand: QImage::convertToFormat spreads big images over Qt's global thread
        // pool, which may be full of render jobs waiting for this very thread (a deadlock).
        QImage img(win.width, win.height, QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < win.height; ++y) {
            const unsigned char* src = win.rgba.data() + std::size_t(y) * std::size_t(win.width) * 4;
            auto* dst = reinterpret_cast<QRgb*>(img.scanLine(y));
            for (int x = 0; x < win.width; ++x, src += 4) dst[x] = qPremultiply(qRgba(src[0], src[1], src[2], src[3]));
        }
        std::lock_guard lock(rasterMutex);
        std::size_t bytes = std::size_t(img.sizeInBytes());
        for (const auto& t : rasterTiles) bytes += std::size_t(t.image.sizeInBytes());
        while (!rasterTiles.empty() && bytes > kRasterCacheBytes) {
            bytes -= std::size_t(rasterTiles.front().image.sizeInBytes());
            rasterTiles.pop_front();
        }
        rasterTiles.push_back({path, box.xmin, box.ymin, box.xmax, box.ymax, w, h, resampling, img, read.fromCache});
        return {img, read.fromCache};
    }

    /// Counts the pixels of `shown` (device pixels, `img` drawn at `at`) inside the photo's
    /// extent `photoPx` that a cache read left transparent: the part the cache lacks.
    static std::size_t transparentPixels(const QImage& img, QPoint at, const QRect& shown, const QRect& photoPx)
    {
        const QRect r = shown.intersected(photoPx).translated(-at).intersected(img.rect());
        std::size_t n = 0;
        for (int y = r.top(); y <= r.bottom(); ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
            for (int x = r.left(); x <= r.right(); ++x) n += qAlpha(line[x]) == 0;
        }
        return n;
    }

    /// Records a photo drawn from the cache in `out` (its notice, and its note for composed views).
    static void notePhoto(const gis::RasterRecord& r, bool fromCache, std::size_t shownPixels, std::size_t missingPixels,
                          RenderStats& out)
    {
        if (!fromCache) return;
        out.photoNotes.push_back({r.info.path, offlinePhotoNotice(r, 0, 0), missingPixels > 0});
        std::string text = out.photoNotes.back().notice;
        if (shownPixels > 0 && missingPixels >= shownPixels) {
            text = offlinePhotoNotice(r, 1, 1);
        } else if (missingPixels > 0) {
            const double pct = 100.0 * double(missingPixels) / double(shownPixels);
            text += "; " + QString::number(std::max(pct, 0.1), 'f', pct < 10 ? 1 : 0).toStdString() +
                    " % van de foto in beeld staat niet in de cache en blijft leeg";
        }
        out.notices.push_back(text);
        out.photoPixelsMissing += missingPixels;
    }

    /// The device pixels of `view` wholly inside the photo's extent (an edge pixel the photo
    /// covers in part may be transparent in the cache without anything missing).
    static QRect photoPixels(const gis::RasterRecord& r, const MapView& view)
    {
        // Pixels within a thousandth of a pixel of the photo's edge count as edge pixels: rounding may
        // put such a pixel a hair outside the photo, and the cache then leaves it transparent (seen at
        // a photo's corner, which made the notice claim a gap in the cache now and then).
        constexpr double kEdge = 1e-3;
        const auto& e = r.info.extent;
        const QPointF tl = view.toPixel(e.minX, e.maxY), br = view.toPixel(e.maxX, e.minY);
        return QRect(QPoint(int(std::ceil(tl.x() + kEdge)), int(std::ceil(tl.y() + kEdge))),
                     QPoint(int(std::floor(br.x() - kEdge)) - 1, int(std::floor(br.y() - kEdge)) - 1));
    }

    /// The registered rasters of a layer (under `mutex`: reads the workspace).
    std::vector<gis::RasterRecord> rasterRecords(const RenderLayer& layer)
    {
        if (!workspace.db().tableExists("rk_rasters")) return {};
        auto records = gis::loadRasters(workspace.db(), layer.name);
        std::optional<int> year = layer.year;
        if (!year)
            for (const auto& r : records)
                if (r.year && (!year || *r.year > *year)) year = r.year;
        std::erase_if(records, [&](const gis::RasterRecord& r) { return year && r.year != year; });
        return records;
    }

    /// Raster devices whose view lies on the global pixel grid (tiles, snapped views) read the
    /// photo in fixed 1024-pixel blocks of that grid: one read then serves 16 tiles and the
    /// tiles a pan exposes next, where a window per tile would open the file 16 times.
    static constexpr int kBlock = 1024;

    bool drawRasterBlocks(QPainter& p, const MapView& view, const std::vector<gis::RasterRecord>& records, RenderStats& out)
    {
        const double res = view.resolution();
        const gis::Box vb = view.extent();
        const double fx = vb.xmin / res, fy = -vb.ymax / res;
        if (std::abs(fx - std::round(fx)) > 1e-6 || std::abs(fy - std::round(fy)) > 1e-6) return false;
        const auto gx0 = std::int64_t(std::llround(fx)), gy0 = std::int64_t(std::llround(fy));
        auto floorDiv = [](double a) { return std::int64_t(std::floor(a / kBlock)); };
        for (const auto& r : records) {
            const auto& e = r.info.extent;
            const double x0 = std::max(vb.xmin, e.minX), x1 = std::min(vb.xmax, e.maxX);
            const double y0 = std::max(vb.ymin, e.minY), y1 = std::min(vb.ymax, e.maxY);
            if (x0 >= x1 || y0 >= y1) continue;
            const std::string& src = r.info.overviewPath.empty() ? r.info.path : r.info.overviewPath;
            const bool coarse = r.info.pixelSizeX > 0 && res > 1.5 * r.info.pixelSizeX;
            bool fromCache = false;
            std::size_t shownPhoto = 0, missing = 0;
            const QRect photoPx = photoPixels(r, view);
            // Global pixel rows/columns of the overlap, then the blocks holding them.
            for (auto by = floorDiv(-y1 / res); by <= floorDiv(-y0 / res - 1e-9); ++by)
                for (auto bx = floorDiv(x0 / res); bx <= floorDiv(x1 / res - 1e-9); ++bx) {
                    const gis::Box box{double(bx) * kBlock * res, -double(by + 1) * kBlock * res,
                                       double(bx + 1) * kBlock * res, -double(by) * kBlock * res};
                    const auto [img, cached] = rasterImage(r, src, box, kBlock, kBlock,
                                                           coarse ? gis::Resampling::Average : gis::Resampling::Nearest);
                    const QPoint at(int(bx * kBlock - gx0), int(by * kBlock - gy0));
                    p.drawImage(at, img);
                    const QRect shown = QRect(at, img.size()).intersected(QRect(QPoint(0, 0), view.size()));
                    out.rasterPixels += std::size_t(std::max(0, shown.width())) * std::size_t(std::max(0, shown.height()));
                    if (cached) {
                        fromCache = true;
                        const QRect s = shown.intersected(photoPx);
                        shownPhoto += std::size_t(std::max(0, s.width())) * std::size_t(std::max(0, s.height()));
                        missing += transparentPixels(img, at, shown, photoPx);
                    }
                }
            notePhoto(r, fromCache, shownPhoto, missing, out);
        }
        return true;
    }

    void drawRaster(QPainter& p, const MapView& view, const std::vector<gis::RasterRecord>& records, RenderStats& out,
                    bool rasterDevice)
    {
        if (rasterDevice && drawRasterBlocks(p, view, records, out)) return;
        const gis::Box vb = view.extent();
        for (const auto& r : records) {
            const auto& e = r.info.extent;
            const double x0 = std::max(vb.xmin, e.minX), x1 = std::min(vb.xmax, e.maxX);
            const double y0 = std::max(vb.ymin, e.minY), y1 = std::min(vb.ymax, e.maxY);
            if (x0 >= x1 || y0 >= y1) continue;
            // Whole output pixels covering the overlap, read as one window.
            const QPointF tl = view.toPixel(x0, y1), br = view.toPixel(x1, y0);
            const int px0 = int(std::floor(tl.x() + 1e-6)), py0 = int(std::floor(tl.y() + 1e-6));
            const int px1 = int(std::ceil(br.x() - 1e-6)), py1 = int(std::ceil(br.y() - 1e-6));
            if (px1 <= px0 || py1 <= py0) continue;
            const QPointF wtl = view.toWorld(QPointF(px0, py0)), wbr = view.toWorld(QPointF(px1, py1));
            const std::string& src = r.info.overviewPath.empty() ? r.info.path : r.info.overviewPath;
            const gis::Box box{wtl.x(), wbr.y(), wbr.x(), wtl.y()};
            // Averaging only pays when several source pixels fall in one output pixel
            // (overviews cover coarser zooms); near native resolution nearest is as good and faster.
            const bool coarse = r.info.pixelSizeX > 0 && view.resolution() > 1.5 * r.info.pixelSizeX;
            const auto [img, cached] = rasterImage(r, src, box, px1 - px0, py1 - py0,
                                                   coarse ? gis::Resampling::Average : gis::Resampling::Nearest);
            p.drawImage(QPoint(px0, py0), img);
            out.rasterPixels += std::size_t(img.width()) * img.height();
            const QRect all(QPoint(px0, py0), img.size()), onPhoto = all.intersected(photoPixels(r, view));
            const std::size_t missing = cached ? transparentPixels(img, all.topLeft(), all, onPhoto) : 0;
            notePhoto(r, cached, std::size_t(onPhoto.width()) * std::size_t(onPhoto.height()), missing, out);
        }
    }
};

MapRenderer::MapRenderer(const std::string& workspacePath) : m_impl(std::make_unique<Impl>(workspacePath)) {}
MapRenderer::~MapRenderer() = default;

std::vector<RenderLayer> MapRenderer::defaultLayers()
{
    std::lock_guard lock(m_impl->mutex);
    auto& db = m_impl->workspace.db();
    std::vector<RenderLayer> out;
    auto stmt = db.prepare("SELECT f_table_name, geometry_type FROM geometry_columns WHERE f_geometry_column = 'geom' "
                           "AND f_table_name NOT LIKE 'rk\\_%' ESCAPE '\\' ORDER BY f_table_name");
    while (stmt.step()) {
        RenderLayer l;
        l.name = stmt.columnText(0);
        if (l.name.ends_with("_historie")) continue;
        l.style = defaultStyle(l.name);
        l.family = familyFromCode(stmt.columnInt(1));
        out.push_back(std::move(l));
    }
    if (db.tableExists("rk_rasters")) {
        std::vector<std::string> seen;
        for (const auto& r : gis::loadRasters(db)) {
            if (std::find(seen.begin(), seen.end(), r.layer) != seen.end()) continue;
            seen.push_back(r.layer);
            RenderLayer l;
            l.name = r.layer;
            l.raster = true;
            l.style.title = QString::fromStdString(r.layer);
            out.push_back(std::move(l));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const RenderLayer& a, const RenderLayer& b) {
        return defaultStackOrder(a.name) < defaultStackOrder(b.name);
    });
    // The risk map holds every parcel already: drawing percelen beneath it too only costs time.
    // The opportunity grid covers the whole area; over the risk map it would hide the photo, so it
    // starts switched off there (one click in the layers panel shows it).
    const bool hasRiskMap = std::any_of(out.begin(), out.end(), [](const RenderLayer& l) { return l.name == "risico_percelen"; });
    for (auto& l : out)
        if (hasRiskMap && (l.name == "percelen" || l.name == "gelegenheidskaart")) l.visible = false;
    // Point layers in their thousands bury the map at the full extent (and incidents are police data):
    // they start switched off over a risk map, the analyst turns them on where needed.
    for (auto& l : out)
        if (hasRiskMap && (l.name == "incidenten" || l.name == "verblijfsobjecten" || l.name == "risico_adressen"))
            l.visible = false;
    return out;
}

std::optional<gis::Box> MapRenderer::fullExtent(const std::vector<RenderLayer>& layers)
{
    std::lock_guard lock(m_impl->mutex);
    std::optional<gis::Box> all;
    auto grow = [&](const gis::Box& b) {
        if (!all) all = b;
        else all = gis::Box{std::min(all->xmin, b.xmin), std::min(all->ymin, b.ymin), std::max(all->xmax, b.xmax), std::max(all->ymax, b.ymax)};
    };
    for (const auto& l : layers) {
        if (!l.visible) continue;
        if (l.raster) {
            if (!m_impl->workspace.db().tableExists("rk_rasters")) continue;
            for (const auto& r : gis::loadRasters(m_impl->workspace.db(), l.name))
                grow({r.info.extent.minX, r.info.extent.minY, r.info.extent.maxX, r.info.extent.maxY});
        } else if (auto b = gis::layerExtent(m_impl->workspace.db(), l.name)) {
            grow(*b);
        }
    }
    return all;
}

void MapRenderer::prepare(const MapView& view, const std::vector<RenderLayer>& layers)
{
    std::lock_guard lock(m_impl->mutex);
    (void)m_impl->plan(view, layers);
}

bool MapRenderer::render(QPainter& painter, const MapView& view, const std::vector<RenderLayer>& layers,
                         const std::atomic<bool>* cancel, RenderPart part, RenderStats* statsOut)
{
    QElapsedTimer timer;
    timer.start();
    std::vector<LayerPlan> plans;
    {
        // Only reading the workspace needs the lock; drawing runs beside other renders.
        std::lock_guard lock(m_impl->mutex);
        plans = m_impl->plan(view, layers);
    }
    RenderStats stats;
    // Stamped markers are pixels: only where the output is pixels anyway (never in a PDF).
    const bool raster = painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster &&
                        painter.deviceTransform().type() <= QTransform::TxTranslate;
    // Cutting huge polygons to the device is invisible only when the device is exactly the view.
    const QPaintDevice* device = painter.device();
    const bool clip = raster && device && painter.transform().isIdentity() &&
                      std::lround(device->width() / device->devicePixelRatio()) == view.size().width() &&
                      std::lround(device->height() / device->devicePixelRatio()) == view.size().height();
    const bool features = part != RenderPart::LabelsOnly;
    const bool labels = part != RenderPart::NoLabels;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    bool complete = true;
    for (const auto& lp : plans) {
        if (cancel && cancel->load()) {
            complete = false;
            break;
        }
        const RenderLayer& layer = *lp.layer;
        painter.setOpacity(std::clamp(layer.style.opacity, 0.0, 1.0));
        if (layer.raster) {
            if (features) m_impl->drawRaster(painter, view, lp.rasters, stats, raster);
        } else if ((features || layer.style.labels) &&
                   !m_impl->drawVector(painter, view, layer, *lp.vectors, raster, clip, features, labels && layer.style.labels,
                                     cancel, stats)) {
            complete = false;
            break;
        }
    }
    painter.restore();
    stats.milliseconds = timer.nsecsElapsed() / 1e6;
    if (statsOut) *statsOut = stats;
    if (complete) {
        std::lock_guard lock(m_impl->mutex);
        m_impl->stats = stats;
    }
    return complete;
}

RenderStats MapRenderer::lastStats() const
{
    std::lock_guard lock(m_impl->mutex);
    return m_impl->stats;
}

void MapRenderer::clearCache()
{
    std::lock_guard lock(m_impl->mutex);
    m_impl->vectors.clear();
    std::lock_guard rasterLock(m_impl->rasterMutex);
    m_impl->rasterTiles.clear();
    m_impl->photos.reset();
}

}  // namespace riskmap::render
