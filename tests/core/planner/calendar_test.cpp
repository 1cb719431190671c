// SPDX-License-Identifier: GPL-3.0-or-later
// Easter, Dutch public holidays, blackouts and candidate dates against known and hand-counted dates.
#include "riskmap/core/error.hpp"
#include "riskmap/core/planner/calendar.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace riskmap::core;
using namespace riskmap::core::planner;

namespace {

Date d(int y, unsigned m, unsigned day)
{
    return Date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(day)};
}

/// Oudin's algorithm (as published by Claus Tøndering), a different derivation from the
/// anonymous Gregorian one the code uses.
Date oudinEaster(int y)
{
    const int g = y % 19;
    const int c = y / 100;
    const int h = (c - c / 4 - (8 * c + 13) / 25 + 19 * g + 15) % 30;
    const int i = h - (h / 28) * (1 - (29 / (h + 1)) * ((21 - g) / 11));
    const int j = (y + y / 4 + i + 2 - c + c / 4) % 7;
    const int l = i - j;
    const int month = 3 + (l + 40) / 44;
    const int day = l + 28 - 31 * (month / 4);
    return d(y, static_cast<unsigned>(month), static_cast<unsigned>(day));
}

Date holiday(int year, const std::string& name)
{
    for (const Holiday& h : publicHolidays(year)) {
        if (h.name == name) return h.date;
    }
    ADD_FAILURE() << name << " missing in " << year;
    return {};
}

}  // namespace

TEST(Calendar, EasterKnownYears)
{
    EXPECT_EQ(easterSunday(2024), d(2024, 3, 31));
    EXPECT_EQ(easterSunday(2025), d(2025, 4, 20));
    EXPECT_EQ(easterSunday(2026), d(2026, 4, 5));
    EXPECT_EQ(easterSunday(2027), d(2027, 3, 28));
    EXPECT_EQ(easterSunday(2028), d(2028, 4, 16));
    EXPECT_EQ(easterSunday(2285), d(2285, 3, 22));  // earliest possible date
    EXPECT_EQ(easterSunday(2038), d(2038, 4, 25));  // latest possible date
    EXPECT_THROW(easterSunday(1500), riskmap::InputError);
}

TEST(Calendar, EasterAgreesWithOudinAndIsASundayInRange)
{
    for (int y = 1583; y <= 4099; ++y) {
        const Date e = easterSunday(y);
        ASSERT_EQ(e, oudinEaster(y)) << y;
        ASSERT_EQ(std::chrono::weekday(std::chrono::sys_days(e)), std::chrono::Sunday) << y;
        ASSERT_GE(daysBetween(d(y, 3, 22), e), 0) << y;
        ASSERT_GE(daysBetween(e, d(y, 4, 25)), 0) << y;
    }
}

TEST(Calendar, PublicHolidays2025And2026)
{
    // 27 April 2025 is a Sunday: Koningsdag moves to Saturday 26 April.
    EXPECT_EQ(holiday(2025, "Koningsdag"), d(2025, 4, 26));
    EXPECT_EQ(holiday(2026, "Koningsdag"), d(2026, 4, 27));
    EXPECT_EQ(holiday(2025, "Goede Vrijdag"), d(2025, 4, 18));
    EXPECT_EQ(holiday(2025, "Tweede Paasdag"), d(2025, 4, 21));
    EXPECT_EQ(holiday(2025, "Hemelvaartsdag"), d(2025, 5, 29));
    EXPECT_EQ(holiday(2025, "Eerste Pinksterdag"), d(2025, 6, 8));
    EXPECT_EQ(holiday(2025, "Tweede Pinksterdag"), d(2025, 6, 9));
    EXPECT_EQ(holiday(2026, "Hemelvaartsdag"), d(2026, 5, 14));
    EXPECT_EQ(holiday(2026, "Tweede Pinksterdag"), d(2026, 5, 25));
    EXPECT_EQ(holiday(2026, "Bevrijdingsdag"), d(2026, 5, 5));
    EXPECT_EQ(holiday(2027, "Bevrijdingsdag"), d(2027, 5, 5));  // every year, not only lustrum years
    EXPECT_EQ(holiday(2026, "Nieuwjaarsdag"), d(2026, 1, 1));
    EXPECT_EQ(holiday(2026, "Eerste Kerstdag"), d(2026, 12, 25));
    EXPECT_EQ(holiday(2026, "Tweede Kerstdag"), d(2026, 12, 26));
    const auto list = publicHolidays(2024);  // early Easter: Hemelvaart 9 May after 5 May
    EXPECT_EQ(list.size(), 11u);
    EXPECT_TRUE(std::is_sorted(list.begin(), list.end(),
                               [](const Holiday& a, const Holiday& b) { return daysBetween(a.date, b.date) > 0; }));
    const auto early = publicHolidays(2008);  // Easter 23 March: Hemelvaart 1 May before Bevrijdingsdag
    EXPECT_TRUE(std::is_sorted(early.begin(), early.end(),
                               [](const Holiday& a, const Holiday& b) { return daysBetween(a.date, b.date) > 0; }));
}

