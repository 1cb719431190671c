// SPDX-License-Identifier: GPL-3.0-or-later
// Layer export: selected rows and columns to CSV, or through OGR to GeoPackage, GeoJSON, KML and XLSX.
#include "riskmap/gis/layer_export.hpp"

#include "gdal_handles.hpp"
#include "geos_context.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/geos_ops.hpp"

#include <gdal_utils.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <filesystem>
#include <fstream>

namespace riskmap::gis {
namespace {

struct OgrTransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};

enum class ColumnKind { Integer, Real, Text };

/// The rows of a selection, read with the filter's parameters bound.
class SelectedRows {
public:
    SelectedRows(SpatialiteDb& db, const std::string& table, const RowSelection& selection) : m_selection(selection)
    {
        if (!db.tableExists(table)) throw Error("laag '" + table + "' bestaat niet in de werkruimte");
        std::map<std::string, ColumnKind> kinds;
        auto info = db.prepare("SELECT name, upper(type) FROM pragma_table_info(?)");
        info.bind(1, table);
        while (info.step()) {
            const std::string type = info.columnText(1);
            kinds[info.columnText(0)] = type == "INTEGER" ? ColumnKind::Integer
                                        : type == "REAL" ? ColumnKind::Real
                                                         : ColumnKind::Text;
        }
        m_hasGeometry = kinds.count("geom") > 0;
        std::string sql = "SELECT fid";
        for (const auto& c : selection.columns) {
            auto it = kinds.find(c);
            if (it == kinds.end() || c == "fid" || c == "geom")
                throw Error("kolom '" + c + "' bestaat niet in laag '" + table + "'");
            m_kinds.push_back(it->second);
            sql += ", " + quoteIdentifier(c);
        }
        sql += m_hasGeometry ? ", AsBinary(geom)" : ", NULL";
        sql += " FROM " + quoteIdentifier(table);
        if (!selection.rowFilter.empty()) sql += " WHERE (" + selection.rowFilter + ")";
        sql += " ORDER BY fid";
        m_stmt.emplace(db, sql);
        for (const auto& [name, value] : selection.parameters) {
            const int index = m_stmt->parameterIndex(":" + name);
            if (index == 0) throw Error("exportfilter kent de parameter :" + name + " niet");
            m_stmt->bind(index, value);
        }
        for (const auto& c : selection.columns) m_suppress.push_back(selection.countColumns.count(c) > 0);
    }

    bool hasGeometry() const { return m_hasGeometry; }
    const std::vector<ColumnKind>& kinds() const { return m_kinds; }

    bool next(std::int64_t& fid, std::vector<FieldValue>& values, std::vector<unsigned char>& wkb)
    {
        if (!m_stmt->step()) return false;
        fid = m_stmt->columnInt(0);
        values.resize(m_kinds.size());
        for (std::size_t i = 0; i < m_kinds.size(); ++i) {
            const int col = static_cast<int>(i) + 1;
            auto& v = values[i];
            if (m_stmt->isNull(col)) v = FieldValue{};
            else if (m_stmt->columnType(col) == Statement::ColumnType::Integer) v = m_stmt->columnInt(col);
            else if (m_stmt->columnType(col) == Statement::ColumnType::Real) v = m_stmt->columnDouble(col);
            else v = m_stmt->columnText(col);
            if (m_suppress[i] && isSmallCount(v)) v = FieldValue{};
        }
        const int geomCol = static_cast<int>(m_kinds.size()) + 1;
        if (m_stmt->isNull(geomCol)) wkb.clear();
        else wkb = m_stmt->columnBlob(geomCol);
        return true;
    }

private:
    /// A count from 1 to the threshold − 1: small enough to point at a person or company.
    bool isSmallCount(const FieldValue& v) const
    {
        const auto n = fieldNumber(v);
        return n && *n > 0 && *n < m_selection.suppressCountsBelow;
    }

