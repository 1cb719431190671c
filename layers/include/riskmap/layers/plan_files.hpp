// SPDX-License-Identifier: GPL-3.0-or-later
// What a year plan gives to people: the printed report, calendar files, partner lists and findings forms.
#pragma once

#include "riskmap/gis/workspace.hpp"

#include "riskmap/layers/year_plan.hpp"

#include <string>
#include <vector>

namespace riskmap::layers {

/// The report in Dutch: per control the target, date, why it won, the runner-up, partners,
/// route length / lower bound / gap / time; then what each constraint costs, higher-risk targets
/// passed over, and the solve times.
std::string planReport(const YearPlan& plan);

/// An iCalendar (RFC 5545) all-day event for one control, CRLF line ends.
std::string controlIcs(const YearPlan& plan, const PlannedDay& day);

/// Writes into `dir` (created when missing): `controle_<id>.ics` per control,
/// `adressen_<partner>.csv` per partner (controle_id, datum, adres, woning, volgorde — no scores,
/// no reasons: only the addresses of the controls the partner joins, and for a partner proposed
/// by the rules only the addresses that need it) and `bevindingen_<id>.csv` per control (the
/// findings form: controle_id, vbo_id, adres, bezocht, categorie, toelichting, vervolg, to be
/// filled in and read back with `riskmap import WS FILE --layer bevindingen`).
/// Returns the paths written, in order. Throws Error when a file cannot be written.
std::vector<std::string> writePlanFiles(const YearPlan& plan, const std::string& dir);

/// Writes the report (planReport) to `<dir>/jaarplan_<year>.txt`, where the desktop's planner
/// panel reads what the constraints cost for a plan it did not make itself. Returns the path.
std::string writePlanReport(const YearPlan& plan, const std::string& dir);

/// Appends an audit entry for every file written: profile partner for the partner address
/// lists (they leave the tool), analist for calendars and findings forms. Returns the
/// number of partner lists.
int auditPartnerLists(gis::Workspace& workspace, const std::vector<std::string>& files);

}  // namespace riskmap::layers
