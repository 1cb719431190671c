// SPDX-License-Identifier: GPL-3.0-or-later
// The control dossier PDF, on the page machinery of the briefing (PageSink, Flow, pageFrame, map frames).
#include "riskmap/render/dossier_pdf.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/raster_window.hpp"
#include "riskmap/gis/sha256.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/map_decorations.hpp"
#include "riskmap/render/map_pdf.hpp"
#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/page_flow.hpp"
#include "riskmap/render/page_sink.hpp"
#include "riskmap/render/snapshot.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QDate>
#include <QFontMetricsF>
#include <QImage>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <filesystem>

namespace riskmap::render {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString orDash(const std::string& s) { return s.empty() ? QStringLiteral("—") : q(s); }

QString yearLabel(int year) { return year == 0 ? QStringLiteral("jaar onbekend") : QString::number(year); }

/// The chip GeoTIFF as an image (no TIFF plugin needed: GDAL reads it through gis).
QImage chipImage(const layers::DossierChip& chip)
{
    const int size = std::max(16, chip.pixels);
    const gis::Box box{chip.extent.minX, chip.extent.minY, chip.extent.maxX, chip.extent.maxY};
    const auto win = gis::readRasterWindow(chip.path, box, size, size, gis::Resampling::Nearest);
    QImage img(win.rgba.data(), win.width, win.height, win.width * 4, QImage::Format_RGBA8888);
    return img.convertToFormat(QImage::Format_RGB888);  // a photo: lets the PDF writer use JPEG
}

/// The extent of the overview map: the target area and every address, with a margin.
std::optional<gis::Box> overviewExtent(const layers::ControlDossier& d)
{
    QRectF r;
    if (!d.target.empty()) r = parseWkb(d.target).bounds();
    for (const auto& a : d.addresses) r = r.united(QRectF(a.x - 1, a.y - 1, 2, 2));
    if (r.isNull()) return std::nullopt;
    return paddedBox(gis::Box{r.left(), r.top(), r.right(), r.bottom()}, 0.06, 300);
}

void drawOverview(QPainter& p, const std::string& workspacePath, const layers::ControlDossier& d, const QRectF& available)
{
    const auto extent = overviewExtent(d);
    if (!extent) return;
    MapRenderer renderer(workspacePath);
    auto layers = selectLayers(renderer.defaultLayers(), {});
    std::vector<RenderLayer> background;
    for (auto& l : layers)
        if (!l.raster && (l.name == "percelen" || l.name == "panden" || l.name == "wegen")) background.push_back(l);
    QRectF frame = fitFrame(available, *extent);
    frame.moveTop(available.top());
    const Geometry target = d.target.empty() ? Geometry{} : parseWkb(d.target);
    drawMapFrame(p, renderer, background, frame, *extent, 150, nullptr, [&](QPainter& painter, const MapView& v) {
        painter.save();
        painter.setRenderHint(QPainter::Antialiasing);
        if (target.family == GeometryFamily::Polygon) {
            QPainterPath area = toPixelPath(target, v);
            area.setFillRule(Qt::OddEvenFill);
            painter.setPen(QPen(QColor(200, 20, 30), 3));
            painter.setBrush(QColor(200, 20, 30, 30));
            painter.drawPath(area);
        }
        const double scale = v.size().width() / std::max(1.0, 600.0);  // symbols scale with the frame's pixels
        QPolygonF route;
        for (const auto& a : d.addresses) route << v.toPixel(a.x, a.y);
        painter.setPen(QPen(QColor(20, 60, 160), 2 * scale, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(route);
        QFont font = documentFont(9 * scale, true);
        painter.setFont(font);
        for (const auto& a : d.addresses) {
            const QPointF c = v.toPixel(a.x, a.y);
            const double r = 8 * scale;
            painter.setPen(QPen(Qt::white, 1.5 * scale));
            painter.setBrush(a.woning ? QColor(230, 120, 0) : QColor(20, 60, 160));
            painter.drawEllipse(c, r, r);
            painter.setPen(Qt::white);
            painter.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(a.order));
        }
        painter.restore();
    });
    drawNorthArrow(p, QRectF(frame.right() - 44, frame.top() + 8, 36, 48));
    const MapView logical(QPointF((extent->xmin + extent->xmax) / 2, (extent->ymin + extent->ymax) / 2),
                          (extent->xmax - extent->xmin) / frame.width(), QSize(int(frame.width()), int(frame.height())));
    drawScaleBar(p, logical, QPointF(frame.left() + 8, frame.bottom() - 8), 160);
    p.setFont(documentFont(9));
    p.drawText(QRectF(frame.left(), frame.bottom() + 2, frame.width(), 14), Qt::AlignLeft,
               QStringLiteral("Rood: doelgebied. Nummers: volgorde van de route (oranje = woning). RD New (EPSG:28992)."));
}

void drawControlPage(QPainter& p, const QSizeF& size, const std::string& workspacePath, const layers::ControlDossier& d)
{
    const double contentW = size.width() - 2 * kPageMargin;
    Flow flow(p, kPageMargin, kPageMargin + kBannerHeight + 10, contentW);
    p.setFont(documentFont(20, true));
    p.drawText(QRectF(kPageMargin, flow.y(), contentW, 30), Qt::AlignLeft | Qt::AlignVCenter,
               QStringLiteral("Controledossier %1 — %2").arg(q(d.controlId), orDash(d.date)));
    flow.skip(32);
    flow.paragraph(QStringLiteral("Voor de analisten die de controledag voorbereiden. Bevat adressen en risicosignalen: "
                                  "alleen voor het profiel analist, niet verder verspreiden. Indicatief, geen bewijs."),
                   9.5);
    QString route = d.routeKm ? QStringLiteral("%1 km").arg(*d.routeKm, 0, 'f', 1) : QStringLiteral("—");
    if (d.durationMin) route += QStringLiteral(", ca. %1 min").arg(std::lround(*d.durationMin));
    flow.table({"Controle", ""},
               {{QStringLiteral("Datum"), orDash(d.date)},
                {QStringLiteral("Doelgebied"), QStringLiteral("%1 (%2, %3)").arg(orDash(d.area), orDash(d.kind), orDash(d.municipality))},
                {QStringLiteral("Partners"), orDash(d.partners)},
                {QStringLiteral("Route"), route},
                {QStringLiteral("Adressen"), QString::number(d.addresses.size())}},
               {1.3, 6.7}, 10);
    flow.heading(QStringLiteral("Waarom deze controle"));
    flow.paragraph(orDash(d.motivation), 9);
    flow.heading(QStringLiteral("Routevolgorde"));
    QString order;
    for (const auto& a : d.addresses)
        order += (order.isEmpty() ? "" : "   ") + QStringLiteral("%1. %2%3").arg(a.order).arg(orDash(a.adres), a.woning ? " (woning)" : "");
    flow.paragraph(order.isEmpty() ? QStringLiteral("Geen adressen in deze controle.") : order, 9);
    const double bottom = size.height() - kPageMargin - kBannerHeight - 50;
    if (bottom - flow.y() > 120) drawOverview(p, workspacePath, d, QRectF(kPageMargin, flow.y() + 4, contentW, bottom - flow.y() - 4));
}

void drawChips(QPainter& p, Flow& flow, const layers::DossierAddress& a, double bottom)
{
    if (a.chips.empty()) {
        flow.paragraph(q(a.chipNote.empty() ? std::string("Geen luchtfoto beschikbaar voor dit adres.") : a.chipNote), 10);
        return;
    }
    const double gap = 10;
    const int perRow = std::min<int>(3, static_cast<int>(a.chips.size()));
    const double side = std::min((flow.width() - gap * (perRow - 1)) / perRow, 300.0);
    for (std::size_t i = 0; i < a.chips.size(); i += static_cast<std::size_t>(perRow)) {
        const double rowH = side + 20;
        if (flow.y() + rowH > bottom) {
            flow.paragraph(QStringLiteral("(Meer luchtfotojaren dan op de pagina passen.)"), 9);
            return;
        }
        for (std::size_t k = i; k < a.chips.size() && k < i + static_cast<std::size_t>(perRow); ++k) {
            const auto& chip = a.chips[k];
            const QRectF box(flow.x() + double(k - i) * (side + gap), flow.y() + 18, side, side);
            p.setFont(documentFont(10, true));
            p.setPen(Qt::black);
            p.drawText(QRectF(box.left(), flow.y(), side, 16), Qt::AlignLeft | Qt::AlignVCenter,
                       QStringLiteral("Luchtfoto %1%2").arg(yearLabel(chip.year), chip.fromCache ? " (tegelcache)" : ""));
            if (chip.covered && !chip.path.empty()) {
                p.drawImage(box, chipImage(chip));
                p.setPen(QPen(QColor(80, 80, 80), 0.8));
                p.setBrush(Qt::NoBrush);
                p.drawRect(box);
            } else {
                p.fillRect(box, QColor(235, 235, 235));
                p.setPen(QColor(60, 60, 60));
                p.setFont(documentFont(10));
                p.drawText(box.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                           QStringLiteral("Geen luchtfoto van %1 op deze plek: de foto dekt dit adres niet.").arg(yearLabel(chip.year)));
            }
        }
        flow.skip(rowH + 4);
    }
    if (!a.chips.empty()) {
        const auto& e = a.chips.front().extent;
        flow.paragraph(QStringLiteral("Uitsneden van %1 × %1 m rond perceel %2, perceelgrens in magenta; noorden boven.")
                           .arg(std::lround(e.width()))
                           .arg(orDash(a.perceelId)),
                       8.5);
    }
}

void drawAddressPage(QPainter& p, const QSizeF& size, const layers::DossierAddress& a)
{
    const double contentW = size.width() - 2 * kPageMargin;
    Flow flow(p, kPageMargin, kPageMargin + kBannerHeight + 10, contentW);
    flow.heading(QStringLiteral("%1. %2").arg(a.order).arg(orDash(a.adres)));
    const QString risk = (a.score ? QString::number(*a.score, 'f', 2) : QStringLiteral("—")) +
                         (a.klasse ? QStringLiteral(" (klasse %1 van 5)").arg(*a.klasse) : QString());
    flow.table({"Adres", ""},
               {{QStringLiteral("Verblijfsobject"), orDash(a.vboId)},
                {QStringLiteral("Perceel"), orDash(a.perceelId)},
                {QStringLiteral("Risicoscore"), risk},
                {QStringLiteral("Woning"), a.woning ? QStringLiteral("ja — geen toegang zonder toestemming of machtiging")
                                                    : QStringLiteral("nee")},
                {QStringLiteral("Sector (SBI)"), orDash(a.sbiCodes)},
                {QStringLiteral("Reden steekproef"), orDash(a.reden)},
                {QStringLiteral("Partners"), orDash(a.partners)}},
               {1.6, 6.4}, 10);
    flow.heading(QStringLiteral("Verklaring"));
    flow.paragraph(orDash(a.verklaring), 9.5);
    flow.heading(QStringLiteral("Luchtfoto's (nieuwste eerst)"));
    drawChips(p, flow, a, size.height() - kPageMargin - kBannerHeight - 40);
}

std::string safeName(std::string s)
{
    for (char& c : s)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') c = '_';
    return s;
}

}  // namespace

int writeDossierPdf(const std::string& workspacePath, const layers::ControlDossier& d, const std::string& outPath,
                    const std::string& date)
{
    PageSink sink(outPath, Paper::A4, Orientation::Portrait, 150, "Controledossier " + d.controlId);
    const QSizeF size = sink.pageSize();
    const int pages = 1 + static_cast<int>(d.addresses.size());
    const QString banner = q(d.banner);
    const QString footer = QStringLiteral("Risicokaart %1 · gegenereerd %2 · profiel analist · controledossier %3 · "
                                          "Indicatief, geen bewijs")
                               .arg(q(RISKMAP_MODEL_VERSION), q(date), q(d.controlId));
    {
        QPainter& p = sink.beginPage();
        pageFrame(p, size, banner, footer, 1, pages);
        drawControlPage(p, size, workspacePath, d);
    }
    for (std::size_t i = 0; i < d.addresses.size(); ++i) {
        QPainter& p = sink.beginPage();
        pageFrame(p, size, banner, footer, static_cast<int>(i) + 2, pages);
        drawAddressPage(p, size, d.addresses[i]);
    }
    sink.finish();
    return sink.pageCount();
}

std::vector<DossierFile> writeControlDossiers(const std::string& workspacePath, const std::vector<std::string>& controlIds,
                                              const DossierOptions& options)
{
    ensureGuiApplication();
    const std::string date = options.date.empty() ? QDate::currentDate().toString(Qt::ISODate).toStdString() : options.date;
    std::filesystem::create_directories(options.outDir);
    auto ws = gis::Workspace::open(workspacePath);
    std::vector<DossierFile> out;
    for (const auto& id : controlIds) {
        const auto dossier = layers::collectControlDossier(ws, id, (std::filesystem::path(options.outDir) / ("chips_" + safeName(id))).string(),
                                                           options.chipSize);
        DossierFile f;
        f.controlId = id;
        f.path = (std::filesystem::path(options.outDir) / ("controledossier_" + safeName(id) + ".pdf")).string();
        f.pages = writeDossierPdf(workspacePath, dossier, f.path, date);
        f.addresses = static_cast<int>(dossier.addresses.size());
        // It names addresses and shows yards: an export like any other, in the analist profile.
        gis::Transaction tx(ws.db());
        const auto entry = gis::appendAudit(ws.db(), "export", "controledossier " + id + " → " + f.path, "analist",
                                            "controledossier",
                                            "pagina's " + std::to_string(f.pages) + ", adressen " + std::to_string(f.addresses) +
                                                ", sha256 " + gis::sha256File(f.path));
        tx.commit();
        f.auditSeq = entry.seq;
        out.push_back(f);
    }
    return out;
}

}  // namespace riskmap::render
