// SPDX-License-Identifier: GPL-3.0-or-later
// Delimited text: RFC-4180 record parsing, Dutch number/date normalisation, CSV writing.
#include "riskmap/core/delimited_text.hpp"

#include "riskmap/core/dates.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <unordered_set>

namespace riskmap::core {
namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

/// One record as split from the text, before any normalisation.
struct RawRecord {
    std::vector<std::string> fields;
    std::size_t lineNumber = 0;
    std::vector<std::string> problems;  // quoting problems, Dutch
    bool blank = false;
};

/// Splits records off UTF-8 text, honouring RFC-4180 quotes (separators, doubled quotes and
/// line breaks inside quotes). Lenient where files are sloppy, but every leniency is reported.
class RecordReader {
public:
    RecordReader(std::string_view text, char separator) : m_text(text), m_separator(separator) {}

    bool atEnd() const { return m_pos >= m_text.size(); }

    RawRecord next()
    {
        RawRecord record;
        record.lineNumber = m_line;
        std::string field;
        bool fieldStarted = false;  // distinguishes an empty line from a line with one empty field
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"' && field.empty() && !m_inField) {
                readQuoted(field, record);
                m_inField = true;
                fieldStarted = true;
                continue;
            }
            if (c == m_separator) {
                record.fields.push_back(std::move(field));
                field.clear();
                m_inField = false;
                fieldStarted = true;
                ++m_pos;
                continue;
            }
            if (c == '\r' || c == '\n') {
                consumeLineBreak();
                break;
            }
            field += c;
            m_inField = true;
            fieldStarted = true;
            ++m_pos;
        }
        m_inField = false;
        record.fields.push_back(std::move(field));
        record.blank = !fieldStarted;
        return record;
    }

private:
    void consumeLineBreak()
    {
        if (m_text[m_pos] == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
        ++m_pos;
        ++m_line;
    }

    // At an opening quote: reads up to the closing quote; text after it up to the separator is
    // appended verbatim (and reported), as spreadsheet programs do.
    void readQuoted(std::string& field, RawRecord& record)
    {
        ++m_pos;  // opening quote
        while (true) {
            if (m_pos >= m_text.size()) {
                record.problems.push_back("aanhalingsteken niet afgesloten tot het einde van het bestand");
                return;
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '"') {
                    field += '"';
                    m_pos += 2;
                    continue;
                }
                ++m_pos;  // closing quote
                break;
            }
            if (c == '\r' || c == '\n') {
                // Keep the line break inside the value as \n, but count physical lines.
                if (c == '\r' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
                field += '\n';
                ++m_pos;
                ++m_line;
                continue;
            }
            field += c;
            ++m_pos;
        }
        if (m_pos < m_text.size() && m_text[m_pos] != m_separator && m_text[m_pos] != '\r' &&
            m_text[m_pos] != '\n') {
            record.problems.push_back("tekst na het afsluitende aanhalingsteken");
        }
    }

    std::string_view m_text;
    char m_separator;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    bool m_inField = false;
};

/// True when the value is written the Dutch way: a decimal comma (and optionally
/// thousands points), or a plain integer. Used for auto-detecting numeric columns.
bool isCommaDecimalOrInteger(std::string_view value)
{
    const std::string t = trim(value);
    if (t.find('.') != std::string::npos && t.find(',') == std::string::npos) return false;
    return normaliseDecimal(t).has_value();
}

void lookupColumns(const CsvTable& table, const std::vector<std::string>& names, const char* what,
                   std::vector<bool>& flags)
{
    for (const auto& name : names) {
        const auto index = table.columnIndex(trim(name));
        if (!index) throw InputError("kolom '" + name + "' (" + what + ") staat niet in de kopregel");
        flags[*index] = true;
    }
}

bool hasSeparatorCandidate(std::string_view headerLine)
{
    bool quoted = false;
    for (char c : headerLine) {
        if (c == '"') quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r')) return false;
        else if (!quoted && (c == ';' || c == '\t' || c == ',')) return true;
    }
    return false;
}

}  // namespace

std::optional<std::size_t> CsvTable::columnIndex(std::string_view name) const
{
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    return std::nullopt;
}

std::size_t CsvTable::problemRowCount() const
{
    return static_cast<std::size_t>(
        std::count_if(rows.begin(), rows.end(), [](const CsvRow& r) { return !r.ok(); }));
}

char detectSeparator(std::string_view headerLine)
{
    std::size_t semicolons = 0, tabs = 0, commas = 0;
    bool quoted = false;
    for (char c : headerLine) {
        if (c == '"') quoted = !quoted;  // doubled quotes toggle twice: still right
        else if (!quoted && (c == '\n' || c == '\r')) break;
        else if (!quoted && c == ';') ++semicolons;
        else if (!quoted && c == '\t') ++tabs;
        else if (!quoted && c == ',') ++commas;
    }
    if (semicolons == 0 && tabs == 0 && commas == 0) return ',';
    if (semicolons >= tabs && semicolons >= commas) return ';';
    if (tabs >= commas) return '\t';
    return ',';
}

