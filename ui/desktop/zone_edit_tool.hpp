// SPDX-License-Identifier: GPL-3.0-or-later
// The "Zone bewerken" map tool: select a saved risk zone, drag, add and delete its vertices,
// move or delete it; every accepted edit is a new saved version and one undo step.
#pragma once

#include "canvas_tool.hpp"
#include "zone_edit_commands.hpp"

#include <QObject>
#include <QPoint>
#include <QUndoStack>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::desktop {

class MapCanvas;

class ZoneEditTool : public QObject, public CanvasTool {
    Q_OBJECT
public:
    /// Edits zones shown on `canvas`; call setWorkspacePath() before use.
    explicit ZoneEditTool(MapCanvas* canvas, QObject* parent = nullptr);

    /// The workspace written to (a writable connection per edit); clears selection and undo.
    void setWorkspacePath(const QString& path);
    /// Whether the attribute form and confirmations may open (off in tests and scripts).
    void setInteractive(bool interactive) { m_interactive = interactive; }
    QUndoStack* undoStack() { return &m_undo; }
    /// Snaps a dragged vertex (world, tolerance in metres, the zone to leave out); none: no snapping.
    using Snapper = std::function<QPointF(QPointF world, double tolerance, const std::string& skipZoneId)>;
    void setSnapper(Snapper snapper) { m_snapper = std::move(snapper); }

    /// Selects the smallest zone at a world position (a few pixels' tolerance); false when none.
    bool selectAt(QPointF world);
    bool selectZone(const std::string& zoneId);
    void clearSelection();
    const std::string& zoneId() const { return m_zoneId; }
    /// The selected zone's ring (open), including an unfinished drag's preview.
    const std::vector<QPointF>& ring() const { return m_ring; }
    const ZoneAttributes& attributes() const { return m_attributes; }

    /// The edits of the selected zone. Each validates with GEOS and saves a new version in
    /// one transaction, or is refused (false): the reason is in lastMessage(), a problem spot
    /// is marked on the map, the workspace is unchanged. Positions are used as given.
    bool moveVertex(int index, QPointF world);
    /// Inserts a vertex between `edge` and `edge + 1` (the last edge closes the ring).
    bool insertVertex(int edge, QPointF world);
    /// Refused when only three vertices are left.
    bool deleteVertex(int index);
    bool moveZone(QPointF offset);
    /// Deletes the zone with its history kept (see RiskZoneStore::remove); undo brings it back.
    bool deleteZone();
    bool setAttributes(const ZoneAttributes& attributes);
    /// Opens the attribute form on the selected zone (interactive only); saves when accepted.
    void editAttributes();
    const QString& lastMessage() const { return m_lastMessage; }

    bool mousePress(QMouseEvent* event) override;
    bool mouseMove(QMouseEvent* event) override;
    bool mouseRelease(QMouseEvent* event) override;
    bool mouseDoubleClick(QMouseEvent* event) override;
    bool keyPress(QKeyEvent* event) override;
    void paint(QPainter& painter) override;
    void deactivated() override;

signals:
    /// An edit, undo or redo was saved: the risicozones layer must be redrawn.
    void zonesChanged();
    void message(const QString& text);
    /// An edit was refused or could not be saved.
    void refused(const QString& text);

private:
    enum class Drag { None, Vertex, NewVertex, Zone };

    bool commit(const QString& text, std::optional<ZoneState> after);
    void write(const std::string& zoneId, const std::optional<ZoneState>& state);
    void refuse(const QString& text);
    int vertexAt(QPointF pixel) const;
    int midpointAt(QPointF pixel) const;
    /// The edge nearest to `pixel` within the handle distance, and the nearest point on it (world).
    int edgeAt(QPointF pixel, QPointF* foot) const;
    bool inside(QPointF world) const;
    QPointF snapped(QPointF world) const;

    MapCanvas* m_canvas;
    Snapper m_snapper;
    QUndoStack m_undo;
    QString m_path;
    bool m_interactive = true;
    QString m_lastMessage;
    std::string m_zoneId;
    std::vector<QPointF> m_ring;  ///< shown (may be a drag preview)
    std::vector<QPointF> m_saved; ///< as stored
    ZoneAttributes m_attributes;
    Drag m_drag = Drag::None;
    int m_dragIndex = -1;
    int m_hover = -1;
    QPointF m_pressWorld;
    QPoint m_pressPixel;
};

}  // namespace riskmap::desktop
