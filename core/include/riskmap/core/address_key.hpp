// SPDX-License-Identifier: GPL-3.0-or-later
// Dutch address keys (postcode, huisnummer, huisletter, toevoeging) and an index to geocode by them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace riskmap::core {

/// Normalises a Dutch postcode: `3941 AB`, `3941ab`, ` 3941-AB ` → `3941AB`. Four digits (the first
/// not 0) and two letters other than SA, SD and SS (never issued); nullopt otherwise.
std::optional<std::string> normalizePostcode(std::string_view text);

/// A normalised address as BAG keys it.
struct AddressKey {
    std::string postcode;    ///< `3941AB`
    int huisnummer = 0;      ///< 1..99999
    std::string huisletter;  ///< empty or one upper-case letter A..Z
    std::string toevoeging;  ///< empty or upper-case, trimmed, without leading `-`, at most 4 characters

    /// `3941AB|12|A|BIS`: unique per address, stable, for maps and for the rejected-rows file.
    std::string key() const;
    /// `3941AB|12|A`: the key without toevoeging (the fallback group).
    std::string keyWithoutToevoeging() const;
    bool operator==(const AddressKey&) const = default;
};

/// The outcome of normalising the four address fields of a row.
struct AddressParseResult {
    std::optional<AddressKey> key;    ///< set when the address is usable
    std::vector<std::string> problems;  ///< Dutch reasons (`ongeldige postcode '...'`), empty when fine
};

/// Normalises the four fields. Messy input handled: postcode spacing/case/dash; a huisnummer with
/// the letter or addition glued on (`12a`, `12 A`, `12-2`, `12 bis`) is split when the huisletter /
/// toevoeging field is empty; huisletter and toevoeging trimmed and upper-cased; a toevoeging's
/// leading `-` or spaces dropped. A problem (and no key) for: an invalid postcode, a missing or
/// non-integer huisnummer, a huisletter that is not one letter, a toevoeging over 4 characters.
AddressParseResult parseAddress(std::string_view postcode, std::string_view huisnummer,
                                std::string_view huisletter = {}, std::string_view toevoeging = {});

/// How an address matched.
enum class AddressMatchKind {
    Exact,              ///< postcode+huisnummer+huisletter+toevoeging, one candidate
    WithoutToevoeging,  ///< no exact match; the one address with postcode+huisnummer+huisletter
    None,               ///< nothing with that postcode+huisnummer+huisletter
    Ambiguous,          ///< several candidates; `candidates` lists them
};

/// Dutch name of a match kind, for reports: exact, zonder toevoeging, geen, meerduidig.
std::string matchKindName(AddressMatchKind kind);

/// Result of a lookup.
struct AddressMatch {
    AddressMatchKind kind = AddressMatchKind::None;
    std::string id;                       ///< the matched id (Exact, WithoutToevoeging)
    std::vector<std::string> candidates;  ///< ids when Ambiguous, sorted
};

/// Addresses (e.g. BAG verblijfsobjecten) by key, for geocoding establishments.
class AddressIndex {
public:
    /// Adds an address with its id (e.g. the verblijfsobject id).
    void add(const AddressKey& key, std::string id);
    /// Exact match first; otherwise postcode+huisnummer+huisletter when that group holds exactly one
    /// address (so an extract's toevoeging that BAG lacks, or the reverse, still matches).
    AddressMatch match(const AddressKey& key) const;
    std::size_t size() const { return m_ids.size(); }

private:
    std::vector<std::string> m_ids;
    std::unordered_map<std::string, std::vector<std::size_t>> m_exact;
    std::unordered_map<std::string, std::vector<std::size_t>> m_group;
};

}  // namespace riskmap::core
