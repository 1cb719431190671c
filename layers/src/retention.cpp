// SPDX-License-Identifier: GPL-3.0-or-later
// Retention rules and secure purge.
#include "riskmap/layers/retention.hpp"

#include "riskmap/gis/audit_log.hpp"
#include "riskmap/layers/layer_schema.hpp"

#include <chrono>

namespace riskmap::layers {
namespace {

std::string isoDaysBefore(const core::Date& today, int days)
{
    return core::formatIsoDate(core::Date{std::chrono::sys_days(today) - std::chrono::days(days)});
}

bool hasColumn(gis::SpatialiteDb& db, const std::string& table, const std::string& column)
{
    auto stmt = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = ?");
    stmt.bind(1, table).bind(2, column);
    return stmt.step();
}

/// The date a layer-wide retention period counts from (empty: no such rule).
std::string retentionDateField(const std::string& layer)
{
    if (layer == "incidenten") return "datum";
    if (layer == "vestigingen") return "datum_uitschrijving";  // ended registrations only
    return "";
}

}  // namespace

std::vector<PurgeItem> planPurge(gis::Workspace& workspace, const core::Date& today, const RetentionSettings& settings)
{
    auto& db = workspace.db();
    std::vector<PurgeItem> plan;
    const std::string todayIso = core::formatIsoDate(today);
    for (const auto& layer : workspace.layers()) {
        if (!db.tableExists(layer.name)) continue;
        if (hasColumn(db, layer.name, "bewaren_tot"))
            plan.push_back({layer.name, "bewaartermijn van het record verstreken (bewaren_tot)",
                            "bewaren_tot IS NOT NULL AND bewaren_tot < ?1", todayIso, 0});
        if (layer.name == "incidenten" && hasColumn(db, layer.name, "opgevolgd"))
            plan.push_back({layer.name,
                            "signaal niet opgevolgd, ouder dan " + std::to_string(settings.signalDays) + " dagen",
                            "soort = 'signaal' AND coalesce(opgevolgd, 0) = 0 AND datum < ?1",
                            isoDaysBefore(today, settings.signalDays), 0});
        const std::string dateField = retentionDateField(layer.name);
        if (layer.retentionDays > 0 && !dateField.empty() && hasColumn(db, layer.name, dateField))
            plan.push_back({layer.name, "bewaartermijn van de laag (" + std::to_string(layer.retentionDays) + " dagen na " + dateField + ")",
                            dateField + " IS NOT NULL AND " + dateField + " < ?1",
                            isoDaysBefore(today, layer.retentionDays), 0});
    }
    for (auto& item : plan) {
        auto stmt = db.prepare("SELECT count(*) FROM " + gis::quoteIdentifier(item.layer) + " WHERE " + item.condition);
        stmt.bind(1, item.cutoff);
        stmt.step();
        item.rows = stmt.columnInt(0);
    }
    return plan;
}

std::int64_t executePurge(gis::Workspace& workspace, const std::vector<PurgeItem>& plan)
{
    auto& db = workspace.db();
    // Overwrite deleted content with zeros instead of only unlinking pages.
    db.exec("PRAGMA secure_delete = ON");
    std::int64_t total = 0;
    std::string details;
    {
        gis::Transaction tx(db);
        for (const auto& item : plan) {
            auto stmt = db.prepare("DELETE FROM " + gis::quoteIdentifier(item.layer) + " WHERE " + item.condition);
            stmt.bind(1, item.cutoff);
            stmt.run();
            const auto removed = db.queryInt("SELECT changes()").value_or(0);
            total += removed;
            if (!details.empty()) details += "; ";
            details += item.layer + ": " + std::to_string(removed) + " (" + item.rule + ", vóór " + item.cutoff + ")";
        }
        for (const auto& layer : workspace.layers()) {
            if (!db.tableExists(layer.name)) continue;
            auto update = db.prepare("UPDATE rk_layers SET feature_count = ? WHERE name = ?");
            update.bind(1, workspace.countRows(layer.name)).bind(2, layer.name).run();
        }
        gis::appendAudit(db, "purge", "werkruimte", "", "bewaartermijnen (AVG/Wpg)", details.empty() ? "niets te verwijderen" : details);
        tx.commit();
    }
    // Old page images live on in the WAL until checkpointed; VACUUM rewrites the file.
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    db.exec("VACUUM");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return total;
}

}  // namespace riskmap::layers
