// SPDX-License-Identifier: GPL-3.0-or-later
// VRT mosaics with GDALBuildVRT after checking that the files fit together.
#include "riskmap/gis/raster_mosaic.hpp"

#include "gdal_handles.hpp"
#include "riskmap/core/error.hpp"

#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace riskmap::gis {
namespace {

namespace fs = std::filesystem;

bool isRasterFileName(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    static const std::set<std::string> known{".tif", ".tiff", ".jp2", ".img", ".vrt"};
    return known.count(ext) > 0;
}

struct BuildVrtOptionsDeleter {
    void operator()(GDALBuildVRTOptions* o) const { GDALBuildVRTOptionsFree(o); }
};

/// What must be equal for files to form one mosaic.
struct RasterShape {
    OGRSpatialReference srs;
    int bands = 0;
    GDALDataType type = GDT_Unknown;
};

RasterShape shapeOf(const std::string& file)
{
    GdalDatasetPtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!ds) throw InputError("mozaïek: '" + file + "': " + lastGdalError("geen leesbaar rasterbestand"));
    RasterShape s;
    s.bands = ds->GetRasterCount();
    if (s.bands == 0) throw InputError("mozaïek: '" + file + "': geen rasterbanden");
    s.type = ds->GetRasterBand(1)->GetRasterDataType();
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    if (!srs) throw InputError("mozaïek: '" + file + "': geen coördinaatreferentiesysteem");
    s.srs = *srs;
    return s;
}

}  // namespace

std::vector<std::string> expandRasterInputs(const std::vector<std::string>& inputs)
{
    std::vector<std::string> out;
    for (const auto& input : inputs) {
        std::error_code ec;
        if (fs::is_directory(input, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(input, ec))
                if (entry.is_regular_file() && isRasterFileName(entry.path())) found.push_back(entry.path().string());
            if (found.empty()) throw InputError("'" + input + "': map bevat geen rasterbestanden (.tif, .jp2, .img, .vrt)");
            std::sort(found.begin(), found.end());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(input, ec)) {
            out.push_back(input);
        } else {
            throw InputError("'" + input + "': bestand niet gevonden");
        }
    }
    return out;
}

std::string mosaicPath(const std::string& workspacePath, const std::string& layer, int year)
{
    return (fs::path(workspacePath + ".cache") / "mosaics" / (layer + "_" + std::to_string(year) + ".vrt")).string();
}

std::string buildRasterMosaic(const std::vector<std::string>& files, const std::string& vrtPath)
{
    if (files.empty()) throw InputError("mozaïek: geen bestanden");
    ensureGdalRegistered();
    std::vector<std::string> absolute;
    for (const auto& f : files) absolute.push_back(fs::absolute(f).lexically_normal().string());
    const RasterShape first = shapeOf(absolute.front());
    for (std::size_t i = 1; i < absolute.size(); ++i) {
        const RasterShape s = shapeOf(absolute[i]);
        if (!s.srs.IsSame(&first.srs))
            throw InputError("mozaïek: '" + absolute[i] + "' heeft een ander coördinaatreferentiesysteem dan '" +
                             absolute.front() + "'");
        if (s.bands != first.bands || s.type != first.type)
            throw InputError("mozaïek: '" + absolute[i] + "' heeft andere banden (" + std::to_string(s.bands) +
                             ") of een ander gegevenstype dan '" + absolute.front() + "' (" +
                             std::to_string(first.bands) + ")");
    }
    std::error_code ec;
    fs::create_directories(fs::path(vrtPath).parent_path(), ec);
    if (ec) throw InputError("cachemap '" + fs::path(vrtPath).parent_path().string() + "': " + ec.message());

    // Written under a temporary name: an existing mosaic stays usable until the new one is complete.
    const std::string partial = vrtPath + ".partial";
    std::vector<const char*> names;
    for (const auto& f : absolute) names.push_back(f.c_str());
    std::unique_ptr<GDALBuildVRTOptions, BuildVrtOptionsDeleter> options(GDALBuildVRTOptionsNew(nullptr, nullptr));
    CPLErrorReset();
    int usageError = FALSE;
    GdalDatasetPtr vrt(GDALDataset::FromHandle(GDALBuildVRT(partial.c_str(), static_cast<int>(names.size()), nullptr,
                                                            names.data(), options.get(), &usageError)));
    if (!vrt) throw GdalError("mozaïek '" + vrtPath + "': " + lastGdalError("GDALBuildVRT mislukt"));
    vrt.reset();  // closing writes the .vrt
    fs::rename(partial, vrtPath, ec);
    if (ec) throw GdalError("mozaïek '" + vrtPath + "': " + ec.message());
    return vrtPath;
}

}  // namespace riskmap::gis
