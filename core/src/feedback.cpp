// SPDX-License-Identifier: GPL-3.0-or-later
// Progress and cancel shared between worker and viewer.
#include "riskmap/core/feedback.hpp"

#include "riskmap/core/error.hpp"

namespace riskmap::core {

void Feedback::beginStage(const std::string& stage, std::uint64_t total)
{
    {
        std::lock_guard lock(m_mutex);
        m_stage = stage;
        m_total = total;
        m_done = 0;
        m_lastReported = -1.0;
    }
    report(0.0);
}

void Feedback::advance(std::uint64_t done)
{
    const auto now = m_done.fetch_add(done) + done;
    if (m_total > 0) report(static_cast<double>(now) / static_cast<double>(m_total));
}

void Feedback::setProgress(double fraction) { report(fraction); }

void Feedback::checkCancelled() const
{
    if (isCancelled()) throw CancelledError();
}

std::string Feedback::stage() const
{
    std::lock_guard lock(m_mutex);
    return m_stage;
}

void Feedback::report(double fraction)
{
    if (!m_sink) return;
    std::string stage;
    {
        std::lock_guard lock(m_mutex);
        // Throttle: one report per percent keeps terminals and GUIs calm.
        if (fraction < 1.0 && fraction - m_lastReported < 0.01 && m_lastReported >= 0.0) return;
        m_lastReported = fraction;
        stage = m_stage;
    }
    m_sink(stage, fraction);
}

}  // namespace riskmap::core
