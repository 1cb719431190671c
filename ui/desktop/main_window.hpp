// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's main window: map canvas, layers, identify, attribute table and search.
#pragma once

#include "view_audit.hpp"

#include "job_runner.hpp"
#include "risk_zone_store.hpp"
#include "riskmap/gis/workspace.hpp"

#include <QMainWindow>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <QList>
#include <QPointF>
#include <QStringList>

class QAction;
class QComboBox;
class QTextBrowser;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeWidget;

namespace riskmap::desktop {

class AttributeFilterProxy;
class AttributeTableModel;
class LayersPanel;
class MapCanvas;
class ZoneController;
class PlannerPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace read-only and shows all its layers. Throws Error when it cannot.
    void openWorkspace(const QString& path);
    MapCanvas* canvas() const { return m_canvas; }
    /// The Controleplanner dock's panel.
    PlannerPanel* planner() const { return m_planner; }
    /// Shows the attributes of `layer` in the table dock, filtered by `filter`.
    void showAttributeTable(const QString& layer, const QString& filter = {});
    /// The number of rows the table dock shows now.
    int visibleTableRows() const;
    /// Runs a search as typed in the toolbar (kind index as in the search combo); returns the hit count.
    int runSearch(int kind, const QString& text);
    /// Identifies at a world position and fills the identify dock; returns the hit count.
    int identifyAt(QPointF world, double tolerance);

    /// Snaps to the features of the open workspace (see snapToFeatures in feature_snap.hpp).
    QPointF snapToFeatures(QPointF world, double tolerance);
    /// Validates and saves a drawn zone (writable connection, one transaction); returns its
    /// zone_id, or empty when refused (the reason is in lastMessage() and marked on the map).
    std::string saveZone(const std::vector<QPointF>& ring, const ZoneAttributes& attributes);
    /// Drawing, editing and saving risk zones, with their actions and undo stacks.
    ZoneController* zones() const { return m_zones; }
    /// Whether dialogs may open (zone form, error boxes); off in tests and scripts, where a
    /// closed zone gets default attributes and errors go to the status bar and lastMessage().
    void setInteractive(bool interactive);
    /// The doelbinding recorded with every view of a confidential layer (`--purpose`).
    void setViewPurpose(const QString& purpose);
    const QString& lastMessage() const { return m_lastMessage; }

    /// The project file whose mappings and settings Import, Build and Plan use (empty: defaults).
    void setProjectFile(const QString& path) { m_projectPath = path; }
    /// The runner of the long jobs (one at a time, worker thread, progress dialog, cancel).
    JobRunner* jobs() const { return m_jobs; }
    /// Starts importing `files` (aerial photos of `photoYear`); false when busy or no workspace.
    bool startImport(const QStringList& files, std::optional<int> photoYear = std::nullopt);
    /// Starts every build step (risk map, opportunity map, ...); false when busy or no workspace.
    bool startBuild();
    /// Starts planning the inspections of `year`; false when busy or no workspace.
    bool startPlan(int year);
    /// Shows only the named layers (others stay in the list, unticked).
    void showOnlyLayers(const QStringList& names);
    /// Years of the registered aerial photos (rk_rasters, layer luchtfoto), oldest first.
    std::vector<int> photoYears();
    /// Shows the aerial photo of `year` as base layer.
    void setPhotoYear(int year);
    /// Swipe between the chosen photo year (left) and `otherYear` (right); off when `on` is false.
    void setSwipe(bool on, int otherYear = 0);
    /// The identify panel's explanation of the first parcel found, as plain text (empty when none).
    QString identifyText() const;
    /// Zooms to the full extent of one layer.
    void zoomToLayer(const std::string& layer);
    /// Zooms to the rows selected in the attribute table; false when nothing is selected.
    bool zoomToSelection();
    /// Selects the table rows of these fids (the table's layer), and highlights them on the map.
    void selectFids(const std::vector<std::int64_t>& fids);
    /// The fids of the selected table rows.
    std::vector<std::int64_t> selectedFids() const;
    /// Selects the features of the table's layer at a map position (Ctrl+click); returns how many.
    int selectAt(QPointF world, double tolerance, bool add);
    /// Writes the selected table rows to CSV; false (message in lastMessage()) when nothing is selected or on error.
    bool exportSelection(const QString& path);
    /// Re-reads the workspace's layers after a job, keeping the view and the settings of known layers.
    void reloadWorkspace();

private:
    void buildActions();
    void buildDocks();
    void updateCoordinates(QPointF world);
    void chooseWorkspace();
    void showError(const QString& message);
    void showLayerIfNew(const std::string& name);
    /// After a zone edit: the table and identify dock show the saved version, not the one before.
    void refreshAfterZoneEdit();
    /// Reloads the table dock's layer from the workspace, keeping its filter (no new audit entry: same view).
    void reloadAttributeTable(const QString& layer, const QString& filter);
    void chooseImportFiles();
    void askPlanYear();
    void chooseProjectFile();
    void importDropped(const QStringList& files);
    void refreshPhotoYears();
    void tableSelectionChanged();
    void jobFinished(const QString& title, const JobOutcome& outcome);
    void chooseExport();

    std::optional<gis::Workspace> m_workspace;
    std::optional<ViewAudit> m_viewAudit;
    QString m_viewPurpose;
    void auditVisibleLayers(const char* how);
    QString m_workspacePath;
    QString m_projectPath;
    JobRunner* m_jobs = nullptr;
    bool m_interactive = true;
    QString m_lastMessage;
    std::optional<std::pair<QPointF, double>> m_lastIdentify;  ///< where and with what tolerance
    MapCanvas* m_canvas = nullptr;
    ZoneController* m_zones = nullptr;
    LayersPanel* m_layersPanel = nullptr;
    QTreeWidget* m_identifyTree = nullptr;
    QComboBox* m_tableLayer = nullptr;
    QLineEdit* m_tableFilter = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_tableCount = nullptr;
    AttributeTableModel* m_tableModel = nullptr;
    AttributeFilterProxy* m_tableProxy = nullptr;
    QComboBox* m_searchKind = nullptr;
    QLineEdit* m_searchText = nullptr;
    QTextBrowser* m_identifyHtml = nullptr;
    QComboBox* m_photoYear = nullptr;
    QComboBox* m_swipeYear = nullptr;
    QAction* m_swipeAction = nullptr;
    QLabel* m_coordLabel = nullptr;
    QLabel* m_scaleLabel = nullptr;
    QLabel* m_timeLabel = nullptr;
    QLabel* m_photoNoticeLabel = nullptr;  ///< shown while a photo comes from the tile cache
    class QDockWidget* m_tableDock = nullptr;
    class QDockWidget* m_identifyDock = nullptr;
    class QDockWidget* m_plannerDock = nullptr;
    PlannerPanel* m_planner = nullptr;
};

}  // namespace riskmap::desktop
