// SPDX-License-Identifier: GPL-3.0-or-later
// Wiring of the main window: actions and shortcuts, docks, search and identify.
#include "main_window.hpp"

#include "app_jobs.hpp"
#include "export_dialog.hpp"
#include "planner_panel.hpp"
#include "attribute_table_model.hpp"
#include "feature_identify.hpp"
#include "feature_search.hpp"
#include "layers_panel.hpp"
#include "map_canvas.hpp"
#include "parcel_explanation.hpp"
#include "selection_export.hpp"
#include "riskmap/layers/export_profile.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "feature_snap.hpp"
#include "zone_controller.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/crs_transform.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/render/wkb_geometry.hpp"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QItemSelectionModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace riskmap::desktop {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("Risicokaart"));
    m_canvas = new MapCanvas(this);
    setCentralWidget(m_canvas);
    m_jobs = new JobRunner(this);
    m_zones = new ZoneController(m_canvas, this);
    connect(m_zones, &ZoneController::error, this, &MainWindow::showError);
    connect(m_zones, &ZoneController::zonesChanged, this, [this] {
        showLayerIfNew("risicozones");
        refreshAfterZoneEdit();
    });
    connect(m_zones, &ZoneController::message, this, [this](const QString& text) {
        m_lastMessage = text;
        statusBar()->showMessage(text, 8000);
    });
    buildDocks();
    buildActions();
    m_coordLabel = new QLabel(this);
    m_scaleLabel = new QLabel(this);
    m_timeLabel = new QLabel(this);
    statusBar()->addWidget(m_coordLabel, 1);
    statusBar()->addPermanentWidget(m_scaleLabel);
    statusBar()->addPermanentWidget(m_timeLabel);
    connect(m_canvas, &MapCanvas::cursorMoved, this, &MainWindow::updateCoordinates);
    connect(m_canvas, &MapCanvas::viewChanged, this, [this] {
        m_scaleLabel->setText(tr("scale 1:%1").arg(qRound64(m_canvas->view().scaleDenominator(logicalDpiX()))));
    });
    connect(m_canvas, &MapCanvas::renderFinished, this, [this](double ms) {
        m_timeLabel->setText(tr("drawn in %1 ms").arg(ms, 0, 'f', 0));
    });
    connect(m_canvas, &MapCanvas::renderFailed, this, &MainWindow::showError);
    m_photoNoticeLabel = new QLabel(this);
    m_photoNoticeLabel->setObjectName(QStringLiteral("photoNotice"));
    m_photoNoticeLabel->setStyleSheet(QStringLiteral("color: #a04000; font-weight: bold"));
    m_photoNoticeLabel->hide();
    statusBar()->addPermanentWidget(m_photoNoticeLabel);
    connect(m_canvas, &MapCanvas::photoNoticeChanged, this, [this](const QString& notice) {
        m_photoNoticeLabel->setText(notice);
        m_photoNoticeLabel->setToolTip(notice);
        m_photoNoticeLabel->setVisible(!notice.isEmpty());
    });
    connect(m_canvas, &MapCanvas::identifyRequested, this, [this](QPointF w, double tol) { identifyAt(w, tol); });
    connect(m_canvas, &MapCanvas::selectRequested, this, [this](QPointF w, double tol, bool add) { selectAt(w, tol, add); });
    connect(m_canvas, &MapCanvas::filesDropped, this, &MainWindow::importDropped);
    connect(m_jobs, &JobRunner::finished, this, &MainWindow::jobFinished);
    m_zones->setSnapWorkspace([this] { return m_workspace ? &*m_workspace : nullptr; });
    resize(1280, 860);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildDocks()
{
    auto* layersDock = new QDockWidget(tr("Layers"), this);
    layersDock->setObjectName("lagen");
    m_layersPanel = new LayersPanel(layersDock);
    layersDock->setWidget(m_layersPanel);
    addDockWidget(Qt::LeftDockWidgetArea, layersDock);
    connect(m_layersPanel, &LayersPanel::layersChanged, this, [this] {
        m_canvas->setLayers(m_layersPanel->layers());
        auditVisibleLayers("kaart");
    });

    m_identifyDock = new QDockWidget(tr("Identify"), this);
    m_identifyDock->setObjectName("identificeren");
    auto* identifySplit = new QSplitter(Qt::Vertical, m_identifyDock);
    m_identifyHtml = new QTextBrowser(identifySplit);
    m_identifyHtml->setMinimumHeight(120);
    m_identifyHtml->hide();
    m_identifyTree = new QTreeWidget(identifySplit);
    m_identifyTree->setHeaderLabels({tr("Field"), tr("Value")});
    m_identifyDock->setWidget(identifySplit);
    addDockWidget(Qt::RightDockWidgetArea, m_identifyDock);

    // The inspection planner (planner_panel.cpp): a control chosen there is shown on the map.
    m_planner = new PlannerPanel(m_jobs, this);
    m_planner->setProjectSource([this] { return m_projectPath; });
    m_plannerDock = new QDockWidget(tr("Inspection planner"), this);
    m_plannerDock->setObjectName("controleplanner");
    m_plannerDock->setWidget(m_planner);
    addDockWidget(Qt::RightDockWidgetArea, m_plannerDock);
    tabifyDockWidget(m_identifyDock, m_plannerDock);
    connect(m_planner, &PlannerPanel::showOnMap, this, [this](const gis::Box& box, const std::vector<render::Geometry>& shapes) {
        m_canvas->setSelection(shapes);
        m_canvas->zoomToBox(box);
    });

    m_tableDock = new QDockWidget(tr("Attribute table"), this);
    m_tableDock->setObjectName("attribuuttabel");
    auto* tableWidget = new QWidget(m_tableDock);
    auto* v = new QVBoxLayout(tableWidget);
    auto* top = new QHBoxLayout;
    m_tableLayer = new QComboBox(tableWidget);
    m_tableFilter = new QLineEdit(tableWidget);
    m_tableFilter->setPlaceholderText(tr("Filter, e.g. risico_klasse >= 4 or naam ~ 'bakker' or free text"));
    m_tableFilter->setClearButtonEnabled(true);
    m_tableCount = new QLabel(tableWidget);
    top->addWidget(m_tableLayer);
    top->addWidget(m_tableFilter, 1);
    top->addWidget(m_tableCount);
    auto* exportButton = new QPushButton(tr("Export selection…"), tableWidget);
    exportButton->setToolTip(tr("Write the selected rows to a CSV file (semicolon, UTF-8)"));
    top->addWidget(exportButton);
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export selection"), m_tableLayer->currentText() + ".csv",
                                                          tr("CSV (*.csv)"));
        if (!path.isEmpty() && exportSelection(path)) statusBar()->showMessage(m_lastMessage, 8000);
        else if (!path.isEmpty()) showError(m_lastMessage);
    });
    v->addLayout(top);
    m_table = new QTableView(tableWidget);
    m_tableModel = new AttributeTableModel(this);
    m_tableProxy = new AttributeFilterProxy(this);
    m_tableProxy->setSourceModel(m_tableModel);
    m_table->setModel(m_tableProxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(0, Qt::AscendingOrder);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    v->addWidget(m_table);
    m_tableDock->setWidget(tableWidget);
    addDockWidget(Qt::BottomDockWidgetArea, m_tableDock);

    connect(m_tableLayer, &QComboBox::currentTextChanged, this, [this](const QString& layer) {
        if (!layer.isEmpty()) showAttributeTable(layer, m_tableFilter->text());
    });
    connect(m_tableFilter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_tableProxy->setFilterText(text);
        m_tableCount->setText(tr("%1 of %2").arg(m_tableProxy->rowCount()).arg(m_tableModel->rowCount()));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::tableSelectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const int row = m_tableProxy->mapToSource(index).row();
        const QRectF b = m_tableModel->bounds(row);
        if (b.isNull() && b.width() == 0 && b.left() == 0) return;
        m_canvas->setHighlight(b);
        m_canvas->zoomToBox({b.left(), b.top(), b.right(), b.bottom()});
    });
}

