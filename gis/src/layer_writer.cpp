// SPDX-License-Identifier: GPL-3.0-or-later
// Prepared-statement insertion of layer rows.
#include "riskmap/gis/layer_writer.hpp"

namespace riskmap::gis {
namespace {

std::string insertSql(const std::string& table, const std::vector<std::string>& columns, bool hasGeometry)
{
    std::string names, params;
    for (const auto& c : columns) {
        if (!names.empty()) { names += ", "; params += ", "; }
        names += quoteIdentifier(c);
        params += "?";
    }
    if (hasGeometry) {
        if (!names.empty()) { names += ", "; params += ", "; }
        names += "geom";
        params += "GeomFromWKB(?, 28992)";
    }
    return "INSERT INTO " + quoteIdentifier(table) + " (" + names + ") VALUES (" + params + ")";
}

}  // namespace

LayerWriter::LayerWriter(SpatialiteDb& db, const std::string& table, const std::vector<std::string>& columns, bool hasGeometry)
    : m_stmt(db, insertSql(table, columns, hasGeometry)), m_columnCount(columns.size()), m_hasGeometry(hasGeometry)
{
}

void LayerWriter::insert(const std::vector<FieldValue>& values, const std::vector<unsigned char>& wkb)
{
    int index = 1;
    for (std::size_t i = 0; i < m_columnCount; ++i, ++index) {
        const FieldValue& v = i < values.size() ? values[i] : FieldValue{};
        std::visit(
            [&](const auto& x) {
                using T = std::decay_t<decltype(x)>;
                if constexpr (std::is_same_v<T, std::monostate>) m_stmt.bind(index, nullptr);
                else m_stmt.bind(index, x);
            },
            v);
    }
    if (m_hasGeometry) {
        if (wkb.empty()) m_stmt.bind(index, nullptr);
        else m_stmt.bindBlob(index, wkb.data(), wkb.size());
    }
    m_stmt.run();
    ++m_rows;
}

}  // namespace riskmap::gis
