// SPDX-License-Identifier: GPL-3.0-or-later
// Everything about risk zones in the main window: drawing and saving new zones, the edit
// tool, the zone actions and one undo/redo pair for both tools.
#pragma once

#include "risk_zone_store.hpp"

#include <QList>
#include <QObject>
#include <QPointF>

#include <functional>
#include <string>
#include <vector>

class QAction;
class QUndoGroup;
class QWidget;

namespace riskmap::desktop {

class MapCanvas;
class ZoneEditTool;

class ZoneController : public QObject {
    Q_OBJECT
public:
    /// Works on `canvas`; dialogs (attribute form, confirmations) open over `dialogParent`.
    ZoneController(MapCanvas* canvas, QWidget* dialogParent);

    void setWorkspacePath(const QString& path);
    /// The connection snapping reads (the window's read-only one; may return nullptr): drawn
    /// corners snap to all features, dragged ones to all but the zone being edited.
    void setSnapWorkspace(std::function<gis::Workspace*()> workspace);
    void setInteractive(bool interactive);
    ZoneEditTool* editTool() const { return m_edit; }

    /// The actions the window places in its menus and toolbar (owned by the controller).
    struct Actions {
        QAction* draw;        ///< tool: draw a new zone
        QAction* edit;        ///< tool: select and edit a saved zone
        QAction* properties;  ///< the attribute form of the selected zone
        QAction* remove;      ///< delete the selected zone (history kept)
        QAction* undo;
        QAction* redo;
    };
    const Actions& actions() const { return m_actions; }

    /// Validates and saves a new zone; returns its zone_id, or empty when refused (reported
    /// through error(), the spot marked on the map).
    std::string saveZone(const std::vector<QPointF>& ring, const ZoneAttributes& attributes);

signals:
    void message(const QString& text);
    void error(const QString& text);
    /// A zone was saved, changed or deleted: the risicozones layer needs showing and redrawing.
    void zonesChanged();

private:
    void zoneFinished(const QList<QPointF>& ring);

    MapCanvas* m_canvas;
    QWidget* m_dialogParent;
    ZoneEditTool* m_edit;
    QUndoGroup* m_undoGroup;
    Actions m_actions{};
    QString m_path;
    bool m_interactive = true;
};

}  // namespace riskmap::desktop