void MainWindow::buildActions()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    auto* open = file->addAction(tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Export…"), this, &MainWindow::chooseExport);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto* run = menuBar()->addMenu(tr("&Run"));
    auto* importAction = run->addAction(tr("&Import…"), this, &MainWindow::chooseImportFiles);
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    importAction->setToolTip(tr("Import source files into the workspace; you can also drop files on the map"));
    auto* buildAction = run->addAction(tr("&Build maps"), this, [this] { startBuild(); });
    buildAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    run->addAction(tr("&Plan inspections…"), this, &MainWindow::askPlanYear);
    run->addSeparator();
    run->addAction(tr("Project &file…"), this, &MainWindow::chooseProjectFile);

    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    auto* toolbar = addToolBar(tr("Map"));
    toolbar->setObjectName("kaart");
    auto add = [&](const QString& text, QKeySequence key, auto slot) {
        auto* a = viewMenu->addAction(text);
        a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        toolbar->addAction(a);
        return a;
    };
    add(tr("Zoom in"), QKeySequence::ZoomIn, [this] { m_canvas->zoomIn(); });
    add(tr("Zoom out"), QKeySequence::ZoomOut, [this] { m_canvas->zoomOut(); });
    add(tr("Full extent"), QKeySequence(Qt::CTRL | Qt::Key_Home), [this] { m_canvas->zoomFull(); });
    add(tr("Zoom to layer"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        const std::string layer = m_layersPanel->currentLayer();
        zoomToLayer(layer.empty() ? m_tableLayer->currentText().toStdString() : layer);
    });
    add(tr("Zoom to selection"), QKeySequence(Qt::CTRL | Qt::Key_J), [this] {
        if (!zoomToSelection()) statusBar()->showMessage(tr("Nothing selected"), 5000);
    });
    add(tr("Refresh"), QKeySequence::Refresh, [this] { m_canvas->refresh(); });
    toolbar->addSeparator();

    auto* tools = new QActionGroup(this);
    auto* pan = add(tr("Pan"), QKeySequence(Qt::Key_P), [this] { m_canvas->setTool(MapCanvas::Tool::Pan); });
    auto* identify = add(tr("Identify"), QKeySequence(Qt::Key_I), [this] { m_canvas->setTool(MapCanvas::Tool::Identify); });
    const auto& zone = m_zones->actions();
    for (auto* a : {zone.draw, zone.edit, zone.properties, zone.remove, zone.undo, zone.redo}) viewMenu->addAction(a);
    toolbar->addAction(zone.draw);
    toolbar->addAction(zone.edit);
    for (auto* a : {pan, identify}) {
        a->setCheckable(true);
        tools->addAction(a);
    }
    tools->addAction(zone.draw);
    tools->addAction(zone.edit);
    pan->setChecked(true);
    m_canvas->setTool(MapCanvas::Tool::Pan);

    viewMenu->addSeparator();
    auto* tableToggle = m_tableDock->toggleViewAction();
    tableToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    viewMenu->addAction(tableToggle);
    viewMenu->addAction(m_identifyDock->toggleViewAction());
    viewMenu->addAction(m_plannerDock->toggleViewAction());

    auto* photos = new QToolBar(tr("Aerial photo"), this);
    addToolBarBreak();  // a second row: the map toolbar fills the first one on a laptop screen
    addToolBar(Qt::TopToolBarArea, photos);
    photos->setObjectName("luchtfoto");
    photos->addWidget(new QLabel(tr("Aerial photo "), this));
    m_photoYear = new QComboBox(this);
    m_photoYear->setToolTip(tr("Year of the aerial photo under the map"));
    photos->addWidget(m_photoYear);
    m_swipeAction = photos->addAction(tr("Swipe"));
    m_swipeAction->setCheckable(true);
    m_swipeAction->setShortcut(QKeySequence(Qt::Key_S));
    m_swipeAction->setToolTip(tr("Compare two photo years: drag the divider (S)"));
    m_swipeYear = new QComboBox(this);
    m_swipeYear->setToolTip(tr("Year shown right of the divider"));
    m_swipeYear->setEnabled(false);
    photos->addWidget(m_swipeYear);
    connect(m_photoYear, &QComboBox::activated, this, [this] { setPhotoYear(m_photoYear->currentText().toInt()); });
    connect(m_swipeAction, &QAction::toggled, this, [this](bool on) { setSwipe(on, m_swipeYear->currentText().toInt()); });
    connect(m_swipeYear, &QComboBox::activated, this, [this] { setSwipe(m_swipeAction->isChecked(), m_swipeYear->currentText().toInt()); });

    toolbar->addSeparator();
    m_searchKind = new QComboBox(this);
    m_searchKind->addItems({tr("Address (postcode house number)"), tr("Parcel (cadastral designation)"), tr("Trade name"),
                            tr("Establishment number")});
    m_searchText = new QLineEdit(this);
    m_searchText->setPlaceholderText(tr("Search… (Ctrl+F)"));
    m_searchText->setClearButtonEnabled(true);
    m_searchText->setMaximumWidth(260);
    toolbar->addWidget(m_searchKind);
    toolbar->addWidget(m_searchText);
    auto* focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, this, [this] {
        m_searchText->setFocus();
        m_searchText->selectAll();
    });
    addAction(focusSearch);
    connect(m_searchText, &QLineEdit::returnPressed, this, [this] { runSearch(m_searchKind->currentIndex(), m_searchText->text()); });
}

