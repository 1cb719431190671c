// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace creation, migration, layer tables and provenance.
#include "riskmap/gis/workspace.hpp"

#include "workspace_schema.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace riskmap::gis {

int Workspace::currentSchemaVersion() { return static_cast<int>(workspaceMigrations().size()); }

Workspace::Workspace(std::string path, std::unique_ptr<SpatialiteDb> db) : m_path(std::move(path)), m_db(std::move(db)) {}

Workspace Workspace::create(const std::string& path)
{
    if (std::filesystem::exists(path))
        throw Error("werkruimte '" + path + "' bestaat al / workspace already exists");
    // Build the file under a temporary name and rename it into place, so an
    // interrupted init never leaves a half-made workspace behind.
    const std::string staging = path + ".init-" + std::to_string(::getpid());
    std::filesystem::remove(staging);
    try {
        auto db = std::make_unique<SpatialiteDb>(staging, SpatialiteDb::Mode::Create);
        db->exec("PRAGMA journal_mode = WAL");
        db->exec("SELECT InitSpatialMetadata(1)");  // runs its own transaction
        Workspace ws(staging, std::move(db));
        ws.migrate();
        Transaction tx(ws.db());
        auto stmt = ws.db().prepare("INSERT INTO rk_meta(key, value) VALUES (?, ?)");
        stmt.bind(1, "created_at").bind(2, core::nowIsoUtc()).run();
        stmt.bind(1, "created_by").bind(2, currentUser()).run();
        stmt.bind(1, "tool_version").bind(2, RISKMAP_VERSION).run();
        tx.commit();
    } catch (...) {
        std::filesystem::remove(staging);
        throw;
    }
    std::filesystem::rename(staging, path);
    return open(path);
}

Workspace Workspace::open(const std::string& path, bool readOnly)
{
    if (!std::filesystem::exists(path))
        throw Error("werkruimte '" + path + "' bestaat niet / workspace not found (maak hem met 'riskmap init')");
    auto db = std::make_unique<SpatialiteDb>(path, readOnly ? SpatialiteDb::Mode::ReadOnly : SpatialiteDb::Mode::ReadWrite);
    try {
        if (!db->tableExists("rk_meta"))
            throw Error("'" + path + "' is geen Risicokaart-werkruimte / not a Risicokaart workspace");
    } catch (const SqliteError&) {
        throw Error("'" + path + "' is geen Risicokaart-werkruimte (geen SQLite-bestand) / not a workspace");
    }
    Workspace ws(path, std::move(db));
    const int version = ws.schemaVersion();
    if (version > currentSchemaVersion())
        throw Error("werkruimte '" + path + "' heeft schemaversie " + std::to_string(version) +
                    ", nieuwer dan deze versie van riskmap (" + std::to_string(currentSchemaVersion()) + ")");
    if (version < currentSchemaVersion()) {
        if (readOnly) throw Error("werkruimte '" + path + "' moet eerst worden bijgewerkt (open zonder --read-only)");
        ws.migrate();
    }
    return ws;
}

int Workspace::schemaVersion() { return static_cast<int>(m_db->queryInt("PRAGMA user_version").value_or(0)); }

void Workspace::migrate()
{
    const auto& migrations = workspaceMigrations();
    Transaction tx(*m_db);
    for (int v = schemaVersion(); v < static_cast<int>(migrations.size()); ++v) {
        m_db->exec(migrations[static_cast<std::size_t>(v)]);
        m_db->exec("PRAGMA user_version = " + std::to_string(v + 1));
    }
    tx.commit();
}

void Workspace::dropLayerTable(const std::string& name)
{
    if (!m_db->tableExists(name)) return;
    auto hasGeom = m_db->prepare("SELECT 1 FROM geometry_columns WHERE f_table_name = lower(?)");
    hasGeom.bind(1, name);
    const bool geometry = hasGeom.step();
    hasGeom.reset();  // a pending read statement makes DROP TABLE fail with "table is locked"
    if (geometry) {
        auto disable = m_db->prepare("SELECT DisableSpatialIndex(?, 'geom')");
        disable.bind(1, name).run();
        m_db->exec("DROP TABLE IF EXISTS " + quoteIdentifier("idx_" + name + "_geom"));
        auto discard = m_db->prepare("SELECT DiscardGeometryColumn(?, 'geom')");
        discard.bind(1, name).run();
    }
    m_db->exec("DROP TABLE " + quoteIdentifier(name));
}

void Workspace::createLayerTable(const std::string& name, const std::vector<ColumnDef>& columns,
                                 const std::string& geometryType)
{
    dropLayerTable(name);
    std::string sql = "CREATE TABLE " + quoteIdentifier(name) + " (fid INTEGER PRIMARY KEY AUTOINCREMENT";
    for (const auto& c : columns) sql += ", " + quoteIdentifier(c.name) + " " + c.sqlType;
    sql += ")";
    m_db->exec(sql);
    if (geometryType.empty()) return;
    auto add = m_db->prepare("SELECT AddGeometryColumn(?, 'geom', 28992, ?, 'XY')");
    add.bind(1, name).bind(2, geometryType);
    if (!add.step() || add.columnInt(0) != 1) m_db->fail("AddGeometryColumn for layer '" + name + "'");
}

