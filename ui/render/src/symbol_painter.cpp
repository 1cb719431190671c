// SPDX-License-Identifier: GPL-3.0-or-later
// Pens, brushes, markers and swatches shared by the map, the legend and the layers panel.
#include "riskmap/render/symbol_painter.hpp"

#include <QPainterPath>

namespace riskmap::render {

void applySymbol(QPainter& painter, const Symbol& symbol, GeometryFamily family)
{
    if (symbol.strokeWidth > 0 && symbol.stroke.alpha() > 0 && symbol.strokeWidth <= 1.0) {
        // Hairlines: a cosmetic 1-pixel pen takes the raster engine's fast path (no stroker);
        // thinner lines keep their weight through a lighter alpha instead.
        QColor c = symbol.stroke;
        c.setAlphaF(c.alphaF() * symbol.strokeWidth);
        QPen pen(c, 0);
        pen.setCosmetic(true);
        painter.setPen(pen);
    } else if (symbol.strokeWidth > 0 && symbol.stroke.alpha() > 0) {
        QPen pen(symbol.stroke, symbol.strokeWidth);
        pen.setJoinStyle(Qt::RoundJoin);
        pen.setCapStyle(family == GeometryFamily::Point ? Qt::FlatCap : Qt::RoundCap);
        painter.setPen(pen);
    } else {
        painter.setPen(Qt::NoPen);
    }
    if (family == GeometryFamily::Line || symbol.brush == Qt::NoBrush)
        painter.setBrush(Qt::NoBrush);
    else
        painter.setBrush(QBrush(symbol.fill, symbol.brush));
}

void drawMarker(QPainter& painter, const Symbol& symbol, QPointF at)
{
    const double r = symbol.markerSize / 2.0;
    switch (symbol.marker) {
    case Marker::Dot:
        painter.drawEllipse(at, r, r);
        break;
    case Marker::Square:
        painter.drawRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r));
        break;
    case Marker::Triangle: {
        const QPointF pts[3] = {{at.x(), at.y() - r}, {at.x() + r, at.y() + r}, {at.x() - r, at.y() + r}};
        painter.drawPolygon(pts, 3);
        break;
    }
    case Marker::Cross: {
        // A cross has no fill: draw it with the stroke, or the fill colour when there is none.
        const QPen old = painter.pen();
        if (old.style() == Qt::NoPen) painter.setPen(QPen(symbol.fill, 1.5));
        painter.drawLine(QPointF(at.x() - r, at.y() - r), QPointF(at.x() + r, at.y() + r));
        painter.drawLine(QPointF(at.x() - r, at.y() + r), QPointF(at.x() + r, at.y() - r));
        painter.setPen(old);
        break;
    }
    }
}

void drawSwatch(QPainter& painter, const Symbol& symbol, GeometryFamily family, const QRectF& box)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    applySymbol(painter, symbol, family);
    switch (family) {
    case GeometryFamily::Point:
        drawMarker(painter, symbol, box.center());
        break;
    case GeometryFamily::Line:
        painter.drawLine(QPointF(box.left() + 1, box.bottom() - 2), QPointF(box.right() - 1, box.top() + 2));
        break;
    default:
        painter.drawRect(box.adjusted(1, 1, -1, -1));
        break;
    }
    painter.restore();
}

}  // namespace riskmap::render