void MainWindow::openWorkspace(const QString& path)
{
    m_workspace.emplace(gis::Workspace::open(path.toStdString(), true));
    m_workspacePath = path;
    m_zones->setWorkspacePath(path);
    m_viewAudit.emplace(path.toStdString(), m_viewPurpose.toStdString());
    auto renderer = std::make_shared<render::MapRenderer>(path.toStdString());
    const auto layers = renderer->defaultLayers();
    const auto extent = renderer->fullExtent(layers);
    m_layersPanel->setLayers(layers);
    m_canvas->setLayers(layers);
    m_canvas->setRenderer(renderer);
    if (extent) {
        m_canvas->setFullExtent(*extent);
        m_canvas->zoomToBox(*extent);
    }
    m_tableLayer->blockSignals(true);
    m_tableLayer->clear();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it)
        if (!it->raster) m_tableLayer->addItem(QString::fromStdString(it->name));
    m_tableLayer->blockSignals(false);
    if (m_tableLayer->count() > 0) showAttributeTable(m_tableLayer->currentText());
    refreshPhotoYears();
    setWindowTitle(tr("Risicokaart — %1").arg(path));
    auditVisibleLayers("kaart");
    m_planner->setWorkspace(path);  // shows the newest plan stored in the workspace
}

void MainWindow::setViewPurpose(const QString& purpose)
{
    m_viewPurpose = purpose;
    if (m_viewAudit) m_viewAudit->setPurpose(purpose.toStdString());
}

