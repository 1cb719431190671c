// SPDX-License-Identifier: GPL-3.0-or-later
// GDAL-based writer of test fixtures.
#include "vector_fixtures.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace riskmap::test {
namespace {

OGRwkbGeometryType geometryType(const std::string& name)
{
    if (name == "NONE") return wkbNone;
    if (name == "UNKNOWN") return wkbUnknown;
    if (name == "POINT") return wkbPoint;
    if (name == "POINT25D") return wkbPoint25D;
    if (name == "LINESTRING") return wkbLineString;
    if (name == "MULTILINESTRING") return wkbMultiLineString;
    if (name == "POLYGON") return wkbPolygon;
    if (name == "MULTIPOLYGON") return wkbMultiPolygon;
    if (name == "MULTIPOLYGON25D") return wkbMultiPolygon25D;
    if (name == "MULTIPOLYGONZM") return wkbMultiPolygonZM;
    if (name == "POLYGONM") return wkbPolygonM;
    throw std::runtime_error("fixture: unknown geometry type " + name);
}

OGRFieldType fieldType(FixtureType t)
{
    switch (t) {
    case FixtureType::Integer: return OFTInteger64;
    case FixtureType::Real: return OFTReal;
    default: return OFTString;
    }
}

}  // namespace

void writeVectorFile(const std::string& path, const std::string& driverName, const std::vector<FixtureLayer>& layers)
{
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName.c_str());
    if (!driver) throw std::runtime_error("fixture: no GDAL driver " + driverName);
    std::unique_ptr<GDALDataset, void (*)(GDALDataset*)> ds(
        driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr), [](GDALDataset* d) { GDALClose(d); });
    if (!ds) throw std::runtime_error("fixture: cannot create " + path);
    for (const auto& layer : layers) {
        std::unique_ptr<OGRSpatialReference, void (*)(OGRSpatialReference*)> srs(
            nullptr, [](OGRSpatialReference* s) { if (s) s->Release(); });
        if (layer.epsg) {
            srs.reset(new OGRSpatialReference());
            srs->importFromEPSG(*layer.epsg);
            srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        }
        OGRLayer* l = ds->CreateLayer(layer.name.c_str(), srs.get(), geometryType(layer.geometryType), nullptr);
        if (!l) throw std::runtime_error("fixture: cannot create layer " + layer.name);
        for (const auto& f : layer.fields) {
            OGRFieldDefn defn(f.name.c_str(), fieldType(f.type));
            if (l->CreateField(&defn) != OGRERR_NONE) throw std::runtime_error("fixture: field " + f.name);
        }
        // One transaction per layer: GeoPackage commits per feature otherwise.
        const bool transaction = ds->StartTransaction() == OGRERR_NONE;
        for (const auto& feature : layer.features) {
            std::unique_ptr<OGRFeature, void (*)(OGRFeature*)> f(OGRFeature::CreateFeature(l->GetLayerDefn()),
                                                                  OGRFeature::DestroyFeature);
            for (std::size_t i = 0; i < feature.values.size(); ++i)
                if (feature.values[i]) f->SetField(static_cast<int>(i), feature.values[i]->c_str());
            if (!feature.wkt.empty()) {
                OGRGeometry* g = nullptr;
                if (OGRGeometryFactory::createFromWkt(feature.wkt.c_str(), nullptr, &g) != OGRERR_NONE)
                    throw std::runtime_error("fixture: bad WKT " + feature.wkt);
                f->SetGeometryDirectly(g);
            }
            if (l->CreateFeature(f.get()) != OGRERR_NONE) throw std::runtime_error("fixture: cannot write feature");
        }
        if (transaction) ds->CommitTransaction();
    }
}

std::string squareWkt(double x, double y, double size)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, "MULTIPOLYGON(((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f)))", x, y, x + size,
                  y, x + size, y + size, x, y + size, x, y);
    return buf;
}

}  // namespace riskmap::test
