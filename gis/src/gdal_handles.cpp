// SPDX-License-Identifier: GPL-3.0-or-later
// GDAL initialisation and dataset opening.
#include "gdal_handles.hpp"

#include "riskmap/core/error.hpp"

#include <cpl_error.h>

#include <mutex>

namespace riskmap::gis {

void ensureGdalRegistered()
{
    static std::once_flag once;
    std::call_once(once, [] {
        GDALAllRegister();
        // Quiet handler: errors are collected and turned into exceptions by us.
        CPLSetErrorHandler(CPLQuietErrorHandler);
    });
}

std::string lastGdalError(const std::string& fallback)
{
    const char* msg = CPLGetLastErrorMsg();
    return (msg && *msg) ? std::string(msg) : fallback;
}

GdalDatasetPtr openVectorReadOnly(const std::string& path)
{
    ensureGdalRegistered();
    CPLErrorReset();
    GdalDatasetPtr ds(static_cast<GDALDataset*>(
        GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
    if (!ds) {
        throw InputError("'" + path + "': " +
                         lastGdalError("not a readable vector file (GeoPackage, Shapefile, GeoJSON, FlatGeobuf, CSV)"));
    }
    return ds;
}

}  // namespace riskmap::gis
