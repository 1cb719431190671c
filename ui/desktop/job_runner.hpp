// SPDX-License-Identifier: GPL-3.0-or-later
// Runs one long task (import, build, plan) on a worker thread with a progress dialog and cancel.
#pragma once

#include "riskmap/core/feedback.hpp"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <memory>

class QProgressDialog;
class QWidget;

namespace riskmap::desktop {

/// How a job ended.
struct JobOutcome {
    enum class Status { Done, Cancelled, Failed };
    Status status = Status::Done;
    QString message;  ///< summary when done; the exception's text (file, row, reason) when failed
};

/// One job at a time. The job gets a Feedback whose sink may be called from the worker thread:
/// progress reaches the GUI thread as a queued signal; Cancel calls Feedback::cancel(), and the
/// job's next checkCancelled() throws CancelledError, reported as Status::Cancelled.
class JobRunner : public QObject {
    Q_OBJECT
public:
    /// Does the work on the worker thread and returns a short summary for the user.
    using Job = std::function<QString(core::Feedback&)>;

    explicit JobRunner(QWidget* dialogParent);
    ~JobRunner() override;

    /// Starts `job`; false (and nothing started) when another job is still running.
    bool start(const QString& title, Job job);
    bool isRunning() const;
    /// Asks the running job to stop (the dialog's Cancel does the same).
    void cancel();
    /// Whether a QProgressDialog is shown (off in tests that have no event-free waits).
    void setShowProgressDialog(bool show) { m_showDialog = show; }
    /// Blocks (processing events) until the running job ends; for tests and shutdown.
    void waitForFinished();
    /// The outcome of the last finished job.
    const JobOutcome& lastOutcome() const { return m_last; }

signals:
    /// Emitted on the GUI thread (queued from the worker).
    void progress(const QString& stage, double fraction);
    /// Emitted on the GUI thread when the job ended, whatever the way.
    void finished(const QString& title, const riskmap::desktop::JobOutcome& outcome);

private:
    void onFinished();

    QWidget* m_parent;
    QProgressDialog* m_dialog = nullptr;
    QFutureWatcher<JobOutcome> m_watcher;
    std::shared_ptr<core::Feedback> m_feedback;
    QString m_title;
    JobOutcome m_last;
    bool m_showDialog = true;
    /// Jobs run here, not on the global pool: the canvas's renders, whose large fills Qt 6.4 spreads
    /// over the global pool (see MapCanvas::m_renderPool), then always find it free. Last member:
    /// destroyed (and waited for) first.
    QThreadPool m_pool;
};

}  // namespace riskmap::desktop