std::optional<std::string> normaliseDecimal(std::string_view text)
{
    std::string t = trim(text);
    std::string out;
    std::size_t i = 0;
    if (!t.empty() && (t[0] == '-' || t[0] == '+')) {
        if (t[0] == '-') out += '-';
        i = 1;
    }
    const std::string_view body = std::string_view(t).substr(i);
    if (body.empty()) return std::nullopt;
    const auto comma = body.find(',');
    std::string_view integerPart = body.substr(0, comma);
    std::string_view fraction;
    bool hasFraction = false;
    if (comma != std::string_view::npos) {
        fraction = body.substr(comma + 1);
        hasFraction = true;
        if (!allDigits(fraction)) return std::nullopt;
        // With a decimal comma, points can only be thousands separators in groups of three.
        if (integerPart.find('.') != std::string_view::npos) {
            const auto groups = split(integerPart, '.');
            if (groups[0].empty() || groups[0].size() > 3 || !allDigits(groups[0])) return std::nullopt;
            std::string digits = groups[0];
            for (std::size_t g = 1; g < groups.size(); ++g) {
                if (groups[g].size() != 3 || !allDigits(groups[g])) return std::nullopt;
                digits += groups[g];
            }
            out += digits;
        } else {
            if (!allDigits(integerPart)) return std::nullopt;
            out += integerPart;
        }
    } else {
        // No comma: at most one point, taken as the decimal point.
        const auto point = body.find('.');
        integerPart = body.substr(0, point);
        if (!allDigits(integerPart)) return std::nullopt;
        out += integerPart;
        if (point != std::string_view::npos) {
            fraction = body.substr(point + 1);
            hasFraction = true;
            if (!allDigits(fraction)) return std::nullopt;
        }
    }
    if (hasFraction) {
        out += '.';
        out += fraction;
    }
    return out;
}

CsvTable readDelimitedText(std::string_view bytes, const CsvReadOptions& options)
{
    CsvTable table;
    DecodedText decoded = decodeToUtf8(bytes);
    table.encoding = decoded.encoding;
    const std::string& text = decoded.utf8;

    // The header is the first non-blank line; detect the separator there.
    std::size_t headerStart = 0;
    while (headerStart < text.size() && (text[headerStart] == '\r' || text[headerStart] == '\n')) ++headerStart;
    if (headerStart >= text.size()) throw InputError("het bestand is leeg: geen kopregel gevonden");
    table.separator = options.separator.value_or(detectSeparator(std::string_view(text).substr(headerStart)));
    if (!options.separator && !hasSeparatorCandidate(std::string_view(text).substr(headerStart))) {
        // A one-column file: pick a separator that never occurs, so `1,5` stays one value.
        for (char candidate : {';', '\t', ','}) {
            if (text.find(candidate) == std::string::npos) { table.separator = candidate; break; }
        }
    }

    RecordReader reader(text, table.separator);
    RawRecord headerRecord;
    do {
        headerRecord = reader.next();
    } while (headerRecord.blank && !reader.atEnd());
    for (auto& name : headerRecord.fields) table.header.push_back(trim(name));
    for (const auto& p : headerRecord.problems) table.fileProblems.push_back({0, {}, {}, "kopregel: " + p});
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const auto& name = table.header[i];
        if (name.empty()) table.fileProblems.push_back({0, {}, {}, "kolom " + std::to_string(i + 1) + " heeft geen naam"});
        else if (!seen.insert(name).second) table.fileProblems.push_back({0, name, name, "kolomnaam komt dubbel voor"});
    }

    const std::size_t width = table.header.size();
    std::size_t rowNumber = 0;
    while (!reader.atEnd()) {
        RawRecord record = reader.next();
        if (record.blank) continue;
        CsvRow row;
        row.rowNumber = ++rowNumber;
        row.lineNumber = record.lineNumber;
        row.original = std::move(record.fields);
        row.values = row.original;
        for (const auto& p : record.problems) row.problems.push_back({row.rowNumber, {}, {}, p});
        if (row.original.size() != width) {
            row.problems.push_back({row.rowNumber, {}, {},
                                    std::to_string(row.original.size()) + " kolommen, verwacht " +
                                        std::to_string(width)});
        }
        table.rows.push_back(std::move(row));
    }

    // Which columns are numbers or dates.
    std::vector<bool> numeric(width, false), dates(width, false);
    lookupColumns(table, options.numericColumns, "getal", numeric);
    lookupColumns(table, options.dateColumns, "datum", dates);
    std::vector<bool> usesComma(width, false);
    for (const auto& row : table.rows) {
        if (row.original.size() != width) continue;
        for (std::size_t c = 0; c < width; ++c) {
            if (row.original[c].find(',') != std::string::npos) usesComma[c] = true;
        }
    }
    if (options.detectDecimalCommaColumns) {
        for (std::size_t c = 0; c < width; ++c) {
            if (numeric[c] || dates[c] || !usesComma[c]) continue;
            bool all = true;
            for (const auto& row : table.rows) {
                if (row.original.size() != width) continue;
                const auto& v = row.original[c];
                if (!trim(v).empty() && !isCommaDecimalOrInteger(v)) { all = false; break; }
            }
            numeric[c] = all;
        }
    }
    for (std::size_t c = 0; c < width; ++c) {
        if (numeric[c]) table.numericColumns.push_back(table.header[c]);
    }

    // Normalise rows whose columns line up; misaligned rows keep their values as read.
    for (auto& row : table.rows) {
        if (row.original.size() != width) continue;
        for (std::size_t c = 0; c < width; ++c) {
            const std::string& value = row.original[c];
            const std::string trimmed = trim(value);
            if (!numeric[c] && !dates[c]) continue;
            if (trimmed.empty()) {
                row.values[c].clear();
                continue;
            }
            if (numeric[c]) {
                // In a column written with decimal commas a lone point is ambiguous (1.234 = 1234 or 1,234?).
                if (usesComma[c] && trimmed.find(',') == std::string::npos &&
                    trimmed.find('.') != std::string::npos) {
                    row.problems.push_back({row.rowNumber, table.header[c], value,
                                            "getal met punt in een kolom met decimale komma's: dubbelzinnig"});
                    continue;
                }
                if (auto n = normaliseDecimal(trimmed)) row.values[c] = *n;
                else row.problems.push_back({row.rowNumber, table.header[c], value, "geen getal"});
            } else {
                if (auto d = parseDate(trimmed)) row.values[c] = formatIsoDate(*d);
                else row.problems.push_back({row.rowNumber, table.header[c], value, "geen geldige datum"});
            }
        }
    }
    return table;
}

