// SPDX-License-Identifier: GPL-3.0-or-later
// Address key normalisation and the exact/fallback address index.
#include "riskmap/core/address_key.hpp"

#include "riskmap/core/text.hpp"

#include <algorithm>
#include <cctype>

namespace riskmap::core {
namespace {

bool isAsciiLetter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

std::string upper(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return out;
}

/// Trims, upper-cases and drops separator characters at the start (`-2` → `2`, `- bis` → `BIS`).
std::string normaliseToevoeging(std::string_view s)
{
    std::string t = trim(s);
    std::size_t start = 0;
    while (start < t.size() && (t[start] == '-' || t[start] == ' ' || t[start] == '/')) ++start;
    return upper(trim(std::string_view(t).substr(start)));
}

std::vector<std::string> idsOf(const std::vector<std::size_t>& indexes, const std::vector<std::string>& ids)
{
    std::vector<std::string> out;
    for (auto i : indexes) out.push_back(ids[i]);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

std::optional<std::string> normalizePostcode(std::string_view text)
{
    std::string compact;
    for (char c : trim(text)) {
        if (c == ' ' || c == '-') continue;
        compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (compact.size() != 6) return std::nullopt;
    for (int i = 0; i < 4; ++i) if (!isDigit(compact[static_cast<std::size_t>(i)])) return std::nullopt;
    if (compact[0] == '0') return std::nullopt;
    if (!isAsciiLetter(compact[4]) || !isAsciiLetter(compact[5])) return std::nullopt;
    const std::string letters = compact.substr(4);
    if (letters == "SA" || letters == "SD" || letters == "SS") return std::nullopt;
    return compact;
}

std::string AddressKey::key() const { return keyWithoutToevoeging() + "|" + toevoeging; }

std::string AddressKey::keyWithoutToevoeging() const
{
    return postcode + "|" + std::to_string(huisnummer) + "|" + huisletter;
}

AddressParseResult parseAddress(std::string_view postcode, std::string_view huisnummer,
                                std::string_view huisletter, std::string_view toevoeging)
{
    AddressParseResult result;
    AddressKey key;
    const auto pc = normalizePostcode(postcode);
    if (!pc) result.problems.push_back("ongeldige postcode '" + trim(postcode) + "'");
    else key.postcode = *pc;

    // Split `12a`, `12 A`, `12-2`, `12 bis` into number and rest.
    const std::string number = trim(huisnummer);
    std::size_t digits = 0;
    while (digits < number.size() && isDigit(number[digits])) ++digits;
    std::string rest = trim(std::string_view(number).substr(digits));
    std::string letter = upper(trim(huisletter));
    std::string addition = normaliseToevoeging(toevoeging);
    if (digits == 0) {
        result.problems.push_back(number.empty() ? "huisnummer ontbreekt" : "ongeldig huisnummer '" + number + "'");
    } else {
        const auto value = parseInteger(std::string_view(number).substr(0, digits));
        if (!value || *value < 1 || *value > 99999) result.problems.push_back("ongeldig huisnummer '" + number + "'");
        else key.huisnummer = static_cast<int>(*value);
        // Spreadsheets turn 12 into `12.0` or `12,0`; that is still number 12.
        if (rest == ".0" || rest == ",0") rest.clear();
        if (!rest.empty() && upper(rest) == letter) rest.clear();  // `12a` with huisletter `a`
        if (!rest.empty()) {
            // A single letter right after the number is a huisletter; anything else an addition.
            const bool looksLikeLetter = rest.size() == 1 && isAsciiLetter(rest[0]);
            if (looksLikeLetter && letter.empty()) letter = upper(rest);
            else if (!looksLikeLetter && addition.empty()) addition = normaliseToevoeging(rest);
            else result.problems.push_back("huisnummer '" + number + "' botst met huisletter/toevoeging");
        }
    }
    if (!letter.empty() && (letter.size() != 1 || !isAsciiLetter(letter[0]))) {
        result.problems.push_back("ongeldige huisletter '" + trim(huisletter) + "'");
    }
    if (addition.size() > 4) result.problems.push_back("toevoeging langer dan 4 tekens '" + addition + "'");
    if (result.problems.empty()) {
        key.huisletter = letter;
        key.toevoeging = addition;
        result.key = key;
    }
    return result;
}

std::string matchKindName(AddressMatchKind kind)
{
    switch (kind) {
    case AddressMatchKind::Exact: return "exact";
    case AddressMatchKind::WithoutToevoeging: return "zonder toevoeging";
    case AddressMatchKind::None: return "geen";
    case AddressMatchKind::Ambiguous: return "meerduidig";
    }
    return "?";
}

void AddressIndex::add(const AddressKey& key, std::string id)
{
    const std::size_t index = m_ids.size();
    m_ids.push_back(std::move(id));
    m_exact[key.key()].push_back(index);
    m_group[key.keyWithoutToevoeging()].push_back(index);
}

AddressMatch AddressIndex::match(const AddressKey& key) const
{
    AddressMatch result;
    if (const auto it = m_exact.find(key.key()); it != m_exact.end()) {
        if (it->second.size() == 1) {
            result.kind = AddressMatchKind::Exact;
            result.id = m_ids[it->second.front()];
        } else {
            result.kind = AddressMatchKind::Ambiguous;  // duplicate addresses in the reference
            result.candidates = idsOf(it->second, m_ids);
        }
        return result;
    }
    const auto group = m_group.find(key.keyWithoutToevoeging());
    if (group == m_group.end()) return result;  // None
    if (group->second.size() == 1) {
        result.kind = AddressMatchKind::WithoutToevoeging;
        result.id = m_ids[group->second.front()];
    } else {
        result.kind = AddressMatchKind::Ambiguous;
        result.candidates = idsOf(group->second, m_ids);
    }
    return result;
}

}  // namespace riskmap::core
