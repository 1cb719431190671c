// SPDX-License-Identifier: GPL-3.0-or-later
// Writes small vector files (GPKG, Shapefile, GeoJSON, FlatGeobuf) from WKT for importer tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace riskmap::test {

enum class FixtureType { Text, Integer, Real };

struct FixtureField {
    std::string name;
    FixtureType type = FixtureType::Text;
};

struct FixtureFeature {
    std::string wkt;                                ///< empty for no geometry
    std::vector<std::optional<std::string>> values;  ///< nullopt for NULL
};

struct FixtureLayer {
    std::string name;
    std::string geometryType = "MULTIPOLYGON";  ///< OGR name: POINT, LINESTRING, MULTIPOLYGON, POLYGON25D, ...
    std::optional<int> epsg = 28992;            ///< nullopt: no CRS
    std::vector<FixtureField> fields;
    std::vector<FixtureFeature> features;
};

/// Writes one file with the given layers using GDAL `driver` ("GPKG", "ESRI Shapefile",
/// "GeoJSON", "FlatGeobuf"). Throws std::runtime_error on failure.
void writeVectorFile(const std::string& path, const std::string& driver, const std::vector<FixtureLayer>& layers);

/// A square parcel polygon WKT with its lower-left corner at (x, y) and side `size` metres.
std::string squareWkt(double x, double y, double size);

}  // namespace riskmap::test
