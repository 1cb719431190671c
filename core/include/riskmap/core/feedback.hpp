// SPDX-License-Identifier: GPL-3.0-or-later
// Progress and cancel through one object, polled inside long loops.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace riskmap::core {

/// Shared between a worker and whoever shows progress (CLI or GUI).
/// The worker calls step()/setProgress() and checkCancelled(); the viewer
/// sets a sink and may call cancel() from another thread.
class Feedback {
public:
    using Sink = std::function<void(const std::string& stage, double fraction)>;

    Feedback() = default;
    explicit Feedback(Sink sink) : m_sink(std::move(sink)) {}
    /// Also cancelled when `cancelSource` becomes true: a flag outside this object that a signal
    /// handler may set (an atomic store is async-signal-safe; calling cancel() there is not needed).
    Feedback(Sink sink, const std::atomic<bool>* cancelSource) : m_sink(std::move(sink)), m_cancelSource(cancelSource) {}

    /// Starts a named stage with an expected amount of work (0 = unknown).
    void beginStage(const std::string& stage, std::uint64_t total = 0);
    /// Adds done work to the current stage; reports at most every 1 %.
    void advance(std::uint64_t done = 1);
    /// Sets the fraction of the current stage directly (0..1).
    void setProgress(double fraction);

    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load() || (m_cancelSource && m_cancelSource->load()); }
    /// Throws CancelledError when cancel() was called.
    void checkCancelled() const;

    std::string stage() const;

private:
    void report(double fraction);

    Sink m_sink;
    mutable std::mutex m_mutex;
    std::string m_stage;
    std::uint64_t m_total = 0;
    std::atomic<std::uint64_t> m_done{0};
    double m_lastReported = -1.0;
    std::atomic<bool> m_cancelled{false};
    const std::atomic<bool>* m_cancelSource = nullptr;
};

}  // namespace riskmap::core
