// SPDX-License-Identifier: GPL-3.0-or-later
// Text pages shared by the printed documents (briefing, control dossier): flowing text, tables, page frame.
#pragma once

#include <QPainter>
#include <QString>

#include <vector>

namespace riskmap::render {

/// Page margin and banner height of the printed documents, in logical units (1/96 inch).
inline constexpr double kPageMargin = 34;
inline constexpr double kBannerHeight = 20;

/// Draws text top-down on a page, with headings, paragraphs and simple tables.
class Flow {
public:
    Flow(QPainter& p, double x, double y, double width) : m_p(p), m_x(x), m_y(y), m_w(width) {}
    double x() const { return m_x; }
    double y() const { return m_y; }
    double width() const { return m_w; }
    void skip(double dy) { m_y += dy; }
    void heading(const QString& text);
    void paragraph(const QString& text, double size = 11);
    /// Columns share the width by `weights`; long cells are elided.
    void table(const std::vector<QString>& header, const std::vector<std::vector<QString>>& rows,
               const std::vector<double>& weights, double size = 10);
    /// A shaded box of paragraphs.
    void box(const QString& title, const std::vector<QString>& lines);

private:
    QPainter& m_p;
    double m_x, m_y, m_w;
};

/// The classification banner at the top and bottom of the page and the footer line
/// with "Pagina <page> van <pages>".
void pageFrame(QPainter& p, const QSizeF& size, const QString& banner, const QString& footer, int page, int pages);

}  // namespace riskmap::render
