// SPDX-License-Identifier: GPL-3.0-or-later
// Reading workspace layers.
#include "riskmap/gis/layer_reader.hpp"

#include "riskmap/core/error.hpp"

namespace riskmap::gis {

std::vector<std::string> layerColumns(SpatialiteDb& db, const std::string& table)
{
    std::vector<std::string> names;
    auto stmt = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
    stmt.bind(1, table);
    while (stmt.step()) {
        std::string n = stmt.columnText(0);
        if (n != "fid" && n != "geom") names.push_back(std::move(n));
    }
    return names;
}

std::optional<Box> layerExtent(SpatialiteDb& db, const std::string& table)
{
    auto stmt = db.prepare("SELECT min(MbrMinX(geom)), min(MbrMinY(geom)), max(MbrMaxX(geom)), max(MbrMaxY(geom)) FROM " +
                           quoteIdentifier(table));
    if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
    return Box{stmt.columnDouble(0), stmt.columnDouble(1), stmt.columnDouble(2), stmt.columnDouble(3)};
}

LayerReader::LayerReader(SpatialiteDb& db, const std::string& table, std::vector<std::string> columns,
                         std::optional<Box> box)
    : m_columns(std::move(columns))
{
    if (!db.tableExists(table)) throw Error("laag '" + table + "' bestaat niet in de werkruimte");
    if (m_columns.empty()) m_columns = layerColumns(db, table);
    auto hasGeom = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'geom'");
    hasGeom.bind(1, table);
    m_hasGeometry = hasGeom.step();

    std::string sql = "SELECT fid";
    for (const auto& c : m_columns) sql += ", " + quoteIdentifier(c);
    sql += m_hasGeometry ? ", AsBinary(geom)" : ", NULL";
    sql += " FROM " + quoteIdentifier(table);
    const bool useIndex = box && m_hasGeometry && db.tableExists("idx_" + table + "_geom");
    if (useIndex) {
        sql += " WHERE fid IN (SELECT pkid FROM " + quoteIdentifier("idx_" + table + "_geom") +
               " WHERE xmin <= ?3 AND xmax >= ?1 AND ymin <= ?4 AND ymax >= ?2)";
    } else if (box && m_hasGeometry) {
        sql += " WHERE MbrMinX(geom) <= ?3 AND MbrMaxX(geom) >= ?1 AND MbrMinY(geom) <= ?4 AND MbrMaxY(geom) >= ?2";
    }
    sql += " ORDER BY fid";
    m_stmt.emplace(db, sql);
    if (box && m_hasGeometry) m_stmt->bind(1, box->xmin).bind(2, box->ymin).bind(3, box->xmax).bind(4, box->ymax);
}

bool LayerReader::next(FeatureRow& row)
{
    if (!m_stmt->step()) return false;
    row.fid = m_stmt->columnInt(0);
    row.values.resize(m_columns.size());
    for (std::size_t i = 0; i < m_columns.size(); ++i) {
        const int col = static_cast<int>(i) + 1;
        auto& v = row.values[i];
        if (m_stmt->isNull(col)) v = FieldValue{};
        else {
            switch (m_stmt->columnType(col)) {
            case Statement::ColumnType::Integer: v = m_stmt->columnInt(col); break;
            case Statement::ColumnType::Real: v = m_stmt->columnDouble(col); break;
            default: v = m_stmt->columnText(col); break;
            }
        }
    }
    const int geomCol = static_cast<int>(m_columns.size()) + 1;
    if (m_stmt->isNull(geomCol)) row.wkb.clear();
    else row.wkb = m_stmt->columnBlob(geomCol);
    return true;
}

}  // namespace riskmap::gis
