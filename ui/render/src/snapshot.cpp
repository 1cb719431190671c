// SPDX-License-Identifier: GPL-3.0-or-later
// Offscreen rendering of one view to an image or a PNG file.
#include "riskmap/render/snapshot.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/render/map_decorations.hpp"

#include <algorithm>

namespace riskmap::render {

std::vector<RenderLayer> selectLayers(const std::vector<RenderLayer>& available, const std::vector<std::string>& names)
{
    if (names.empty()) return available;
    std::vector<RenderLayer> out;
    for (const auto& n : names) {
        auto it = std::find_if(available.begin(), available.end(), [&](const RenderLayer& l) { return l.name == n; });
        if (it == available.end()) throw UsageError("onbekende kaartlaag '" + n + "'");
        out.push_back(*it);
        out.back().visible = true;  // a layer asked for by name is drawn, whatever its default
    }
    std::stable_sort(out.begin(), out.end(), [](const RenderLayer& a, const RenderLayer& b) {
        return defaultStackOrder(a.name) < defaultStackOrder(b.name);
    });
    return out;
}

QImage renderToImage(MapRenderer& renderer, const std::vector<RenderLayer>& layers, const MapView& view,
                     const SnapshotOptions& options)
{
    QImage image(view.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(options.background);
    QPainter painter(&image);
    renderer.render(painter, view, layers);
    if (options.decorations) {
        drawLegend(painter, QPointF(10, 10), layers);
        drawScaleBar(painter, view, QPointF(10, view.size().height() - 10));
        drawNorthArrow(painter, QRectF(view.size().width() - 40, 10, 30, 40));
    }
    painter.end();
    return image;
}

RenderStats renderToPng(const std::string& workspacePath, const std::vector<std::string>& layers,
                        const std::optional<gis::Box>& extent, QSize size, const std::string& file,
                        const SnapshotOptions& options)
{
    MapRenderer renderer(workspacePath);
    const auto chosen = selectLayers(renderer.defaultLayers(), layers);
    const auto box = extent ? extent : renderer.fullExtent(chosen);
    if (!box) throw UsageError("niets te tekenen: de gekozen lagen zijn leeg");
    const MapView view(*box, size);
    const QImage image = renderToImage(renderer, chosen, view, options);
    if (!image.save(QString::fromStdString(file), "PNG")) throw Error("kan '" + file + "' niet schrijven");
    return renderer.lastStats();
}

}  // namespace riskmap::render
