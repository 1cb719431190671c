// SPDX-License-Identifier: GPL-3.0-or-later
// SBI activity codes: normalisation, the official SBI 2008 list and a 2008↔2025 correspondence.
//
// Correspondence file format (user supplied, see docs/sbi-correspondentie.md):
//   a delimited text file (`;`, `,` or tab; UTF-8 or Windows-1252) with a header line that has
//   the columns `sbi2008` and `sbi2025` (other columns, e.g. descriptions, are ignored), then
//   one pair per line:
//       sbi2008;sbi2025
//       45.11;45.11
//       01.13.1;01.13
//   Codes are written dotted or as digits. Many-to-many is allowed: a code may appear on several
//   lines on either side. A line with one side empty records a code without counterpart (ignored).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace riskmap::core {

/// Normalises an SBI code to digits only: `45.11`, `4511`, ` 45 11`, `45.11 ` → `4511`,
/// `01.13.1` → `01131`. Accepts digits separated by points or spaces; the result must have
/// 2 to 6 digits. Anything else (letters, commas, dashes, empty) gives nullopt.
std::optional<std::string> normalizeSbiCode(std::string_view text);

/// One entry of the official list.
struct SbiEntry {
    std::string code;         ///< digits only (`01131`), or the section letter (`A`)
    std::string dotted;       ///< as published (`01.13.1`)
    std::string level;        ///< sectie | afdeling | groep | klasse | subklasse
    std::string section;      ///< section letter A..U
    std::string description;  ///< Dutch description (UTF-8)
};

/// The official SBI list (e.g. SBI 2008 version 2018), looked up by normalised code.
class SbiCatalogue {
public:
    /// Parses CSV text with header `sbi_code,sbi_code_compact,niveau,sectie,omschrijving`.
    /// Throws InputError when a column is missing or a code does not normalise.
    static SbiCatalogue fromCsv(std::string_view csvBytes);

    /// Adds or replaces an entry (keyed by `entry.code`).
    void add(SbiEntry entry);
    /// True when the code (any accepted notation, or a section letter) is in the list.
    bool known(std::string_view code) const { return find(code) != nullptr; }
    /// The description, or nullopt for an unknown code.
    std::optional<std::string> description(std::string_view code) const;
    /// The entry, or nullptr for an unknown code.
    const SbiEntry* find(std::string_view code) const;
    /// Number of entries, sections included.
    std::size_t size() const { return m_entries.size(); }

private:
    std::unordered_map<std::string, SbiEntry> m_entries;
};

/// Which SBI version a prefix list is written in.
enum class SbiVersion { Sbi2008, Sbi2025, Unknown };

/// A many-to-many correspondence between SBI 2008 and SBI 2025 codes (digits only).
class SbiCorrespondence {
public:
    /// Parses the file format described at the top of this header.
    /// Throws InputError (naming the 1-based data row) for a missing column or a malformed code.
    static SbiCorrespondence fromCsv(std::string_view csvBytes);

    /// Adds one pair (any accepted notation); duplicates are ignored. Throws InputError on a bad code.
    void add(std::string_view sbi2008, std::string_view sbi2025);
    /// The SBI 2025 codes paired with this exact 2008 code (sorted), and the reverse.
    std::vector<std::string> to2025(std::string_view sbi2008) const;
    std::vector<std::string> to2008(std::string_view sbi2025) const;
    std::size_t size() const { return m_pairs.size(); }

    /// Expands a risky-sector prefix list so that it matches codes of both versions: every
    /// prefix is kept, and for every pair whose code on the prefix's side starts with the prefix
    /// the code on the other side is added. With `Unknown`, both directions are applied (SBI codes
    /// carry no version, so a list may mix them). Pairs coarser than the prefix (the pair's code is
    /// a proper prefix of it) are not used, since they would widen the selection; give the table
    /// at the most detailed level. The result is normalised, sorted, and has no prefix that a
    /// shorter one in the result already covers. Throws InputError on a malformed prefix.
    std::vector<std::string> expandPrefixes(const std::vector<std::string>& prefixes,
                                            SbiVersion version = SbiVersion::Unknown) const;

private:
    std::vector<std::pair<std::string, std::string>> m_pairs;  // (2008, 2025), digits, unique
};

/// True when the code (any accepted notation) starts with one of the prefixes (any accepted
/// notation: `45.1` and `451` are the same prefix). Prefixes that do not normalise never match;
/// an unparsable code matches nothing.
bool matchesAnyPrefix(std::string_view code, const std::vector<std::string>& prefixes);

}  // namespace riskmap::core
