// SPDX-License-Identifier: GPL-3.0-or-later
// Raster map views composed from cached tiles, the missing ones drawn in parallel by the one MapRenderer.
#pragma once

#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/tile_cache.hpp"

#include <QColor>
#include <QImage>

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace riskmap::render {

struct TiledRenderOptions {
    QColor background = Qt::white;
    double devicePixelRatio = 1.0;
    /// Render threads for missing tiles; 0 = one per core.
    int threads = 0;
    /// Called (on a render thread) after each newly drawn tile, e.g. by tests to cancel midway.
    std::function<void(std::size_t drawn)> tileDrawn;
};

struct TiledRenderResult {
    QImage image;            ///< the view's pixels (device pixel ratio set); null when cancelled
    MapView view;            ///< the snapped view the image shows exactly
    bool complete = false;   ///< false when cancelled
    std::size_t tilesTotal = 0;
    std::size_t tilesReused = 0;  ///< taken from the cache
    std::size_t tilesDrawn = 0;   ///< drawn by this call
    double milliseconds = 0;
    /// One Dutch line per aerial photo that some tile of the view (drawn now or reused) drew from the
    /// photo tile cache, with "delen buiten de cache blijven leeg" when any tile of the view lacked part
    /// of it: for a status bar, the same whatever order the tiles were drawn in.
    std::vector<std::string> photoNotices;
};

/// Raster output for the canvas: a view is cut into 256-pixel tiles on a world-anchored grid,
/// tiles found in the cache are reused and the rest are drawn on several threads, then composed.
/// Labels are drawn once over the composed view (never cut at a tile edge). A view is first
/// snapped to the pixel grid (a shift below half a pixel). PDF and PNG exports do not use this:
/// they call MapRenderer directly, so what they produce is unchanged.
class TiledRenderer {
public:
    explicit TiledRenderer(std::shared_ptr<MapRenderer> renderer, std::size_t cacheTiles = 384);

    /// Renders `view`. Returns early with complete = false once `cancel` is set; tiles finished
    /// before that stay cached. Thread-safe. Throws Error on unreadable data.
    TiledRenderResult render(const MapView& view, const std::vector<RenderLayer>& layers,
                             const std::atomic<bool>* cancel = nullptr, const TiledRenderOptions& options = {});
    /// Forgets all tiles: call after the workspace data changed (styles and visibility are
    /// part of the tile key, so they need no call).
    void invalidate() { m_cache.clear(); }
    TileCache& cache() { return m_cache; }
    MapRenderer& renderer() { return *m_renderer; }

private:
    std::shared_ptr<MapRenderer> m_renderer;
    TileCache m_cache;
};

}  // namespace riskmap::render
