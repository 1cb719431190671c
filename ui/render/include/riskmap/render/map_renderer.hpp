// SPDX-License-Identifier: GPL-3.0-or-later
// The one map renderer: draws workspace layers with QPainter on any paint device (screen, PNG, PDF).
#pragma once

#include "riskmap/render/layer_style.hpp"
#include "riskmap/render/map_view.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QPainter>
#include <QPainterPath>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::render {

/// One layer to draw, with its style; rasters (aerial photos) are drawn as images.
struct RenderLayer {
    std::string name;
    LayerStyle style;
    bool visible = true;
    bool raster = false;
    GeometryFamily family = GeometryFamily::Empty;  ///< of a vector layer, for legends
    std::optional<int> year;                        ///< raster: which year (latest when empty)
};

/// Which part of the map one render call draws: the tiled canvas draws features per tile
/// and the labels once over the whole view, so a label is never cut at a tile edge.
enum class RenderPart { Everything, NoLabels, LabelsOnly };

/// Counters of the last render, for benchmarks and tests.
/// An aerial photo drawn from the tile cache (its file unreachable): what a status bar says of it.
struct PhotoNote {
    std::string path;      ///< the photo's file
    std::string notice;    ///< one Dutch line naming year and file
    bool partMissing = false;  ///< part of the photo in view was not in the cache either (left empty)
};

struct RenderStats {
    std::size_t featuresDrawn = 0;
    std::size_t verticesDrawn = 0;
    std::size_t rasterPixels = 0;
    double milliseconds = 0;
    /// One Dutch line per aerial photo whose file was unreachable and was drawn from the tile
    /// cache (year, file, the share of it in view that the cache lacks), e.g. for a status bar.
    std::vector<std::string> notices;
    std::size_t photoPixelsMissing = 0;  ///< photo pixels in view neither file nor cache could give
    /// The photos drawn from the tile cache, one each (for views composed of parts drawn at different
    /// times, such as the canvas's tiles: see TiledRenderResult::photoNotices).
    std::vector<PhotoNote> photoNotes;
};

/// Draws layers of one workspace. Opens its own read-only connection; reading it is serialised
/// by an internal mutex, drawing is not, so several threads may render (tiles) at once. Geometry
/// is decoded once per layer and kept with a grid index (the whole layer when small, else a box
/// around the view). On raster devices point markers are stamped from pre-drawn images; on any
/// other device (PDF) every shape is drawn as vector.
class MapRenderer {
public:
    /// Throws Error when the workspace cannot be opened.
    explicit MapRenderer(const std::string& workspacePath);
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    /// Every drawable layer of the workspace (vector tables with a geometry and registered
    /// rasters) with its default style, bottom to top in the default stacking order.
    std::vector<RenderLayer> defaultLayers();
    /// The union of the extents of the given (visible) layers; nullopt when all are empty.
    std::optional<gis::Box> fullExtent(const std::vector<RenderLayer>& layers);

    /// Loads what drawing `layers` in `view` needs, so later renders of parts of that view
    /// (tiles) on other threads find it decoded.
    void prepare(const MapView& view, const std::vector<RenderLayer>& layers);
    /// Draws the visible layers bottom to top into the painter's device, whose pixels
    /// match `view` (a scaled painter works too, e.g. for PDF). Polls `cancel` between
    /// features and returns false when it was set. Throws Error on unreadable data.
    /// Thread-safe. `stats`, when given, receives the counters of this call.
    bool render(QPainter& painter, const MapView& view, const std::vector<RenderLayer>& layers,
                const std::atomic<bool>* cancel = nullptr, RenderPart part = RenderPart::Everything,
                RenderStats* stats = nullptr);
    /// The counters of the last completed render (of any thread).
    RenderStats lastStats() const;
    /// Drops the decoded geometry (after the workspace changed).
    void clearCache();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// Converts world rings to pixel subpaths appended to `path`, dropping vertices closer than
/// half a pixel to the previous kept one (the last vertex is always kept). Polygon rings
/// with fewer than 3 kept vertices and lines with fewer than 2 are left out. Outer rings
/// are oriented one way and holes the other, so the nonzero (winding) rule fills many
/// features in one path correctly: overlaps stay filled, holes stay empty. Adds to `vertices`.
void appendPixelPath(QPainterPath& path, const Geometry& geometry, const MapView& view, std::size_t* vertices = nullptr);
/// The same into a new path with the winding fill rule.
QPainterPath toPixelPath(const Geometry& geometry, const MapView& view, std::size_t* vertices = nullptr);

}  // namespace riskmap::render