void MainWindow::auditVisibleLayers(const char* how)
{
    if (!m_viewAudit) return;
    std::vector<std::string> shown;
    for (const auto& l : m_layersPanel->layers())
        if (l.visible && !l.raster) shown.push_back(l.name);
    try {
        m_viewAudit->recordShown(shown, how);
    } catch (const std::exception& e) {
        showError(tr("Inzage kon niet in het auditlog worden vastgelegd: %1").arg(QString::fromUtf8(e.what())));
    }
}

void MainWindow::showAttributeTable(const QString& layer, const QString& filter)
{
    if (!m_workspace) return;
    if (m_viewAudit) {
        try {
            m_viewAudit->recordShown({layer.toStdString()}, "attributentabel");
        } catch (const std::exception& e) {
            showError(tr("Inzage kon niet in het auditlog worden vastgelegd: %1").arg(QString::fromUtf8(e.what())));
        }
    }
    reloadAttributeTable(layer, filter);
}

void MainWindow::reloadAttributeTable(const QString& layer, const QString& filter)
{
    try {
        m_tableModel->load(m_workspace->db(), layer.toStdString());
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return;
    }
    if (m_tableLayer->currentText() != layer) {
        m_tableLayer->blockSignals(true);
        m_tableLayer->setCurrentText(layer);
        m_tableLayer->blockSignals(false);
    }
    if (m_tableFilter->text() != filter) m_tableFilter->setText(filter);
    m_tableProxy->setFilterText(filter);
    m_table->horizontalHeader()->setResizeContentsPrecision(200);  // sample rows: big layers stay quick
    m_table->resizeColumnsToContents();
    m_tableCount->setText(tr("%1 of %2").arg(m_tableProxy->rowCount()).arg(m_tableModel->rowCount()));
}

int MainWindow::visibleTableRows() const { return m_tableProxy->rowCount(); }

int MainWindow::runSearch(int kind, const QString& text)
{
    if (!m_workspace) return 0;
    std::vector<SearchHit> hits;
    try {
        hits = searchFeatures(m_workspace->db(), static_cast<SearchKind>(kind), text.toStdString());
    } catch (const std::exception& e) {
        statusBar()->showMessage(QString::fromUtf8(e.what()), 8000);
        return 0;
    }
    m_identifyTree->clear();
    if (hits.empty()) {
        statusBar()->showMessage(tr("Nothing found for '%1'").arg(text), 8000);
        return 0;
    }
    for (const auto& h : hits) {
        auto* item = new QTreeWidgetItem(m_identifyTree, {QString::fromStdString(h.layer), QString::fromStdString(h.label)});
        item->setData(0, Qt::UserRole, QRectF(QPointF(h.box.xmin, h.box.ymin), QPointF(h.box.xmax, h.box.ymax)));
    }
    const auto& first = hits.front();
    m_canvas->setHighlight(QRectF(QPointF(first.box.xmin, first.box.ymin), QPointF(first.box.xmax, first.box.ymax)));
    m_canvas->zoomToBox(first.box);
    statusBar()->showMessage(tr("%n result(s); zoomed to the first", nullptr, int(hits.size())), 8000);
    m_identifyDock->show();
    return int(hits.size());
}

