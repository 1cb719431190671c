// SPDX-License-Identifier: GPL-3.0-or-later
// The canonical input layers of DATA_MODEL.md: fields, geometry, id, privacy.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

enum class FieldType { Text, Integer, Real, Date, Boolean };

/// Which geometry family a layer holds; `promoteToMulti` for (Multi)Polygon layers.
enum class GeometryFamily { Point, Line, Polygon, None };

struct FieldSpec {
    std::string name;
    FieldType type = FieldType::Text;
    bool required = false;
    /// A numeric code of this many digits (vestigingsnummer 12, kvk_nummer 8): an all-digit value
    /// that is shorter (Excel stored it as a number) gets its leading zeros back. 0 = none.
    int digits = 0;
};

/// Classification levels, lowest first (DATA_MODEL.md).
enum class Classification { Openbaar = 0, Intern = 1, Vertrouwelijk = 2, Politiegegevens = 3 };

struct LayerSchema {
    std::string name;                ///< canonical table name, e.g. "percelen"
    GeometryFamily geometry = GeometryFamily::None;
    bool multi = false;              ///< stored as Multi* (single parts promoted)
    bool geocodable = false;         ///< may come without geometry, geocoded from the address
    std::string idField;             ///< unique per layer; empty when none
    std::vector<FieldSpec> fields;
    Classification classification = Classification::Openbaar;
    std::string legalBasis;
    int retentionDays = 0;           ///< 0 = kept until replaced

    const FieldSpec* field(const std::string& fieldName) const;
    /// SpatiaLite geometry type name, e.g. "MULTIPOLYGON" or "POINT".
    std::string spatialiteGeometryType() const;
};

/// All canonical input layers (the import targets).
const std::vector<LayerSchema>& canonicalLayers();
/// The schema for a layer name, or nullptr when the name is not canonical.
const LayerSchema* findLayerSchema(const std::string& name);

std::string toString(Classification c);
std::optional<Classification> parseClassification(const std::string& text);
std::string toString(FieldType t);
std::string toString(GeometryFamily g);

}  // namespace riskmap::layers
