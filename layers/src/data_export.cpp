// SPDX-License-Identifier: GPL-3.0-or-later
// The profile-aware export: policy, selection, file, metadata, audit entry, then the file under its name.
#include "riskmap/layers/data_export.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/layers/export_styles.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace riskmap::layers {
namespace {

namespace fs = std::filesystem;

std::string jsonList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + core::jsonQuote(items[i]);
    return out + "]";
}

/// Where the layer came from, without local folder names: the last import or build.
std::string sourceOf(gis::Workspace& ws, const std::string& layer)
{
    const auto history = ws.provenance(layer);
    if (history.empty()) return "werkruimte " + fs::path(ws.path()).filename().string();
    const auto& p = history.back();
    if (p.action == "build") return "riskmap build (" + p.finishedAt + ")";
    std::string text = p.action + " van " + fs::path(p.sourcePath).filename().string();
    if (!p.sha256.empty()) text += " (sha256 " + p.sha256.substr(0, 16) + "…)";
    return text + ", " + p.finishedAt;
}

/// A name beside the target that keeps its extension (drivers such as LIBKML choose by it).
std::string partialPath(const std::string& outPath)
{
    const fs::path out(outPath);
    return (out.parent_path() / ("." + out.stem().string() + ".deel-" + std::to_string(::getpid()) +
                                 out.extension().string()))
        .string();
}

/// Removes the partial files unless released (after the audit entry is committed).
class PartialFiles {
public:
    void add(std::string path) { m_paths.push_back(std::move(path)); }
    void release() { m_paths.clear(); }
    ~PartialFiles()
    {
        std::error_code ec;
        for (const auto& p : m_paths) fs::remove(p, ec);
    }

private:
    std::vector<std::string> m_paths;
};

}  // namespace

std::optional<std::string> gridGeoTiffFor(gis::Workspace& workspace, const std::string& layer)
{
    // Grid GeoTIFFs are written by the build into the workspace's cache folder.
    const std::string beside = workspace.path() + ".cache/" + layer + ".tif";
    if (fs::exists(beside)) return beside;
    return std::nullopt;
}

