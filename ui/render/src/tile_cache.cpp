// SPDX-License-Identifier: GPL-3.0-or-later
// Tile grid arithmetic, the layer fingerprint and the LRU tile cache.
#include "riskmap/render/tile_cache.hpp"

#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>

#include <cmath>
#include <cstring>

namespace riskmap::render {
namespace {

void putSymbol(QDataStream& out, const Symbol& s)
{
    out << s.fill << s.stroke << s.strokeWidth << int(s.brush) << int(s.marker) << s.markerSize;
}

}  // namespace

std::uint64_t layerFingerprint(const std::vector<RenderLayer>& layers)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    for (const auto& l : layers) {
        out << QByteArray::fromStdString(l.name) << l.visible << l.raster << (l.year ? *l.year : -1);
        const LayerStyle& s = l.style;
        out << int(s.kind) << QByteArray::fromStdString(s.field) << s.opacity << s.labels
            << QByteArray::fromStdString(s.labelField);
        putSymbol(out, s.symbol);
        for (const auto& c : s.categories) {
            out << QByteArray::fromStdString(c.value) << c.prefix;
            putSymbol(out, c.symbol);
        }
        for (const auto& c : s.classes) {
            out << c.lower << c.upper;
            putSymbol(out, c.symbol);
        }
    }
    const QByteArray hash = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1);
    std::uint64_t v = 0;
    std::memcpy(&v, hash.constData(), sizeof v);
    return v;
}

std::int64_t resolutionKey(double resolution)
{
    // 12 significant digits: mantissa scaled by the decade, packed with the decade.
    const int decade = int(std::floor(std::log10(resolution)));
    const auto mantissa = std::int64_t(std::llround(resolution / std::pow(10.0, decade) * 1e11));
    return std::int64_t(decade + 64) * 1000000000000LL + mantissa;
}

MapView tileView(double resolution, std::int64_t x, std::int64_t y)
{
    const double cx = (double(x) * kTilePixels + kTilePixels / 2.0) * resolution;
    const double cy = -(double(y) * kTilePixels + kTilePixels / 2.0) * resolution;
    return MapView(QPointF(cx, cy), resolution, QSize(kTilePixels, kTilePixels));
}

MapView snapToGrid(const MapView& view)
{
    const double res = view.resolution();
    const gis::Box e = view.extent();
    const double gx = std::round(e.xmin / res), gy = std::round(-e.ymax / res);
    const double cx = (gx + view.size().width() / 2.0) * res;
    const double cy = -(gy + view.size().height() / 2.0) * res;
    return MapView(QPointF(cx, cy), res, view.size());
}

std::vector<std::pair<std::int64_t, std::int64_t>> tilesCovering(const MapView& view)
{
    const double res = view.resolution();
    const gis::Box e = view.extent();
    const auto gx0 = std::int64_t(std::llround(e.xmin / res)), gy0 = std::int64_t(std::llround(-e.ymax / res));
    const auto gx1 = gx0 + view.size().width(), gy1 = gy0 + view.size().height();
    auto floorDiv = [](std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); };
    std::vector<std::pair<std::int64_t, std::int64_t>> out;
    for (auto ty = floorDiv(gy0, kTilePixels); ty * kTilePixels < gy1; ++ty)
        for (auto tx = floorDiv(gx0, kTilePixels); tx * kTilePixels < gx1; ++tx) out.emplace_back(tx, ty);
    return out;
}

QPoint tileOffset(const MapView& view, std::int64_t x, std::int64_t y)
{
    const double res = view.resolution();
    const gis::Box e = view.extent();
    const auto gx0 = std::int64_t(std::llround(e.xmin / res)), gy0 = std::int64_t(std::llround(-e.ymax / res));
    return QPoint(int(x * kTilePixels - gx0), int(y * kTilePixels - gy0));
}

QImage TileCache::find(const TileKey& key, std::vector<PhotoNote>* photos)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key);
    if (it == m_entries.end()) return {};
    m_lru.splice(m_lru.begin(), m_lru, it->second.use);
    if (photos) *photos = it->second.photos;
    return it->second.image;
}

void TileCache::insert(const TileKey& key, QImage image, std::vector<PhotoNote> photos)
{
    std::lock_guard lock(m_mutex);
    auto it = m_entries.find(key);
    if (it != m_entries.end()) {
        it->second.image = std::move(image);
        it->second.photos = std::move(photos);
        m_lru.splice(m_lru.begin(), m_lru, it->second.use);
        return;
    }
    m_lru.push_front(key);
    m_entries.emplace(key, Entry{std::move(image), std::move(photos), m_lru.begin()});
    while (m_entries.size() > m_capacity) {
        m_entries.erase(m_lru.back());
        m_lru.pop_back();
    }
}

void TileCache::clear()
{
    std::lock_guard lock(m_mutex);
    m_entries.clear();
    m_lru.clear();
}

std::size_t TileCache::size() const
{
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

}  // namespace riskmap::render