TEST(Calendar, CandidateDates2026HandCounted)
{
    // 2026 has 261 weekdays. Weekday holidays: 1 Jan, 3 Apr, 6 Apr, 27 Apr, 5 May, 14 May,
    // 25 May, 25 Dec (8). Turn of the year adds 2 Jan and 24, 28, 29, 30, 31 Dec (6).
    EXPECT_EQ(weekdaysOfYear(2026).size(), 261u);
    const auto blackouts = blackoutPeriods(2026, {});
    const auto dates = candidateDates(2026, blackouts);
    EXPECT_EQ(dates.size(), 261u - 14u);
    for (const Date& x : {d(2026, 1, 2), d(2026, 5, 5), d(2026, 4, 3), d(2026, 12, 24), d(2026, 12, 31)}) {
        EXPECT_EQ(std::count(dates.begin(), dates.end(), x), 0) << formatIsoDate(x);
    }
    EXPECT_EQ(*blackoutReason(d(2026, 5, 5), blackouts), "Bevrijdingsdag");
    EXPECT_EQ(*blackoutReason(d(2026, 1, 2), blackouts), "jaarwisseling");
    EXPECT_FALSE(blackoutReason(d(2026, 1, 5), blackouts));

    BlackoutInput input;
    input.turnOfYear = false;
    input.schoolHolidays.push_back({d(2026, 7, 18), d(2026, 8, 30), "zomervakantie Midden"});  // 30 weekdays
    input.userPeriods.push_back({d(2026, 3, 2), d(2026, 3, 3), "verkiezingen"});               // 2 weekdays
    const auto dates2 = candidateDates(2026, blackoutPeriods(2026, input));
    EXPECT_EQ(dates2.size(), 261u - 8u - 30u - 2u);
    EXPECT_EQ(std::count(dates2.begin(), dates2.end(), d(2026, 1, 2)), 1);
    EXPECT_EQ(std::count(dates2.begin(), dates2.end(), d(2026, 8, 3)), 0);
    for (const Date& x : dates2) EXPECT_TRUE(isWeekday(x));

    BlackoutInput bad;
    bad.userPeriods.push_back({d(2026, 3, 3), d(2026, 3, 2), "omgekeerd"});
    EXPECT_THROW(blackoutPeriods(2026, bad), riskmap::InputError);
}

TEST(Calendar, AddMonthsClampsToMonthEnd)
{
    EXPECT_EQ(addMonths(d(2024, 2, 29), 12), d(2025, 2, 28));
    EXPECT_EQ(addMonths(d(2025, 1, 31), 3), d(2025, 4, 30));
    EXPECT_EQ(addMonths(d(2025, 11, 15), 2), d(2026, 1, 15));
    EXPECT_EQ(daysBetween(d(2025, 12, 31), d(2026, 1, 2)), 2);
}
