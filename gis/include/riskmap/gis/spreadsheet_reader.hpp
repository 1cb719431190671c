// SPDX-License-Identifier: GPL-3.0-or-later
// Reading Excel/ODS sheets as plain text cells (so codes keep what Excel left of them).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace riskmap::gis {

/// One sheet: the first row is the header; every cell as text, empty cells nullopt.
struct SpreadsheetSheet {
    std::string name;
    std::vector<std::string> header;
    std::vector<std::vector<std::optional<std::string>>> rows;  ///< each as long as the header
};

/// Reads every sheet of an .xlsx/.xlsm/.ods file through GDAL with all cells as strings
/// (numbers as Excel stores them: `000123` typed as a number comes back `123`; dates as
/// ISO `2020-03-01`). Throws InputError naming the file when GDAL cannot open it.
std::vector<SpreadsheetSheet> readSpreadsheet(const std::string& path);

/// True for the file extensions readSpreadsheet handles (case-insensitive).
bool isSpreadsheetPath(const std::string& path);

}  // namespace riskmap::gis