DelimitedTextWriter::DelimitedTextWriter(std::ostream& out, const std::vector<std::string>& header,
                                         CsvDialect dialect, const std::vector<std::string>& numericColumns)
    : m_out(out), m_dialect(dialect), m_separator(dialect == CsvDialect::ExcelNl ? ';' : ',')
{
    m_numeric.resize(header.size(), false);
    for (std::size_t i = 0; i < header.size(); ++i) {
        m_numeric[i] = std::find(numericColumns.begin(), numericColumns.end(), header[i]) != numericColumns.end();
    }
    if (m_dialect == CsvDialect::ExcelNl) m_out << "\xEF\xBB\xBF";
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (i) m_out << m_separator;
        writeField(header[i], false);
    }
    m_out << "\r\n";
}

void DelimitedTextWriter::writeRow(const std::vector<std::string>& values)
{
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i) m_out << m_separator;
        writeField(values[i], i < m_numeric.size() && m_numeric[i]);
    }
    m_out << "\r\n";
}

void DelimitedTextWriter::writeField(std::string_view value, bool numeric)
{
    if (m_dialect == CsvDialect::ExcelNl) {
        if (numeric) {
            std::string v(value);
            std::replace(v.begin(), v.end(), '.', ',');
            writeQuotedIfNeeded(v);
            return;
        }
        if (allDigits(value) && ((value.size() > 1 && value[0] == '0') || value.size() > 15)) {
            // Excel strips leading zeros and rounds long digit strings; a text formula keeps them.
            m_out << "=\"" << value << '"';
            return;
        }
    }
    writeQuotedIfNeeded(value);
}

void DelimitedTextWriter::writeQuotedIfNeeded(std::string_view value)
{
    const char specials[] = {m_separator, '"', '\r', '\n'};
    if (value.find_first_of(std::string_view(specials, sizeof specials)) == std::string_view::npos) {
        m_out << value;
        return;
    }
    m_out << '"';
    for (char c : value) {
        if (c == '"') m_out << '"';
        m_out << c;
    }
    m_out << '"';
}

std::string writeDelimitedText(const std::vector<std::string>& header,
                               const std::vector<std::vector<std::string>>& rows, CsvDialect dialect,
                               const std::vector<std::string>& numericColumns)
{
    std::ostringstream out;
    DelimitedTextWriter writer(out, header, dialect, numericColumns);
    for (const auto& row : rows) writer.writeRow(row);
    return out.str();
}

}  // namespace riskmap::core
