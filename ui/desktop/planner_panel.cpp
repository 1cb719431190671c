// SPDX-License-Identifier: GPL-3.0-or-later
// The planner panel: settings, the plan job, the proposed controls with their reasons and addresses.
#include "planner_panel.hpp"

#include "job_runner.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/planner_settings.hpp"
#include "riskmap/layers/project_file.hpp"

#include <QComboBox>
#include <QDate>
#include <QDesktopServices>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTextBrowser>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace riskmap::desktop {

namespace {

constexpr int kControlRole = Qt::UserRole;      // index into PlanResult::controls
constexpr int kVisitRole = Qt::UserRole + 1;    // index into PlanControl::visits, -1 for the control row

/// A small square around an address, so the outline shows at any scale.
render::Geometry addressMarker(QPointF p, double half)
{
    render::Geometry g;
    g.family = render::GeometryFamily::Polygon;
    g.parts.push_back({{p.x() - half, p.y() - half}, {p.x() + half, p.y() - half}, {p.x() + half, p.y() + half},
                       {p.x() - half, p.y() + half}, {p.x() - half, p.y() - half}});
    g.holes.push_back(false);
    return g;
}

gis::Box grown(QRectF r, double margin, double minSide)
{
    r = r.normalized();
    const double w = std::max(r.width() * (1 + 2 * margin), minSide), h = std::max(r.height() * (1 + 2 * margin), minSide);
    const QPointF c = r.center();
    return {c.x() - w / 2, c.y() - h / 2, c.x() + w / 2, c.y() + h / 2};
}

QString number(double v, int decimals) { return QLocale(QLocale::Dutch).toString(v, 'f', decimals); }

}  // namespace

QString PlannerPanel::jobTitle() { return tr("Plan inspections"); }

