// SPDX-License-Identifier: GPL-3.0-or-later
// Printed maps: A4/A3 pages with title, legend, scale bar, north arrow, banner and metadata; georeferenced PDF; atlas.
#pragma once

#include "riskmap/layers/export_profile.hpp"
#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/page_sink.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::render {

/// Everything printed on a map page besides the map itself.
struct MapDocumentOptions {
    std::vector<std::string> layers;       ///< layer names, drawn in default stacking order; empty = all
    std::map<std::string, double> opacity; ///< per layer 0..1, overriding its style
    std::optional<gis::Box> extent;        ///< RD New; the full extent of the layers when empty
    Paper paper = Paper::A4;
    Orientation orientation = Orientation::Landscape;
    std::string title;
    std::string banner;                    ///< classification banner (ExportPolicy::banner), top and bottom
    std::string date;                      ///< ISO date printed on the map; today when empty
    std::string sources;                   ///< data sources, e.g. "BAG, KvK, politie (Wpg)"
    std::string modelVersion = RISKMAP_MODEL_VERSION;
    std::string disclaimer = "Indicatief, geen bewijs";
    std::string outPath;                   ///< .pdf (vector, georeferenced) or .png
    double dpi = 150;                      ///< output resolution: PNG pixels, and the PDF's simplification
};

/// What was written.
struct MapDocumentReport {
    std::vector<std::string> files;
    int pages = 0;
    std::uintmax_t bytes = 0;              ///< of the first file
    gis::Box frameExtent;                  ///< RD New box of the (first) map frame
    QRectF frameBoxPt;                     ///< where that frame is on its page (PDF points, origin bottom-left)
    RenderStats stats;                     ///< summed over pages
};

/// Writes one map page. Throws UsageError for unknown layers, a wrong extension or an
/// empty map; Error when the workspace or the file cannot be used.
MapDocumentReport writeMapDocument(const std::string& workspacePath, const MapDocumentOptions& options);

/// An atlas: one page per feature of `layer` (risico_bedrijventerreinen, risicozones,
/// controles, ...), zoomed to it, with its attributes as the profile allows.
struct AtlasOptions {
    std::string layer;
    layers::Profile profile = layers::Profile::Analist;
    MapDocumentOptions page;               ///< layers = background; title = atlas title; banner filled from the profile when empty
    double marginShare = 0.25;             ///< extent margin around the feature, share of its size
    double minSizeM = 400;                 ///< smallest extent side in metres
};

/// Writes the atlas (PDF: one georeferenced multi-page file). Throws Error (with the
/// reason) when the profile may not have the layer, UsageError for an unknown layer.
MapDocumentReport writeAtlas(const std::string& workspacePath, const AtlasOptions& options);

// --- building blocks shared with the briefing -------------------------------------

/// Draws `layers` into the logical rectangle `frame` showing exactly `extent` (the caller
/// gives them the same aspect ratio), with a frame line; `overlay` may draw on top in map
/// pixels of the returned view. The view's pixels are `dpi` per inch, so the renderer drops
/// vertices closer than half an output pixel.
MapView drawMapFrame(QPainter& painter, MapRenderer& renderer, const std::vector<RenderLayer>& layers,
                     const QRectF& frame, const gis::Box& extent, double dpi, RenderStats* stats = nullptr,
                     const std::function<void(QPainter&, const MapView&)>& overlay = {});
/// The largest rectangle inside `available` with the aspect ratio of `extent`, centred.
QRectF fitFrame(const QRectF& available, const gis::Box& extent);
/// `box` grown to at least `minSide` per side and by `share` of its size on each side.
gis::Box paddedBox(const gis::Box& box, double share, double minSide);
/// Draws the classification banner as a coloured bar across `rect`.
void drawBanner(QPainter& painter, const QRectF& rect, const QString& text);

}  // namespace riskmap::render
