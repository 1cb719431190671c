// SPDX-License-Identifier: GPL-3.0-or-later
// Canvas interaction and background rendering: pan/zoom move the old image at once, a worker
// renders the new view, and a newer request cancels an older one.
#include "map_canvas.hpp"

#include "riskmap/render/map_decorations.hpp"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFutureWatcher>
#include <QKeyEvent>
#include <QLineF>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QStringList>
#include <QUrl>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace riskmap::desktop {

/// One vertex added to the zone being drawn.
class AddVertexCommand : public QUndoCommand {
public:
    AddVertexCommand(MapCanvas* canvas, QPointF world) : m_canvas(canvas), m_world(world)
    {
        setText(QStringLiteral("hoekpunt"));
    }
    void redo() override
    {
        m_canvas->m_zone.push_back(m_world);
        m_canvas->update();
    }
    void undo() override
    {
        if (!m_canvas->m_zone.empty()) m_canvas->m_zone.pop_back();
        m_canvas->update();
    }

private:
    MapCanvas* m_canvas;
    QPointF m_world;
};

namespace {

struct RenderResult {
    QImage image;
    QImage imageB;  ///< swipe: the right-hand side
    render::MapView view;
    quint64 generation = 0;
    bool complete = false;
    double milliseconds = 0;
    QString error;
    QStringList photoNotices;  ///< of the view's tiles, both sides of a swipe
};

}  // namespace

MapCanvas::MapCanvas(QWidget* parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setAcceptDrops(true);
    setMouseTracking(true);
    setMinimumSize(200, 150);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_view = render::MapView(QPointF(155000, 463000), 100, QSize(std::max(1, width()), std::max(1, height())));
}

MapCanvas::~MapCanvas()
{
    // Stop and wait for renders still running: no worker may outlive the canvas.
    if (m_cancel) m_cancel->store(true);
    for (auto* w : findChildren<QFutureWatcherBase*>()) w->waitForFinished();
}

void MapCanvas::setRenderer(std::shared_ptr<render::MapRenderer> renderer)
{
    m_renderer = std::move(renderer);
    m_tiles = m_renderer ? std::make_shared<render::TiledRenderer>(m_renderer) : nullptr;
    m_image = QImage();
    scheduleRender();
}

void MapCanvas::setLayers(std::vector<render::RenderLayer> layers)
{
    m_layers = std::move(layers);
    scheduleRender();
}

void MapCanvas::setView(const render::MapView& view)
{
    m_fitBox.reset();
    m_view = view.resized(QSize(std::max(1, width()), std::max(1, height())));
    update();
    emit viewChanged();
    scheduleRender();
}

void MapCanvas::zoomToBox(const gis::Box& box)
{
    // A little margin; a point (zero-size box) gets a 100 m window.
    gis::Box b = box;
    const double w = std::max(b.xmax - b.xmin, 100.0), h = std::max(b.ymax - b.ymin, 100.0);
    const double cx = (b.xmin + b.xmax) / 2, cy = (b.ymin + b.ymax) / 2;
    b = {cx - w * 0.55, cy - h * 0.55, cx + w * 0.55, cy + h * 0.55};
    setView(render::MapView(b, QSize(std::max(1, width()), std::max(1, height()))));
    m_fitBox = b;  // after setView, which forgets it
}

void MapCanvas::setTool(Tool tool)
{
    if (tool != Tool::DrawZone) cancelZone();
    if (tool != m_tool && m_tool == Tool::EditZone && m_editTool) m_editTool->deactivated();
    m_tool = tool;
    setCursor(tool == Tool::Pan ? Qt::OpenHandCursor : Qt::CrossCursor);
}

void MapCanvas::setHighlight(const QRectF& world)
{
    m_highlight = world;
    update();
}

void MapCanvas::setProblemMarker(std::optional<QPointF> world)
{
    m_problem = world;
    update();
}

QPointF MapCanvas::snapped(QPointF world) const
{
    return m_snapper ? m_snapper(world, m_snapPixels * m_view.resolution()) : world;
}

void MapCanvas::addZoneVertex(QPointF world)
{
    const QPointF snapped = this->snapped(world);
    // A second click on the same spot adds nothing (a zero-length edge would be invalid).
    if (!m_zone.empty() && QLineF(m_zone.back(), snapped).length() < 0.5 * m_view.resolution()) return;
    m_undo.push(new AddVertexCommand(this, snapped));
}

