// SPDX-License-Identifier: GPL-3.0-or-later
// Flowing text, tables and the page frame of the printed documents.
#include "riskmap/render/page_flow.hpp"

#include "riskmap/render/map_pdf.hpp"
#include "riskmap/render/page_sink.hpp"

#include <QFontMetricsF>

namespace riskmap::render {

void Flow::heading(const QString& text)
{
    m_y += 6;
    m_p.setPen(QColor(120, 15, 25));
    m_p.setFont(documentFont(15, true));
    m_p.drawText(QRectF(m_x, m_y, m_w, 22), Qt::AlignLeft | Qt::AlignVCenter, text);
    m_p.setPen(Qt::black);
    m_y += 24;
}

void Flow::paragraph(const QString& text, double size)
{
    m_p.setFont(documentFont(size));
    const QRectF r = m_p.boundingRect(QRectF(m_x, m_y, m_w, 2000), Qt::TextWordWrap, text);
    m_p.drawText(QRectF(m_x, m_y, m_w, r.height()), Qt::TextWordWrap, text);
    m_y += r.height() + 4;
}

void Flow::table(const std::vector<QString>& header, const std::vector<std::vector<QString>>& rows,
                 const std::vector<double>& weights, double size)
{
    double total = 0;
    for (double w : weights) total += w;
    auto drawRow = [&](const std::vector<QString>& cells, bool bold, bool shade) {
        m_p.setFont(documentFont(size, bold));
        const QFontMetricsF fm(m_p.font());
        const double rowH = fm.height() + 5;
        if (shade) m_p.fillRect(QRectF(m_x, m_y, m_w, rowH), QColor(242, 242, 242));
        double x = m_x;
        for (std::size_t c = 0; c < cells.size() && c < weights.size(); ++c) {
            const double cw = m_w * weights[c] / total;
            m_p.drawText(QRectF(x + 3, m_y, cw - 6, rowH), Qt::AlignLeft | Qt::AlignVCenter,
                         fm.elidedText(cells[c], Qt::ElideRight, cw - 6));
            x += cw;
        }
        m_y += rowH;
    };
    drawRow(header, true, false);
    m_p.setPen(QPen(Qt::black, 0.8));
    m_p.drawLine(QPointF(m_x, m_y), QPointF(m_x + m_w, m_y));
    for (std::size_t r = 0; r < rows.size(); ++r) drawRow(rows[r], false, r % 2 == 1);
    m_y += 4;
}

void Flow::box(const QString& title, const std::vector<QString>& lines)
{
    m_p.setFont(documentFont(10));
    double h = 26;
    std::vector<double> heights;
    for (const auto& l : lines) {
        heights.push_back(m_p.boundingRect(QRectF(0, 0, m_w - 16, 2000), Qt::TextWordWrap, l).height() + 3);
        h += heights.back();
    }
    m_p.fillRect(QRectF(m_x, m_y, m_w, h + 6), QColor(236, 241, 248));
    m_p.setFont(documentFont(12, true));
    m_p.drawText(QRectF(m_x + 8, m_y + 4, m_w - 16, 20), Qt::AlignLeft | Qt::AlignVCenter, title);
    double y = m_y + 26;
    m_p.setFont(documentFont(10));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        m_p.drawText(QRectF(m_x + 8, y, m_w - 16, heights[i]), Qt::TextWordWrap, lines[i]);
        y += heights[i];
    }
    m_y += h + 12;
}

void pageFrame(QPainter& p, const QSizeF& size, const QString& banner, const QString& footer, int page, int pages)
{
    drawBanner(p, QRectF(kPageMargin, kPageMargin, size.width() - 2 * kPageMargin, kBannerHeight), banner);
    drawBanner(p, QRectF(kPageMargin, size.height() - kPageMargin - kBannerHeight, size.width() - 2 * kPageMargin, kBannerHeight), banner);
    p.setPen(QColor(60, 60, 60));
    p.setFont(documentFont(8.5));
    p.drawText(QRectF(kPageMargin, size.height() - kPageMargin - kBannerHeight - 30, size.width() - 2 * kPageMargin, 28),
               Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap,
               footer + QStringLiteral("    Pagina %1 van %2").arg(page).arg(pages));
    p.setPen(Qt::black);
}

}  // namespace riskmap::render
