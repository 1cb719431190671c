// SPDX-License-Identifier: GPL-3.0-or-later
// Reading messy Dutch CSV (encoding, separator, quoting, decimal commas, dates) and writing clean CSV.
#pragma once

#include "riskmap/core/text_encoding.hpp"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::core {

/// One problem found while reading; reported, never silently repaired.
struct CsvProblem {
    std::size_t row = 0;   ///< 1-based data row (the header is row 0)
    std::string column;    ///< header name, or empty when the whole row is concerned
    std::string value;     ///< the offending value as read (UTF-8)
    std::string reason;    ///< Dutch, for the rejected-rows file (`reden`)
};

/// One data record. Rows with problems are kept (with their values as far as read)
/// so that the caller can write them to the rejected-rows file.
struct CsvRow {
    std::size_t rowNumber = 0;    ///< 1-based data row; blank lines are skipped and not counted
    std::size_t lineNumber = 0;   ///< 1-based physical line in the file where the record starts
    std::vector<std::string> values;    ///< normalised (decimal point, ISO dates); size may differ from the header
    std::vector<std::string> original;  ///< as read after decoding and unquoting, for the rejected-rows file
    std::vector<CsvProblem> problems;   ///< empty when the row is fine
    bool ok() const { return problems.empty(); }
};

/// How to read. Every field is optional.
struct CsvReadOptions {
    /// Separator; detected from the header line when empty (`;`, `,` or tab, outside quotes;
    /// for a one-column header, one that occurs nowhere in the file).
    std::optional<char> separator;
    /// Columns holding numbers: a decimal comma becomes a point, thousands points are removed
    /// (`1.234,5` → `1234.5`). A value that is no number is a problem of that row.
    std::vector<std::string> numericColumns;
    /// Also treat as numeric every other column whose non-empty values all parse as numbers
    /// and at least one of which has a decimal comma. Integer-only columns (codes,
    /// postcodes digits, ids) are never auto-detected, so leading zeros survive.
    bool detectDecimalCommaColumns = true;
    /// Columns holding dates (`dd-mm-jjjj`, `d-m-jjjj`, `dd/mm/jjjj`, `jjjjmmdd` or ISO) → `jjjj-mm-dd`.
    /// Empty values stay empty; anything else unparsable is a problem of that row.
    std::vector<std::string> dateColumns;
};

/// A whole delimited file, decoded to UTF-8.
struct CsvTable {
    TextEncoding encoding = TextEncoding::Utf8;
    char separator = ',';
    std::vector<std::string> header;            ///< trimmed column names
    std::vector<CsvRow> rows;                   ///< every non-blank record after the header, in order
    std::vector<std::string> numericColumns;    ///< named plus auto-detected, in header order
    std::vector<CsvProblem> fileProblems;       ///< header problems (row 0), e.g. duplicate names

    /// Index of a column by exact (trimmed) name, or nullopt.
    std::optional<std::size_t> columnIndex(std::string_view name) const;
    std::size_t problemRowCount() const;
};

/// Detects the separator of a header line: the most frequent of `;`, tab and `,` outside
/// double quotes (ties prefer `;`, then tab, since Dutch text often contains commas).
/// A line with none of them gives `,` (a one-column file).
char detectSeparator(std::string_view headerLine);

/// Reads a delimited file held in memory (bytes as on disk, any supported encoding).
/// Throws InputError when there is no header line or a named numeric/date column is absent.
CsvTable readDelimitedText(std::string_view bytes, const CsvReadOptions& options = {});

/// Normalises one number written with a decimal comma or point to plain `-1234.5` text
/// (digits kept as written, so `007,50` → `007.50`). Nullopt when it is no number.
std::optional<std::string> normaliseDecimal(std::string_view text);

/// The CSV flavours we write.
enum class CsvDialect {
    Rfc4180,  ///< comma, decimal point, UTF-8 without BOM, CRLF
    ExcelNl,  ///< `;`, decimal comma in numeric columns, UTF-8 with BOM, CRLF; digit codes with a
              ///< leading zero or longer than 15 digits written as `="0123"` so Excel keeps them as text
};

/// Streams rows to a CSV file or string; quotes a field only when needed.
class DelimitedTextWriter {
public:
    /// Writes the BOM (ExcelNl) and the header. `numericColumns` name the columns whose values are
    /// numbers written with a decimal point (they get a decimal comma in ExcelNl).
    DelimitedTextWriter(std::ostream& out, const std::vector<std::string>& header, CsvDialect dialect,
                        const std::vector<std::string>& numericColumns = {});
    /// Writes one row; fewer or more values than header columns are written as given.
    void writeRow(const std::vector<std::string>& values);

private:
    void writeField(std::string_view value, bool numeric);
    void writeQuotedIfNeeded(std::string_view value);

    std::ostream& m_out;
    CsvDialect m_dialect;
    char m_separator;
    std::vector<bool> m_numeric;
};

/// Convenience: the whole CSV as a string.
std::string writeDelimitedText(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows, CsvDialect dialect,
                               const std::vector<std::string>& numericColumns = {});

}  // namespace riskmap::core