void MapCanvas::finishZone()
{
    if (m_zone.size() < 3) return;
    const QList<QPointF> ring(m_zone.begin(), m_zone.end());
    m_zone.clear();
    m_undo.clear();
    update();
    emit zoneFinished(ring);
}

void MapCanvas::cancelZone()
{
    m_zone.clear();
    m_undo.clear();
    update();
}

void MapCanvas::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (auto* t = activeTool(); t && t->mouseDoubleClick(event)) return;
    if (m_tool == Tool::DrawZone && event->button() == Qt::LeftButton) {
        // The double-click's first click added the closing vertex already: close now, and
        // swallow the release that may follow (platforms differ in sending it).
        m_closing = true;
        finishZone();
        return;
    }
    QWidget::mouseDoubleClickEvent(event);
}

void MapCanvas::zoomIn() { setView(m_view.zoomed(2.0, QPointF(width() / 2.0, height() / 2.0))); }
void MapCanvas::zoomOut() { setView(m_view.zoomed(0.5, QPointF(width() / 2.0, height() / 2.0))); }
void MapCanvas::zoomFull()
{
    if (m_fullExtent) zoomToBox(*m_fullExtent);
}
void MapCanvas::refresh()
{
    if (m_renderer) m_renderer->clearCache();
    if (m_tiles) m_tiles->invalidate();
    scheduleRender();
}

void MapCanvas::scheduleRender()
{
    if (!m_renderer || width() <= 0 || height() <= 0) return;
    if (m_cancel) m_cancel->store(true);  // the older render stops at its next poll
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const quint64 generation = ++m_generation;
    auto tiles = m_tiles;
    auto cancel = m_cancel;
    auto layers = m_layers;
    std::optional<std::vector<render::RenderLayer>> layersB;
    if (m_swipe) {
        // Both sides draw every layer; only the photo year differs.
        for (auto& l : layers)
            if (l.raster) l.year = m_swipe->first;
        layersB = m_layers;
        for (auto& l : *layersB)
            if (l.raster) l.year = m_swipe->second;
    }
    const auto view = m_view;
    const qreal dpr = devicePixelRatioF();
    auto* watcher = new QFutureWatcher<RenderResult>(this);
    connect(watcher, &QFutureWatcher<RenderResult>::finished, this, [this, watcher] {
        const RenderResult r = watcher->result();
        watcher->deleteLater();
        if (r.generation != m_generation || !r.complete) return;  // stale or cancelled
        if (!r.error.isEmpty()) emit renderFailed(r.error);
        if (!r.image.isNull()) {  // a failed render keeps showing the last good image (and its notice)
            m_image = r.image;
            m_imageB = r.imageB;
            m_imageView = r.view;
            // Of every tile in view, reused ones drawn from the photo cache earlier included.
            if (const QString notice = r.photoNotices.join(QStringLiteral(" · ")); notice != m_photoNotice) {
                m_photoNotice = notice;
                emit photoNoticeChanged(notice);
            }
        }
        m_lastRenderMs = r.milliseconds;
        update();
        emit renderFinished(r.milliseconds);
    });
    watcher->setFuture(QtConcurrent::run(&m_renderPool, [tiles, cancel, layers, layersB, view, generation, dpr]() {
        RenderResult r;
        r.generation = generation;
        r.view = view;
        if (cancel->load()) return r;
        render::TiledRenderOptions options;
        options.devicePixelRatio = dpr;
        try {
            // Exceptions must not cross the thread boundary: keep the message instead.
            // Cached tiles are reused, the missing ones drawn on all cores; a newer request cancels.
            const auto a = tiles->render(view, layers, cancel.get(), options);
            r.complete = a.complete;
            r.view = a.view;  // snapped to the tile grid (less than half a pixel away)
            r.image = a.image;
            r.milliseconds = a.milliseconds;
            for (const auto& n : a.photoNotices) r.photoNotices << QString::fromStdString(n);
            if (r.complete && layersB) {
                const auto b = tiles->render(view, *layersB, cancel.get(), options);
                r.complete = b.complete;
                r.imageB = b.image;
                r.milliseconds += b.milliseconds;
                for (const auto& n : b.photoNotices) r.photoNotices << QString::fromStdString(n);
                r.photoNotices.removeDuplicates();
            }
        } catch (const std::exception& e) {
            r.error = QString::fromUtf8(e.what());
            r.complete = true;
        }
        return r;
    }));
}