PlannerPanel::PlannerPanel(JobRunner* jobs, QWidget* parent) : QWidget(parent), m_jobs(jobs)
{
    setMinimumWidth(460);  // date, area and partners side by side without scrolling
    auto* layout = new QVBoxLayout(this);
    m_year = new QSpinBox(this);
    m_year->setRange(2000, 2999);
    m_year->setValue(QDate::currentDate().year() + 1);
    m_controls = new QSpinBox(this);
    m_controls->setRange(1, 52);
    m_controls->setToolTip(tr("Number of integral controls in the year"));
    m_addresses = new QSpinBox(this);
    m_addresses->setRange(10, 25);
    m_addresses->setToolTip(tr("Addresses visited per control day (10–25)"));
    m_randomShare = new QDoubleSpinBox(this);
    m_randomShare->setRange(0, 100);
    m_randomShare->setDecimals(0);
    m_randomShare->setSuffix(" %");
    m_randomShare->setToolTip(tr("Share of the addresses drawn at random among the target's other addresses"));
    m_seed = new QSpinBox(this);
    m_seed->setRange(0, 2147483647);
    m_seed->setToolTip(tr("Seed of the random draw; recorded with the plan, the same seed gives the same plan"));
    // Two columns of settings: the list and its reasons below need the height.
    auto* grid = new QGridLayout;
    auto label = [this](const QString& text) { return new QLabel(text, this); };
    grid->addWidget(label(tr("Year:")), 0, 0);
    grid->addWidget(m_year, 0, 1);
    grid->addWidget(label(tr("Seed:")), 0, 2);
    grid->addWidget(m_seed, 0, 3);
    grid->addWidget(label(tr("Controls:")), 1, 0);
    grid->addWidget(m_controls, 1, 1);
    grid->addWidget(label(tr("Addresses per control:")), 1, 2);
    grid->addWidget(m_addresses, 1, 3);
    grid->addWidget(label(tr("Random share:")), 2, 0);
    grid->addWidget(m_randomShare, 2, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addLayout(grid);

    auto* runRow = new QHBoxLayout;
    m_planButton = new QPushButton(tr("Make plan"), this);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setEnabled(false);
    runRow->addWidget(m_planButton);
    runRow->addWidget(m_cancelButton);
    layout->addLayout(runRow);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setVisible(false);
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* existingRow = new QHBoxLayout;
    existingRow->addWidget(new QLabel(tr("Plan in workspace:"), this));
    m_existing = new QComboBox(this);
    existingRow->addWidget(m_existing, 1);
    layout->addLayout(existingRow);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    m_tree = new QTreeWidget(splitter);
    m_tree->setColumnCount(5);
    m_tree->setHeaderLabels({tr("Control / address"), tr("Date / reason"), tr("Area"), tr("Partners"), tr("Score")});
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);  // long addresses would push the date away
    m_tree->setColumnWidth(0, 230);
    m_tree->setTextElideMode(Qt::ElideRight);
    m_details = new QTextBrowser(splitter);
    m_details->setOpenLinks(false);
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);  // the reasons are the long read
    layout->addWidget(splitter, 1);

    auto* filesRow = new QHBoxLayout;
    m_openFolder = new QPushButton(tr("Open output folder"), this);
    m_openFolder->setToolTip(tr("Calendar files (.ics), partner address lists and findings forms"));
    m_openCalendar = new QPushButton(tr("Open calendar"), this);
    m_openCalendar->setToolTip(tr("The .ics file of the selected control"));
    filesRow->addWidget(m_openFolder);
    filesRow->addWidget(m_openCalendar);
    layout->addLayout(filesRow);

    connect(m_planButton, &QPushButton::clicked, this, [this] {
        if (!startPlan())
            m_status->setText(m_workspacePath.isEmpty() ? tr("Open a workspace first.") : tr("Another job is still running."));
    });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_ownJob) m_jobs->cancel();
    });
    connect(m_existing, &QComboBox::activated, this, [this](int i) { loadYear(m_existing->itemData(i).toInt()); });
    connect(m_tree, &QTreeWidget::itemSelectionChanged, this, &PlannerPanel::itemChosen);
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (m_result.year != 0 && QFileInfo(m_result.outputDir).isDir())
            QDesktopServices::openUrl(QUrl::fromLocalFile(m_result.outputDir));
        else
            m_status->setText(tr("No output folder for this plan yet: make the plan first."));
    });
    connect(m_openCalendar, &QPushButton::clicked, this, [this] {
        const auto items = m_tree->selectedItems();
        if (items.isEmpty()) return;
        const int c = items.front()->data(0, kControlRole).toInt();
        const QString ics = m_result.outputDir + "/controle_" + m_result.controls.at(static_cast<std::size_t>(c)).id + ".ics";
        if (QFileInfo::exists(ics))
            QDesktopServices::openUrl(QUrl::fromLocalFile(ics));
        else
            m_status->setText(tr("Calendar file not found: %1").arg(ics));
    });
    connect(m_jobs, &JobRunner::progress, this, [this](const QString& stage, double f) {
        if (!m_ownJob) return;
        m_progress->setValue(static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * 1000)));
        if (!stage.isEmpty()) m_status->setText(stage);
    });
    connect(m_jobs, &JobRunner::finished, this, &PlannerPanel::jobFinished);
    fillFromProject();
    showResult();
}

void PlannerPanel::fillFromProject()
{
    layers::PlannerSettings settings;
    const QString project = m_projectSource ? m_projectSource() : QString();
    try {
        if (!project.isEmpty()) {
            const auto file = layers::ProjectFile::load(project.toStdString());
            settings = layers::PlannerSettings::fromToml(file.root, file.path);
        }
    } catch (const std::exception& e) {
        m_status->setText(tr("Project file not read: %1").arg(QString::fromUtf8(e.what())));
    }
    m_controls->setValue(settings.controls);
    m_addresses->setValue(settings.addressesPerControl);
    m_randomShare->setValue(std::round(settings.randomShare * 100.0));
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(settings.seed, 2147483647)));
}

void PlannerPanel::setWorkspace(const QString& workspacePath)
{
    m_workspacePath = workspacePath;
    m_result = {};
    fillFromProject();
    refreshYears();
    if (m_existing->count() > 0) {
        const int year = m_existing->itemData(0).toInt();
        setYear(year);
        loadYear(year);
    } else {
        showResult();
    }
}

void PlannerPanel::refreshYears()
{
    m_existing->clear();
    if (m_workspacePath.isEmpty()) return;
    try {
        auto ws = gis::Workspace::open(m_workspacePath.toStdString(), true);
        for (int y : plannedYears(ws.db())) m_existing->addItem(QString::number(y), y);
    } catch (const std::exception& e) {
        m_status->setText(QString::fromUtf8(e.what()));
    }
}

void PlannerPanel::setYear(int year) { m_year->setValue(year); }
int PlannerPanel::year() const { return m_year->value(); }