    const RowSelection& m_selection;
    std::optional<Statement> m_stmt;
    std::vector<ColumnKind> m_kinds;
    std::vector<bool> m_suppress;
    bool m_hasGeometry = false;
};

std::int64_t writeCsv(SelectedRows& rows, const RowSelection& selection, const std::string& outPath,
                      core::CsvDialect dialect)
{
    std::vector<std::string> header{"fid"};
    header.insert(header.end(), selection.columns.begin(), selection.columns.end());
    if (rows.hasGeometry()) header.push_back("geom_wkt");
    std::vector<std::string> numeric{"fid"};
    for (std::size_t i = 0; i < selection.columns.size(); ++i)
        if (rows.kinds()[i] != ColumnKind::Text) numeric.push_back(selection.columns[i]);

    std::ofstream out(outPath, std::ios::binary | std::ios::trunc);
    if (!out) throw Error("kan '" + outPath + "' niet schrijven");
    core::DelimitedTextWriter writer(out, header, dialect, numeric);
    std::int64_t fid = 0, n = 0;
    std::vector<FieldValue> values;
    std::vector<unsigned char> wkb;
    std::vector<std::string> fields;
    while (rows.next(fid, values, wkb)) {
        fields.clear();
        fields.push_back(std::to_string(fid));
        for (const auto& v : values) fields.push_back(fieldText(v));
        if (rows.hasGeometry()) fields.push_back(wkbToWkt(wkb));
        writer.writeRow(fields);
        ++n;
    }
    out.flush();
    if (!out) throw Error("schrijven naar '" + outPath + "' mislukt");
    return n;
}

/// The layer's declared geometry type (SpatiaLite code, Z/M dropped); wkbUnknown when not registered.
OGRwkbGeometryType declaredGeometryType(SpatialiteDb& db, const std::string& table)
{
    auto stmt = db.prepare("SELECT geometry_type FROM geometry_columns WHERE lower(f_table_name) = lower(?)");
    stmt.bind(1, table);
    if (!stmt.step() || stmt.isNull(0)) return wkbUnknown;
    const auto code = stmt.columnInt(0) % 1000;
    return code >= 1 && code <= 7 ? static_cast<OGRwkbGeometryType>(code) : wkbUnknown;
}

std::string driverName(ExportFormat format)
{
    switch (format) {
    case ExportFormat::GeoPackage: return "GPKG";
    case ExportFormat::GeoJson: return "GeoJSON";
    case ExportFormat::Kml:
        // The plain KML driver streams; LIBKML builds the whole document in memory and took
        // minutes for the 25 000 parcels of the sample.
        return GetGDALDriverManager()->GetDriverByName("KML") ? "KML" : "LIBKML";
    case ExportFormat::Xlsx: return "XLSX";
    default: return "";
    }
}

void writeStyle(GDALDataset& ds, const std::string& table, const LayerStyleText& style)
{
    char** options = CSLSetNameValue(nullptr, "FID", "id");
    OGRLayer* styles = ds.CreateLayer("layer_styles", nullptr, wkbNone, options);
    CSLDestroy(options);
    if (!styles) throw GdalError(lastGdalError("tabel layer_styles aanmaken mislukt"));
    for (const char* name : {"f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                             "styleQML", "styleSLD"}) {
        OGRFieldDefn field(name, OFTString);
        styles->CreateField(&field);
    }
    OGRFieldDefn useAsDefault("useAsDefault", OFTInteger);
    useAsDefault.SetSubType(OFSTBoolean);
    styles->CreateField(&useAsDefault);
    for (const char* name : {"description", "owner", "ui"}) {
        OGRFieldDefn field(name, OFTString);
        styles->CreateField(&field);
    }
    OGRFieldDefn updateTime("update_time", OFTDateTime);
    styles->CreateField(&updateTime);

    OgrFeaturePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
    f->SetField("f_table_catalog", "");
    f->SetField("f_table_schema", "");
    f->SetField("f_table_name", table.c_str());
    f->SetField("f_geometry_column", "geom");
    f->SetField("styleName", style.name.c_str());
    f->SetField("styleQML", style.qml.c_str());
    f->SetField("styleSLD", style.sld.c_str());
    f->SetField("useAsDefault", 1);
    f->SetField("description", style.description.c_str());
    f->SetField("owner", "");
    f->SetField("ui", "");
    time_t now = std::time(nullptr);
    struct tm utc {};
    gmtime_r(&now, &utc);
    f->SetField("update_time", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
                static_cast<float>(utc.tm_sec), 100);
    if (styles->CreateFeature(f.get()) != OGRERR_NONE) throw GdalError(lastGdalError("stijl schrijven mislukt"));
}

std::int64_t writeOgr(SpatialiteDb& db, SelectedRows& rows, const std::string& table, const RowSelection& selection,
                      const std::string& outPath, const ExportOptions& options)
{
    ensureGdalRegistered();
    const std::string driverNameText = driverName(options.format);
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverNameText.c_str());
    if (!driver) throw GdalError("GDAL-stuurprogramma " + driverNameText + " ontbreekt");
    std::error_code ec;
    std::filesystem::remove(outPath, ec);
    CPLErrorReset();
    GdalDatasetPtr ds(driver->Create(outPath.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) throw GdalError("kan '" + outPath + "' niet aanmaken: " + lastGdalError(driverNameText));

    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    rd.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const bool toWgs84 = options.format == ExportFormat::GeoJson || options.format == ExportFormat::Kml;
    const bool geometry = rows.hasGeometry() && options.format != ExportFormat::Xlsx;
    std::unique_ptr<OGRCoordinateTransformation, OgrTransformDeleter> transform;
    if (toWgs84 && geometry) {
        transform.reset(OGRCreateCoordinateTransformation(&rd, &wgs84));
        if (!transform) throw GdalError(lastGdalError("transformatie RD New → WGS84 mislukt"));
    }

    char** layerOptions = nullptr;
    if (options.format == ExportFormat::GeoPackage) {
        layerOptions = CSLSetNameValue(layerOptions, "GEOMETRY_NAME", "geom");
        layerOptions = CSLSetNameValue(layerOptions, "FID", "fid");
    } else if (options.format == ExportFormat::GeoJson) {
        layerOptions = CSLSetNameValue(layerOptions, "RFC7946", "YES");
    }
    OGRwkbGeometryType type = geometry ? declaredGeometryType(db, table) : wkbNone;
    OGRLayer* layer = ds->CreateLayer(table.c_str(), geometry ? (toWgs84 ? &wgs84 : &rd) : nullptr, type, layerOptions);
    CSLDestroy(layerOptions);
    if (!layer) throw GdalError("laag aanmaken in '" + outPath + "': " + lastGdalError("mislukt"));

    for (std::size_t i = 0; i < selection.columns.size(); ++i) {
        const ColumnKind kind = rows.kinds()[i];
        // KML has no 64-bit integer type (the driver would write it as a string).
        const OGRFieldType integer = options.format == ExportFormat::Kml ? OFTInteger : OFTInteger64;
        OGRFieldDefn field(selection.columns[i].c_str(), kind == ColumnKind::Integer ? integer
                                                          : kind == ColumnKind::Real  ? OFTReal
                                                                                      : OFTString);
        if (layer->CreateField(&field) != OGRERR_NONE)
            throw GdalError("veld '" + selection.columns[i] + "': " + lastGdalError("aanmaken mislukt"));
    }
    const bool pointColumns = options.format == ExportFormat::Xlsx && rows.hasGeometry();
    if (pointColumns) {
        for (const char* name : {"x_rd", "y_rd"}) {
            OGRFieldDefn field(name, OFTReal);
            layer->CreateField(&field);
        }
    }

    // Field positions by name: some drivers (KML) start a layer with fields of their own.
    std::vector<int> fieldIndex;
    for (const auto& c : selection.columns) {
        fieldIndex.push_back(layer->GetLayerDefn()->GetFieldIndex(c.c_str()));
        if (fieldIndex.back() < 0) throw GdalError("veld '" + c + "' ontbreekt na aanmaken in '" + outPath + "'");
    }
    const int xIndex = pointColumns ? layer->GetLayerDefn()->GetFieldIndex("x_rd") : -1;
    const int yIndex = pointColumns ? layer->GetLayerDefn()->GetFieldIndex("y_rd") : -1;
    const bool transaction = ds->StartTransaction(TRUE) == OGRERR_NONE;
    std::int64_t fid = 0, n = 0;
    std::vector<FieldValue> values;
    std::vector<unsigned char> wkb;
    const int fieldCount = static_cast<int>(selection.columns.size());
    while (rows.next(fid, values, wkb)) {
        OgrFeaturePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        if (options.format == ExportFormat::GeoPackage) feature->SetFID(fid);
        for (int c = 0; c < fieldCount; ++c) {
            const auto& v = values[static_cast<std::size_t>(c)];
            const int i = fieldIndex[static_cast<std::size_t>(c)];
            if (std::holds_alternative<std::int64_t>(v)) feature->SetField(i, static_cast<GIntBig>(std::get<std::int64_t>(v)));
            else if (std::holds_alternative<double>(v)) feature->SetField(i, std::get<double>(v));
            else if (std::holds_alternative<std::string>(v)) feature->SetField(i, std::get<std::string>(v).c_str());
            else feature->SetFieldNull(i);
        }
        if (!wkb.empty() && (geometry || pointColumns)) {
            if (pointColumns) {
                // A point inside the polygon (a centroid may fall outside an L-shaped parcel).
                const XY p = pointOnSurfaceOf(wkb);
                feature->SetField(xIndex, p.x);
                feature->SetField(yIndex, p.y);
            } else {
                OGRGeometry* raw = nullptr;
                if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE || !raw)
                    throw GdalError("rij " + std::to_string(fid) + ": geometrie onleesbaar");
                OgrGeometryPtr geom(raw);
                geom->assignSpatialReference(&rd);
                if (transform && geom->transform(transform.get()) != OGRERR_NONE)
                    throw GdalError("rij " + std::to_string(fid) + ": omrekenen naar WGS84 mislukt");
                feature->SetGeometryDirectly(geom.release());
            }
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
            throw GdalError("rij " + std::to_string(fid) + " schrijven naar '" + outPath + "': " + lastGdalError("mislukt"));
        ++n;
    }
    if (transaction && ds->CommitTransaction() != OGRERR_NONE) throw GdalError(lastGdalError("vastleggen mislukt"));

    if (options.format == ExportFormat::GeoPackage) {
        for (const auto& [key, value] : options.metadata) layer->SetMetadataItem(key.c_str(), value.c_str());
        if (options.style) writeStyle(*ds, table, *options.style);
    }
    CPLErrorReset();
    ds.reset();  // close: flushes the file and the metadata
    if (CPLGetLastErrorType() >= CE_Failure) throw GdalError("'" + outPath + "' afsluiten: " + lastGdalError("mislukt"));
    return n;
}

}  // namespace

std::optional<ExportFormat> exportFormatForPath(const std::string& path)
{
    const std::string ext = core::toLower(std::filesystem::path(path).extension().string());
    if (ext == ".gpkg") return ExportFormat::GeoPackage;
    if (ext == ".geojson" || ext == ".json") return ExportFormat::GeoJson;
    if (ext == ".kml") return ExportFormat::Kml;
    if (ext == ".csv") return ExportFormat::Csv;
    if (ext == ".xlsx") return ExportFormat::Xlsx;
    if (ext == ".tif" || ext == ".tiff") return ExportFormat::GeoTiff;
    return std::nullopt;
}

std::string toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::GeoPackage: return "gpkg";
    case ExportFormat::GeoJson: return "geojson";
    case ExportFormat::Kml: return "kml";
    case ExportFormat::Csv: return "csv";
    case ExportFormat::Xlsx: return "xlsx";
    case ExportFormat::GeoTiff: return "tif";
    }
    return "";
}

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

