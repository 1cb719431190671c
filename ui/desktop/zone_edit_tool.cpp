// SPDX-License-Identifier: GPL-3.0-or-later
// Zone editing on the map: hit-testing of vertex and midpoint handles, drag previews, and the
// validate-save-push sequence that makes every accepted edit one saved version and one undo step.
#include "zone_edit_tool.hpp"

#include "map_canvas.hpp"
#include "zone_form.hpp"

#include "riskmap/gis/workspace.hpp"

#include <QKeyEvent>
#include <QLineF>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPainter>
#include <QPolygonF>

#include <cmath>

namespace riskmap::desktop {
namespace {

constexpr double kHandlePixels = 8;  ///< how close the cursor must be to a handle

double distance(QPointF a, QPointF b) { return std::hypot(a.x() - b.x(), a.y() - b.y()); }

}  // namespace

ZoneEditTool::ZoneEditTool(MapCanvas* canvas, QObject* parent) : QObject(parent), m_canvas(canvas) {}

void ZoneEditTool::setWorkspacePath(const QString& path)
{
    m_path = path;
    m_undo.clear();
    clearSelection();
}

bool ZoneEditTool::selectAt(QPointF world)
{
    if (m_path.isEmpty()) return false;
    std::string id;
    try {
        auto ws = gis::Workspace::open(m_path.toStdString(), true);
        id = zoneAt(ws, world, kHandlePixels / 2 * m_canvas->view().resolution());
    } catch (const std::exception& e) {
        refuse(QString::fromUtf8(e.what()));
        return false;
    }
    if (id.empty()) {
        clearSelection();
        return false;
    }
    return selectZone(id);
}

bool ZoneEditTool::selectZone(const std::string& zoneId)
{
    std::optional<StoredZone> zone;
    try {
        auto ws = gis::Workspace::open(m_path.toStdString(), true);
        zone = loadZone(ws, zoneId);
    } catch (const std::exception& e) {
        refuse(QString::fromUtf8(e.what()));
        return false;
    }
    if (!zone) {
        clearSelection();
        return false;
    }
    m_zoneId = zoneId;
    m_ring = m_saved = zone->ring;
    m_attributes = zone->attributes;
    m_drag = Drag::None;
    m_hover = -1;
    m_lastMessage = tr("Zone %1 selected (version %2): drag a vertex or the zone, double-click an edge to add a vertex, "
                       "right-click a vertex to delete it")
                        .arg(QString::fromStdString(zoneId))
                        .arg(zone->versie);
    emit message(m_lastMessage);
    m_canvas->update();
    return true;
}

void ZoneEditTool::clearSelection()
{
    m_zoneId.clear();
    m_ring.clear();
    m_saved.clear();
    m_attributes = {};
    m_drag = Drag::None;
    m_hover = -1;
    m_canvas->update();
}

bool ZoneEditTool::moveVertex(int index, QPointF world)
{
    if (index < 0 || index >= static_cast<int>(m_saved.size())) return false;
    auto ring = m_saved;
    ring[static_cast<std::size_t>(index)] = world;
    return commit(tr("move vertex"), ZoneState{ring, m_attributes});
}

bool ZoneEditTool::insertVertex(int edge, QPointF world)
{
    if (edge < 0 || edge >= static_cast<int>(m_saved.size())) return false;
    auto ring = m_saved;
    ring.insert(ring.begin() + edge + 1, world);
    return commit(tr("add vertex"), ZoneState{ring, m_attributes});
}

bool ZoneEditTool::deleteVertex(int index)
{
    if (index < 0 || index >= static_cast<int>(m_saved.size())) return false;
    if (m_saved.size() <= 3) {
        refuse(tr("Vertex not deleted: a zone keeps at least three vertices"));
        return false;
    }
    auto ring = m_saved;
    ring.erase(ring.begin() + index);
    return commit(tr("delete vertex"), ZoneState{ring, m_attributes});
}

bool ZoneEditTool::moveZone(QPointF offset)
{
    auto ring = m_saved;
    for (auto& p : ring) p += offset;
    return commit(tr("move zone"), ZoneState{ring, m_attributes});
}

bool ZoneEditTool::deleteZone() { return commit(tr("delete zone"), std::nullopt); }

bool ZoneEditTool::setAttributes(const ZoneAttributes& attributes)
{
    return commit(tr("zone attributes"), ZoneState{m_saved, attributes});
}

void ZoneEditTool::editAttributes()
{
    if (m_zoneId.empty() || !m_interactive) return;
    ZoneForm form(m_canvas);
    form.setAttributes(m_attributes);
    if (form.exec() == QDialog::Accepted) setAttributes(form.attributes());
}

bool ZoneEditTool::commit(const QString& text, std::optional<ZoneState> after)
{
    m_ring = m_saved;  // a refused drag snaps back; an accepted one is set below
    if (m_zoneId.empty() || m_path.isEmpty()) {
        refuse(tr("No zone selected"));
        return false;
    }
    if (after) {
        const auto check = validateZone(after->ring);
        if (!check.valid) {
            QString where;
            if (check.x && check.y) {
                m_canvas->setProblemMarker(QPointF(*check.x, *check.y));
                where = tr(" at RD %1, %2").arg(*check.x, 0, 'f', 1).arg(*check.y, 0, 'f', 1);
            }
            refuse(tr("Edit not saved: %1%2").arg(QString::fromStdString(check.reason), where));
            return false;
        }
    }
    // A drag that snapped back onto where it started is no edit: no version, no undo step.
    if (after && after->ring == m_saved && after->attributes == m_attributes) return true;
    const std::string id = m_zoneId;
    ZoneState before{m_saved, m_attributes};
    try {
        auto ws = gis::Workspace::open(m_path.toStdString(), false);
        RiskZoneStore store(ws);
        if (after) store.update(id, after->ring, after->attributes);
        else store.remove(id);
    } catch (const std::exception& e) {
        refuse(QString::fromUtf8(e.what()));
        return false;
    }
    m_canvas->setProblemMarker(std::nullopt);
    m_undo.push(new ZoneVersionCommand(text, id, std::move(before), after,
                                       [this](const std::string& z, const std::optional<ZoneState>& s) { write(z, s); }));
    if (after) {
        m_ring = m_saved = after->ring;
        m_attributes = after->attributes;
        m_lastMessage = tr("Zone %1 saved: %2").arg(QString::fromStdString(id), text);
    } else {
        clearSelection();
        m_lastMessage = tr("Zone %1 deleted; its earlier versions are kept").arg(QString::fromStdString(id));
    }
    emit message(m_lastMessage);
    emit zonesChanged();
    return true;
}

void ZoneEditTool::write(const std::string& zoneId, const std::optional<ZoneState>& state)
{
    try {
        auto ws = gis::Workspace::open(m_path.toStdString(), false);
        RiskZoneStore store(ws);
        const bool exists = loadZone(ws, zoneId).has_value();
        if (!state) store.remove(zoneId);
        else if (exists) store.update(zoneId, state->ring, state->attributes);
        else store.reinstate(zoneId, state->ring, state->attributes);
    } catch (const std::exception& e) {
        refuse(QString::fromUtf8(e.what()));
        return;
    }
    // The undone or redone zone becomes the selection, so the analyst sees what changed.
    m_canvas->setProblemMarker(std::nullopt);
    if (state) {
        m_zoneId = zoneId;
        m_ring = m_saved = state->ring;
        m_attributes = state->attributes;
        m_drag = Drag::None;
        m_hover = -1;
        m_canvas->update();
    } else if (m_zoneId == zoneId) {
        clearSelection();
    }
    m_lastMessage = tr("Zone %1 saved").arg(QString::fromStdString(zoneId));
    emit message(m_lastMessage);
    emit zonesChanged();
}

void ZoneEditTool::refuse(const QString& text)
{
    m_lastMessage = text;
    m_canvas->update();
    emit refused(text);
}

int ZoneEditTool::vertexAt(QPointF pixel) const
{
    int best = -1;
    double bestDistance = kHandlePixels;
    for (std::size_t i = 0; i < m_ring.size(); ++i) {
        const double d = distance(m_canvas->view().toPixel(m_ring[i]), pixel);
        if (d <= bestDistance) bestDistance = d, best = static_cast<int>(i);
    }
    return best;
}

int ZoneEditTool::midpointAt(QPointF pixel) const
{
    for (std::size_t i = 0; i < m_ring.size(); ++i) {
        const QPointF mid = (m_ring[i] + m_ring[(i + 1) % m_ring.size()]) / 2;
        if (distance(m_canvas->view().toPixel(mid), pixel) <= kHandlePixels / 2 + 1) return static_cast<int>(i);
    }
    return -1;
}

int ZoneEditTool::edgeAt(QPointF pixel, QPointF* foot) const
{
    int best = -1;
    double bestDistance = kHandlePixels;
    for (std::size_t i = 0; i < m_ring.size(); ++i) {
        const QPointF a = m_canvas->view().toPixel(m_ring[i]);
        const QPointF ab = m_canvas->view().toPixel(m_ring[(i + 1) % m_ring.size()]) - a;
        const double len2 = QPointF::dotProduct(ab, ab);
        const double t = len2 > 0 ? std::clamp(QPointF::dotProduct(pixel - a, ab) / len2, 0.0, 1.0) : 0.0;
        const QPointF q = a + t * ab;
        const double d = distance(q, pixel);
        if (d <= bestDistance) {
            bestDistance = d, best = static_cast<int>(i);
            if (foot) *foot = m_canvas->view().toWorld(q);
        }
    }
    return best;
}

QPointF ZoneEditTool::snapped(QPointF world) const
{
    return m_snapper ? m_snapper(world, kHandlePixels * m_canvas->view().resolution(), m_zoneId) : world;
}

bool ZoneEditTool::inside(QPointF world) const
{
    QPolygonF polygon;
    for (const auto& p : m_ring) polygon << p;
    return polygon.containsPoint(world, Qt::OddEvenFill);
}

bool ZoneEditTool::mousePress(QMouseEvent* event)
{
    if (event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) return false;  // box zoom, select
    const QPointF pixel = event->position();
    const QPointF world = m_canvas->view().toWorld(pixel);
    if (event->button() == Qt::RightButton) {
        const int v = vertexAt(pixel);
        if (v < 0) return false;
        deleteVertex(v);
        return true;
    }
    if (event->button() != Qt::LeftButton) return false;
    m_pressWorld = world;
    m_pressPixel = pixel.toPoint();
    if (!m_zoneId.empty()) {
        if (const int v = vertexAt(pixel); v >= 0) {
            m_drag = Drag::Vertex, m_dragIndex = v;
            return true;
        }
        if (const int e = midpointAt(pixel); e >= 0) {
            // A new vertex at the edge's midpoint, dragged until release.
            m_drag = Drag::NewVertex, m_dragIndex = e + 1;
            m_ring.insert(m_ring.begin() + e + 1, (m_ring[static_cast<std::size_t>(e)] + m_ring[static_cast<std::size_t>(e + 1) % m_ring.size()]) / 2);
            m_canvas->update();
            return true;
        }
        if (inside(world) || edgeAt(pixel, nullptr) >= 0) {
            m_drag = Drag::Zone;
            return true;
        }
    }
    selectAt(world);
    return true;
}

bool ZoneEditTool::mouseMove(QMouseEvent* event)
{
    const QPointF pixel = event->position();
    const QPointF world = m_canvas->view().toWorld(pixel);
    switch (m_drag) {
    case Drag::None: {
        const int hover = vertexAt(pixel);
        if (hover != m_hover) m_hover = hover, m_canvas->update();
        if (!m_zoneId.empty())
            m_canvas->setCursor(hover >= 0 || midpointAt(pixel) >= 0 ? Qt::PointingHandCursor
                                : inside(world)                      ? Qt::SizeAllCursor
                                                                     : Qt::CrossCursor);
        return false;
    }
    case Drag::Vertex:
    case Drag::NewVertex:
        // Snapping applies while dragging: the vertex jumps onto nearby corners and edges.
        m_ring[static_cast<std::size_t>(m_dragIndex)] = snapped(world);
        break;
    case Drag::Zone:
        m_ring = m_saved;
        for (auto& p : m_ring) p += world - m_pressWorld;
        break;
    }
    m_canvas->update();
    return true;
}

bool ZoneEditTool::mouseRelease(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_drag == Drag::None) return event->button() == Qt::LeftButton && !(event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
    const Drag drag = m_drag;
    m_drag = Drag::None;
    const bool moved = (event->position().toPoint() - m_pressPixel).manhattanLength() > 2;
    const QPointF world = m_canvas->view().toWorld(event->position());
    const auto index = static_cast<std::size_t>(m_dragIndex);
    switch (drag) {
    case Drag::Vertex:
        if (moved) moveVertex(m_dragIndex, snapped(world));
        else m_ring = m_saved;
        break;
    case Drag::NewVertex:
        // A click on the midpoint handle adds the midpoint; a drag puts it where released.
        insertVertex(m_dragIndex - 1, moved ? snapped(world) : m_ring[index]);
        break;
    case Drag::Zone:
        if (moved) moveZone(world - m_pressWorld);
        else m_ring = m_saved;
        break;
    case Drag::None: break;
    }
    m_canvas->update();
    return true;
}

bool ZoneEditTool::mouseDoubleClick(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_zoneId.empty()) return false;
    const QPointF pixel = event->position();
    QPointF foot;
    if (vertexAt(pixel) >= 0) return true;
    if (const int e = edgeAt(pixel, &foot); e >= 0) {
        insertVertex(e, snapped(foot));
        return true;
    }
    if (inside(m_canvas->view().toWorld(pixel))) {
        editAttributes();
        return true;
    }
    return false;
}

