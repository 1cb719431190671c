// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming read of a workspace layer: attributes and geometry (2D WKB), optionally by box.
#pragma once

#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// An axis-aligned box in RD New metres.
struct Box {
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
};

struct FeatureRow {
    std::int64_t fid = 0;
    std::vector<FieldValue> values;  ///< in the order of LayerReader::columns()
    std::vector<unsigned char> wkb;  ///< ISO WKB; empty for a NULL geometry
};

class LayerReader {
public:
    /// Reads `columns` (all attribute columns when empty) and the geometry of
    /// `table`, ordered by fid; with `box`, only rows whose index box meets it.
    /// Throws Error when the layer does not exist.
    LayerReader(SpatialiteDb& db, const std::string& table, std::vector<std::string> columns = {},
                std::optional<Box> box = std::nullopt);
    const std::vector<std::string>& columns() const { return m_columns; }
    /// Fills `row` with the next feature; false at the end.
    bool next(FeatureRow& row);

private:
    std::vector<std::string> m_columns;
    std::optional<Statement> m_stmt;
    bool m_hasGeometry = false;
};

/// The attribute column names of a table, without fid and geom.
std::vector<std::string> layerColumns(SpatialiteDb& db, const std::string& table);
/// The extent of a layer's geometries; nullopt when it has none.
std::optional<Box> layerExtent(SpatialiteDb& db, const std::string& table);

}  // namespace riskmap::gis