int MainWindow::identifyAt(QPointF world, double tolerance)
{
    if (!m_workspace) return 0;
    m_lastIdentify = std::make_pair(world, tolerance);
    std::vector<std::string> names;
    const auto layers = m_canvas->layers();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it)
        if (it->visible && !it->raster) names.push_back(it->name);
    std::vector<IdentifyResult> results;
    try {
        results = identifyFeatures(m_workspace->db(), names, world, tolerance);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
        return 0;
    }
    m_identifyTree->clear();
    const auto explained = std::find_if(results.begin(), results.end(), [](const IdentifyResult& r) { return isExplainable(r); });
    if (explained != results.end()) m_identifyHtml->setHtml(explainParcel(*explained));
    else m_identifyHtml->clear();
    m_identifyHtml->setVisible(explained != results.end());
    for (const auto& r : results) {
        auto* top = new QTreeWidgetItem(m_identifyTree, {QString::fromStdString(r.layer), tr("fid %1").arg(r.fid)});
        for (const auto& [k, v] : r.attributes) new QTreeWidgetItem(top, {k, v});
        top->setExpanded(&r == &results.front());
    }
    m_canvas->setHighlight(results.empty() ? QRectF() : results.front().bounds);
    m_identifyDock->show();
    statusBar()->showMessage(results.empty() ? tr("No feature at this spot") : tr("%n feature(s) found", nullptr, int(results.size())), 5000);
    return int(results.size());
}

void MainWindow::updateCoordinates(QPointF world)
{
    double lon = 0, lat = 0;
    QString text = tr("RD %1, %2").arg(world.x(), 0, 'f', 1).arg(world.y(), 0, 'f', 1);
    if (gis::CrsTransformer::rdToEtrs89(world.x(), world.y(), lon, lat))
        text += tr("   WGS84 %1° N, %2° E").arg(lat, 0, 'f', 6).arg(lon, 0, 'f', 6);
    m_coordLabel->setText(text);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), {}, tr("Workspace (*.sqlite);;All files (*)"));
    if (path.isEmpty()) return;
    try {
        openWorkspace(path);
    } catch (const std::exception& e) {
        showError(QString::fromUtf8(e.what()));
    }
}

QPointF MainWindow::snapToFeatures(QPointF world, double tolerance)
{
    return m_workspace ? desktop::snapToFeatures(*m_workspace, world, tolerance) : world;
}

std::string MainWindow::saveZone(const std::vector<QPointF>& ring, const ZoneAttributes& attributes)
{
    return m_zones->saveZone(ring, attributes);
}

void MainWindow::setInteractive(bool interactive)
{
    m_interactive = interactive;
    m_zones->setInteractive(interactive);
}

void MainWindow::showLayerIfNew(const std::string& name)
{
    auto layers = m_layersPanel->layers();
    const bool known = std::any_of(layers.begin(), layers.end(), [&](const render::RenderLayer& l) { return l.name == name; });
    if (!known) {
        render::RenderLayer l;
        l.name = name;
        l.style = render::defaultStyle(name);
        l.family = render::GeometryFamily::Polygon;
        layers.push_back(l);
        m_layersPanel->setLayers(layers);
        m_canvas->setLayers(layers);
    }
    m_canvas->refresh();
}

void MainWindow::refreshAfterZoneEdit()
{
    if (!m_workspace) return;
    const QString tableLayer = m_tableLayer->currentText();
    if (tableLayer.startsWith(QLatin1String("risicozones")) && m_tableModel->rowCount() + m_tableModel->columnCount() > 0)
        reloadAttributeTable(tableLayer, m_tableFilter->text());
    bool identifiesZone = false;
    for (int i = 0; i < m_identifyTree->topLevelItemCount(); ++i)
        identifiesZone |= m_identifyTree->topLevelItem(i)->text(0).startsWith(QLatin1String("risicozones"));
    if (identifiesZone && m_lastIdentify) identifyAt(m_lastIdentify->first, m_lastIdentify->second);
}

void MainWindow::showError(const QString& message)
{
    m_lastMessage = message;
    statusBar()->showMessage(message, 15000);
    if (m_interactive && isVisible()) QMessageBox::warning(this, tr("Risicokaart"), message);
}

bool MainWindow::startImport(const QStringList& files, std::optional<int> photoYear)
{
    if (m_workspacePath.isEmpty() || files.isEmpty()) return false;
    const QString ws = m_workspacePath, project = m_projectPath;
    return m_jobs->start(tr("Import"), [=](core::Feedback& f) { return runImport(ws, files, project, photoYear, f); });
}

bool MainWindow::startBuild()
{
    if (m_workspacePath.isEmpty()) return false;
    const QString ws = m_workspacePath, project = m_projectPath;
    return m_jobs->start(tr("Build maps"), [=](core::Feedback& f) { return runBuild(ws, project, f); });
}

