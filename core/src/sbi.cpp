// SPDX-License-Identifier: GPL-3.0-or-later
// SBI code normalisation, catalogue and 2008↔2025 correspondence.
#include "riskmap/core/sbi.hpp"

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <algorithm>
#include <set>

namespace riskmap::core {
namespace {

std::size_t requireColumn(const CsvTable& table, const std::string& name, const std::string& what)
{
    const auto index = table.columnIndex(name);
    if (!index) throw InputError(what + ": kolom '" + name + "' ontbreekt in de kopregel");
    return *index;
}

std::string normalizeOrThrow(std::string_view code, const std::string& context)
{
    auto n = normalizeSbiCode(code);
    if (!n) throw InputError(context + ": '" + std::string(code) + "' is geen SBI-code");
    return *n;
}

bool isSectionLetter(std::string_view t) { return t.size() == 1 && t[0] >= 'A' && t[0] <= 'Z'; }

}  // namespace

std::optional<std::string> normalizeSbiCode(std::string_view text)
{
    const std::string t = trim(text);
    std::string digits;
    char previous = 0;
    for (char c : t) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c == '.' || c == ' ') {
            if (digits.empty() || previous == '.') return std::nullopt;  // `.45`, `45..11`
        } else {
            return std::nullopt;
        }
        previous = c;
    }
    if (previous == '.') return std::nullopt;  // `45.`
    if (digits.size() < 2 || digits.size() > 6) return std::nullopt;
    return digits;
}

SbiCatalogue SbiCatalogue::fromCsv(std::string_view csvBytes)
{
    CsvReadOptions options;
    options.detectDecimalCommaColumns = false;  // codes stay text
    const CsvTable table = readDelimitedText(csvBytes, options);
    const std::string what = "SBI-lijst";
    const auto cCode = requireColumn(table, "sbi_code", what);
    const auto cLevel = requireColumn(table, "niveau", what);
    const auto cSection = requireColumn(table, "sectie", what);
    const auto cDescription = requireColumn(table, "omschrijving", what);
    SbiCatalogue catalogue;
    for (const auto& row : table.rows) {
        const std::string context = what + " rij " + std::to_string(row.rowNumber);
        if (!row.ok()) throw InputError(context + ": " + row.problems.front().reason);
        SbiEntry entry;
        entry.dotted = trim(row.values[cCode]);
        entry.code = isSectionLetter(entry.dotted) ? entry.dotted : normalizeOrThrow(entry.dotted, context);
        entry.level = trim(row.values[cLevel]);
        entry.section = trim(row.values[cSection]);
        entry.description = trim(row.values[cDescription]);
        catalogue.add(std::move(entry));
    }
    return catalogue;
}

void SbiCatalogue::add(SbiEntry entry)
{
    std::string key = entry.code;
    m_entries.insert_or_assign(std::move(key), std::move(entry));
}

const SbiEntry* SbiCatalogue::find(std::string_view code) const
{
    const std::string t = trim(code);
    std::string key;
    if (isSectionLetter(t)) key = t;
    else if (auto n = normalizeSbiCode(t)) key = *n;
    else return nullptr;
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? nullptr : &it->second;
}

std::optional<std::string> SbiCatalogue::description(std::string_view code) const
{
    const SbiEntry* entry = find(code);
    if (!entry) return std::nullopt;
    return entry->description;
}

SbiCorrespondence SbiCorrespondence::fromCsv(std::string_view csvBytes)
{
    CsvReadOptions options;
    options.detectDecimalCommaColumns = false;
    const CsvTable table = readDelimitedText(csvBytes, options);
    const std::string what = "SBI-correspondentietabel";
    // Header names are matched case-insensitively: people type `SBI2008`.
    std::optional<std::size_t> c2008, c2025;
    for (std::size_t i = 0; i < table.header.size(); ++i) {
        const std::string name = toLower(table.header[i]);
        if (name == "sbi2008") c2008 = i;
        if (name == "sbi2025") c2025 = i;
    }
    if (!c2008 || !c2025) throw InputError(what + ": de kopregel moet de kolommen 'sbi2008' en 'sbi2025' hebben");
    SbiCorrespondence result;
    for (const auto& row : table.rows) {
        const std::string context = what + " rij " + std::to_string(row.rowNumber);
        if (row.values.size() <= std::max(*c2008, *c2025)) throw InputError(context + ": te weinig kolommen");
        const std::string a = trim(row.values[*c2008]);
        const std::string b = trim(row.values[*c2025]);
        if (a.empty() || b.empty()) continue;  // a code without counterpart
        result.add(normalizeOrThrow(a, context), normalizeOrThrow(b, context));
    }
    return result;
}

void SbiCorrespondence::add(std::string_view sbi2008, std::string_view sbi2025)
{
    std::pair<std::string, std::string> pair{normalizeOrThrow(sbi2008, "SBI 2008"),
                                             normalizeOrThrow(sbi2025, "SBI 2025")};
    if (std::find(m_pairs.begin(), m_pairs.end(), pair) == m_pairs.end()) m_pairs.push_back(std::move(pair));
}

std::vector<std::string> SbiCorrespondence::to2025(std::string_view sbi2008) const
{
    std::set<std::string> out;
    if (auto code = normalizeSbiCode(sbi2008)) {
        for (const auto& [a, b] : m_pairs) if (a == *code) out.insert(b);
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> SbiCorrespondence::to2008(std::string_view sbi2025) const
{
    std::set<std::string> out;
    if (auto code = normalizeSbiCode(sbi2025)) {
        for (const auto& [a, b] : m_pairs) if (b == *code) out.insert(a);
    }
    return {out.begin(), out.end()};
}

std::vector<std::string> SbiCorrespondence::expandPrefixes(const std::vector<std::string>& prefixes,
                                                           SbiVersion version) const
{
    std::set<std::string> all;
    for (const auto& raw : prefixes) {
        const std::string prefix = normalizeOrThrow(raw, "SBI-prefix");
        all.insert(prefix);
        for (const auto& [a, b] : m_pairs) {
            if (version != SbiVersion::Sbi2025 && startsWith(a, prefix)) all.insert(b);
            if (version != SbiVersion::Sbi2008 && startsWith(b, prefix)) all.insert(a);
        }
    }
    // Drop prefixes a shorter one covers; in sorted order a covering prefix comes first.
    std::vector<std::string> result;
    for (const auto& p : all) {
        const bool covered = std::any_of(result.begin(), result.end(),
                                         [&](const std::string& q) { return startsWith(p, q); });
        if (!covered) result.push_back(p);
    }
    return result;
}

bool matchesAnyPrefix(std::string_view code, const std::vector<std::string>& prefixes)
{
    const auto digits = normalizeSbiCode(code);
    if (!digits) return false;
    for (const auto& raw : prefixes) {
        const auto prefix = normalizeSbiCode(raw);
        if (prefix && startsWith(*digits, *prefix)) return true;
    }
    return false;
}

}  // namespace riskmap::core
