// SPDX-License-Identifier: GPL-3.0-or-later
// A SpatiaLite database connection with prepared statements and transactions.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace riskmap::gis {

class SpatialiteDb;

/// A prepared statement; bind with 1-based indexes, step, read 0-based columns.
class Statement {
public:
    Statement(SpatialiteDb& db, std::string_view sql);
    ~Statement();
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::nullptr_t);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
    Statement& bindBlob(int index, const void* data, std::size_t size);
    /// The index of a named parameter (`:name`), or 0 when the statement has none by that name.
    int parameterIndex(const std::string& name) const;
    template <class T>
    Statement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bind(index, nullptr);
    }

    /// Steps once; true while a row is available. Throws SqliteError.
    bool step();
    /// Steps to completion (for statements without result rows).
    void run();
    void reset();

    enum class ColumnType { Integer, Real, Text, Blob, Null };
    ColumnType columnType(int col) const;
    int columnCount() const;
    std::string columnName(int col) const;
    bool isNull(int col) const;
    std::int64_t columnInt(int col) const;
    double columnDouble(int col) const;
    std::string columnText(int col) const;
    std::vector<unsigned char> columnBlob(int col) const;

private:
    SpatialiteDb* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// One connection to a workspace file with mod_spatialite loaded.
/// Foreign keys on; WAL is set by the workspace on creation.
class SpatialiteDb {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };

    /// Opens `path`; throws SqliteError naming the file.
    SpatialiteDb(const std::string& path, Mode mode);
    ~SpatialiteDb();
    SpatialiteDb(const SpatialiteDb&) = delete;
    SpatialiteDb& operator=(const SpatialiteDb&) = delete;

    /// Runs one or more statements without results. Throws SqliteError.
    void exec(std::string_view sql);
    Statement prepare(std::string_view sql) { return Statement(*this, sql); }
    /// Runs a query returning one value (or nullopt when no row / NULL).
    std::optional<std::string> queryText(std::string_view sql);
    std::optional<std::int64_t> queryInt(std::string_view sql);
    std::optional<double> queryDouble(std::string_view sql);

    bool tableExists(std::string_view table);
    std::int64_t lastInsertRowId() const;
    const std::string& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }

    /// Throws SqliteError with the connection's last message and `context`.
    [[noreturn]] void fail(std::string_view context) const;

private:
    sqlite3* m_db = nullptr;
    void* m_spatialiteCache = nullptr;
    std::string m_path;
};

/// Begins IMMEDIATE on construction; rolls back on destruction unless committed.
class Transaction {
public:
    explicit Transaction(SpatialiteDb& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    SpatialiteDb& m_db;
    bool m_done = false;
};

/// Quotes an SQL identifier ("name" with doubled quotes).
std::string quoteIdentifier(std::string_view name);

}  // namespace riskmap::gis
