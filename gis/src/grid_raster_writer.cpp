// SPDX-License-Identifier: GPL-3.0-or-later
// Float32 grid GeoTIFFs over GDAL.
#include "riskmap/gis/grid_raster_writer.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>

namespace riskmap::gis {

void writeGridGeoTiff(const std::string& path, const GridRasterSpec& spec, const std::vector<GridBand>& bands)
{
    const std::size_t cells = static_cast<std::size_t>(spec.width) * static_cast<std::size_t>(spec.height);
    if (spec.width <= 0 || spec.height <= 0 || bands.empty())
        throw InputError("GeoTIFF '" + path + "': leeg raster");
    for (const auto& b : bands)
        if (b.values.size() != cells) throw InputError("GeoTIFF '" + path + "': band '" + b.name + "' heeft de verkeerde grootte");
    ensureGdalRegistered();
    std::error_code ec;
    const std::filesystem::path p(path);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
    std::filesystem::remove(p, ec);
    auto* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) throw GdalError("GDAL has no GTiff driver");
    char** options = nullptr;
    options = CSLSetNameValue(options, "TILED", "YES");
    options = CSLSetNameValue(options, "COMPRESS", "DEFLATE");
    options = CSLSetNameValue(options, "PREDICTOR", "3");  // floating-point predictor
    options = CSLSetNameValue(options, "INTERLEAVE", "BAND");
    CPLErrorReset();
    GdalDatasetPtr ds(driver->Create(path.c_str(), spec.width, spec.height, static_cast<int>(bands.size()), GDT_Float32,
                                     options));
    CSLDestroy(options);
    if (!ds) throw GdalError("create '" + path + "': " + lastGdalError("cannot create GeoTIFF"));
    double gt[6] = {spec.left, spec.cellSize, 0.0, spec.top, 0.0, -spec.cellSize};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(spec.epsg);
    ds->SetSpatialRef(&srs);
    std::vector<float> buffer(cells);
    for (std::size_t b = 0; b < bands.size(); ++b) {
        GDALRasterBand* band = ds->GetRasterBand(static_cast<int>(b) + 1);
        band->SetDescription(bands[b].name.c_str());
        band->SetNoDataValue(kGridNoData);
        for (std::size_t i = 0; i < cells; ++i)
            buffer[i] = std::isfinite(bands[b].values[i]) ? bands[b].values[i] : kGridNoData;
        CPLErrorReset();
        if (band->RasterIO(GF_Write, 0, 0, spec.width, spec.height, buffer.data(), spec.width, spec.height,
                           GDT_Float32, 0, 0, nullptr) != CE_None)
            throw GdalError("write '" + path + "': " + lastGdalError("RasterIO failed"));
    }
    CPLErrorReset();
    ds.reset();
    if (CPLGetLastErrorType() >= CE_Failure) throw GdalError("close '" + path + "': " + lastGdalError("write failed"));
}

}  // namespace riskmap::gis
