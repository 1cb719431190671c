// SPDX-License-Identifier: GPL-3.0-or-later
// Legend, scale bar and north arrow drawn with QPainter.
#include "riskmap/render/map_decorations.hpp"

#include "riskmap/render/symbol_painter.hpp"

#include <QPainterPath>

#include <cmath>

namespace riskmap::render {

double niceScaleLength(double metresPerPixel, double maxPixels)
{
    const double maxMetres = std::max(1.0, metresPerPixel * maxPixels);
    const double decade = std::pow(10.0, std::floor(std::log10(maxMetres)));
    for (double m : {5.0, 2.0, 1.0})
        if (m * decade <= maxMetres * (1 + 1e-12)) return m * decade;
    return decade;
}

QString formatDistance(double metres)
{
    if (metres < 1000) return QStringLiteral("%1 m").arg(std::lround(metres));
    QString km = QString::number(metres / 1000.0, 'g', 6);
    km.replace('.', ',');
    return QStringLiteral("%1 km").arg(km);
}

QRectF drawScaleBar(QPainter& painter, const MapView& view, QPointF bottomLeft, double maxPixels)
{
    const double metres = niceScaleLength(view.resolution(), maxPixels);
    const double px = metres / view.resolution();
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, false);
    QFont font = painter.font();
    font.setPixelSize(11);
    painter.setFont(font);
    const QString text = formatDistance(metres);
    const QFontMetricsF fm(font);
    const QRectF box(bottomLeft.x(), bottomLeft.y() - 24, std::max(px, fm.horizontalAdvance(text)) + 8, 24);
    painter.fillRect(box, QColor(255, 255, 255, 200));
    const double y = bottomLeft.y() - 5;
    const double x0 = bottomLeft.x() + 4;
    // Two alternating halves, like a printed map.
    painter.fillRect(QRectF(x0, y - 5, px / 2, 5), Qt::black);
    painter.fillRect(QRectF(x0 + px / 2, y - 5, px / 2, 5), Qt::white);
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(QRectF(x0, y - 5, px, 5));
    painter.drawText(QPointF(x0, y - 8), text);
    painter.restore();
    return box;
}

void drawNorthArrow(QPainter& painter, const QRectF& box)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    const double cx = box.center().x();
    const double top = box.top() + box.height() * 0.28;
    const double bottom = box.bottom() - 2;
    const double half = box.width() * 0.3;
    QPainterPath left, right;
    left.moveTo(cx, top);
    left.lineTo(cx - half, bottom);
    left.lineTo(cx, bottom - box.height() * 0.18);
    left.closeSubpath();
    right.moveTo(cx, top);
    right.lineTo(cx + half, bottom);
    right.lineTo(cx, bottom - box.height() * 0.18);
    right.closeSubpath();
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(Qt::black);
    painter.drawPath(left);
    painter.setBrush(Qt::white);
    painter.drawPath(right);
    QFont font = painter.font();
    font.setPixelSize(std::max(8, int(box.height() * 0.25)));
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRectF(box.left(), box.top(), box.width(), box.height() * 0.28), Qt::AlignCenter, QStringLiteral("N"));
    painter.restore();
}

QRectF drawLegend(QPainter& painter, QPointF topLeft, const std::vector<RenderLayer>& layers)
{
    struct Entry {
        QString text;
        const Symbol* symbol;
        GeometryFamily family;
        bool title;
    };
    std::vector<Entry> entries;
    // Top layer first, as a reader expects.
    for (auto it = layers.rbegin(); it != layers.rend(); ++it) {
        const RenderLayer& l = *it;
        if (!l.visible || l.raster) continue;
        const auto& s = l.style;
        const QString title = s.title.isEmpty() ? QString::fromStdString(l.name) : s.title;
        if (s.kind == StyleKind::Single) {
            entries.push_back({title, &s.symbol, l.family, false});
            continue;
        }
        entries.push_back({title, nullptr, l.family, true});
        for (const auto& c : s.categories) {
            // Several codes sharing one class (e.g. SBI prefixes) appear once.
            if (!entries.empty() && entries.back().text == c.label && entries.back().symbol && entries.back().symbol->fill == c.symbol.fill &&
                entries.back().symbol->marker == c.symbol.marker)
                continue;
            entries.push_back({c.label, &c.symbol, l.family, false});
        }
        for (const auto& c : s.classes) entries.push_back({c.label, &c.symbol, l.family, false});
        if (!s.fallbackLabel.isEmpty()) entries.push_back({s.fallbackLabel, &s.symbol, l.family, false});
    }
    painter.save();
    QFont font = painter.font();
    font.setPixelSize(11);
    QFont bold = font;
    bold.setBold(true);
    const QFontMetricsF fm(font), fmb(bold);
    const double row = 16, swatch = 14, pad = 6;
    double width = 0;
    for (const auto& e : entries) width = std::max(width, (e.title ? fmb : fm).horizontalAdvance(e.text) + (e.title ? 0 : swatch + 6));
    const QRectF panel(topLeft, QSizeF(width + 2 * pad, entries.size() * row + 2 * pad));
    if (entries.empty()) {
        painter.restore();
        return {};
    }
    painter.setPen(QPen(QColor(120, 120, 120), 1));
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRect(panel);
    double y = panel.top() + pad;
    for (const auto& e : entries) {
        double x = panel.left() + pad;
        if (e.symbol) {
            drawSwatch(painter, *e.symbol, e.family, QRectF(x, y + 1, swatch, swatch));
            x += swatch + 6;
        }
        painter.setFont(e.title ? bold : font);
        painter.setPen(Qt::black);
        painter.drawText(QPointF(x, y + row - 4), e.text);
        y += row;
    }
    painter.restore();
    return panel;
}

}  // namespace riskmap::render
