// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the generated tiles into heuvelrug.gpkg with the canonical layer schemas (private to the sample module).
#pragma once

#include "sample_world.hpp"
#include "riskmap/gis/vector_writer.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace riskmap::layers::sample {

class SampleGeoPackage {
public:
    /// Creates the file and every layer; throws GdalError.
    explicit SampleGeoPackage(const std::string& path);
    /// Appends one tile, one transaction per layer; throws GdalError.
    void writeTile(const TileWorld& world);
    void close() { m_writer.close(); }
    const std::map<std::string, std::int64_t>& counts() const { return m_counts; }

private:
    struct LayerInfo {
        int handle = -1;
        std::vector<std::string> fields;
    };
    void addLayer(const std::string& name, gis::GeometryKind kind, const std::vector<gis::FieldDef>& fields);
    void write(const std::string& layer, std::vector<gis::VectorFeature>&& features);
    /// Puts named values into the layer's field order; throws Error on an unknown or missing name.
    gis::VectorFeature row(const std::string& layer, Wkb geometry,
                           const std::vector<std::pair<std::string, gis::FieldValue>>& values) const;

    gis::VectorWriter m_writer;
    std::map<std::string, LayerInfo> m_layers;
    std::map<std::string, std::int64_t> m_counts;
};

}  // namespace riskmap::layers::sample
