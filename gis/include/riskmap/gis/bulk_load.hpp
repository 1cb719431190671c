// SPDX-License-Identifier: GPL-3.0-or-later
// Suspends SpatiaLite's per-row geometry triggers while a fresh layer table is bulk-filled.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"

#include <string>
#include <vector>

namespace riskmap::gis {

/// While alive, the geometry-constraint (`ggi_*`) and last-insert timestamp (`tmi_*`)
/// triggers of `table.geom` are dropped: they cost about 8 µs per inserted row, a quarter
/// of an import. `finish()` checks every stored geometry against the same constraint in
/// one query, restores the triggers and stamps the insert time once. Use it inside a
/// Transaction: on an error the rollback restores the triggers as well.
class BulkLoad {
public:
    BulkLoad(SpatialiteDb& db, const std::string& table);
    ~BulkLoad();
    BulkLoad(const BulkLoad&) = delete;
    BulkLoad& operator=(const BulkLoad&) = delete;

    /// Verifies the geometries (throws SqliteError naming the first bad row) and restores the triggers.
    void finish();

private:
    void restore();

    SpatialiteDb& m_db;
    std::string m_table;
    std::vector<std::string> m_triggerSql;
    bool m_done = false;
};

}  // namespace riskmap::gis
