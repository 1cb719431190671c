// SPDX-License-Identifier: GPL-3.0-or-later
// Drops and restores SpatiaLite's per-row geometry triggers around a bulk insert.
#include "riskmap/gis/bulk_load.hpp"

#include "riskmap/core/error.hpp"

namespace riskmap::gis {

BulkLoad::BulkLoad(SpatialiteDb& db, const std::string& table) : m_db(db), m_table(table)
{
    // AddGeometryColumn names them `ggi_<table>_geom` and `tmi_<table>_geom`.
    auto find = m_db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 "
                             "AND name IN ('ggi_' || ?1 || '_geom', 'tmi_' || ?1 || '_geom') ORDER BY name");
    find.bind(1, m_table);
    std::vector<std::string> names;
    while (find.step()) {
        names.push_back(find.columnText(0));
        m_triggerSql.push_back(find.columnText(1));
    }
    for (const auto& name : names) m_db.exec("DROP TRIGGER " + quoteIdentifier(name));
}

BulkLoad::~BulkLoad()
{
    if (m_done) return;
    try {
        restore();  // the caller's rollback restores them too; this covers a caller without one
    } catch (...) {
    }
}

void BulkLoad::finish()
{
    if (m_done) return;
    // The same test the ggi trigger makes per row, once over the whole table.
    auto bad = m_db.prepare("SELECT t.fid FROM " + quoteIdentifier(m_table) +
                            " AS t, geometry_columns AS g WHERE Lower(g.f_table_name) = Lower(?1) AND "
                            "g.f_geometry_column = 'geom' AND t.geom IS NOT NULL AND "
                            "GeometryConstraints(t.geom, g.geometry_type, g.srid) IS NOT 1 LIMIT 1");
    bad.bind(1, m_table);
    if (bad.step())
        throw SqliteError(m_table + ".geom: rij " + std::to_string(bad.columnInt(0)) +
                          " heeft een geometrietype of SRID dat de laag niet toestaat");
    restore();
    auto stamp = m_db.prepare("UPDATE geometry_columns_time SET last_insert = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                              "WHERE Lower(f_table_name) = Lower(?1) AND Lower(f_geometry_column) = 'geom'");
    stamp.bind(1, m_table).run();
}

void BulkLoad::restore()
{
    m_done = true;
    for (const auto& sql : m_triggerSql) m_db.exec(sql);
}

}  // namespace riskmap::gis
