// SPDX-License-Identifier: GPL-3.0-or-later
// Map furniture shared by screen, PNG and PDF: legend, scale bar, north arrow.
#pragma once

#include "riskmap/render/map_renderer.hpp"

#include <QPainter>
#include <QString>

namespace riskmap::render {

/// The longest "nice" length (1, 2 or 5 × 10^k metres) not wider than `maxPixels` at
/// `metresPerPixel`; at least 1 m.
double niceScaleLength(double metresPerPixel, double maxPixels);
/// "500 m" below 1 km, "2 km" / "2,5 km" above (Dutch decimal comma).
QString formatDistance(double metres);

/// Draws a scale bar with its label whose bottom-left corner is `bottomLeft`; returns its box.
QRectF drawScaleBar(QPainter& painter, const MapView& view, QPointF bottomLeft, double maxPixels = 120);
/// Draws a north arrow filling `box`.
void drawNorthArrow(QPainter& painter, const QRectF& box);
/// Draws a legend of the visible layers (titles and one swatch per class) with its
/// top-left corner at `topLeft`, on a white panel; returns the panel's box.
QRectF drawLegend(QPainter& painter, QPointF topLeft, const std::vector<RenderLayer>& layers);

}  // namespace riskmap::render