bool MainWindow::startPlan(int year)
{
    if (m_workspacePath.isEmpty()) return false;
    const QString ws = m_workspacePath, project = m_projectPath;
    return m_jobs->start(tr("Plan inspections"), [=](core::Feedback& f) { return runPlan(ws, project, year, f); });
}

void MainWindow::importDropped(const QStringList& files)
{
    if (m_workspacePath.isEmpty()) {
        showError(tr("Open a workspace first"));
        return;
    }
    // Aerial photos need the year they were taken; vector files go to the layer their name says.
    QStringList vectors, photos;
    for (const auto& f : files) (isPhotoFile(f) ? photos : vectors) << f;
    if (!vectors.isEmpty()) {
        if (!startImport(vectors)) showError(tr("Another job is still running"));
        return;  // one job at a time: the photos can be dropped once this import is done
    }
    if (photos.isEmpty()) return;
    std::optional<int> year;
    if (m_interactive) {
        bool ok = false;
        const int y = QInputDialog::getInt(this, tr("Aerial photo"), tr("Year the photo was taken:"), QDate::currentDate().year(),
                                           1900, 2999, 1, &ok);
        if (!ok) return;
        year = y;
    } else {
        year = QDate::currentDate().year();
    }
    if (!startImport(photos, year)) showError(tr("Another job is still running"));
}

void MainWindow::chooseImportFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import"), {},
        tr("Source files (*.gpkg *.shp *.geojson *.json *.fgb *.csv *.txt *.xlsx *.ods *.tif *.tiff *.vrt *.mbtiles);;All files (*)"));
    if (!files.isEmpty()) importDropped(files);
}

void MainWindow::askPlanYear()
{
    bool ok = false;
    const int year = QInputDialog::getInt(this, tr("Plan inspections"), tr("Year of the plan:"), QDate::currentDate().year() + 1,
                                          1900, 2999, 1, &ok);
    if (ok && !startPlan(year)) showError(tr("Open a workspace first, or wait for the running job"));
}

void MainWindow::chooseProjectFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Project file"), {}, tr("Project (*.toml);;All files (*)"));
    if (path.isEmpty()) return;
    m_projectPath = path;
    statusBar()->showMessage(tr("Project file: %1").arg(path), 8000);
}

void MainWindow::jobFinished(const QString& title, const JobOutcome& outcome)
{
    switch (outcome.status) {
    case JobOutcome::Status::Done:
        reloadWorkspace();
        m_lastMessage = tr("%1: done").arg(title);
        statusBar()->showMessage(m_lastMessage, 15000);
        if (m_interactive && isVisible()) QMessageBox::information(this, title, outcome.message);
        break;
    case JobOutcome::Status::Cancelled:
        reloadWorkspace();  // a cancelled step rolled back; earlier steps may have written
        m_lastMessage = tr("%1: cancelled").arg(title);
        statusBar()->showMessage(m_lastMessage, 15000);
        break;
    case JobOutcome::Status::Failed:
        // The message names the file, the row and the reason (the importer's and engine's errors do).
        showError(tr("%1 failed:\n%2").arg(title, outcome.message));
        break;
    }
}

void MainWindow::chooseExport()
{
    if (m_workspacePath.isEmpty() || !m_workspace) return showError(tr("Open a workspace first"));
    QStringList names;
    for (const auto& r : m_workspace->layers()) names << QString::fromStdString(r.name);
    ExportDialog dialog(names, this);
    if (dialog.exec() != QDialog::Accepted) return;
    auto choice = dialog.choice();
    choice.projectPath = m_projectPath;
    if (!startExport(*m_jobs, m_workspacePath, choice)) showError(tr("Another job is still running"));
}

void MainWindow::reloadWorkspace()
{
    if (m_workspacePath.isEmpty()) return;
    const auto old = m_layersPanel->layers();
    m_workspace.emplace(gis::Workspace::open(m_workspacePath.toStdString(), true));
    auto renderer = std::make_shared<render::MapRenderer>(m_workspacePath.toStdString());
    auto layers = renderer->defaultLayers();
    // Keep what the analyst set for layers that were already there; new layers get their default style.
    std::map<std::string, render::RenderLayer> known;
    for (const auto& l : old) known[l.name] = l;
    for (auto& l : layers) {
        const auto it = known.find(l.name);
        if (it == known.end()) continue;
        const auto fresh = l;
        l = it->second;
        l.family = fresh.family;
        l.raster = fresh.raster;
    }
    m_layersPanel->setLayers(layers);
    m_canvas->setLayers(layers);
    m_canvas->setRenderer(renderer);
    if (const auto extent = renderer->fullExtent(layers)) m_canvas->setFullExtent(*extent);
    const QString current = m_tableLayer->currentText();
    m_tableLayer->blockSignals(true);
    m_tableLayer->clear();
    for (auto it = layers.rbegin(); it != layers.rend(); ++it)
        if (!it->raster) m_tableLayer->addItem(QString::fromStdString(it->name));
    m_tableLayer->blockSignals(false);
    if (m_tableLayer->findText(current) >= 0) showAttributeTable(current, m_tableFilter->text());
    refreshPhotoYears();
}

