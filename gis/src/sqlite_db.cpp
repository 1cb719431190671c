// SPDX-License-Identifier: GPL-3.0-or-later
// SpatiaLite connection, statements and transactions.
#include "riskmap/gis/sqlite_db.hpp"

#include "riskmap/core/error.hpp"

#include <sqlite3.h>  // before spatialite.h, which needs its types
#include <spatialite.h>

#include <cstring>

namespace riskmap::gis {

Statement::Statement(SpatialiteDb& db, std::string_view sql) : m_db(&db)
{
    if (sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        db.fail("prepare '" + std::string(sql.substr(0, 120)) + "'");
    }
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement::Statement(Statement&& other) noexcept : m_db(other.m_db), m_stmt(other.m_stmt) { other.m_stmt = nullptr; }

Statement& Statement::bind(int index, std::nullptr_t)
{
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) m_db->fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) m_db->fail("bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) m_db->fail("bind");
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    if (sqlite3_bind_text(m_stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

int Statement::parameterIndex(const std::string& name) const
{
    return sqlite3_bind_parameter_index(m_stmt, name.c_str());
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    if (sqlite3_bind_blob(m_stmt, index, data, static_cast<int>(size), SQLITE_TRANSIENT) != SQLITE_OK)
        m_db->fail("bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    m_db->fail("step '" + std::string(sqlite3_sql(m_stmt)).substr(0, 120) + "'");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

Statement::ColumnType Statement::columnType(int col) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER: return ColumnType::Integer;
    case SQLITE_FLOAT: return ColumnType::Real;
    case SQLITE_BLOB: return ColumnType::Blob;
    case SQLITE_NULL: return ColumnType::Null;
    default: return ColumnType::Text;
    }
}

int Statement::columnCount() const { return sqlite3_column_count(m_stmt); }
std::string Statement::columnName(int col) const { return sqlite3_column_name(m_stmt, col); }
bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::int64_t Statement::columnInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::columnDouble(int col) const { return sqlite3_column_double(m_stmt, col); }

std::string Statement::columnText(int col) const
{
    const auto* text = sqlite3_column_text(m_stmt, col);
    return text ? std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(m_stmt, col)) : std::string();
}

std::vector<unsigned char> Statement::columnBlob(int col) const
{
    const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(m_stmt, col));
    return data ? std::vector<unsigned char>(data, data + sqlite3_column_bytes(m_stmt, col))
                : std::vector<unsigned char>();
}

SpatialiteDb::SpatialiteDb(const std::string& path, Mode mode) : m_path(path)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError("workspace '" + path + "': " + msg);
    }
    sqlite3_busy_timeout(m_db, 10000);
    // The statically initialised SpatiaLite connection: no extension loading needed.
    m_spatialiteCache = spatialite_alloc_connection();
    spatialite_init_ex(m_db, m_spatialiteCache, 0);
    exec("PRAGMA foreign_keys = ON");
}

SpatialiteDb::~SpatialiteDb()
{
    sqlite3_close_v2(m_db);
    if (m_spatialiteCache) spatialite_cleanup_ex(m_spatialiteCache);
}

void SpatialiteDb::exec(std::string_view sql)
{
    const std::string text(sql);
    char* err = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : sqlite3_errmsg(m_db);
        sqlite3_free(err);
        throw SqliteError("workspace '" + m_path + "': " + msg + " (in: " + text.substr(0, 160) + ")");
    }
}

std::optional<std::string> SpatialiteDb::queryText(std::string_view sql)
{
    Statement stmt(*this, sql);
    if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
    return stmt.columnText(0);
}

std::optional<std::int64_t> SpatialiteDb::queryInt(std::string_view sql)
{
    Statement stmt(*this, sql);
    if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
    return stmt.columnInt(0);
}

std::optional<double> SpatialiteDb::queryDouble(std::string_view sql)
{
    Statement stmt(*this, sql);
    if (!stmt.step() || stmt.isNull(0)) return std::nullopt;
    return stmt.columnDouble(0);
}

bool SpatialiteDb::tableExists(std::string_view table)
{
    auto stmt = prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    stmt.bind(1, table);
    return stmt.step();
}

std::int64_t SpatialiteDb::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }

void SpatialiteDb::fail(std::string_view context) const
{
    throw SqliteError("workspace '" + m_path + "': " + std::string(context) + ": " + sqlite3_errmsg(m_db));
}

Transaction::Transaction(SpatialiteDb& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // Never throw from a destructor; SQLite rolls back on close anyway.
        }
    }
}

void Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

}  // namespace riskmap::gis
