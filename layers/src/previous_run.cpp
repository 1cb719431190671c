// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the previous run of an output layer and counting class moves.
#include "riskmap/layers/previous_run.hpp"

#include <map>
#include <set>

namespace riskmap::layers {

PreviousRun PreviousRun::read(gis::SpatialiteDb& db, const std::string& table, const std::string& idColumn,
                              const std::string& scoreColumn, const std::string& classColumn)
{
    PreviousRun out;
    if (!db.tableExists(table)) return out;
    std::set<std::string> columns;
    {
        auto info = db.prepare("SELECT name FROM pragma_table_info(?)");
        info.bind(1, table);
        while (info.step()) columns.insert(info.columnText(0));
    }
    // A layer from an older version without these columns cannot be compared: treat as a first run.
    for (const auto& c : {idColumn, scoreColumn, classColumn})
        if (!columns.contains(c)) return out;
    const bool hasRunId = columns.contains("run_id");
    auto st = db.prepare("SELECT " + gis::quoteIdentifier(idColumn) + ", " + gis::quoteIdentifier(scoreColumn) + ", " +
                         gis::quoteIdentifier(classColumn) + ", " + (hasRunId ? "run_id" : "NULL") + " FROM " +
                         gis::quoteIdentifier(table));
    std::map<std::string, std::int64_t> runIds;
    while (st.step()) {
        if (st.isNull(0)) continue;
        PreviousValue v;
        if (!st.isNull(1)) v.score = st.columnDouble(1);
        if (!st.isNull(2)) v.klasse = st.columnInt(2);
        if (!st.isNull(3)) v.runId = st.columnText(3);
        ++runIds[v.runId];
        out.m_values.insert_or_assign(st.columnText(0), std::move(v));
    }
    std::int64_t best = -1;
    for (const auto& [id, n] : runIds)
        if (n > best) {
            best = n;
            out.m_runId = id;
        }
    return out;
}

const PreviousValue* PreviousRun::find(const std::string& id) const
{
    const auto it = m_values.find(id);
    return it == m_values.end() ? nullptr : &it->second;
}

void PreviousRun::count(const std::string& id, std::int64_t newClass, ClassChanges& changes)
{
    changes.hadPreviousRun = !m_values.empty();
    const PreviousValue* old = find(id);
    if (!old || !old->klasse) {
        if (!m_values.empty()) ++changes.added;
        return;
    }
    m_seen[id] = true;
    if (newClass > *old->klasse) ++changes.up;
    else if (newClass < *old->klasse) ++changes.down;
    else ++changes.same;
}

void PreviousRun::finish(ClassChanges& changes) const
{
    changes.hadPreviousRun = !m_values.empty();
    changes.previousRunId = m_runId;
    changes.removed = 0;
    for (const auto& [id, v] : m_values)
        if (v.klasse && !m_seen.contains(id)) ++changes.removed;
}

std::string describeClassChanges(const ClassChanges& c)
{
    if (!c.hadPreviousRun) return "geen vorige run: de kolommen vorige_* blijven leeg";
    return "t.o.v. run " + (c.previousRunId.empty() ? std::string("(onbekend)") : c.previousRunId) + ": " +
           std::to_string(c.up) + " hogere klasse, " + std::to_string(c.down) + " lagere klasse, " +
           std::to_string(c.same) + " gelijk, " + std::to_string(c.added) + " nieuw, " + std::to_string(c.removed) +
           " vervallen";
}

void appendPreviousColumns(std::vector<gis::FieldValue>& row, const PreviousValue* old, double score)
{
    if (old && old->score) {
        row.emplace_back(*old->score);
        row.emplace_back(score - *old->score);
    } else {
        row.emplace_back();
        row.emplace_back();
    }
    if (old && old->klasse) row.emplace_back(*old->klasse);
    else row.emplace_back();
    if (old && !old->runId.empty()) row.emplace_back(old->runId);
    else row.emplace_back();
}

}  // namespace riskmap::layers
