// SPDX-License-Identifier: GPL-3.0-or-later
// Painting one symbol: pen and brush for a geometry family, point markers and legend swatches.
#pragma once

#include "riskmap/render/layer_style.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QPainter>

namespace riskmap::render {

/// Sets the painter's pen and brush for drawing `family` with `symbol`.
void applySymbol(QPainter& painter, const Symbol& symbol, GeometryFamily family);
/// Draws a point marker centred on `at` (pen and brush as set by applySymbol).
void drawMarker(QPainter& painter, const Symbol& symbol, QPointF at);
/// Draws a small legend sample of `symbol` for a geometry family into `box`.
void drawSwatch(QPainter& painter, const Symbol& symbol, GeometryFamily family, const QRectF& box);

}  // namespace riskmap::render
