// SPDX-License-Identifier: GPL-3.0-or-later
// The worker-thread runner behind the Import, Build and Plan actions.
#include "job_runner.hpp"

#include "riskmap/core/error.hpp"

#include <QCoreApplication>
#include <QEventLoop>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace riskmap::desktop {

JobRunner::JobRunner(QWidget* dialogParent) : QObject(dialogParent), m_parent(dialogParent)
{
    connect(&m_watcher, &QFutureWatcher<JobOutcome>::finished, this, &JobRunner::onFinished);
}

JobRunner::~JobRunner()
{
    // The worker holds the workspace and our Feedback: stop it before they go.
    if (m_feedback) m_feedback->cancel();
    m_watcher.waitForFinished();
}

bool JobRunner::isRunning() const { return m_feedback != nullptr; }

bool JobRunner::start(const QString& title, Job job)
{
    if (isRunning()) return false;
    m_title = title;
    // The sink runs on the worker thread; emitting crosses to the GUI thread as a queued call.
    m_feedback = std::make_shared<core::Feedback>([this](const std::string& stage, double fraction) {
        emit progress(QString::fromStdString(stage), fraction);
    });
    if (m_showDialog) {
        m_dialog = new QProgressDialog(title, tr("Cancel"), 0, 1000, m_parent);
        m_dialog->setWindowTitle(title);
        m_dialog->setWindowModality(Qt::WindowModal);
        m_dialog->setMinimumDuration(0);
        m_dialog->setAutoClose(false);
        m_dialog->setAutoReset(false);
        m_dialog->setValue(0);
        connect(m_dialog, &QProgressDialog::canceled, this, &JobRunner::cancel);
        connect(this, &JobRunner::progress, m_dialog, [dialog = m_dialog, title](const QString& stage, double f) {
            dialog->setLabelText(stage.isEmpty() ? title : stage);
            dialog->setValue(static_cast<int>(std::lround(std::clamp(f, 0.0, 1.0) * 1000)));
        });
    }
    auto feedback = m_feedback;
    m_watcher.setFuture(QtConcurrent::run(&m_pool, [job = std::move(job), feedback]() -> JobOutcome {
        try {
            QString summary = job(*feedback);
            return {JobOutcome::Status::Done, summary};
        } catch (const CancelledError&) {
            return {JobOutcome::Status::Cancelled, {}};
        } catch (const std::exception& e) {
            // A late cancel may surface as another error from a half-closed step: still a cancel.
            if (feedback->isCancelled()) return {JobOutcome::Status::Cancelled, {}};
            return {JobOutcome::Status::Failed, QString::fromUtf8(e.what())};
        }
    }));
    return true;
}

void JobRunner::cancel()
{
    if (m_feedback) m_feedback->cancel();
    if (m_dialog) m_dialog->setLabelText(tr("Stopping…"));
}

void JobRunner::waitForFinished()
{
    while (isRunning()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

void JobRunner::onFinished()
{
    m_last = m_watcher.result();
    m_feedback.reset();
    if (m_dialog) {
        m_dialog->hide();
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    emit finished(m_title, m_last);
}

}  // namespace riskmap::desktop
