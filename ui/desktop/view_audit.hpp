// SPDX-License-Identifier: GPL-3.0-or-later
// Logs every view of a `vertrouwelijk` or `politiegegevens` layer in the desktop app (DOMAIN.md: who, when, what, why).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace riskmap::desktop {

class ViewAudit {
public:
    /// `purpose` is the doelbinding the user gave (`--purpose`); "niet opgegeven" when empty.
    ViewAudit(std::string workspacePath, std::string purpose);

    void setPurpose(std::string purpose) { m_purpose = std::move(purpose); }
    const std::string& purpose() const { return m_purpose; }

    /// Appends an audit entry `view` for each confidential layer among `shown` the
    /// first time it is shown in this session; returns the layers logged now.
    /// Throws riskmap::Error when the workspace cannot be written.
    std::vector<std::string> recordShown(const std::vector<std::string>& shown, const std::string& how);

private:
    std::string m_path;
    std::string m_purpose;
    std::set<std::string> m_logged;
};

}  // namespace riskmap::desktop
