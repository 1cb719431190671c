// SPDX-License-Identifier: GPL-3.0-or-later
// The rejected-rows CSV of an import (UTF-8 with BOM, `;`, rij/veld/reden + original values).
#pragma once

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

/// Writes to a temporary file; commit() moves it into place, otherwise it is removed.
class RejectedRowsFile {
public:
    RejectedRowsFile(std::string finalPath, const std::vector<std::string>& sourceFields);
    ~RejectedRowsFile();
    RejectedRowsFile(const RejectedRowsFile&) = delete;
    RejectedRowsFile& operator=(const RejectedRowsFile&) = delete;

    void add(std::int64_t row, const std::string& field, const std::string& reason,
             const std::vector<std::optional<std::string>>& values);
    std::int64_t count() const { return m_count; }
    const std::string& finalPath() const { return m_finalPath; }
    /// Moves the file into place when it holds rows; returns its path or "".
    std::string commit();

private:
    std::string m_finalPath;
    std::string m_tempPath;
    std::ofstream m_out;
    std::int64_t m_count = 0;
};

/// Quotes one CSV cell for a `;` file when needed.
std::string csvCell(const std::string& value, char separator = ';');

}  // namespace riskmap::layers