std::vector<int> MainWindow::photoYears()
{
    std::set<int> years;
    if (m_workspace && m_workspace->db().tableExists("rk_rasters"))
        for (const auto& r : gis::loadRasters(m_workspace->db(), "luchtfoto"))
            if (r.year) years.insert(*r.year);
    return {years.begin(), years.end()};
}

void MainWindow::refreshPhotoYears()
{
    const auto years = photoYears();
    for (auto* combo : {m_photoYear, m_swipeYear}) {
        const QString keep = combo->currentText();
        combo->clear();
        for (int y : years) combo->addItem(QString::number(y));
        if (combo->findText(keep) >= 0) combo->setCurrentText(keep);
        else if (combo == m_photoYear && !years.empty()) combo->setCurrentIndex(combo->count() - 1);  // the latest
        else if (combo == m_swipeYear && years.size() > 1) combo->setCurrentIndex(combo->count() - 2);  // the one before
    }
    m_photoYear->setEnabled(!years.empty());
    m_swipeAction->setEnabled(years.size() > 1);
    if (years.size() < 2 && m_swipeAction->isChecked()) m_swipeAction->setChecked(false);
}

void MainWindow::setPhotoYear(int year)
{
    if (m_photoYear->currentText().toInt() != year) m_photoYear->setCurrentText(QString::number(year));
    auto layers = m_layersPanel->layers();
    for (auto& l : layers)
        if (l.raster && l.name == "luchtfoto") l.year = year;
    m_layersPanel->setLayers(layers);
    m_canvas->setLayers(layers);
    if (m_canvas->swipe()) m_canvas->setSwipe(std::make_pair(year, m_canvas->swipe()->second));
}

void MainWindow::setSwipe(bool on, int otherYear)
{
    if (!on) {
        m_canvas->setSwipe(std::nullopt);
        m_swipeYear->setEnabled(false);
        if (m_swipeAction->isChecked()) m_swipeAction->setChecked(false);
        return;
    }
    const auto years = photoYears();
    if (years.size() < 2) return;
    int left = m_photoYear->currentText().toInt();
    if (left == 0) left = years.back();
    if (otherYear == 0 || otherYear == left) otherYear = left == years.back() ? years[years.size() - 2] : years.back();
    m_swipeYear->setEnabled(true);
    m_swipeYear->setCurrentText(QString::number(otherYear));
    if (!m_swipeAction->isChecked()) {
        const QSignalBlocker block(m_swipeAction);
        m_swipeAction->setChecked(true);
    }
    m_canvas->setSwipe(std::make_pair(left, otherYear));
}

QString MainWindow::identifyText() const { return m_identifyHtml->toPlainText(); }

void MainWindow::zoomToLayer(const std::string& layer)
{
    if (!m_canvas->layers().empty() && !layer.empty()) {
        for (const auto& l : m_canvas->layers()) {
            if (l.name != layer) continue;
            auto one = l;
            one.visible = true;
            render::MapRenderer renderer(m_workspacePath.toStdString());
            if (const auto box = renderer.fullExtent({one})) m_canvas->zoomToBox(*box);
            return;
        }
    }
}

std::vector<std::int64_t> MainWindow::selectedFids() const
{
    std::vector<std::int64_t> out;
    for (const auto& index : m_table->selectionModel()->selectedRows())
        out.push_back(m_tableModel->fid(m_tableProxy->mapToSource(index).row()));
    std::sort(out.begin(), out.end());
    return out;
}

bool MainWindow::zoomToSelection()
{
    QRectF all;
    for (const auto& index : m_table->selectionModel()->selectedRows()) {
        const QRectF b = m_tableModel->bounds(m_tableProxy->mapToSource(index).row());
        // A point has an empty box: grow it a little so the union keeps it.
        all = all.isNull() ? b.adjusted(-0.5, -0.5, 0.5, 0.5) : all.united(b.adjusted(-0.5, -0.5, 0.5, 0.5));
    }
    if (all.isNull()) return false;
    m_canvas->zoomToBox({all.left(), all.top(), all.right(), all.bottom()});
    return true;
}

