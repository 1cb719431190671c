// SPDX-License-Identifier: GPL-3.0-or-later
// The planner's calendar: Easter, Dutch public holidays, blackout periods and candidate dates.
#pragma once

#include "riskmap/core/dates.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riskmap::core::planner {

/// An inclusive range of days with a name shown in explanations ("zomervakantie Midden").
struct DateRange {
    Date first;
    Date last;
    std::string name;

    /// True when `date` lies in [first, last].
    bool contains(const Date& date) const;
};

/// A named public holiday.
struct Holiday {
    Date date;
    std::string name;
};

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm).
/// Throws InputError for years outside 1583–9999.
Date easterSunday(int year);

/// Dutch public holidays of a year, in date order: Nieuwjaarsdag, Goede Vrijdag, Eerste and
/// Tweede Paasdag, Koningsdag (27 April; 26 April when the 27th is a Sunday), Bevrijdingsdag
/// (5 May, every year), Hemelvaartsdag, Eerste and Tweede Pinksterdag, Eerste and Tweede Kerstdag.
std::vector<Holiday> publicHolidays(int year);

/// Monday to Friday.
bool isWeekday(const Date& date);

/// What the caller knows about periods without controls.
struct BlackoutInput {
    std::vector<DateRange> schoolHolidays;  ///< e.g. region Midden, as data
    std::vector<DateRange> userPeriods;     ///< periods the analyst adds
    bool turnOfYear = true;                 ///< 24 December to 2 January ("jaarwisseling")
};

/// All blackout periods touching `year`: public holidays as one-day ranges, the turn of the
/// year at both ends of the year, school holidays and user periods.
std::vector<DateRange> blackoutPeriods(int year, const BlackoutInput& input);

/// The name of the first blackout containing `date`, or nullopt when the date is free.
std::optional<std::string> blackoutReason(const Date& date, const std::vector<DateRange>& blackouts);

/// Every weekday of `year`, in order.
std::vector<Date> weekdaysOfYear(int year);

/// The weekdays of `year` outside every blackout period, in order.
std::vector<Date> candidateDates(int year, const std::vector<DateRange>& blackouts);

/// Days from `a` to `b` (negative when b is earlier).
int daysBetween(const Date& a, const Date& b);

/// `date` plus a number of months; a day that does not exist (31 April, 29 February)
/// becomes the last day of that month.
Date addMonths(const Date& date, int months);

}  // namespace riskmap::core::planner
