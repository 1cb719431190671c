// SPDX-License-Identifier: GPL-3.0-or-later
// Fixed-size map tiles on a world-anchored pixel grid and an LRU cache of their images.
#pragma once

#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/map_view.hpp"

#include <QImage>

#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <tuple>
#include <vector>

namespace riskmap::render {

/// Tile edge in (logical) pixels.
constexpr int kTilePixels = 256;

/// One tile: column x and row y of the grid at one resolution. The grid is anchored at
/// world (0, 0): tile (x, y) covers global pixels [256x, 256x+256) × [256y, 256y+256), where
/// a world point (X, Y) lies at global pixel (X / resolution, -Y / resolution).
struct TileKey {
    std::uint64_t layers = 0;  ///< layerFingerprint of the layer set and styles
    std::int64_t resolution = 0;  ///< resolutionKey of the metres per pixel
    std::int64_t x = 0, y = 0;
    int dprKey = 100;  ///< device pixel ratio × 100
    auto operator<=>(const TileKey&) const = default;
};

/// A hash of everything in `layers` that changes the drawing (names, order, visibility,
/// styles, opacity, photo year): tiles of another fingerprint are never reused.
std::uint64_t layerFingerprint(const std::vector<RenderLayer>& layers);
/// The resolution rounded to 12 significant digits, so views that differ only in the last
/// bits of a double share tiles.
std::int64_t resolutionKey(double resolution);

/// The view of the pixels of tile (x, y) at `resolution`.
MapView tileView(double resolution, std::int64_t x, std::int64_t y);
/// `view` moved by less than half a pixel so that its pixels fall on the global pixel grid:
/// tiles then compose it exactly.
MapView snapToGrid(const MapView& view);
/// The tiles that cover a (snapped) view, row by row.
std::vector<std::pair<std::int64_t, std::int64_t>> tilesCovering(const MapView& view);
/// Where the top-left corner of tile (x, y) lies in a snapped view, in whole pixels.
QPoint tileOffset(const MapView& view, std::int64_t x, std::int64_t y);

/// A least-recently-used cache of tile images, safe to use from several threads.
class TileCache {
public:
    explicit TileCache(std::size_t capacity = 384) : m_capacity(capacity) {}
    /// The image of `key` (and marks it used), or a null image; `photos`, when given, receives the
    /// notes of the photos the tile drew from the photo tile cache.
    QImage find(const TileKey& key, std::vector<PhotoNote>* photos = nullptr);
    void insert(const TileKey& key, QImage image, std::vector<PhotoNote> photos = {});
    /// Forgets every tile (data or style changed).
    void clear();
    std::size_t size() const;
    std::size_t capacity() const { return m_capacity; }

private:
    using Lru = std::list<TileKey>;
    struct Entry {
        QImage image;
        std::vector<PhotoNote> photos;  ///< what a reused tile still shows from the photo tile cache
        Lru::iterator use;
    };
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::map<TileKey, Entry> m_entries;
    Lru m_lru;  ///< most recently used first
};

}  // namespace riskmap::render