bool ZoneEditTool::keyPress(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Delete:
    case Qt::Key_Backspace:
        if (m_hover >= 0) {
            deleteVertex(m_hover);
            m_hover = -1;
            return true;
        }
        return false;
    case Qt::Key_Escape:
        if (m_drag != Drag::None) {
            m_drag = Drag::None;
            m_ring = m_saved;
            m_canvas->update();
        } else {
            clearSelection();
        }
        return true;
    default: return false;
    }
}

void ZoneEditTool::paint(QPainter& p)
{
    if (m_ring.empty()) return;
    const auto& view = m_canvas->view();
    QPolygonF px;
    for (const auto& w : m_ring) px << view.toPixel(w);
    p.save();
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(Qt::white, 5));
    p.setBrush(Qt::NoBrush);
    p.drawPolygon(px);
    p.setPen(QPen(QColor(213, 94, 0), 2.5));
    p.setBrush(QColor(213, 94, 0, 40));
    p.drawPolygon(px);
    // Midpoint handles (add a vertex) as small circles, vertices as squares.
    p.setPen(QPen(QColor(213, 94, 0), 1.5));
    p.setBrush(Qt::white);
    for (int i = 0; i < px.size(); ++i) p.drawEllipse((px[i] + px[(i + 1) % px.size()]) / 2, 3.5, 3.5);
    p.setPen(QPen(Qt::black, 1.5));
    for (int i = 0; i < px.size(); ++i) {
        p.setBrush(i == m_hover || (m_drag != Drag::None && i == m_dragIndex && m_drag != Drag::Zone) ? QColor(220, 0, 0) : QColor(Qt::white));
        p.drawRect(QRectF(px[i] - QPointF(4.5, 4.5), QSizeF(9, 9)));
    }
    p.restore();
}

void ZoneEditTool::deactivated()
{
    // Another tool: the selection goes, the undo history stays (it is in the workspace anyway).
    clearSelection();
    m_canvas->setProblemMarker(std::nullopt);
}

}  // namespace riskmap::desktop
