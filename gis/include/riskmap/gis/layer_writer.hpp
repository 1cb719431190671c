// SPDX-License-Identifier: GPL-3.0-or-later
// Fast row insertion into a workspace layer table with one prepared statement.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace riskmap::gis {

/// A typed cell value; monostate is NULL.
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

class LayerWriter {
public:
    /// Prepares `INSERT INTO table(columns..., geom)`; geometry as WKB in EPSG:28992.
    LayerWriter(SpatialiteDb& db, const std::string& table, const std::vector<std::string>& columns, bool hasGeometry);
    /// Inserts one row; `wkb` may be empty for a NULL geometry. Throws SqliteError.
    void insert(const std::vector<FieldValue>& values, const std::vector<unsigned char>& wkb);
    std::int64_t rowsWritten() const { return m_rows; }

private:
    Statement m_stmt;
    std::size_t m_columnCount;
    bool m_hasGeometry;
    std::int64_t m_rows = 0;
};

}  // namespace riskmap::gis
