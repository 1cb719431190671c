// SPDX-License-Identifier: GPL-3.0-or-later
// Date parsing and formatting.
#include "riskmap/core/dates.hpp"

#include "riskmap/core/text.hpp"

#include <cstdio>
#include <ctime>

namespace riskmap::core {
namespace {

std::optional<Date> makeDate(long long y, long long m, long long d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    const Date date{std::chrono::year(static_cast<int>(y)), std::chrono::month(static_cast<unsigned>(m)),
                    std::chrono::day(static_cast<unsigned>(d))};
    if (!date.ok()) return std::nullopt;
    return date;
}

}  // namespace

std::optional<Date> parseDate(std::string_view text)
{
    std::string t = trim(text);
    // Accept a datetime by cutting the time part (2025-03-01T10:00:00, 2025-03-01 10:00).
    if (t.size() > 10 && (t[10] == 'T' || t[10] == ' ')) t.resize(10);
    if (t.size() == 8 && t.find_first_not_of("0123456789") == std::string::npos) {
        return makeDate(std::stoll(t.substr(0, 4)), std::stoll(t.substr(4, 2)), std::stoll(t.substr(6, 2)));
    }
    char sep = 0;
    for (char c : t) {
        if (c == '-' || c == '/' || c == '.') { sep = c; break; }
    }
    if (!sep) return std::nullopt;
    const auto parts = split(t, sep);
    if (parts.size() != 3) return std::nullopt;
    std::optional<long long> a = parseInteger(parts[0]), b = parseInteger(parts[1]), c = parseInteger(parts[2]);
    if (!a || !b || !c) return std::nullopt;
    if (parts[0].size() == 4) return makeDate(*a, *b, *c);     // ISO: year first
    if (parts[2].size() == 4) return makeDate(*c, *b, *a);     // Dutch: day first
    return std::nullopt;
}

std::string formatIsoDate(const Date& date)
{
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

Date todayUtc()
{
    const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{now};
}

namespace {

std::string formatNowUtc(const char* format)
{
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, format, &tm);
    return buffer;
}

}  // namespace

std::string nowIsoUtc() { return formatNowUtc("%Y-%m-%dT%H:%M:%SZ"); }
std::string nowCompactUtc() { return formatNowUtc("%Y%m%dT%H%M%SZ"); }

}  // namespace riskmap::core
