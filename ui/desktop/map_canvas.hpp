// SPDX-License-Identifier: GPL-3.0-or-later
// The map canvas: shows the last rendered image at once, renders the new view on a worker thread.
#pragma once

#include "canvas_tool.hpp"
#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/tiled_renderer.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QImage>
#include <QList>
#include <QThreadPool>
#include <QUndoStack>
#include <QWidget>

#include <atomic>
#include <functional>
#include <optional>
#include <memory>
#include <utility>
#include <vector>

namespace riskmap::desktop {

class MapCanvas : public QWidget {
    Q_OBJECT
public:
    enum class Tool { Pan, Identify, DrawZone, EditZone };

    explicit MapCanvas(QWidget* parent = nullptr);
    ~MapCanvas() override;

    /// Uses `renderer` (shared with nothing else on the GUI thread) and redraws.
    void setRenderer(std::shared_ptr<render::MapRenderer> renderer);
    void setLayers(std::vector<render::RenderLayer> layers);
    const std::vector<render::RenderLayer>& layers() const { return m_layers; }
    const render::MapView& view() const { return m_view; }
    void setView(const render::MapView& view);
    void zoomToBox(const gis::Box& box);
    void setFullExtent(const gis::Box& box) { m_fullExtent = box; }
    void setTool(Tool tool);
    /// Why the map lacks something it should show (an aerial photo drawn from the tile cache
    /// because its file is unreachable); empty when all is well.
    const QString& photoNotice() const { return m_photoNotice; }
    Tool tool() const { return m_tool; }
    /// The handler of Tool::EditZone (not owned; must outlive its use, nullptr to unset).
    void setEditTool(CanvasTool* tool) { m_editTool = tool; }
    /// `world` snapped by the snapper within the snapping tolerance (unchanged without one).
    QPointF snapped(QPointF world) const;
    /// Time of the last finished render in milliseconds.
    double lastRenderMs() const { return m_lastRenderMs; }
    /// A highlighted world box (search result, identified feature); empty to clear.
    void setHighlight(const QRectF& world);
    /// A marked problem spot (e.g. where a drawn zone crosses itself); nullopt clears it.
    void setProblemMarker(std::optional<QPointF> world);
    const std::optional<QPointF>& problemMarker() const { return m_problem; }

    /// Swipe: the aerial photo of `years->first` left of a vertical divider, of `years->second`
    /// right of it (everything else the same on both sides); nullopt switches it off. The divider
    /// is dragged with the mouse in any tool.
    void setSwipe(std::optional<std::pair<int, int>> years);
    const std::optional<std::pair<int, int>>& swipe() const { return m_swipe; }
    /// The divider's position as a fraction of the width (0..1).
    void setSwipePosition(double fraction);
    double swipePosition() const { return m_swipeFraction; }
    /// The last finished render of the right-hand side (null when swipe is off).
    const QImage& swipeImage() const { return m_imageB; }
    const QImage& image() const { return m_image; }

    /// Selected features (attribute table, identify) drawn outlined on top; empty clears.
    void setSelection(std::vector<render::Geometry> world);
    std::size_t selectionSize() const { return m_selection.size(); }

    /// Zone drawing: each click adds a vertex (snapped by the snapper, when set), a
    /// double-click or Enter closes the ring, Escape discards it; vertex additions are on
    /// undoStack() so Ctrl+Z / Ctrl+Y remove and restore them.
    using Snapper = std::function<QPointF(QPointF world, double toleranceMetres)>;
    void setSnapper(Snapper snapper) { m_snapper = std::move(snapper); }
    /// Snapping tolerance in pixels.
    void setSnapTolerance(double pixels) { m_snapPixels = pixels; }
    QUndoStack* undoStack() { return &m_undo; }
    const std::vector<QPointF>& zoneVertices() const { return m_zone; }
    /// Adds a vertex at a world position (snapped), as an undoable step.
    void addZoneVertex(QPointF world);
    void finishZone();
    void cancelZone();

public slots:
    void zoomIn();
    void zoomOut();
    void zoomFull();
    void refresh();

signals:
    void cursorMoved(QPointF world);
    void identifyRequested(QPointF world, double toleranceMetres);
    /// Ctrl+click (any tool but drawing): select the features at this spot.
    void selectRequested(QPointF world, double toleranceMetres, bool add);
    void renderFinished(double milliseconds);
    void viewChanged();
    void renderFailed(const QString& message);
    /// photoNotice() changed (checked after every finished render).
    void photoNoticeChanged(const QString& notice);
    /// A ring of at least 3 vertices was closed.
    void zoneFinished(const QList<QPointF>& ring);
    /// Local files were dropped on the map (to be imported).
    void filesDropped(const QStringList& files);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void scheduleRender();
    friend class AddVertexCommand;

    std::shared_ptr<render::MapRenderer> m_renderer;
    std::shared_ptr<render::TiledRenderer> m_tiles;  ///< the canvas's raster output: cached tiles of m_renderer
    std::vector<render::RenderLayer> m_layers;
    render::MapView m_view;
    std::optional<gis::Box> m_fullExtent;
    QImage m_image;             ///< the last finished render
    QString m_photoNotice;
    QImage m_imageB;            ///< the same with the swipe's second photo year
    std::optional<std::pair<int, int>> m_swipe;
    double m_swipeFraction = 0.5;
    bool m_swipeDragging = false;
    bool m_boxZooming = false;  ///< shift-drag draws a box to zoom to
    std::vector<render::Geometry> m_selection;
    render::MapView m_imageView;  ///< the view it shows
    std::shared_ptr<std::atomic<bool>> m_cancel;
    quint64 m_generation = 0;
    double m_lastRenderMs = 0;
    Tool m_tool = Tool::Pan;
    CanvasTool* m_editTool = nullptr;
    /// The edit tool when it is the active one.
    CanvasTool* activeTool() const { return m_tool == Tool::EditZone ? m_editTool : nullptr; }
    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_dragging = false;
    QRectF m_highlight;
    std::optional<gis::Box> m_fitBox;
    std::optional<QPointF> m_problem;
    std::vector<QPointF> m_zone;  ///< vertices of the zone being drawn (world)
    QUndoStack m_undo;
    Snapper m_snapper;
    double m_snapPixels = 8;
    QPointF m_cursorWorld;
    bool m_closing = false;  ///< a double-click closes; its release adds no vertex  ///< refit to this on resize until the user moves the map
    /// Renders run here, never on the global pool: Qt 6.4's raster engine hands parts of a large
    /// polygon fill to the global pool and waits for them, so renders filling that pool (two on a
    /// 2-core machine) waited for each other forever. Last member: destroyed (and waited for) first.
    QThreadPool m_renderPool;
};

}  // namespace riskmap::desktop