std::int64_t writeLayerRows(SpatialiteDb& db, const std::string& table, const RowSelection& selection,
                            const std::string& outPath, const ExportOptions& options)
{
    SelectedRows rows(db, table, selection);
    switch (options.format) {
    case ExportFormat::Csv: return writeCsv(rows, selection, outPath, options.csvDialect);
    case ExportFormat::GeoTiff: throw UsageError("een vectorlaag kan niet als GeoTIFF worden geschreven");
    default: return writeOgr(db, rows, table, selection, outPath, options);
    }
}

double gridCellSize(const std::string& path)
{
    ensureGdalRegistered();
    GdalDatasetPtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    double gt[6] = {0, 1, 0, 0, 0, -1};
    if (!ds || ds->GetGeoTransform(gt) != CE_None) throw GdalError("raster '" + path + "' onleesbaar: " + lastGdalError("geen georeferentie"));
    return std::max(std::abs(gt[1]), std::abs(gt[5]));
}

std::int64_t copyGridGeoTiff(const std::string& sourcePath, const std::string& outPath,
                             const std::vector<std::pair<std::string, std::string>>& metadata)
{
    ensureGdalRegistered();
    GdalDatasetPtr source(GDALDataset::Open(sourcePath.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!source) throw GdalError("raster '" + sourcePath + "' onleesbaar: " + lastGdalError("openen mislukt"));
    std::vector<std::string> args{"-of", "GTiff", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES"};
    for (const auto& [key, value] : metadata) {
        args.push_back("-mo");
        args.push_back(key + "=" + value);
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    GDALTranslateOptions* translate = GDALTranslateOptionsNew(argv.data(), nullptr);
    if (!translate) throw GdalError(lastGdalError("ongeldige GeoTIFF-opties"));
    int usageError = 0;
    CPLErrorReset();
    GDALDatasetH result = GDALTranslate(outPath.c_str(), GDALDataset::ToHandle(source.get()), translate, &usageError);
    GDALTranslateOptionsFree(translate);
    if (!result) throw GdalError("GeoTIFF '" + outPath + "': " + lastGdalError("schrijven mislukt"));
    GdalDatasetPtr written(GDALDataset::FromHandle(result));
    return static_cast<std::int64_t>(written->GetRasterXSize()) * written->GetRasterYSize();
}

}  // namespace riskmap::gis