void PlannerPanel::setOverrides(const PlanOverrides& o)
{
    if (o.controls) m_controls->setValue(*o.controls);
    if (o.addressesPerControl) m_addresses->setValue(*o.addressesPerControl);
    if (o.randomShare) m_randomShare->setValue(std::round(*o.randomShare * 100.0));
    if (o.seed) m_seed->setValue(static_cast<int>(*o.seed));
}

PlanOverrides PlannerPanel::overrides() const
{
    PlanOverrides o;
    o.controls = m_controls->value();
    o.addressesPerControl = m_addresses->value();
    o.randomShare = m_randomShare->value() / 100.0;
    o.seed = static_cast<std::uint64_t>(m_seed->value());
    return o;
}

bool PlannerPanel::startPlan()
{
    if (m_workspacePath.isEmpty()) return false;
    const QString ws = m_workspacePath;
    const QString project = m_projectSource ? m_projectSource() : QString();
    const int planYear = year();
    const PlanOverrides o = overrides();
    if (!m_jobs->start(jobTitle(), [=](core::Feedback& f) { return runPlan(ws, project, planYear, f, o); })) return false;
    m_ownJob = true;
    m_pendingYear = planYear;
    setRunning(true);
    m_status->setText(tr("Planning %1…").arg(planYear));
    return true;
}

void PlannerPanel::setRunning(bool running)
{
    m_planButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_progress->setVisible(running);
    m_progress->setValue(0);
}

void PlannerPanel::jobFinished(const QString& title, const JobOutcome& outcome)
{
    if (title != jobTitle()) return;  // imports, builds and exports are not ours
    const bool own = m_ownJob;
    m_ownJob = false;
    setRunning(false);
    switch (outcome.status) {
    case JobOutcome::Status::Done: {
        refreshYears();
        // The menu's Plan action runs the same job; then show the newest year.
        const int year = own ? m_pendingYear : (m_existing->count() > 0 ? m_existing->itemData(0).toInt() : 0);
        if (year != 0) loadYear(year);
        m_status->setText(tr("Plan %1 made: %2 controls.").arg(year).arg(m_result.controls.size()));
        break;
    }
    case JobOutcome::Status::Cancelled:
        m_status->setText(tr("Planning cancelled; the workspace keeps the previous plan."));
        break;
    case JobOutcome::Status::Failed:
        m_status->setText(tr("No plan: %1").arg(outcome.message));
        break;
    }
}

void PlannerPanel::loadYear(int year)
{
    if (m_workspacePath.isEmpty()) return;
    try {
        auto ws = gis::Workspace::open(m_workspacePath.toStdString(), true);
        m_result = loadPlanResult(ws.db(), m_workspacePath, year);
    } catch (const std::exception& e) {
        m_result = {};
        m_status->setText(QString::fromUtf8(e.what()));
    }
    const int i = m_existing->findData(year);
    if (i >= 0) m_existing->setCurrentIndex(i);
    if (const auto& s = m_result.settings) {
        // Show what the stored plan was made with, so "Make plan" repeats it unless the analyst changes something.
        PlanOverrides o;
        o.controls = s->controls;
        o.addressesPerControl = s->addressesPerControl;
        o.randomShare = s->randomShare;
        o.seed = s->seed;
        setOverrides(o);
        m_status->setText(tr("Settings of the stored plan of %1 (made %2 by %3)")
                              .arg(year)
                              .arg(QString::fromStdString(s->madeAt.substr(0, 10)), QString::fromStdString(s->madeBy)));
    }
    showResult();
}

