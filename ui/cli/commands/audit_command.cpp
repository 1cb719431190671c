// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap audit`.
#include "audit_command.hpp"

#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void AuditCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_flag("--verify", m_verify, "Controleer de hashketen (exitcode 3 bij een fout)");
    sub.footer("Elke export, briefing, purge en inzage van vertrouwelijke lagen staat in het auditlog;\n"
               "elke regel bevat de hash van de vorige. Bewaar de laatste hash ook buiten het bestand.");
}

int AuditCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace, true);
    if (m_verify) {
        const auto n = gis::verifyAudit(workspace.db());
        std::cout << "Auditlog in orde: " << n << " regels, laatste hash " << gis::latestAuditHash(workspace.db()) << '\n';
        return 0;
    }
    for (const auto& e : gis::readAudit(workspace.db())) {
        std::cout << e.seq << '\t' << e.at << '\t' << e.user << '\t' << e.action << '\t' << e.target << '\t'
                  << (e.profile.empty() ? "-" : e.profile) << '\t' << (e.purpose.empty() ? "-" : e.purpose) << '\t'
                  << e.details << '\t' << e.hash.substr(0, 16) << "…\n";
    }
    std::cout << "Laatste hash: " << gis::latestAuditHash(workspace.db()) << '\n';
    return 0;
}

}  // namespace riskmap::cli
