// SPDX-License-Identifier: GPL-3.0-or-later
// Small string helpers used across modules (trimming, case, splitting).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::core {

std::string trim(std::string_view s);
/// ASCII lower case (Dutch field names and codes are ASCII).
std::string toLower(std::string_view s);
/// Whether `needle` occurs in `haystack`, ignoring case as toLower does (no copies made).
bool containsIgnoreCase(std::string_view haystack, std::string_view needle);
std::vector<std::string> split(std::string_view s, char separator);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
bool startsWith(std::string_view s, std::string_view prefix);

/// A JSON string literal (quotes, backslashes and control characters escaped).
std::string jsonQuote(std::string_view s);

/// Parses a whole string as a finite double; accepts a decimal comma when
/// no point is present. Empty or trailing garbage gives nullopt.
std::optional<double> parseNumber(std::string_view s);
/// Parses a whole string as an integer; "12.0" is not an integer.
std::optional<long long> parseInteger(std::string_view s);

}  // namespace riskmap::core
