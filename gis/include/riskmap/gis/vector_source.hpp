// SPDX-License-Identifier: GPL-3.0-or-later
// Streaming reader of vector files through GDAL/OGR: layers, fields, CRS, rows.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// The geometry family a source layer declares.
enum class SourceGeometry { None, Point, Line, Polygon, Unknown };

struct SourceLayerInfo {
    std::string name;
    SourceGeometry geometry = SourceGeometry::Unknown;
    std::string geometryTypeName;  ///< OGR's name, e.g. "3D Multi Polygon"
    std::int64_t featureCount = -1;
    bool hasCrs = false;
    std::string crsDefinition;     ///< WKT2, for PROJ
    bool crsGeographic = false;
    std::vector<std::string> fields;
    bool hasExtent = false;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;  ///< in the source CRS, x = easting/longitude
    /// Text numbers may carry a decimal comma (Dutch CSV/Excel); the importer normalises them.
    bool decimalComma = false;
};

/// One source row: values as text (dates ISO, numbers as written), geometry as 2D WKB.
struct SourceRow {
    std::int64_t rowNumber = 0;  ///< 1-based data row in the source layer
    std::vector<std::optional<std::string>> values;
    std::vector<unsigned char> wkb;  ///< empty when the row has no geometry
    /// The values as written in the file, for the rejected-rows file; empty when `values` are.
    std::vector<std::optional<std::string>> original;
    /// Set when the source itself found the row unusable (wrong column count, unreadable
    /// coordinates): the importer rejects it with this field and reason.
    std::string problemField;
    std::string problem;
};

/// Anything the importer can read rows from: GDAL vector files, or tables (CSV, Excel).
class FeatureSource {
public:
    virtual ~FeatureSource() = default;
    virtual const std::string& path() const = 0;
    virtual std::vector<std::string> layerNames() const = 0;
    /// Throws InputError when the layer does not exist.
    virtual SourceLayerInfo layerInfo(const std::string& layer) const = 0;
    /// Streams every row of a layer in order.
    virtual void forEachRow(const std::string& layer, const std::function<void(const SourceRow&)>& visit) const = 0;
};

class VectorSource : public FeatureSource {
public:
    /// Opens a file read-only; throws InputError naming the file when GDAL cannot.
    explicit VectorSource(const std::string& path, const std::vector<std::string>& openOptions = {});
    ~VectorSource();
    VectorSource(const VectorSource&) = delete;
    VectorSource& operator=(const VectorSource&) = delete;

    const std::string& path() const override { return m_path; }
    std::string driverName() const;
    std::vector<std::string> layerNames() const override;
    /// Throws InputError when the layer does not exist.
    SourceLayerInfo layerInfo(const std::string& layer) const override;
    /// Streams every feature of a layer in order; Z and M are dropped.
    void forEachRow(const std::string& layer, const std::function<void(const SourceRow&)>& visit) const override;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    std::string m_path;
};

}  // namespace riskmap::gis
