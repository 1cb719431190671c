// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap plan`: candidates from the risk map, the year's selection, samples, routes and the output layers.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/core/planner/sampling.hpp"
#include "riskmap/core/planner/selection.hpp"
#include "riskmap/gis/wkb.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/planner_settings.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::layers {

/// One address from `risico_adressen`.
struct PlanAddress {
    std::string vboId;
    std::string adres;
    std::string gemeente;
    double risk = 0.0;   ///< risico_adres: what the sample ranks on
    double score = 0.0;  ///< the parcel's risico_score (written as risico_score)
    bool dwelling = false;
    bool vab = false;
    std::vector<std::string> sbiCodes;
    double x = 0.0, y = 0.0;
};

/// A candidate target: business park, rural cluster or risk zone.
struct PlanTarget {
    std::string id;
    std::string name;
    std::string municipality;
    core::planner::TargetKind kind = core::planner::TargetKind::BusinessPark;
    std::vector<std::size_t> addresses;  ///< into YearPlan::addresses
    gis::Wkb area;                       ///< MULTIPOLYGON
};

/// One planned control day.
struct PlannedDay {
    std::string controlId;             ///< "<jaar>-<volgnummer>"
    int number = 0;                    ///< volgnummer, 1-based in date order
    core::Date date;
    std::size_t target = 0;            ///< into YearPlan::targets
    std::uint64_t seed = 0;
    core::planner::Sample sample;      ///< indexes into the target's addresses
    std::vector<std::size_t> visits;   ///< YearPlan::addresses indexes in visiting order
    std::vector<core::planner::SampleReason> reasons;  ///< per visit, same order
    core::planner::Route route;
    std::vector<std::string> partners;                 ///< every partner of the day
    std::vector<std::vector<std::string>> visitPartners;  ///< per visit: the partners its sector needs
    std::vector<std::string> partnerReasons;           ///< "Belastingdienst: autohandel (3 adressen)"
    std::vector<std::string> capacityProblems;         ///< Dutch
    std::string motivation;                            ///< Dutch, `motivering`
};

struct YearPlan {
    int year = 0;
    std::uint64_t seed = 0;
    int controls = 0;                 ///< the settings the plan was made with (stored by writePlanLayers)
    int addressesPerControl = 0;
    double randomShare = 0.0;
    std::vector<PlanAddress> addresses;
    std::vector<PlanTarget> targets;
    core::planner::SelectionProblem problem;
    core::planner::Selection selection;
    std::vector<PlannedDay> days;
    int targetsRecentlyControlled = 0;   ///< targets with a control within repeat_months before the year
    int clustersTooSmall = 0;            ///< rural clusters with fewer than 10 addresses, left out
    /// When the plan's inputs were made: the recorded build time of `risico_percelen` (rk_layers),
    /// ISO UTC. The calendar files carry it as DTSTAMP, so the same inputs and seed give the same
    /// bytes; `<year-1>-12-01T00:00:00Z` when the workspace has no such record.
    std::string inputsStampedAt;
    double candidateSeconds = 0.0;
    double solveSeconds = 0.0;
    double routeSeconds = 0.0;
};

/// Builds the candidates, solves the year (core::planner::selectControls), draws each day's
/// addresses with the recorded seed, orders them along `wegen` and proposes partners. Builds
/// `risico_adressen` first when it is missing. Reads only; writePlanLayers stores the result.
/// Throws InputError with the Dutch explanation when no plan exists.
YearPlan planYear(gis::Workspace& workspace, int year, const PlannerSettings& settings, core::Feedback& feedback);

/// Replaces this year's rows of `controles` (target polygon; controle_id, jaar, volgnummer, datum,
/// gebied, soort, gemeente, partners, motivering, risico, seed, route_km, ondergrens_km, duur_min)
/// and `controle_adressen` (point; controle_id, vbo_id, adres, risico_score, reden, woning,
/// volgorde, partners).
void writePlanLayers(gis::Workspace& workspace, const YearPlan& plan);

}  // namespace riskmap::layers