ExportResult exportLayer(gis::Workspace& workspace, const ExportRequest& request)
{
    const auto format = gis::exportFormatForPath(request.outPath);
    if (!format)
        throw UsageError("--out '" + request.outPath +
                         "': onbekende extensie; kies .gpkg, .geojson, .kml, .csv, .xlsx of .tif");
    const auto tighteningIt = request.profiles.find(request.profile);
    const ProfileTightening tightening = tighteningIt == request.profiles.end() ? ProfileTightening{} : tighteningIt->second;
    const std::string profileName = toString(request.profile);
    std::string purpose = request.purpose ? core::trim(*request.purpose) : std::string();
    if (purpose.empty()) {
        if (profileRequiresPurpose(request.profile) || tightening.requirePurpose)
            throw UsageError("profiel '" + profileName + "' vraagt het doel van deze export (doelbinding): geef --purpose TEKST");
        purpose = profileName;
    }

    const auto record = workspace.layer(request.layer);
    if (!record) throw Error("laag '" + request.layer + "' bestaat niet in " + workspace.path());

    ExportResult result;
    result.format = *format;
    gis::RowSelection selection;
    std::optional<std::string> grid;
    if (*format == gis::ExportFormat::GeoTiff) {
        if (record->kind == "raster")
            throw Error("laag '" + request.layer + "' is een geregistreerd raster (luchtfoto): het bronbestand staat al "
                        "buiten de werkruimte en wordt niet gekopieerd; zie riskmap info");
        grid = gridGeoTiffFor(workspace, request.layer);
        if (!grid)
            throw Error("laag '" + request.layer + "' heeft geen rastergrid (GeoTIFF); exporteer hem als .gpkg, .geojson, "
                        ".kml, .csv of .xlsx");
        result.policy = decideExportPolicy(request.profile, *record, {}, request.control);
        tightenPolicy(result.policy, tightening, request.layer);
        if (request.profile == Profile::Driehoek && gis::gridCellSize(*grid) < 500.0)
            throw Error("export van laag '" + request.layer + "' met profiel 'driehoek' geweigerd: cellen van " +
                        std::to_string(static_cast<int>(gis::gridCellSize(*grid))) +
                        " m; de driehoek krijgt alleen cellen van minstens 500 m");
    } else {
        if (record->kind == "raster")
            throw UsageError("laag '" + request.layer + "' is een raster; exporteer hem als .tif");
        const auto columns = gis::layerColumns(workspace.db(), request.layer);
        result.policy = decideExportPolicy(request.profile, *record, columns, request.control);
        const bool gridLayer = std::find(columns.begin(), columns.end(), "cel_id") != columns.end();
        if (request.profile == Profile::Driehoek && gridLayer) {
            // The widest cell is a whole one (cells on the study area's edge may be clipped).
            auto width = workspace.db().prepare("SELECT max(MbrMaxX(geom) - MbrMinX(geom)) FROM " +
                                                gis::quoteIdentifier(request.layer));
            const double cell = width.step() && !width.isNull(0) ? width.columnDouble(0) : 0.0;
            if (cell < 500.0 - 1e-6)
                throw Error("export van laag '" + request.layer + "' met profiel 'driehoek' geweigerd: cellen van " +
                            std::to_string(static_cast<int>(cell)) + " m; de driehoek krijgt alleen cellen van minstens 500 m");
        }
        tightenPolicy(result.policy, tightening, request.layer);
        selection.columns = result.policy.columns;
        selection.rowFilter = result.policy.rowFilter;
        if (selection.rowFilter.find(":control") != std::string::npos) {
            if (!request.control) throw UsageError("geef de controle (--control ID)");
            selection.parameters["control"] = *request.control;
        }
        selection.suppressCountsBelow = result.policy.suppressCountsBelow;
        selection.countColumns = result.policy.countColumns;
    }

    const std::string date = core::nowIsoUtc();
    const std::string source = sourceOf(workspace, request.layer);
    const std::vector<std::pair<std::string, std::string>> metadata = {
        {"riskmap_layer", request.layer},
        {"riskmap_source", source},
        {"riskmap_date", date},
        {"riskmap_model_version", RISKMAP_MODEL_VERSION},
        {"riskmap_classification", result.policy.classification},
        {"riskmap_profile", profileName},
        {"riskmap_banner", result.policy.banner},
        {"riskmap_dropped_columns", core::join(result.policy.dropped, ",")},
        {"riskmap_suppressed_counts_below", std::to_string(result.policy.suppressCountsBelow)},
    };

    PartialFiles partial;
    const std::string part = partialPath(request.outPath);
    partial.add(part);
    if (grid) {
        result.rows = gis::copyGridGeoTiff(*grid, part, metadata);
    } else {
        gis::ExportOptions options;
        options.format = *format;
        options.csvDialect = request.csvDialect;
        options.metadata = metadata;
        if (*format == gis::ExportFormat::GeoPackage)
            options.style = exportStyle(request.layer, record->geometryType, result.policy.columns);
        result.rows = gis::writeLayerRows(workspace.db(), request.layer, selection, part, options);
    }
    std::string partSidecar;
    if (*format != gis::ExportFormat::GeoPackage && *format != gis::ExportFormat::GeoTiff) {
        result.metadataFile = request.outPath + ".metadata.json";
        partSidecar = part + ".metadata.json";
        partial.add(partSidecar);
        std::ofstream out(partSidecar, std::ios::binary | std::ios::trunc);
        out << "{\n";
        for (const auto& [key, value] : metadata) out << "  " << core::jsonQuote(key.substr(8)) << ": " << core::jsonQuote(value) << ",\n";
        const bool wgs84 = *format == gis::ExportFormat::GeoJson || *format == gis::ExportFormat::Kml;
        out << "  \"crs\": " << core::jsonQuote(wgs84 ? "EPSG:4326" : "EPSG:28992") << ",\n"
            << "  \"format\": " << core::jsonQuote(gis::toString(*format)) << ",\n"
            << "  \"rows\": " << result.rows << ",\n"
            << "  \"columns\": " << jsonList(result.policy.columns) << "\n}\n";
        out.flush();
        if (!out) throw Error("kan '" + partSidecar + "' niet schrijven");
    }

    // The entry and the file belong together: the entry is only committed once the file
    // has its name, and the file is removed when the entry cannot be committed.
    std::ostringstream details;
    details << "formaat=" << gis::toString(*format) << "; rijen=" << result.rows
            << "; classificatie=" << result.policy.classification
            << "; kolommen_weggelaten=" << core::join(result.policy.dropped, ",");
    if (result.policy.suppressCountsBelow > 0) details << "; aantallen_onder=" << result.policy.suppressCountsBelow;
    if (request.control) details << "; controle=" << *request.control;
    const std::string absoluteOut = fs::absolute(request.outPath).lexically_normal().string();
    gis::Transaction tx(workspace.db());
    result.audit = gis::appendAudit(workspace.db(), "export", request.layer + " → " + absoluteOut, profileName, purpose,
                                    details.str());
    try {
        fs::rename(part, request.outPath);
        if (!partSidecar.empty()) fs::rename(partSidecar, result.metadataFile);
        tx.commit();
    } catch (const fs::filesystem_error& e) {
        std::error_code ec;
        fs::remove(request.outPath, ec);
        if (!result.metadataFile.empty()) fs::remove(result.metadataFile, ec);
        throw Error("kan '" + request.outPath + "' niet plaatsen: " + e.code().message());
    } catch (...) {
        std::error_code ec;
        fs::remove(request.outPath, ec);
        if (!result.metadataFile.empty()) fs::remove(result.metadataFile, ec);
        throw;
    }
    partial.release();
    return result;
}

}  // namespace riskmap::layers
