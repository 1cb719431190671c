// SPDX-License-Identifier: GPL-3.0-or-later
// Pages of a printed document, to a vector PDF (QPdfWriter) or to PNG images, in one logical unit.
#pragma once

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRectF>

#include <memory>
#include <string>
#include <vector>

namespace riskmap::render {

enum class Paper { A4, A3 };
enum class Orientation { Portrait, Landscape };

/// Makes sure a QGuiApplication exists (fonts need one); uses the offscreen platform
/// when none is set, so the command line works without a display.
void ensureGuiApplication();

/// A document of pages, drawn in logical units of 1/96 inch with the top-left page corner
/// at (0,0). `.pdf` gives one vector PDF; `.png` gives one image per page at `dpi`
/// (page 2 onward as `name-2.png`, ...).
class PageSink {
public:
    /// Throws UsageError for another extension.
    PageSink(const std::string& path, Paper paper, Orientation orientation, double dpi, const std::string& title);
    ~PageSink();
    PageSink(const PageSink&) = delete;
    PageSink& operator=(const PageSink&) = delete;

    /// Starts the next page and returns its painter (white page, logical units).
    QPainter& beginPage();
    /// Writes the document (PNG: the images); throws Error when it cannot be written.
    void finish();

    bool isPdf() const { return m_pdf != nullptr; }
    int pageCount() const { return m_pages; }
    /// The page in logical units.
    QSizeF pageSize() const { return m_size; }
    /// A logical rectangle in PDF user space (points, origin bottom-left).
    QRectF toPdfPoints(const QRectF& logical) const;
    /// The files written (one for PDF).
    std::vector<std::string> files() const;

private:
    std::string m_path;
    double m_dpi;
    QSizeF m_size;
    int m_pages = 0;
    std::unique_ptr<QPdfWriter> m_pdf;
    std::vector<QImage> m_images;
    std::unique_ptr<QPainter> m_painter;
};

/// The document font (DejaVu Sans when installed) at a logical pixel size.
QFont documentFont(double pixelSize, bool bold = false);

}  // namespace riskmap::render