void MapCanvas::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    if (!m_image.isNull()) {
        // Place the last image where its world extent lies in the current view (instant pan/zoom).
        const QPointF tl = m_view.toPixel(m_imageView.toWorld(QPointF(0, 0)));
        const QPointF br = m_view.toPixel(m_imageView.toWorld(QPointF(m_imageView.size().width(), m_imageView.size().height())));
        p.drawImage(QRectF(tl, br), m_image);
        if (m_swipe && !m_imageB.isNull()) {
            const double x = m_swipeFraction * width();
            p.save();
            p.setClipRect(QRectF(x, 0, width() - x, height()));
            p.drawImage(QRectF(tl, br), m_imageB);
            p.restore();
        }
    }
    if (!m_selection.empty()) {
        p.save();
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(QColor(255, 230, 0), 3));
        p.setBrush(QColor(255, 230, 0, 60));
        for (const auto& g : m_selection) p.drawPath(render::toPixelPath(g, m_view));
        p.restore();
    }
    if (m_swipe) {
        // The divider with a grip and the two years, so the sides are never confused.
        const double x = m_swipeFraction * width();
        p.save();
        p.setPen(QPen(Qt::white, 3));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
        p.setPen(QPen(Qt::black, 1));
        p.drawLine(QPointF(x, 0), QPointF(x, height()));
        p.setBrush(Qt::white);
        p.drawRoundedRect(QRectF(x - 7, height() / 2.0 - 18, 14, 36), 4, 4);
        QFont f = p.font();
        f.setBold(true);
        p.setFont(f);
        const auto label = [&](const QString& text, double lx) {
            const QRectF r(lx, 8, 60, 22);
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(255, 255, 255, 220));
            p.drawRect(r);
            p.setPen(Qt::black);
            p.drawText(r, Qt::AlignCenter, text);
        };
        label(QString::number(m_swipe->first), x - 68);
        label(QString::number(m_swipe->second), x + 8);
        p.restore();
    }
    if (m_boxZooming) {
        p.setPen(QPen(QColor(0, 120, 215), 1, Qt::DashLine));
        p.setBrush(QColor(0, 120, 215, 40));
        p.drawRect(QRect(m_pressPos, m_lastPos).normalized());
    }
    if (!m_highlight.isNull() || m_highlight.width() > 0 || m_highlight.height() > 0) {
        const QPointF a = m_view.toPixel(m_highlight.left(), m_highlight.bottom());
        const QPointF b = m_view.toPixel(m_highlight.right(), m_highlight.top());
        QRectF r = QRectF(a, b).normalized();
        if (r.width() < 8) r.adjust(-4, 0, 4, 0);
        if (r.height() < 8) r.adjust(0, -4, 0, 4);
        p.setPen(QPen(QColor(0, 200, 255), 2, Qt::DashLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(r);
    }
    if (!m_zone.empty()) {
        // The zone being drawn, with a rubber band to the cursor.
        QPolygonF px;
        for (const auto& w : m_zone) px << m_view.toPixel(w);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(QColor(213, 94, 0), 2));
        p.setBrush(QColor(213, 94, 0, 50));
        p.drawPolygon(px << m_view.toPixel(m_cursorWorld));
        p.setBrush(Qt::white);
        for (const auto& v : m_zone) p.drawRect(QRectF(m_view.toPixel(v) - QPointF(3, 3), QSizeF(6, 6)));
    }
    if (auto* t = activeTool()) t->paint(p);
    if (m_problem) {
        const QPointF c = m_view.toPixel(*m_problem);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(QPen(QColor(220, 0, 0), 3));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, 12, 12);
    }
    render::drawScaleBar(p, m_view, QPointF(10, height() - 10));
    render::drawNorthArrow(p, QRectF(width() - 40, 10, 30, 40));
}

void MapCanvas::resizeEvent(QResizeEvent*)
{
    // Until the analyst moves the map, a new window size shows the whole requested box.
    const QSize size(std::max(1, width()), std::max(1, height()));
    m_view = m_fitBox ? render::MapView(*m_fitBox, size) : m_view.resized(size);
    emit viewChanged();
    scheduleRender();
}

