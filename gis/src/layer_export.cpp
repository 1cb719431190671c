// SPDX-License-Identifier: GPL-3.0-or-later
// Layer export to CSV and GeoPackage.
#include "riskmap/gis/layer_export.hpp"

#include "gdal_handles.hpp"
#include "geos_context.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/layer_reader.hpp"

#include <gdal_utils.h>

#include <filesystem>
#include <fstream>

namespace riskmap::gis {

std::string wkbToWkt(const std::vector<unsigned char>& wkb)
{
    if (wkb.empty()) return {};
    thread_local GeosContext ctx;
    const GEOSContextHandle_t h = ctx.handle();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
    GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, wkb.data(), wkb.size());
    GEOSWKBReader_destroy_r(h, reader);
    if (!g) throw GeosError("WKB onleesbaar: " + ctx.lastError());
    GeosGeometryPtr geom = makeGeosPtr(ctx, g);
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(h);
    GEOSWKTWriter_setTrim_r(h, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(h, writer, 17);
    GEOSWKTWriter_setOutputDimension_r(h, writer, 2);
    char* text = GEOSWKTWriter_write_r(h, writer, g);
    GEOSWKTWriter_destroy_r(h, writer);
    if (!text) throw GeosError("WKT schrijven: " + ctx.lastError());
    std::string out(text);
    GEOSFree_r(h, text);
    return out;
}

std::int64_t exportLayerCsv(SpatialiteDb& db, const std::string& table, const std::string& outPath,
                            core::CsvDialect dialect)
{
    LayerReader reader(db, table);
    std::vector<std::string> header{"fid"};
    header.insert(header.end(), reader.columns().begin(), reader.columns().end());
    auto hasGeom = db.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name = 'geom'");
    hasGeom.bind(1, table);
    const bool geometry = hasGeom.step();
    if (geometry) header.push_back("geom_wkt");
    std::vector<std::string> numeric{"fid"};
    auto types = db.prepare("SELECT name, upper(type) FROM pragma_table_info(?)");
    types.bind(1, table);
    while (types.step()) {
        const std::string type = types.columnText(1);
        if (type == "INTEGER" || type == "REAL") numeric.push_back(types.columnText(0));
    }

    std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("kan '" + outPath + "' niet schrijven");
    core::DelimitedTextWriter writer(out, header, dialect, numeric);
    FeatureRow row;
    std::int64_t n = 0;
    std::vector<std::string> fields;
    while (reader.next(row)) {
        fields.clear();
        fields.push_back(std::to_string(row.fid));
        for (const auto& v : row.values) fields.push_back(fieldText(v));
        if (geometry) fields.push_back(wkbToWkt(row.wkb));
        writer.writeRow(fields);
        ++n;
    }
    out.flush();
    if (!out) throw Error("schrijven naar '" + outPath + "' mislukt");
    return n;
}

std::int64_t exportLayerGpkg(const std::string& workspacePath, const std::string& table, const std::string& outPath)
{
    auto source = openVectorReadOnly(workspacePath);
    OGRLayer* layer = source->GetLayerByName(table.c_str());
    if (!layer) throw Error("laag '" + table + "' bestaat niet in " + workspacePath);
    std::error_code ec;
    std::filesystem::remove(outPath, ec);

    std::vector<std::string> args{"-f", "GPKG", "-a_srs", "EPSG:28992", "-nlt", "PROMOTE_TO_MULTI", table};
    if (layer->GetGeomType() == wkbPoint || layer->GetGeomType() == wkbNone) args = {"-f", "GPKG", table};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALVectorTranslateOptions* options = GDALVectorTranslateOptionsNew(argv.data(), nullptr);
    if (!options) throw GdalError(lastGdalError("ongeldige exportopties"));
    GDALDatasetH src = GDALDataset::ToHandle(source.get());
    int usageError = 0;
    CPLErrorReset();
    GDALDatasetH result = GDALVectorTranslate(outPath.c_str(), nullptr, 1, &src, options, &usageError);
    GDALVectorTranslateOptionsFree(options);
    if (!result) throw GdalError("export naar '" + outPath + "': " + lastGdalError("GDALVectorTranslate mislukt"));
    GdalDatasetPtr written(GDALDataset::FromHandle(result));
    OGRLayer* outLayer = written->GetLayerByName(table.c_str());
    return outLayer ? outLayer->GetFeatureCount(TRUE) : 0;
}

}  // namespace riskmap::gis
