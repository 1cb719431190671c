// SPDX-License-Identifier: GPL-3.0-or-later
// Calendar dates as the workspace stores them: ISO-8601 text (2025-03-01).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace riskmap::core {

using Date = std::chrono::year_month_day;

/// Parses `2025-03-01`, `01-03-2025`, `1-3-2025`, `01/03/2025` or `20250301`
/// (Dutch order: day first). Invalid calendar dates give nullopt.
std::optional<Date> parseDate(std::string_view text);
/// Formats as ISO-8601 `YYYY-MM-DD`.
std::string formatIsoDate(const Date& date);
/// Today's date in UTC, for provenance stamps only (never for results).
Date todayUtc();
/// Current UTC time as `YYYY-MM-DDTHH:MM:SSZ`.
std::string nowIsoUtc();
/// Current UTC time as `YYYYMMDDTHHMMSSZ`, for file names.
std::string nowCompactUtc();

}  // namespace riskmap::core
