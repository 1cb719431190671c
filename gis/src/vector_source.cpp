// SPDX-License-Identifier: GPL-3.0-or-later
// GDAL/OGR vector reading for the importer.
#include "riskmap/gis/vector_source.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <cstdio>

namespace riskmap::gis {
namespace {

SourceGeometry familyOf(OGRwkbGeometryType type)
{
    switch (wkbFlatten(type)) {
    case wkbNone: return SourceGeometry::None;
    case wkbPoint:
    case wkbMultiPoint: return SourceGeometry::Point;
    case wkbLineString:
    case wkbMultiLineString:
    case wkbCircularString:
    case wkbCompoundCurve:
    case wkbMultiCurve: return SourceGeometry::Line;
    case wkbPolygon:
    case wkbMultiPolygon:
    case wkbCurvePolygon:
    case wkbMultiSurface: return SourceGeometry::Polygon;
    default: return SourceGeometry::Unknown;
    }
}

std::string fieldText(OGRFeature& feature, int i)
{
    const OGRFieldDefn* defn = feature.GetFieldDefnRef(i);
    const OGRFieldType type = defn->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
        float ss = 0;
        feature.GetFieldAsDateTime(i, &y, &m, &d, &hh, &mm, &ss, &tz);
        char buf[32];
        if (type == OFTDate) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        else std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, hh, mm, static_cast<int>(ss));
        return buf;
    }
    return feature.GetFieldAsString(i);
}

}  // namespace

struct VectorSource::Impl {
    GdalDatasetPtr ds;

    OGRLayer* layer(const std::string& name, const std::string& path) const
    {
        OGRLayer* l = ds->GetLayerByName(name.c_str());
        if (!l) throw InputError("'" + path + "': bronlaag '" + name + "' bestaat niet / source layer not found");
        return l;
    }
};

VectorSource::VectorSource(const std::string& path, const std::vector<std::string>& openOptions)
    : m_impl(std::make_unique<Impl>()), m_path(path)
{
    ensureGdalRegistered();
    std::vector<const char*> options;
    for (const auto& o : openOptions) options.push_back(o.c_str());
    options.push_back(nullptr);
    CPLErrorReset();
    m_impl->ds.reset(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.data(), nullptr)));
    if (!m_impl->ds) {
        throw InputError("'" + path + "': geen leesbaar vectorbestand (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV): " +
                         lastGdalError("GDAL herkent het formaat niet of het bestand is beschadigd"));
    }
}

VectorSource::~VectorSource() = default;

std::string VectorSource::driverName() const { return m_impl->ds->GetDriverName(); }

std::vector<std::string> VectorSource::layerNames() const
{
    std::vector<std::string> names;
    for (auto* l : m_impl->ds->GetLayers()) names.emplace_back(l->GetName());
    return names;
}

SourceLayerInfo VectorSource::layerInfo(const std::string& name) const
{
    OGRLayer* l = m_impl->layer(name, m_path);
    SourceLayerInfo info;
    info.name = name;
    info.geometry = familyOf(l->GetGeomType());
    info.geometryTypeName = OGRGeometryTypeToName(l->GetGeomType());
    info.featureCount = l->GetFeatureCount(TRUE);
    if (const OGRSpatialReference* srs = l->GetSpatialRef()) {
        info.hasCrs = true;
        char* wkt = nullptr;
        const char* opts[] = {"FORMAT=WKT2_2019", nullptr};
        srs->exportToWkt(&wkt, opts);
        info.crsDefinition = wkt ? wkt : "";
        CPLFree(wkt);
        info.crsGeographic = srs->IsGeographic();
    }
    OGRFeatureDefn* defn = l->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) info.fields.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
    OGREnvelope env;
    if (l->GetGeomType() != wkbNone && l->GetExtent(&env, TRUE) == OGRERR_NONE) {
        info.hasExtent = true;
        // GDAL returns the extent in the layer's data axis order, which for
        // geographic CRSs is lon/lat ("traditional GIS order") for these drivers.
        info.xmin = env.MinX;
        info.ymin = env.MinY;
        info.xmax = env.MaxX;
        info.ymax = env.MaxY;
    }
    return info;
}

void VectorSource::forEachRow(const std::string& name, const std::function<void(const SourceRow&)>& visit) const
{
    OGRLayer* l = m_impl->layer(name, m_path);
    l->ResetReading();
    const int fieldCount = l->GetLayerDefn()->GetFieldCount();
    SourceRow row;
    row.values.resize(static_cast<std::size_t>(fieldCount));
    std::int64_t number = 0;
    CPLErrorReset();
    while (true) {
        OgrFeaturePtr feature(l->GetNextFeature());
        if (!feature) {
            if (CPLGetLastErrorType() >= CE_Failure)
                throw InputError("'" + m_path + "' laag '" + name + "' na rij " + std::to_string(number) +
                                 ": lezen mislukt (bestand beschadigd of afgebroken?): " + lastGdalError("onbekende fout"));
            break;
        }
        row.rowNumber = ++number;
        for (int i = 0; i < fieldCount; ++i) {
            auto& value = row.values[static_cast<std::size_t>(i)];
            if (!feature->IsFieldSetAndNotNull(i)) value.reset();
            else value = fieldText(*feature, i);
        }
        row.wkb.clear();
        if (OGRGeometry* g = feature->GetGeometryRef()) {
            // Curves linearised, Z and M dropped: the workspace is 2D.
            OgrGeometryPtr linear(g->hasCurveGeometry() ? g->getLinearGeometry() : g->clone());
            linear->flattenTo2D();
            linear->setMeasured(FALSE);
            row.wkb.resize(static_cast<std::size_t>(linear->WkbSize()));
            linear->exportToWkb(wkbNDR, row.wkb.data(), wkbVariantIso);
        }
        visit(row);
    }
}

}  // namespace riskmap::gis
