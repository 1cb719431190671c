// SPDX-License-Identifier: GPL-3.0-or-later
// Vector PDF or PNG pages behind one painter interface.
#include "riskmap/render/page_sink.hpp"

#include "riskmap/core/error.hpp"

#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>

#include <cmath>
#include <filesystem>

namespace riskmap::render {

namespace {
// 1 logical unit = 1/96 inch; PDF points are 1/72 inch.
constexpr double kLogicalDpi = 96.0;
constexpr double kPdfResolution = 1200.0;

std::string lowerExtension(const std::string& path)
{
    auto ext = std::filesystem::path(path).extension().string();
    for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}
}  // namespace

void ensureGuiApplication()
{
    if (QGuiApplication::instance()) return;
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "riskmap";
    static char* argv[] = {name, nullptr};
    static auto* app = new QGuiApplication(argc, argv);
    (void)app;
}

QFont documentFont(double pixelSize, bool bold)
{
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(std::max(1, static_cast<int>(std::lround(pixelSize))));
    font.setBold(bold);
    // No shaping, so no ligatures: "fi" and "ff" must stay two letters so that copied
    // text (audit hashes, "profiel") and pdftotext read what was written.
    font.setStyleStrategy(QFont::PreferNoShaping);
    return font;
}

PageSink::PageSink(const std::string& path, Paper paper, Orientation orientation, double dpi, const std::string& title)
    : m_path(path), m_dpi(dpi)
{
    ensureGuiApplication();
    const QPageSize pageSize(paper == Paper::A3 ? QPageSize::A3 : QPageSize::A4);
    QSizeF pt = pageSize.size(QPageSize::Point);
    if (orientation == Orientation::Landscape) pt.transpose();
    m_size = pt * (kLogicalDpi / 72.0);
    const auto ext = lowerExtension(path);
    if (ext == ".pdf") {
        m_pdf = std::make_unique<QPdfWriter>(QString::fromStdString(path));
        m_pdf->setResolution(static_cast<int>(kPdfResolution));
        m_pdf->setPageLayout(QPageLayout(pageSize,
                                         orientation == Orientation::Landscape ? QPageLayout::Landscape
                                                                              : QPageLayout::Portrait,
                                         QMarginsF(0, 0, 0, 0)));
        m_pdf->setTitle(QString::fromStdString(title));
        m_pdf->setCreator(QStringLiteral("Risicokaart"));
    } else if (ext != ".png") {
        throw UsageError("kaartuitvoer moet .pdf of .png zijn, niet '" + path + "'");
    }
}

PageSink::~PageSink()
{
    if (m_painter && m_painter->isActive()) m_painter->end();
}

QPainter& PageSink::beginPage()
{
    if (m_pdf) {
        if (!m_painter) {
            m_painter = std::make_unique<QPainter>();
            if (!m_painter->begin(m_pdf.get())) throw Error("PDF niet te schrijven: " + m_path);
        } else {
            m_pdf->newPage();
        }
        m_painter->resetTransform();
        m_painter->scale(kPdfResolution / kLogicalDpi, kPdfResolution / kLogicalDpi);
    } else {
        if (m_painter) m_painter->end();
        const double s = m_dpi / kLogicalDpi;
        QImage image(QSize(int(std::lround(m_size.width() * s)), int(std::lround(m_size.height() * s))),
                     QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        m_images.push_back(std::move(image));
        m_painter = std::make_unique<QPainter>(&m_images.back());
        m_painter->scale(s, s);
    }
    m_painter->setRenderHint(QPainter::Antialiasing, true);
    m_painter->setRenderHint(QPainter::TextAntialiasing, true);
    ++m_pages;
    return *m_painter;
}

void PageSink::finish()
{
    if (m_painter && m_painter->isActive()) m_painter->end();
    m_painter.reset();
    if (m_pdf) {
        m_pdf.reset();  // flushes the file
        if (!std::filesystem::exists(m_path)) throw Error("PDF niet geschreven: " + m_path);
        return;
    }
    const auto names = files();
    for (std::size_t i = 0; i < m_images.size(); ++i)
        if (!m_images[i].save(QString::fromStdString(names[i]), "PNG"))
            throw Error("PNG niet te schrijven: " + names[i]);
}

QRectF PageSink::toPdfPoints(const QRectF& logical) const
{
    const double k = 72.0 / kLogicalDpi;
    const double pageH = m_size.height() * k;
    return {logical.left() * k, pageH - logical.bottom() * k, logical.width() * k, logical.height() * k};
}

std::vector<std::string> PageSink::files() const
{
    if (m_pdf || m_images.empty()) return {m_path};
    std::vector<std::string> out{m_path};
    const std::filesystem::path p(m_path);
    for (std::size_t i = 1; i < m_images.size(); ++i)
        out.push_back((p.parent_path() / (p.stem().string() + "-" + std::to_string(i + 1) + p.extension().string())).string());
    return out;
}

}  // namespace riskmap::render
