// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap purge`.
#include "purge_command.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/retention.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace riskmap::cli {

void PurgeCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_flag("--dry-run", m_dryRun, "Toon alleen wat verwijderd zou worden");
    sub.add_option("--date", m_date, "Peildatum JJJJ-MM-DD (standaard: vandaag)");
    sub.footer("Verwijdert records na bewaren_tot, niet-opgevolgde signalen na een jaar en records na de\n"
               "bewaartermijn van de laag; met secure_delete, WAL-checkpoint en VACUUM. Gelogd in het auditlog.");
}

int PurgeCommand::run()
{
    core::Date today = core::todayUtc();
    if (!m_date.empty()) {
        auto d = core::parseDate(m_date);
        if (!d) throw UsageError("--date '" + m_date + "': verwacht JJJJ-MM-DD");
        today = *d;
    }
    auto workspace = gis::Workspace::open(m_workspace);
    const auto plan = layers::planPurge(workspace, today, {});
    std::int64_t total = 0;
    for (const auto& item : plan) {
        std::cout << item.layer << ": " << item.rows << " records — " << item.rule << " (vóór " << item.cutoff << ")\n";
        total += item.rows;
    }
    if (m_dryRun) {
        std::cout << "Proefdraai: " << total << " records zouden worden verwijderd; er is niets veranderd.\n";
        return 0;
    }
    const auto removed = layers::executePurge(workspace, plan);
    std::cout << removed << " records definitief verwijderd. Laatste audithash: " << gis::latestAuditHash(workspace.db()) << '\n';
    return 0;
}

}  // namespace riskmap::cli
