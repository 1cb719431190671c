// SPDX-License-Identifier: GPL-3.0-or-later
// Rendering a view of a workspace to a PNG file (scripts, docs, tests).
#pragma once

#include "riskmap/render/map_renderer.hpp"

#include <QImage>

#include <optional>
#include <string>
#include <vector>

namespace riskmap::render {

struct SnapshotOptions {
    bool decorations = true;  ///< legend, scale bar and north arrow
    QColor background = Qt::white;
};

/// Picks layers by name from `available` (all when `names` is empty), keeping the
/// default stacking order. Throws UsageError naming an unknown layer.
std::vector<RenderLayer> selectLayers(const std::vector<RenderLayer>& available, const std::vector<std::string>& names);

/// Renders into a new image of `view`'s size (decorations optional).
QImage renderToImage(MapRenderer& renderer, const std::vector<RenderLayer>& layers, const MapView& view,
                     const SnapshotOptions& options = {});

/// Renders `layers` (all when empty) of the workspace at `extent` (the full extent of the
/// chosen layers when empty) into a PNG of `size` pixels. Throws UsageError for unknown
/// layers or an empty map, Error when the workspace cannot be read or the file written.
RenderStats renderToPng(const std::string& workspacePath, const std::vector<std::string>& layers,
                        const std::optional<gis::Box>& extent, QSize size, const std::string& file,
                        const SnapshotOptions& options = {});

}  // namespace riskmap::render
