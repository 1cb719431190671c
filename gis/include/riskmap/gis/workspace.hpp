// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace: one SpatiaLite file with the layers, their registry,
// provenance of every import and the runs, schema-versioned with migrations.
#pragma once

#include "riskmap/gis/sqlite_db.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// The registry row of one layer (table rk_layers).
struct LayerRecord {
    std::string name;
    std::string kind;            ///< "vector", "raster", "output"
    std::string geometryType;    ///< e.g. "MULTIPOLYGON"; empty for tables
    std::string classification;  ///< openbaar | intern | vertrouwelijk | politiegegevens
    std::string legalBasis;
    int retentionDays = 0;
    std::int64_t featureCount = 0;
    std::string updatedAt;
    std::optional<std::int64_t> provenanceId;
};

/// One provenance entry (table rk_provenance): where a layer came from.
struct ProvenanceRecord {
    std::int64_t id = 0;
    std::string layer;
    std::string action;          ///< import | append | drop | build
    std::string sourcePath;
    std::string sourceLayer;
    std::string sha256;
    std::string startedAt;
    std::string finishedAt;
    std::string sourceCrs;
    std::string projOperation;
    std::optional<double> projAccuracyM;
    bool ballpark = false;
    std::int64_t rowsRead = 0;
    std::int64_t rowsImported = 0;
    std::int64_t rowsRepaired = 0;
    std::int64_t rowsRejected = 0;
    std::string rejectedFile;
    std::string user;
    std::string toolVersion;
    std::string mapping;
    std::int64_t rowsGeocodeAttempted = 0;  ///< rows without geometry that were geocoded on their address
    std::int64_t rowsGeocoded = 0;          ///< of those, the ones that found one verblijfsobject
    std::string warnings;                   ///< the import's warnings, one per line
    std::string extent;                     ///< `minx,miny,maxx,maxy` in RD New (rasters); empty otherwise
    /// rowsGeocoded / rowsGeocodeAttempted, or nullopt when nothing needed geocoding.
    std::optional<double> geocodeMatchRate() const
    {
        if (rowsGeocodeAttempted == 0) return std::nullopt;
        return static_cast<double>(rowsGeocoded) / static_cast<double>(rowsGeocodeAttempted);
    }
};

/// A column of a layer table (besides fid and geom).
struct ColumnDef {
    std::string name;
    std::string sqlType;  ///< TEXT, INTEGER, REAL
};

class Workspace {
public:
    /// The schema version this build writes; older files are migrated on open.
    static int currentSchemaVersion();

    /// Creates a new workspace; refuses (Error) when the file exists.
    static Workspace create(const std::string& path);
    /// Opens an existing workspace, migrating an older schema in a transaction.
    /// Throws Error when the file is missing or is no Risicokaart workspace.
    static Workspace open(const std::string& path, bool readOnly = false);

    SpatialiteDb& db() { return *m_db; }
    const std::string& path() const { return m_path; }
    int schemaVersion();

    /// Drops and recreates a layer table with `fid`, the columns and `geom`
    /// (EPSG:28992, no index yet: call ensureSpatialIndex after filling it).
    /// Call inside a Transaction.
    void createLayerTable(const std::string& name, const std::vector<ColumnDef>& columns,
                          const std::string& geometryType);
    /// Creates the R*Tree index on `geom` when missing (filled from the rows).
    void ensureSpatialIndex(const std::string& name);
    /// Drops a layer table with its geometry registration and spatial index.
    /// Call inside a Transaction. No-op when absent.
    void dropLayerTable(const std::string& name);
    /// Inserts or replaces the registry row. Call inside a Transaction.
    void registerLayer(const LayerRecord& record);
    void unregisterLayer(const std::string& name);
    /// Writes a provenance entry and returns its id. Call inside a Transaction.
    std::int64_t addProvenance(const ProvenanceRecord& record);

    std::vector<LayerRecord> layers();
    std::optional<LayerRecord> layer(const std::string& name);
    std::vector<ProvenanceRecord> provenance(const std::string& layer = {});
    std::int64_t countRows(const std::string& table);

private:
    Workspace(std::string path, std::unique_ptr<SpatialiteDb> db);
    void migrate();

    std::string m_path;
    std::unique_ptr<SpatialiteDb> m_db;
};

/// The OS user name, for provenance and audit.
std::string currentUser();

}  // namespace riskmap::gis
