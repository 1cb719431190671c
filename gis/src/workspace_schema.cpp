// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace schema migrations. Never edit a released migration: append one.
#include "workspace_schema.hpp"

namespace riskmap::gis {

const char* rasterTablesSql()
{
    return R"sql(
CREATE TABLE IF NOT EXISTS rk_rasters (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL,
  year INTEGER,
  path TEXT NOT NULL,
  driver TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  crs TEXT NOT NULL,
  min_x REAL NOT NULL, min_y REAL NOT NULL, max_x REAL NOT NULL, max_y REAL NOT NULL,
  pixel_size_x REAL NOT NULL, pixel_size_y REAL NOT NULL,
  bands INTEGER NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL,
  has_overviews INTEGER NOT NULL,
  overview_path TEXT,
  registered_at TEXT NOT NULL,
  UNIQUE (layer, path)
);
CREATE INDEX IF NOT EXISTS rk_rasters_layer_year ON rk_rasters(layer, year);
)sql";
}

const std::vector<std::string>& workspaceMigrations()
{
    static const std::vector<std::string> migrations = {
        // 1: registry, provenance, runs.
        R"sql(
CREATE TABLE rk_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE rk_layers (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  geometry_type TEXT,
  classification TEXT NOT NULL DEFAULT 'openbaar'
    CHECK (classification IN ('openbaar','intern','vertrouwelijk','politiegegevens')),
  legal_basis TEXT,
  retention_days INTEGER NOT NULL DEFAULT 0,
  feature_count INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  provenance_id INTEGER REFERENCES rk_provenance(id)
);
CREATE TABLE rk_provenance (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL,
  action TEXT NOT NULL,
  source_path TEXT,
  source_layer TEXT,
  sha256 TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  source_crs TEXT,
  proj_operation TEXT,
  proj_accuracy_m REAL,
  ballpark INTEGER NOT NULL DEFAULT 0,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_repaired INTEGER NOT NULL DEFAULT 0,
  rows_rejected INTEGER NOT NULL DEFAULT 0,
  rejected_file TEXT,
  user TEXT,
  tool_version TEXT,
  mapping TEXT,
  CHECK (rows_read = rows_imported + rows_repaired + rows_rejected)
);
CREATE TABLE rk_runs (
  run_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  parameters TEXT,
  inputs TEXT,
  model_version TEXT,
  timings TEXT,
  report TEXT
);
)sql",
        // 2: geocoding counts and warnings in provenance; registered rasters (aerial photos).
        R"sql(
ALTER TABLE rk_provenance ADD COLUMN rows_geocode_attempted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rk_provenance ADD COLUMN rows_geocoded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rk_provenance ADD COLUMN geocode_match_rate REAL;
ALTER TABLE rk_provenance ADD COLUMN warnings TEXT;
ALTER TABLE rk_provenance ADD COLUMN extent TEXT;
)sql" + std::string(rasterTablesSql()) + R"sql(
)sql",
        // 3: the tamper-evident audit log (append-only; each entry hashes the previous one).
        R"sql(
CREATE TABLE rk_audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  profile TEXT,
  purpose TEXT,
  details TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TRIGGER rk_audit_no_update BEFORE UPDATE ON rk_audit
BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aanvulbaar / audit log is append-only'); END;
CREATE TRIGGER rk_audit_no_delete BEFORE DELETE ON rk_audit
BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aanvulbaar / audit log is append-only'); END;
)sql",
    };
    return migrations;
}

}  // namespace riskmap::gis
