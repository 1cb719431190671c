// SPDX-License-Identifier: GPL-3.0-or-later
// GeoPackage writer over GDAL/OGR.
#include "riskmap/gis/vector_writer.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <filesystem>

namespace riskmap::gis {

namespace {

// GeoPackage stamps gpkg_contents.last_change with the clock unless this is set.
constexpr const char* kFixedTimestamp = "2026-01-01T00:00:00Z";

OGRwkbGeometryType ogrType(GeometryKind kind)
{
    switch (kind) {
    case GeometryKind::None: return wkbNone;
    case GeometryKind::Point: return wkbPoint;
    case GeometryKind::LineString: return wkbLineString;
    case GeometryKind::MultiLineString: return wkbMultiLineString;
    case GeometryKind::Polygon: return wkbPolygon;
    case GeometryKind::MultiPolygon: return wkbMultiPolygon;
    }
    return wkbUnknown;
}

}  // namespace

struct VectorWriter::Impl {
    std::string path;
    GdalDatasetPtr dataset;
    std::vector<OGRLayer*> layers;
    std::vector<std::vector<FieldType>> types;
};

VectorWriter::VectorWriter(const std::string& path) : m_impl(std::make_unique<Impl>())
{
    ensureGdalRegistered();
    m_impl->path = path;
    std::error_code ec;
    std::filesystem::remove(path, ec);
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", kFixedTimestamp);
    auto* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) throw GdalError("GDAL has no GPKG driver");
    CPLErrorReset();
    m_impl->dataset.reset(driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!m_impl->dataset) throw GdalError("create '" + path + "': " + lastGdalError("cannot create GeoPackage"));
}

VectorWriter::~VectorWriter()
{
    try {
        close();
    } catch (...) {
        // Destructors never throw; close() explicitly to see errors.
    }
}

int VectorWriter::addLayer(const std::string& name, GeometryKind kind, const std::vector<FieldDef>& fields,
                           int epsg)
{
    if (!m_impl->dataset) throw GdalError("'" + m_impl->path + "' is closed");
    OGRSpatialReference srs;
    srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference* srsPtr = nullptr;
    if (kind != GeometryKind::None) {
        if (srs.importFromEPSG(epsg) != OGRERR_NONE) throw GdalError("unknown EPSG:" + std::to_string(epsg));
        srsPtr = &srs;
    }
    char** options = nullptr;
    options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
    options = CSLSetNameValue(options, "FID", "fid");
    options = CSLSetNameValue(options, "SPATIAL_INDEX", "YES");
    CPLErrorReset();
    OGRLayer* layer = m_impl->dataset->CreateLayer(name.c_str(), srsPtr, ogrType(kind), options);
    CSLDestroy(options);
    if (!layer) throw GdalError("layer '" + name + "': " + lastGdalError("cannot create"));
    std::vector<FieldType> types;
    for (const auto& f : fields) {
        OGRFieldType t = OFTString;
        OGRFieldSubType sub = OFSTNone;
        switch (f.type) {
        case FieldType::Text: t = OFTString; break;
        case FieldType::Integer: t = OFTInteger64; break;
        case FieldType::Real: t = OFTReal; break;
        case FieldType::Date: t = OFTDate; break;
        case FieldType::Boolean: t = OFTInteger; sub = OFSTBoolean; break;
        }
        OGRFieldDefn defn(f.name.c_str(), t);
        defn.SetSubType(sub);
        if (layer->CreateField(&defn) != OGRERR_NONE)
            throw GdalError("layer '" + name + "' field '" + f.name + "': " + lastGdalError("cannot create"));
        types.push_back(f.type);
    }
    m_impl->layers.push_back(layer);
    m_impl->types.push_back(std::move(types));
    return static_cast<int>(m_impl->layers.size() - 1);
}

void VectorWriter::write(int layerIndex, const std::vector<VectorFeature>& features)
{
    OGRLayer* layer = m_impl->layers.at(static_cast<std::size_t>(layerIndex));
    const auto& types = m_impl->types.at(static_cast<std::size_t>(layerIndex));
    const std::string layerName = layer->GetName();
    if (layer->StartTransaction() != OGRERR_NONE) throw GdalError("layer '" + layerName + "': cannot start transaction");
    std::size_t row = 0;
    try {
        for (const auto& f : features) {
            ++row;
            OgrFeaturePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            if (!f.geometry.empty()) {
                OGRGeometry* geom = nullptr;
                if (OGRGeometryFactory::createFromWkb(f.geometry.data(), nullptr, &geom, f.geometry.size()) !=
                    OGRERR_NONE)
                    throw GdalError("layer '" + layerName + "' row " + std::to_string(row) + ": bad WKB");
                geom->assignSpatialReference(layer->GetSpatialRef());
                feature->SetGeometryDirectly(geom);
            }
            for (std::size_t i = 0; i < f.values.size() && i < types.size(); ++i) {
                const int idx = static_cast<int>(i);
                const auto& v = f.values[i];
                if (std::holds_alternative<std::monostate>(v)) {
                    feature->SetFieldNull(idx);
                } else if (const auto* n = std::get_if<std::int64_t>(&v)) {
                    feature->SetField(idx, static_cast<GIntBig>(*n));
                } else if (const auto* d = std::get_if<double>(&v)) {
                    feature->SetField(idx, *d);
                } else {
                    feature->SetField(idx, std::get<std::string>(v).c_str());
                }
            }
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
                throw GdalError("layer '" + layerName + "' row " + std::to_string(row) + ": " +
                                lastGdalError("cannot write"));
        }
    } catch (...) {
        layer->RollbackTransaction();
        throw;
    }
    if (layer->CommitTransaction() != OGRERR_NONE) throw GdalError("layer '" + layerName + "': commit failed");
}

void VectorWriter::close()
{
    if (!m_impl || !m_impl->dataset) return;
    m_impl->layers.clear();
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", kFixedTimestamp);
    m_impl->dataset.reset();
    CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
}

}  // namespace riskmap::gis
