// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's main window: map canvas, layers, identify, attribute table and search.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include <QMainWindow>

#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTreeWidget;

namespace riskmap::desktop {

class AttributeFilterProxy;
class AttributeTableModel;
class LayersPanel;
class MapCanvas;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a workspace read-only and shows all its layers. Throws Error when it cannot.
    void openWorkspace(const QString& path);
    MapCanvas* canvas() const { return m_canvas; }
    /// Shows the attributes of `layer` in the table dock, filtered by `filter`.
    void showAttributeTable(const QString& layer, const QString& filter = {});
    /// The number of rows the table dock shows now.
    int visibleTableRows() const;
    /// Runs a search as typed in the toolbar (kind index as in the search combo); returns the hit count.
    int runSearch(int kind, const QString& text);
    /// Identifies at a world position and fills the identify dock; returns the hit count.
    int identifyAt(QPointF world, double tolerance);

private:
    void buildActions();
    void buildDocks();
    void updateCoordinates(QPointF world);
    void chooseWorkspace();
    void showError(const QString& message);

    std::optional<gis::Workspace> m_workspace;
    MapCanvas* m_canvas = nullptr;
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
    QLabel* m_coordLabel = nullptr;
    QLabel* m_scaleLabel = nullptr;
    QLabel* m_timeLabel = nullptr;
    class QDockWidget* m_tableDock = nullptr;
    class QDockWidget* m_identifyDock = nullptr;
};

}  // namespace riskmap::desktop