void MainWindow::selectFids(const std::vector<std::int64_t>& fids)
{
    const std::set<std::int64_t> wanted(fids.begin(), fids.end());
    QItemSelection selection;
    for (int row = 0; row < m_tableModel->rowCount(); ++row) {
        if (!wanted.count(m_tableModel->fid(row))) continue;
        const QModelIndex index = m_tableProxy->mapFromSource(m_tableModel->index(row, 0));
        if (index.isValid()) selection.select(index, index);
    }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty()) m_table->scrollTo(selection.indexes().front());
}

void MainWindow::tableSelectionChanged()
{
    // The map outlines what the table selects; geometry read by box and matched on fid.
    std::vector<render::Geometry> shapes;
    if (m_workspace) {
        const std::string layer = m_tableModel->layer();
        const auto rows = m_table->selectionModel()->selectedRows();
        for (int i = 0; i < rows.size() && i < 2000; ++i) {
            const int row = m_tableProxy->mapToSource(rows[i]).row();
            const QRectF b = m_tableModel->bounds(row);
            const gis::Box box{b.left() - 0.01, b.top() - 0.01, b.right() + 0.01, b.bottom() + 0.01};
            gis::LayerReader reader(m_workspace->db(), layer, {"fid"}, box);
            gis::FeatureRow f;
            while (reader.next(f))
                if (f.fid == m_tableModel->fid(row) && !f.wkb.empty()) shapes.push_back(render::parseWkb(f.wkb));
        }
    }
    m_canvas->setSelection(std::move(shapes));
}

int MainWindow::selectAt(QPointF world, double tolerance, bool add)
{
    if (!m_workspace || m_tableModel->layer().empty()) return 0;
    const auto hits = identifyFeatures(m_workspace->db(), {m_tableModel->layer()}, world, tolerance);
    std::vector<std::int64_t> fids = add ? selectedFids() : std::vector<std::int64_t>{};
    for (const auto& h : hits) {
        const auto it = std::find(fids.begin(), fids.end(), h.fid);
        if (it != fids.end()) fids.erase(it);  // Ctrl+click on a selected feature deselects it
        else fids.push_back(h.fid);
    }
    selectFids(fids);
    m_tableDock->show();
    return int(hits.size());
}

bool MainWindow::exportSelection(const QString& path)
{
    std::vector<int> rows;
    for (const auto& index : m_table->selectionModel()->selectedRows()) rows.push_back(m_tableProxy->mapToSource(index).row());
    std::sort(rows.begin(), rows.end());
    if (rows.empty()) {
        m_lastMessage = tr("Nothing selected to export");
        return false;
    }
    try {
        // The same rules as `riskmap export` with profile analist: police rows stay in the
        // tool, a refused layer is refused here too, and the export is audit-logged.
        const std::string layer = m_tableLayer->currentText().toStdString();
        auto ws = gis::Workspace::open(m_workspacePath.toStdString());
        gis::LayerRecord record;
        record.name = layer;
        if (auto registered = ws.layer(layer)) record = *registered;
        std::vector<std::string> columns;
        for (const auto& c : m_tableModel->columnNames()) columns.push_back(c.toStdString());
        const auto policy = layers::decideExportPolicy(layers::Profile::Analist, record, columns);
        const auto rubricering = std::find(columns.begin(), columns.end(), "rubricering");
        std::vector<int> kept;
        for (int row : rows)
            if (rubricering == columns.end() ||
                m_tableModel->rowTexts(row)[int(rubricering - columns.begin())] != "politiegegevens")
                kept.push_back(row);
        writeSelectionCsv(*m_tableModel, kept, path, policy.columns);
        gis::Transaction tx(ws.db());
        gis::appendAudit(ws.db(), "export", layer + " (selectie) → " + path.toStdString(), "analist",
                         m_viewPurpose.isEmpty() ? "analist" : m_viewPurpose.toStdString(),
                         std::to_string(kept.size()) + " rijen uit de desktop-app");
        tx.commit();
        rows = kept;
    } catch (const std::exception& e) {
        m_lastMessage = QString::fromUtf8(e.what());
        return false;
    }
    m_lastMessage = tr("%n row(s) written to %1", nullptr, int(rows.size())).arg(path);
    return true;
}

void MainWindow::showOnlyLayers(const QStringList& names)
{
    auto layers = m_layersPanel->layers();
    for (auto& l : layers) l.visible = names.contains(QString::fromStdString(l.name));
    m_layersPanel->setLayers(layers);
    m_canvas->setLayers(layers);
}

}  // namespace riskmap::desktop
