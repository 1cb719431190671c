// SPDX-License-Identifier: GPL-3.0-or-later
// Audit entries for views of confidential layers.
#include "view_audit.hpp"

#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"

namespace riskmap::desktop {

ViewAudit::ViewAudit(std::string workspacePath, std::string purpose)
    : m_path(std::move(workspacePath)), m_purpose(std::move(purpose))
{
}

std::vector<std::string> ViewAudit::recordShown(const std::vector<std::string>& shown, const std::string& how)
{
    std::vector<std::string> logged;
    std::vector<std::string> pending;
    for (const auto& name : shown)
        if (!m_logged.count(name)) pending.push_back(name);
    if (pending.empty()) return logged;
    // The app reads through a read-only connection; the log gets its own short write.
    auto ws = gis::Workspace::open(m_path);
    gis::Transaction tx(ws.db());
    for (const auto& name : pending) {
        const auto record = ws.layer(name);
        if (!record || (record->classification != "vertrouwelijk" && record->classification != "politiegegevens")) continue;
        gis::appendAudit(ws.db(), "view", name, "analist", m_purpose.empty() ? "niet opgegeven" : m_purpose,
                         "desktop-app: " + how + " (" + record->classification + ")");
        logged.push_back(name);
    }
    tx.commit();
    for (const auto& name : pending) m_logged.insert(name);
    return logged;
}

}  // namespace riskmap::desktop
