// SPDX-License-Identifier: GPL-3.0-or-later
// Easter, Dutch public holidays and blackout periods for the inspection planner.
#include "riskmap/core/planner/calendar.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>

namespace riskmap::core::planner {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

Date ymd(int y, unsigned m, unsigned d)
{
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

Date shift(const Date& date, int n)
{
    return Date{sys_days(date) + days(n)};
}

}  // namespace

bool DateRange::contains(const Date& date) const
{
    return sys_days(first) <= sys_days(date) && sys_days(date) <= sys_days(last);
}

Date easterSunday(int year)
{
    if (year < 1583 || year > 9999) {
        throw InputError("jaartal " + std::to_string(year) + " valt buiten de gregoriaanse kalender (1583-9999)");
    }
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return ymd(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

std::vector<Holiday> publicHolidays(int year)
{
    const Date easter = easterSunday(year);
    Date kingsDay = ymd(year, 4, 27);
    if (std::chrono::weekday(sys_days(kingsDay)) == std::chrono::Sunday) kingsDay = ymd(year, 4, 26);
    std::vector<Holiday> holidays{
        {ymd(year, 1, 1), "Nieuwjaarsdag"},
        {shift(easter, -2), "Goede Vrijdag"},
        {easter, "Eerste Paasdag"},
        {shift(easter, 1), "Tweede Paasdag"},
        {kingsDay, "Koningsdag"},
        {ymd(year, 5, 5), "Bevrijdingsdag"},
        {shift(easter, 39), "Hemelvaartsdag"},
        {shift(easter, 49), "Eerste Pinksterdag"},
        {shift(easter, 50), "Tweede Pinksterdag"},
        {ymd(year, 12, 25), "Eerste Kerstdag"},
        {ymd(year, 12, 26), "Tweede Kerstdag"},
    };
    // With an early Easter, Hemelvaartsdag (Easter + 39) falls before 5 May: sort by date.
    std::stable_sort(holidays.begin(), holidays.end(),
                     [](const Holiday& x, const Holiday& y) { return sys_days(x.date) < sys_days(y.date); });
    return holidays;
}

bool isWeekday(const Date& date)
{
    const std::chrono::weekday wd(sys_days{date});
    return wd != std::chrono::Saturday && wd != std::chrono::Sunday;
}

std::vector<DateRange> blackoutPeriods(int year, const BlackoutInput& input)
{
    std::vector<DateRange> out;
    for (const Holiday& h : publicHolidays(year)) out.push_back({h.date, h.date, h.name});
    if (input.turnOfYear) {
        out.push_back({ymd(year - 1, 12, 24), ymd(year, 1, 2), "jaarwisseling"});
        out.push_back({ymd(year, 12, 24), ymd(year + 1, 1, 2), "jaarwisseling"});
    }
    for (const DateRange& r : input.schoolHolidays) {
        if (sys_days(r.last) < sys_days(r.first)) {
            throw InputError("schoolvakantie '" + r.name + "': einddatum ligt voor begindatum");
        }
        out.push_back(r);
    }
    for (const DateRange& r : input.userPeriods) {
        if (sys_days(r.last) < sys_days(r.first)) {
            throw InputError("blokkadeperiode '" + r.name + "': einddatum ligt voor begindatum");
        }
        out.push_back(r);
    }
    return out;
}

std::optional<std::string> blackoutReason(const Date& date, const std::vector<DateRange>& blackouts)
{
    for (const DateRange& r : blackouts) {
        if (r.contains(date)) return r.name;
    }
    return std::nullopt;
}

std::vector<Date> weekdaysOfYear(int year)
{
    std::vector<Date> out;
    const sys_days end = sys_days(ymd(year, 12, 31));
    for (sys_days d = sys_days(ymd(year, 1, 1)); d <= end; d += days(1)) {
        if (isWeekday(Date{d})) out.push_back(Date{d});
    }
    return out;
}

std::vector<Date> candidateDates(int year, const std::vector<DateRange>& blackouts)
{
    std::vector<Date> out;
    for (const Date& d : weekdaysOfYear(year)) {
        if (!blackoutReason(d, blackouts)) out.push_back(d);
    }
    return out;
}

int daysBetween(const Date& a, const Date& b)
{
    return static_cast<int>((sys_days(b) - sys_days(a)).count());
}

Date addMonths(const Date& date, int months)
{
    const std::chrono::year_month ym = std::chrono::year_month(date.year(), date.month()) + std::chrono::months(months);
    const Date candidate{ym.year(), ym.month(), date.day()};
    if (candidate.ok()) return candidate;
    return Date{std::chrono::year_month_day_last(ym.year(), std::chrono::month_day_last(ym.month()))};
}

}  // namespace riskmap::core::planner
