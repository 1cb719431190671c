// SPDX-License-Identifier: GPL-3.0-or-later
// Zone actions and saving: new zones through the attribute form, edits through ZoneEditTool.
#include "zone_controller.hpp"

#include "feature_snap.hpp"
#include "map_canvas.hpp"
#include "zone_edit_tool.hpp"
#include "zone_form.hpp"

#include "riskmap/gis/workspace.hpp"

#include <QAction>
#include <QMessageBox>
#include <QUndoGroup>

namespace riskmap::desktop {

ZoneController::ZoneController(MapCanvas* canvas, QWidget* dialogParent)
    : QObject(dialogParent), m_canvas(canvas), m_dialogParent(dialogParent)
{
    m_edit = new ZoneEditTool(canvas, this);
    m_canvas->setEditTool(m_edit);
    connect(m_canvas, &MapCanvas::zoneFinished, this, &ZoneController::zoneFinished);
    connect(m_edit, &ZoneEditTool::message, this, &ZoneController::message);
    connect(m_edit, &ZoneEditTool::refused, this, &ZoneController::error);
    connect(m_edit, &ZoneEditTool::zonesChanged, this, &ZoneController::zonesChanged);

    // One Ctrl+Z for both tools: the stack of the tool last chosen is the active one.
    m_undoGroup = new QUndoGroup(this);
    m_undoGroup->addStack(m_canvas->undoStack());
    m_undoGroup->addStack(m_edit->undoStack());
    m_undoGroup->setActiveStack(m_canvas->undoStack());

    m_actions.draw = new QAction(tr("Draw risk zone"), this);
    m_actions.draw->setShortcut(QKeySequence(Qt::Key_Z));
    m_actions.draw->setToolTip(tr("Click the corners, double-click or Enter to close, Esc to discard; snaps to parcels and buildings"));
    connect(m_actions.draw, &QAction::triggered, this, [this] {
        m_canvas->setTool(MapCanvas::Tool::DrawZone);
        m_undoGroup->setActiveStack(m_canvas->undoStack());
    });
    m_actions.edit = new QAction(tr("Edit risk zone"), this);
    m_actions.edit->setShortcut(QKeySequence(Qt::Key_E));
    m_actions.edit->setToolTip(tr("Click a zone; drag a vertex or the whole zone, double-click an edge or drag its midpoint "
                                  "to add a vertex, right-click or Delete on a vertex to remove it"));
    connect(m_actions.edit, &QAction::triggered, this, [this] {
        m_canvas->setTool(MapCanvas::Tool::EditZone);
        m_undoGroup->setActiveStack(m_edit->undoStack());
    });
    for (auto* a : {m_actions.draw, m_actions.edit}) a->setCheckable(true);

    m_actions.properties = new QAction(tr("Risk zone attributes…"), this);
    connect(m_actions.properties, &QAction::triggered, m_edit, &ZoneEditTool::editAttributes);
    m_actions.remove = new QAction(tr("Delete risk zone"), this);
    m_actions.remove->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    connect(m_actions.remove, &QAction::triggered, this, [this] {
        if (m_edit->zoneId().empty()) return;
        if (m_interactive &&
            QMessageBox::question(m_dialogParent, tr("Delete risk zone"),
                                  tr("Delete zone %1? Its earlier versions stay in the history.")
                                      .arg(QString::fromStdString(m_edit->zoneId()))) != QMessageBox::Yes)
            return;
        m_edit->deleteZone();
    });
    m_actions.undo = m_undoGroup->createUndoAction(this, tr("Undo"));
    m_actions.undo->setShortcut(QKeySequence::Undo);
    m_actions.redo = m_undoGroup->createRedoAction(this, tr("Redo"));
    m_actions.redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
}

void ZoneController::setWorkspacePath(const QString& path)
{
    m_path = path;
    m_edit->setWorkspacePath(path);
}

void ZoneController::setSnapWorkspace(std::function<gis::Workspace*()> workspace)
{
    m_canvas->setSnapper([workspace](QPointF w, double tolerance) {
        auto* ws = workspace();
        return ws ? snapToFeatures(*ws, w, tolerance) : w;
    });
    m_edit->setSnapper([workspace](QPointF w, double tolerance, const std::string& skip) {
        auto* ws = workspace();
        return ws ? snapToFeatures(*ws, w, tolerance, skip) : w;
    });
}

void ZoneController::setInteractive(bool interactive)
{
    m_interactive = interactive;
    m_edit->setInteractive(interactive);
}

std::string ZoneController::saveZone(const std::vector<QPointF>& ring, const ZoneAttributes& attributes)
{
    if (m_path.isEmpty()) return {};
    const auto check = validateZone(ring);
    if (!check.valid) {
        if (check.x && check.y) m_canvas->setProblemMarker(QPointF(*check.x, *check.y));
        emit error(tr("Zone not saved: %1").arg(QString::fromStdString(check.reason)));
        return {};
    }
    m_canvas->setProblemMarker(std::nullopt);
    try {
        // A separate writable connection: the window's read-only one keeps serving the table and identify.
        auto ws = gis::Workspace::open(m_path.toStdString(), false);
        RiskZoneStore store(ws);
        const std::string id = store.insert(ring, attributes);
        emit message(tr("Zone %1 saved").arg(QString::fromStdString(id)));
        emit zonesChanged();
        return id;
    } catch (const std::exception& e) {
        emit error(QString::fromUtf8(e.what()));
        return {};
    }
}

void ZoneController::zoneFinished(const QList<QPointF>& ring)
{
    const std::vector<QPointF> vertices(ring.begin(), ring.end());
    if (!validateZone(vertices).valid) {
        saveZone(vertices, {});  // marks the spot and reports, saves nothing
        return;
    }
    ZoneAttributes attributes;
    attributes.naam = "Nieuwe zone";
    if (m_interactive) {
        ZoneForm form(m_dialogParent);
        if (form.exec() != QDialog::Accepted) return;
        attributes = form.attributes();
    }
    saveZone(vertices, attributes);
}

}  // namespace riskmap::desktop