void PlannerPanel::showResult()
{
    m_tree->clear();
    m_details->clear();
    const bool any = !m_result.controls.empty();
    m_openFolder->setEnabled(any);
    m_openCalendar->setEnabled(any);
    if (!any) {
        m_details->setPlainText(m_workspacePath.isEmpty() ? tr("Open a workspace to plan its inspections.")
                                                          : tr("No plan in this workspace yet: choose the year and press Make plan."));
        return;
    }
    const QString homeNote = tr("dwelling: no entry without consent or warrant");
    for (std::size_t c = 0; c < m_result.controls.size(); ++c) {
        const auto& control = m_result.controls[c];
        auto* top = new QTreeWidgetItem(m_tree, {control.id, control.date, control.area + " (" + control.municipality + ")",
                                                 control.partners, number(control.scoreCovered(), 2)});
        top->setData(0, kControlRole, static_cast<int>(c));
        top->setData(0, kVisitRole, -1);
        top->setToolTip(2, control.kind);
        QFont bold = top->font(0);
        bold.setBold(true);
        top->setFont(0, bold);
        for (std::size_t v = 0; v < control.visits.size(); ++v) {
            const auto& visit = control.visits[v];
            QString address = QString::number(visit.order) + ". " + visit.address;
            if (visit.dwelling) address += QStringLiteral(" ⚠");
            auto* child = new QTreeWidgetItem(top, {address, visit.reason, visit.dwelling ? homeNote : QString(), visit.partners,
                                                    number(visit.score, 2)});
            child->setData(0, kControlRole, static_cast<int>(c));
            child->setData(0, kVisitRole, static_cast<int>(v));
            child->setToolTip(0, tr("vbo %1").arg(visit.vboId));
            if (visit.dwelling) {
                for (int col = 0; col < 5; ++col) child->setForeground(col, QColor(160, 60, 0));
                child->setToolTip(2, homeNote);
            }
        }
    }
    m_details->setPlainText(tr("%1 controls in %2. Click a control to see why it was chosen and show it on the map.")
                                .arg(m_result.controls.size())
                                .arg(m_result.year));
}

void PlannerPanel::selectControl(int index)
{
    if (index < 0 || index >= m_tree->topLevelItemCount()) return;
    m_tree->setCurrentItem(m_tree->topLevelItem(index));
    m_tree->topLevelItem(index)->setSelected(true);
}

void PlannerPanel::itemChosen()
{
    const auto items = m_tree->selectedItems();
    if (items.isEmpty()) return;
    const int c = items.front()->data(0, kControlRole).toInt();
    const int v = items.front()->data(0, kVisitRole).toInt();
    if (c < 0 || c >= static_cast<int>(m_result.controls.size())) return;
    const auto& control = m_result.controls[static_cast<std::size_t>(c)];
    showDetails(control);
    std::vector<render::Geometry> shapes;
    if (control.areaShape.family != render::GeometryFamily::Empty) shapes.push_back(control.areaShape);
    QRectF box = control.extent;
    for (const auto& visit : control.visits) {
        shapes.push_back(addressMarker(visit.position, 8.0));
        box = box.united(QRectF(visit.position, QSizeF(0.01, 0.01)));
    }
    if (v >= 0 && v < static_cast<int>(control.visits.size())) {
        // An address: zoom close to it, its control still outlined.
        const QPointF p = control.visits[static_cast<std::size_t>(v)].position;
        emit showOnMap(grown(QRectF(p, QSizeF(0, 0)), 0, 300), shapes);
        return;
    }
    emit showOnMap(grown(box, 0.1, 300), shapes);
}

void PlannerPanel::showDetails(const PlanControl& c)
{
    QString html;
    html += "<h3>" + tr("Control %1 — %2").arg(c.id.toHtmlEscaped(), c.date.toHtmlEscaped()) + "</h3>";
    html += "<p><b>" + c.area.toHtmlEscaped() + "</b> (" + c.kind.toHtmlEscaped() + ", " + c.municipality.toHtmlEscaped() + ")<br>";
    html += tr("Partners: %1").arg(c.partners.toHtmlEscaped()) + "<br>";
    html += tr("Expected risk of the target: %1; score covered by the %2 addresses: %3")
                .arg(number(c.risk, 2))
                .arg(c.visits.size())
                .arg(number(c.scoreCovered(), 2)) +
            "<br>";
    html += tr("Route: %1 km (lower bound %2 km), about %3 hours including visits")
                .arg(number(c.routeKm, 1), number(c.lowerBoundKm, 1), number(c.minutes / 60.0, 1)) +
            "</p>";
    if (c.dwellings() > 0)
        html += "<p style='color:#a03c00'><b>" +
                tr("%1 dwellings: no entry without consent or a warrant.").arg(c.dwellings()) + "</b></p>";
    html += "<p><b>" + tr("Why chosen") + "</b><br>" + c.motivation.toHtmlEscaped() + "</p>";
    const QString costs = constraintCostsText(m_result.report);
    if (!costs.isEmpty())
        html += "<p><b>" + tr("What the constraints cost (whole plan)") + "</b></p><pre>" + costs.toHtmlEscaped() + "</pre>";
    m_details->setHtml(html);
}

QString PlannerPanel::detailsText() const { return m_details->toPlainText(); }

}  // namespace riskmap::desktop
