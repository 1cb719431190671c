// SPDX-License-Identifier: GPL-3.0-or-later
// The "Controleplanner" dock: choose the year and main settings, plan on the worker thread, read the proposal.
#pragma once

#include "app_jobs.hpp"
#include "plan_result.hpp"
#include "riskmap/gis/layer_reader.hpp"

#include <QWidget>

#include <functional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;
class QTreeWidget;

namespace riskmap::desktop {

class JobRunner;
struct JobOutcome;

class PlannerPanel : public QWidget {
    Q_OBJECT
public:
    /// Plans run through `jobs` (the main window's runner: one job at a time).
    explicit PlannerPanel(JobRunner* jobs, QWidget* parent = nullptr);

    /// Where the project file's path comes from when a plan starts (empty: defaults).
    void setProjectSource(std::function<QString()> source) { m_projectSource = std::move(source); }
    /// The open workspace (empty: none): fills the settings from the project and shows its newest plan.
    void setWorkspace(const QString& workspacePath);

    /// The settings fields; the year and the overrides passed to runPlan.
    void setYear(int year);
    int year() const;
    void setOverrides(const PlanOverrides& overrides);
    PlanOverrides overrides() const;

    /// Starts planning with the fields' values; false when busy or no workspace.
    bool startPlan();
    /// Shows the plan of `year` stored in the workspace (controles, controle_adressen).
    void loadYear(int year);
    const PlanResult& result() const { return m_result; }

    /// Selects control `index` (as a click in the list does): details, zoom, highlight.
    void selectControl(int index);
    /// The details shown for the selected control, as plain text.
    QString detailsText() const;
    QTreeWidget* tree() const { return m_tree; }

    /// The title of the plan job (JobRunner::finished carries it).
    static QString jobTitle();

signals:
    /// Show this box on the map and outline these shapes (target area and addresses).
    void showOnMap(const riskmap::gis::Box& box, const std::vector<riskmap::render::Geometry>& shapes);

private:
    void jobFinished(const QString& title, const JobOutcome& outcome);
    void fillFromProject();
    void refreshYears();
    void showResult();
    void itemChosen();
    void showDetails(const PlanControl& control);
    void setRunning(bool running);

    JobRunner* m_jobs;
    std::function<QString()> m_projectSource;
    QString m_workspacePath;
    PlanResult m_result;
    bool m_ownJob = false;
    int m_pendingYear = 0;

    QSpinBox* m_year = nullptr;
    QSpinBox* m_controls = nullptr;
    QSpinBox* m_addresses = nullptr;
    QDoubleSpinBox* m_randomShare = nullptr;
    QSpinBox* m_seed = nullptr;
    QPushButton* m_planButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QComboBox* m_existing = nullptr;
    QTreeWidget* m_tree = nullptr;
    QTextBrowser* m_details = nullptr;
    QPushButton* m_openFolder = nullptr;
    QPushButton* m_openCalendar = nullptr;
};

}  // namespace riskmap::desktop