void MapCanvas::mousePressEvent(QMouseEvent* event)
{
    m_pressPos = m_lastPos = event->position().toPoint();
    m_closing = false;
    if (event->button() == Qt::LeftButton && m_swipe && std::abs(event->position().x() - m_swipeFraction * width()) <= 8) {
        m_swipeDragging = true;
        return;
    }
    if (auto* t = activeTool(); t && t->mousePress(event)) return;
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier) && m_tool != Tool::DrawZone) {
        m_boxZooming = true;
        return;
    }
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_tool == Tool::Pan)) {
        m_dragging = true;
        setCursor(Qt::ClosedHandCursor);
    }
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    m_cursorWorld = m_view.toWorld(event->position());
    emit cursorMoved(m_cursorWorld);
    if (m_tool == Tool::DrawZone && !m_zone.empty()) update();
    if (m_swipeDragging) {
        setSwipePosition(event->position().x() / std::max(1, width()));
        return;
    }
    if (auto* t = activeTool(); t && !m_dragging && !m_boxZooming && t->mouseMove(event)) return;
    if (m_boxZooming) {
        m_lastPos = pos;
        update();
        return;
    }
    if (m_dragging) {
        const QPoint d = pos - m_lastPos;
        m_lastPos = pos;
        // Only move the view; the image follows in paintEvent, rendering waits for release.
        m_view = m_view.panned(d.x(), d.y());
        m_fitBox.reset();
        update();
    }
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (m_swipeDragging) {
        m_swipeDragging = false;
        return;
    }
    if (auto* t = activeTool(); t && !m_dragging && !m_boxZooming && t->mouseRelease(event)) return;
    if (m_boxZooming) {
        m_boxZooming = false;
        const QRect r = QRect(m_pressPos, pos).normalized();
        update();
        if (r.width() < 4 || r.height() < 4) return;  // a shift-click, not a box
        const QPointF a = m_view.toWorld(QPointF(r.topLeft())), b = m_view.toWorld(QPointF(r.bottomRight()));
        setView(render::MapView({std::min(a.x(), b.x()), std::min(a.y(), b.y()), std::max(a.x(), b.x()), std::max(a.y(), b.y())},
                                QSize(std::max(1, width()), std::max(1, height()))));
        return;
    }
    if (m_dragging) {
        m_dragging = false;
        setCursor(Qt::OpenHandCursor);
        if ((pos - m_pressPos).manhattanLength() > 2) {
            emit viewChanged();
            scheduleRender();
            return;
        }
    }
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier) && m_tool != Tool::DrawZone) {
        emit selectRequested(m_view.toWorld(event->position()), 4 * m_view.resolution(), true);
        return;
    }
    if (event->button() == Qt::LeftButton && m_tool == Tool::Identify)
        emit identifyRequested(m_view.toWorld(event->position()), 4 * m_view.resolution());
    if (event->button() == Qt::LeftButton && m_tool == Tool::DrawZone) {
        if (m_closing) m_closing = false;
        else addZoneVertex(m_view.toWorld(event->position()));
    }
}

void MapCanvas::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0) return;
    setView(m_view.zoomed(std::pow(1.25, steps), event->position()));
}

void MapCanvas::keyPressEvent(QKeyEvent* event)
{
    if (auto* t = activeTool(); t && t->keyPress(event)) return;
    const double step = std::min(width(), height()) / 4.0;
    switch (event->key()) {
    case Qt::Key_Left: setView(m_view.panned(step, 0)); break;
    case Qt::Key_Right: setView(m_view.panned(-step, 0)); break;
    case Qt::Key_Up: setView(m_view.panned(0, step)); break;
    case Qt::Key_Down: setView(m_view.panned(0, -step)); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomIn(); break;
    case Qt::Key_Minus: zoomOut(); break;
    case Qt::Key_Home: zoomFull(); break;
    case Qt::Key_Return:
    case Qt::Key_Enter: finishZone(); break;
    case Qt::Key_Escape: cancelZone(); break;
    default: QWidget::keyPressEvent(event); return;
    }
}

void MapCanvas::setSwipe(std::optional<std::pair<int, int>> years)
{
    m_swipe = years;
    if (!m_swipe) m_imageB = QImage();
    update();
    scheduleRender();
}

void MapCanvas::setSwipePosition(double fraction)
{
    m_swipeFraction = std::clamp(fraction, 0.0, 1.0);
    update();  // both images are there: moving the divider needs no render
}

void MapCanvas::setSelection(std::vector<render::Geometry> world)
{
    m_selection = std::move(world);
    update();
}

void MapCanvas::dragEnterEvent(QDragEnterEvent* event)
{
    const auto urls = event->mimeData()->urls();
    if (std::any_of(urls.begin(), urls.end(), [](const QUrl& u) { return u.isLocalFile(); })) event->acceptProposedAction();
}

void MapCanvas::dropEvent(QDropEvent* event)
{
    QStringList files;
    for (const auto& url : event->mimeData()->urls())
        if (url.isLocalFile()) files << url.toLocalFile();
    if (files.isEmpty()) return;
    event->acceptProposedAction();
    emit filesDropped(files);
}

}  // namespace riskmap::desktop