void Workspace::ensureSpatialIndex(const std::string& name)
{
    if (m_db->tableExists("idx_" + name + "_geom")) return;
    // Built after the rows are in: one bulk build instead of a trigger per insert.
    auto index = m_db->prepare("SELECT CreateSpatialIndex(?, 'geom')");
    index.bind(1, name);
    if (!index.step() || index.columnInt(0) != 1) m_db->fail("CreateSpatialIndex for layer '" + name + "'");
}

void Workspace::registerLayer(const LayerRecord& r)
{
    auto stmt = m_db->prepare(
        "INSERT OR REPLACE INTO rk_layers(name, kind, geometry_type, classification, legal_basis, retention_days,"
        " feature_count, updated_at, provenance_id) VALUES (?,?,?,?,?,?,?,?,?)");
    stmt.bind(1, r.name).bind(2, r.kind).bind(3, r.geometryType).bind(4, r.classification).bind(5, r.legalBasis);
    stmt.bind(6, r.retentionDays).bind(7, r.featureCount).bind(8, r.updatedAt).bind(9, r.provenanceId);
    stmt.run();
}

void Workspace::unregisterLayer(const std::string& name)
{
    auto stmt = m_db->prepare("DELETE FROM rk_layers WHERE name = ?");
    stmt.bind(1, name).run();
}

std::int64_t Workspace::addProvenance(const ProvenanceRecord& r)
{
    auto stmt = m_db->prepare(
        "INSERT INTO rk_provenance(layer, action, source_path, source_layer, sha256, started_at, finished_at,"
        " source_crs, proj_operation, proj_accuracy_m, ballpark, rows_read, rows_imported, rows_repaired,"
        " rows_rejected, rejected_file, user, tool_version, mapping)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    stmt.bind(1, r.layer).bind(2, r.action).bind(3, r.sourcePath).bind(4, r.sourceLayer).bind(5, r.sha256);
    stmt.bind(6, r.startedAt).bind(7, r.finishedAt).bind(8, r.sourceCrs).bind(9, r.projOperation);
    stmt.bind(10, r.projAccuracyM).bind(11, r.ballpark ? 1 : 0).bind(12, r.rowsRead).bind(13, r.rowsImported);
    stmt.bind(14, r.rowsRepaired).bind(15, r.rowsRejected).bind(16, r.rejectedFile).bind(17, r.user);
    stmt.bind(18, r.toolVersion.empty() ? std::string(RISKMAP_VERSION) : r.toolVersion).bind(19, r.mapping);
    stmt.run();
    return m_db->lastInsertRowId();
}

std::vector<LayerRecord> Workspace::layers()
{
    std::vector<LayerRecord> out;
    auto stmt = m_db->prepare(
        "SELECT name, kind, geometry_type, classification, legal_basis, retention_days, feature_count, updated_at,"
        " provenance_id FROM rk_layers ORDER BY name");
    while (stmt.step()) {
        LayerRecord r;
        r.name = stmt.columnText(0);
        r.kind = stmt.columnText(1);
        r.geometryType = stmt.columnText(2);
        r.classification = stmt.columnText(3);
        r.legalBasis = stmt.columnText(4);
        r.retentionDays = static_cast<int>(stmt.columnInt(5));
        r.featureCount = stmt.columnInt(6);
        r.updatedAt = stmt.columnText(7);
        if (!stmt.isNull(8)) r.provenanceId = stmt.columnInt(8);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<LayerRecord> Workspace::layer(const std::string& name)
{
    for (auto& r : layers())
        if (r.name == name) return r;
    return std::nullopt;
}

std::vector<ProvenanceRecord> Workspace::provenance(const std::string& layer)
{
    std::vector<ProvenanceRecord> out;
    auto stmt = m_db->prepare(
        "SELECT id, layer, action, source_path, source_layer, sha256, started_at, finished_at, source_crs,"
        " proj_operation, proj_accuracy_m, ballpark, rows_read, rows_imported, rows_repaired, rows_rejected,"
        " rejected_file, user, tool_version, mapping FROM rk_provenance WHERE ?1 = '' OR layer = ?1 ORDER BY id");
    stmt.bind(1, layer);
    while (stmt.step()) {
        ProvenanceRecord r;
        r.id = stmt.columnInt(0);
        r.layer = stmt.columnText(1);
        r.action = stmt.columnText(2);
        r.sourcePath = stmt.columnText(3);
        r.sourceLayer = stmt.columnText(4);
        r.sha256 = stmt.columnText(5);
        r.startedAt = stmt.columnText(6);
        r.finishedAt = stmt.columnText(7);
        r.sourceCrs = stmt.columnText(8);
        r.projOperation = stmt.columnText(9);
        if (!stmt.isNull(10)) r.projAccuracyM = stmt.columnDouble(10);
        r.ballpark = stmt.columnInt(11) != 0;
        r.rowsRead = stmt.columnInt(12);
        r.rowsImported = stmt.columnInt(13);
        r.rowsRepaired = stmt.columnInt(14);
        r.rowsRejected = stmt.columnInt(15);
        r.rejectedFile = stmt.columnText(16);
        r.user = stmt.columnText(17);
        r.toolVersion = stmt.columnText(18);
        r.mapping = stmt.columnText(19);
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t Workspace::countRows(const std::string& table)
{
    return m_db->queryInt("SELECT count(*) FROM " + quoteIdentifier(table)).value_or(0);
}

std::string currentUser()
{
    if (const char* u = std::getenv("USER"); u && *u) return u;
    if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
    return "onbekend";
}

}  // namespace riskmap::gis
