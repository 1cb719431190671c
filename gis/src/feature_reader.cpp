// SPDX-License-Identifier: GPL-3.0-or-later
// Small-layer reader over GDAL/OGR.
#include "riskmap/gis/feature_reader.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <ogr_spatialref.h>

namespace riskmap::gis {

std::vector<ReadFeature> readFeatures(const std::string& path, const std::string& layerName,
                                      const std::string& where, const std::vector<std::string>& fields,
                                      int requiredEpsg)
{
    auto ds = openVectorReadOnly(path);
    OGRLayer* layer = ds->GetLayerByName(layerName.c_str());
    if (!layer) throw InputError("'" + path + "': no layer '" + layerName + "'");
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    const char* code = srs ? srs->GetAuthorityCode(nullptr) : nullptr;
    if (!code || std::stoi(code) != requiredEpsg)
        throw InputError("'" + path + "' layer '" + layerName + "': CRS is not EPSG:" + std::to_string(requiredEpsg));
    std::vector<int> indexes;
    for (const auto& f : fields) {
        const int i = layer->GetLayerDefn()->GetFieldIndex(f.c_str());
        if (i < 0) throw InputError("'" + path + "' layer '" + layerName + "': no field '" + f + "'");
        indexes.push_back(i);
    }
    if (!where.empty() && layer->SetAttributeFilter(where.c_str()) != OGRERR_NONE)
        throw InputError("'" + path + "': bad filter '" + where + "'");
    layer->ResetReading();
    std::vector<ReadFeature> out;
    for (OgrFeaturePtr f(layer->GetNextFeature()); f; f.reset(layer->GetNextFeature())) {
        ReadFeature rf;
        if (const OGRGeometry* g = f->GetGeometryRef()) {
            rf.geometry.resize(static_cast<std::size_t>(g->WkbSize()));
            g->exportToWkb(wkbNDR, rf.geometry.data(), wkbVariantIso);
        }
        for (int i : indexes) rf.values.emplace_back(f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "");
        out.push_back(std::move(rf));
    }
    return out;
}

}  // namespace riskmap::gis
