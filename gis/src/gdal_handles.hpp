// SPDX-License-Identifier: GPL-3.0-or-later
// RAII aliases for GDAL/OGR handles (private to gis/: public headers stay GDAL-free).
#pragma once

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>

namespace riskmap::gis {

struct GdalDatasetCloser { void operator()(GDALDataset* ds) const { if (ds) GDALClose(ds); } };
struct OgrFeatureDeleter { void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); } };
struct OgrGeometryDeleter { void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); } };

using GdalDatasetPtr = std::unique_ptr<GDALDataset, GdalDatasetCloser>;
using OgrFeaturePtr = std::unique_ptr<OGRFeature, OgrFeatureDeleter>;
using OgrGeometryPtr = std::unique_ptr<OGRGeometry, OgrGeometryDeleter>;

/// Registers the GDAL drivers once and routes GDAL's error printing away from
/// stderr (errors are read back with CPLGetLastErrorMsg and thrown by us).
void ensureGdalRegistered();

/// Opens a vector dataset read-only; throws InputError naming the file.
GdalDatasetPtr openVectorReadOnly(const std::string& path);

/// The last GDAL error message, or `fallback` when GDAL recorded none.
std::string lastGdalError(const std::string& fallback);

}  // namespace riskmap::gis
