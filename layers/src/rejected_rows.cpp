// SPDX-License-Identifier: GPL-3.0-or-later
// The rejected-rows CSV.
#include "riskmap/layers/rejected_rows.hpp"

#include "riskmap/core/error.hpp"

#include <filesystem>

namespace riskmap::layers {

std::string csvCell(const std::string& value, char separator)
{
    if (value.find_first_of(std::string("\"\r\n") + separator) == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

RejectedRowsFile::RejectedRowsFile(std::string finalPath, const std::vector<std::string>& sourceFields)
    : m_finalPath(std::move(finalPath)), m_tempPath(m_finalPath + ".tmp")
{
    std::filesystem::create_directories(std::filesystem::path(m_finalPath).parent_path());
    m_out.open(m_tempPath, std::ios::binary | std::ios::trunc);
    if (!m_out) throw Error("kan '" + m_tempPath + "' niet schrijven (afgewezen rijen)");
    m_out << "\xEF\xBB\xBF" << "rij;veld;reden";
    for (const auto& f : sourceFields) m_out << ';' << csvCell(f);
    m_out << "\r\n";
}

RejectedRowsFile::~RejectedRowsFile()
{
    if (m_out.is_open()) m_out.close();
    std::error_code ec;
    std::filesystem::remove(m_tempPath, ec);
}

void RejectedRowsFile::add(std::int64_t row, const std::string& field, const std::string& reason,
                           const std::vector<std::optional<std::string>>& values)
{
    m_out << row << ';' << csvCell(field) << ';' << csvCell(reason);
    for (const auto& v : values) m_out << ';' << csvCell(v.value_or(""));
    m_out << "\r\n";
    ++m_count;
}

std::string RejectedRowsFile::commit()
{
    m_out.close();
    if (m_count == 0) return {};
    std::filesystem::rename(m_tempPath, m_finalPath);
    return m_finalPath;
}

}  // namespace riskmap::layers
