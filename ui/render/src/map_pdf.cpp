// SPDX-License-Identifier: GPL-3.0-or-later
// Map pages and atlases: the screen renderer drawn into QPdfWriter (vectors stay vectors), then georeferenced.
#include "riskmap/render/map_pdf.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/map_decorations.hpp"
#include "riskmap/render/pdf_georef.hpp"
#include "riskmap/render/snapshot.hpp"

#include <QDate>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>

namespace riskmap::render {

namespace {

constexpr double kMargin = 30;       // logical units (1/96 inch)
constexpr double kBannerHeight = 20;

std::string today()
{
    return QDate::currentDate().toString(Qt::ISODate).toStdString();
}

/// Folds a translucent vector layer's opacity into its fill colours and drops its outlines.
/// Qt's PDF engine keeps translucent fills as vectors (an ExtGState), but it turns every
/// stroke drawn with opacity < 1 into a filled outline polygon: five times the vertices and
/// bytes (5.9 MB for an A3 of the S risk map). Hairline outlines of a half-transparent layer
/// add nothing at print scale; the layers beneath keep theirs.
void foldOpacity(LayerStyle& style)
{
    const double a = style.opacity;
    if (a >= 1.0) return;
    auto fold = [a](Symbol& s) {
        QColor fill = s.fill;
        fill.setAlphaF(static_cast<float>(fill.alphaF() * a));
        s.fill = fill;
        if (s.brush != Qt::NoBrush) s.strokeWidth = 0;
        else {  // outline-only symbols keep their line, opaque but lightened towards white
            QColor c = s.stroke;
            c.setRgbF(static_cast<float>(1 - a * (1 - c.redF())), static_cast<float>(1 - a * (1 - c.greenF())),
                      static_cast<float>(1 - a * (1 - c.blueF())));
            s.stroke = c;
        }
    };
    fold(style.symbol);
    for (auto& c : style.categories) fold(c.symbol);
    for (auto& c : style.classes) fold(c.symbol);
    style.opacity = 1.0;
}

std::vector<RenderLayer> chooseLayers(MapRenderer& renderer, const MapDocumentOptions& options)
{
    auto layers = selectLayers(renderer.defaultLayers(), options.layers);
    for (auto& l : layers) {
        auto it = options.opacity.find(l.name);
        if (it != options.opacity.end()) l.style.opacity = std::clamp(it->second, 0.0, 1.0);
        if (!l.raster) foldOpacity(l.style);
    }
    return layers;
}

/// A map page: banner, title, map with furniture, attribute lines, metadata, banner.
struct PageContent {
    QString title;
    QString subtitle;
    std::vector<std::pair<QString, QString>> attributes;  ///< shown beside the metadata
    std::function<void(QPainter&, const MapView&)> overlay;
};

QRectF paintMapPage(QPainter& p, const QSizeF& page, MapRenderer& renderer, const std::vector<RenderLayer>& layers,
                    const gis::Box& extent, const MapDocumentOptions& options, const PageContent& content,
                    RenderStats& stats)
{
    const double w = page.width(), h = page.height();
    const QString banner = QString::fromStdString(options.banner);
    drawBanner(p, QRectF(kMargin, kMargin, w - 2 * kMargin, kBannerHeight), banner);
    drawBanner(p, QRectF(kMargin, h - kMargin - kBannerHeight, w - 2 * kMargin, kBannerHeight), banner);

    double y = kMargin + kBannerHeight + 8;
    p.setPen(Qt::black);
    p.setFont(documentFont(20, true));
    p.drawText(QRectF(kMargin, y, w - 2 * kMargin, 28), Qt::AlignLeft | Qt::AlignVCenter, content.title);
    y += 28;
    if (!content.subtitle.isEmpty()) {
        p.setFont(documentFont(11));
        p.drawText(QRectF(kMargin, y, w - 2 * kMargin, 16), Qt::AlignLeft | Qt::AlignVCenter, content.subtitle);
        y += 18;
    }
    y += 4;

    // Footer: metadata left, attributes (atlas) right; its height follows the attribute count.
    const int attrRows = static_cast<int>((content.attributes.size() + 1) / 2);
    const double footerH = std::max(62.0, 14.0 * attrRows + 8);
    const double footerTop = h - kMargin - kBannerHeight - 6 - footerH;
    const QRectF available(kMargin, y, w - 2 * kMargin, footerTop - y - 6);
    QRectF frame = fitFrame(available, extent);
    frame.moveTop(available.top());  // spare room gathers above the footer, not under the title
    const MapView view = drawMapFrame(p, renderer, layers, frame, extent, options.dpi, &stats, content.overlay);

    // Furniture inside the frame: legend top-left, north arrow top-right, scale bar bottom-left.
    p.save();
    p.setClipRect(frame);
    std::vector<RenderLayer> legendLayers;
    for (const auto& l : layers)
        if (l.visible && !l.raster) legendLayers.push_back(l);
    p.setFont(documentFont(11));
    drawLegend(p, frame.topLeft() + QPointF(8, 8), legendLayers);
    drawNorthArrow(p, QRectF(frame.right() - 44, frame.top() + 8, 36, 48));
    const MapView logicalView(view.centre(), (extent.xmax - extent.xmin) / frame.width(),
                              QSize(int(frame.width()), int(frame.height())));
    drawScaleBar(p, logicalView, QPointF(frame.left() + 8, frame.bottom() - 8), std::min(200.0, frame.width() / 3));
    p.restore();

    // Metadata.
    const double metaW = content.attributes.empty() ? w - 2 * kMargin : (w - 2 * kMargin) * 0.45;
    const std::string date = options.date.empty() ? today() : options.date;
    const QString meta = QStringLiteral("Datum: %1    Schaal 1:%2 (afgedrukt op %3)\n"
                                        "Bronnen: %4\n"
                                        "Coördinaten: RD New (EPSG:28992)    Modelversie: %5\n"
                                        "%6")
                             .arg(QString::fromStdString(date))
                             .arg(std::lround(logicalView.scaleDenominator(96) / 100) * 100)
                             .arg(options.paper == Paper::A3 ? QStringLiteral("A3") : QStringLiteral("A4"))
                             .arg(QString::fromStdString(options.sources.empty() ? std::string("workspace") : options.sources))
                             .arg(QString::fromStdString(options.modelVersion))
                             .arg(QString::fromStdString(options.disclaimer));
    p.setPen(Qt::black);
    p.setFont(documentFont(10));
    p.drawText(QRectF(kMargin, footerTop, metaW, footerH), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, meta);

    if (!content.attributes.empty()) {
        const double x0 = kMargin + metaW + 10, colW = (w - kMargin - x0) / 2;
        p.setFont(documentFont(9.5));
        const QFontMetricsF fm(p.font());
        for (std::size_t i = 0; i < content.attributes.size(); ++i) {
            const double x = x0 + static_cast<double>(i / static_cast<std::size_t>(attrRows)) * colW;
            const double yy = footerTop + 14.0 * static_cast<double>(i % static_cast<std::size_t>(attrRows));
            const auto& [k, v] = content.attributes[i];
            const QString text = fm.elidedText(k + QStringLiteral(": ") + v, Qt::ElideRight, colW - 6);
            p.drawText(QPointF(x, yy + 11), text);
        }
    }
    return frame;
}

MapDocumentReport finishDocument(PageSink& sink, const std::vector<GeoFrame>& frames, const gis::Box& firstExtent,
                                 const RenderStats& stats)
{
    sink.finish();
    MapDocumentReport report;
    report.files = sink.files();
    report.pages = sink.pageCount();
    if (sink.files().size() == 1 && std::filesystem::path(report.files.front()).extension() == ".pdf")
        georeferencePdf(report.files.front(), frames);
    report.bytes = std::filesystem::file_size(report.files.front());
    report.frameExtent = firstExtent;
    if (!frames.empty()) report.frameBoxPt = frames.front().bboxPt;
    report.stats = stats;
    return report;
}

void addStats(RenderStats& total, const RenderStats& s)
{
    total.featuresDrawn += s.featuresDrawn;
    total.verticesDrawn += s.verticesDrawn;
    total.rasterPixels += s.rasterPixels;
    total.milliseconds += s.milliseconds;
    total.photoPixelsMissing += s.photoPixelsMissing;
    for (const auto& n : s.notices)
        if (std::find(total.notices.begin(), total.notices.end(), n) == total.notices.end()) total.notices.push_back(n);
}

}  // namespace

QRectF fitFrame(const QRectF& available, const gis::Box& extent)
{
    const double ew = extent.xmax - extent.xmin, eh = extent.ymax - extent.ymin;
    if (!(ew > 0 && eh > 0)) throw UsageError("kaartuitsnede zonder oppervlak");
    const double aspect = ew / eh;
    QRectF r = available;
    if (available.width() / available.height() > aspect) r.setWidth(available.height() * aspect);
    else r.setHeight(available.width() / aspect);
    r.moveCenter(available.center());
    return r;
}

gis::Box paddedBox(const gis::Box& box, double share, double minSide)
{
    const double cx = (box.xmin + box.xmax) / 2, cy = (box.ymin + box.ymax) / 2;
    const double w = std::max(minSide, (box.xmax - box.xmin) * (1 + 2 * share));
    const double h = std::max(minSide, (box.ymax - box.ymin) * (1 + 2 * share));
    return {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2};
}

void drawBanner(QPainter& painter, const QRectF& rect, const QString& text)
{
    painter.save();
    painter.fillRect(rect, QColor(150, 20, 30));
    painter.setPen(Qt::white);
    painter.setFont(documentFont(11, true));
    painter.drawText(rect, Qt::AlignCenter, text);
    painter.restore();
}

MapView drawMapFrame(QPainter& painter, MapRenderer& renderer, const std::vector<RenderLayer>& layers,
                     const QRectF& frame, const gis::Box& extent, double dpi, RenderStats* stats,
                     const std::function<void(QPainter&, const MapView&)>& overlay)
{
    // The view's pixels are output pixels at `dpi`; the painter maps them onto the frame.
    const double k = dpi / 96.0;
    const QSize size(std::max(1, int(std::ceil(frame.width() * k))), std::max(1, int(std::ceil(frame.height() * k))));
    const double resolution = (extent.xmax - extent.xmin) / (frame.width() * k);
    // Centre of the frame in pixels is size/2 (ceil adds < 1 px on the right/bottom, clipped).
    const QPointF centre((extent.xmin + extent.xmax) / 2 + (size.width() / 2.0 - frame.width() * k / 2) * resolution,
                         (extent.ymin + extent.ymax) / 2 - (size.height() / 2.0 - frame.height() * k / 2) * resolution);
    const MapView view(centre, resolution, size);
    painter.save();
    painter.setClipRect(frame);
    painter.translate(frame.topLeft());
    painter.scale(1 / k, 1 / k);
    renderer.render(painter, view, layers);
    if (stats) addStats(*stats, renderer.lastStats());
    if (overlay) overlay(painter, view);
    painter.restore();
    painter.save();
    painter.setPen(QPen(Qt::black, 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(frame);
    painter.restore();
    return view;
}

MapDocumentReport writeMapDocument(const std::string& workspacePath, const MapDocumentOptions& options)
{
    MapRenderer renderer(workspacePath);
    const auto layers = chooseLayers(renderer, options);
    const auto extent = options.extent ? options.extent : renderer.fullExtent(layers);
    if (!extent) throw UsageError("de gekozen lagen zijn leeg: geen kaart te maken");
    PageSink sink(options.outPath, options.paper, options.orientation, options.dpi, options.title);
    QPainter& p = sink.beginPage();
    PageContent content;
    content.title = QString::fromStdString(options.title);
    RenderStats stats;
    const QRectF frame = paintMapPage(p, sink.pageSize(), renderer, layers, *extent, options, content, stats);
    return finishDocument(sink, {GeoFrame{0, sink.toPdfPoints(frame), *extent}}, *extent, stats);
}

MapDocumentReport writeAtlas(const std::string& workspacePath, const AtlasOptions& options)
{
    // The profile decides which attributes (and rows) may be printed.
    std::vector<std::string> columns;
    layers::ExportPolicy policy;
    {
        auto ws = gis::Workspace::open(workspacePath, true);
        const auto record = ws.layer(options.layer);
        if (!record || !ws.db().tableExists(options.layer))
            throw UsageError("onbekende laag '" + options.layer + "' voor de atlas");
        policy = layers::decideExportPolicy(options.profile, *record, gis::layerColumns(ws.db(), options.layer));
        columns = policy.columns;
    }
    struct Item {
        std::vector<std::pair<QString, QString>> attributes;
        Geometry geometry;
        QString name;
        std::int64_t rank = 0;
    };
    std::vector<Item> items;
    {
        gis::SpatialiteDb db(workspacePath, gis::SpatialiteDb::Mode::ReadOnly);
        std::vector<std::string> keep;  // rows the profile lets through
        std::string sql = "SELECT fid FROM \"" + options.layer + "\"";
        if (!policy.rowFilter.empty()) sql += " WHERE " + policy.rowFilter;
        std::set<std::int64_t> allowed;
        if (policy.rowFilter.find(':') == std::string::npos) {
            auto st = db.prepare(sql);
            while (st.step()) allowed.insert(st.columnInt(0));
        }
        gis::LayerReader reader(db, options.layer, columns);
        gis::FeatureRow row;
        const auto& cols = reader.columns();
        while (reader.next(row)) {
            if (!allowed.count(row.fid) || row.wkb.empty()) continue;
            Item item;
            item.geometry = parseWkb(row.wkb);
            if (item.geometry.family == GeometryFamily::Empty) continue;
            item.rank = row.fid;
            for (std::size_t c = 0; c < cols.size(); ++c) {
                QString value = QString::fromStdString(gis::fieldText(row.values[c]));
                if (policy.suppressCountsBelow > 0 && policy.countColumns.count(cols[c])) {
                    if (const auto* n = std::get_if<std::int64_t>(&row.values[c]); n && *n > 0 && *n < policy.suppressCountsBelow)
                        value = QStringLiteral("<%1").arg(policy.suppressCountsBelow);
                    if (const auto* d = std::get_if<double>(&row.values[c]);
                        d && *d > 0 && *d < policy.suppressCountsBelow)
                        value = QStringLiteral("<%1").arg(policy.suppressCountsBelow);
                }
                if (const auto* d = std::get_if<double>(&row.values[c])) value = QString::number(*d, 'g', 4);
                // The page title: a name when the profile allows one, else an id.
                if (cols[c] == "naam") item.name = value;
                if ((cols[c] == "controle_id" || cols[c] == "zone_id" || cols[c] == "terrein_id" || cols[c] == "gebied") &&
                    item.name.isEmpty())
                    item.name = value;
                if (cols[c] == "rang")
                    if (const auto* n = std::get_if<std::int64_t>(&row.values[c])) item.rank = *n;
                item.attributes.emplace_back(QString::fromStdString(cols[c]), value);
            }
            items.push_back(std::move(item));
        }
    }
    if (items.empty()) throw UsageError("de laag '" + options.layer + "' heeft geen objecten voor de atlas");
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.rank < b.rank; });

    MapDocumentOptions page = options.page;
    if (page.banner.empty()) page.banner = policy.banner;
    MapRenderer renderer(workspacePath);
    auto background = page.layers.empty() ? std::vector<RenderLayer>{} : chooseLayers(renderer, page);
    if (std::none_of(background.begin(), background.end(), [&](const RenderLayer& l) { return l.name == options.layer; })) {
        auto own = selectLayers(renderer.defaultLayers(), {options.layer});
        background.insert(background.end(), own.begin(), own.end());
    }
    {
        // The background goes to the same audience: every layer on the page passes the profile.
        auto ws = gis::Workspace::open(workspacePath, true);
        for (const auto& l : background)
            if (const auto record = ws.layer(l.name); record && !l.raster)
                layers::decideExportPolicy(options.profile, *record, {});
    }
    PageSink sink(page.outPath, page.paper, page.orientation, page.dpi, page.title);
    std::vector<GeoFrame> frames;
    RenderStats stats;
    gis::Box first{};
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& item = items[i];
        const QRectF b = item.geometry.bounds();
        const gis::Box extent = paddedBox({b.left(), b.top(), b.right(), b.bottom()}, options.marginShare, options.minSizeM);
        if (i == 0) first = extent;
        QPainter& p = sink.beginPage();
        PageContent content;
        content.title = QString::fromStdString(page.title) + QStringLiteral(" — ") +
                        (item.name.isEmpty() ? QStringLiteral("object %1").arg(i + 1) : item.name);
        content.subtitle = QStringLiteral("Blad %1 van %2 · laag %3 · profiel %4")
                               .arg(i + 1)
                               .arg(items.size())
                               .arg(QString::fromStdString(options.layer))
                               .arg(QString::fromStdString(layers::toString(options.profile)));
        content.attributes = item.attributes;
        const Geometry geometry = item.geometry;
        content.overlay = [geometry](QPainter& painter, const MapView& view) {
            painter.save();
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(QColor(0, 90, 200), 3));
            if (geometry.family == GeometryFamily::Point) {
                for (const auto& part : geometry.parts) painter.drawEllipse(view.toPixel(part.front()), 8, 8);
            } else {
                painter.drawPath(toPixelPath(geometry, view));
            }
            painter.restore();
        };
        const QRectF frame = paintMapPage(p, sink.pageSize(), renderer, background, extent, page, content, stats);
        frames.push_back({static_cast<int>(i), sink.toPdfPoints(frame), extent});
    }
    return finishDocument(sink, frames, first, stats);
}

}  // namespace riskmap::render
