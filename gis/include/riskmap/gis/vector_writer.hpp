// SPDX-License-Identifier: GPL-3.0-or-later
// Writes typed vector layers to a new GeoPackage through GDAL, reproducibly.
#pragma once

#include "riskmap/gis/wkb.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace riskmap::gis {

enum class FieldType { Text, Integer, Real, Date, Boolean };
enum class GeometryKind { None, Point, LineString, MultiLineString, Polygon, MultiPolygon };

struct FieldDef {
    std::string name;
    FieldType type = FieldType::Text;
};

/// Null, integer (also booleans), real or text (also ISO dates).
using FieldValue = std::variant<std::monostate, std::int64_t, double, std::string>;

struct VectorFeature {
    Wkb geometry;  ///< empty for layers without geometry
    std::vector<FieldValue> values;  ///< in the order of the layer's fields
};

/// A GeoPackage being written. The file is created anew (an existing one is
/// replaced); gpkg_contents timestamps are fixed so equal input gives equal bytes.
class VectorWriter {
public:
    /// Throws GdalError when the file cannot be created.
    explicit VectorWriter(const std::string& path);
    ~VectorWriter();
    VectorWriter(const VectorWriter&) = delete;
    VectorWriter& operator=(const VectorWriter&) = delete;

    /// Creates a layer (SRS EPSG `epsg`, geometry column `geom`, key `fid`);
    /// returns its handle for write(). Throws GdalError.
    int addLayer(const std::string& name, GeometryKind kind, const std::vector<FieldDef>& fields,
                 int epsg = 28992);
    /// Appends features in one transaction. Throws GdalError naming layer and row.
    void write(int layer, const std::vector<VectorFeature>& features);
    /// Flushes and closes (also done by the destructor, which never throws).
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace riskmap::gis
