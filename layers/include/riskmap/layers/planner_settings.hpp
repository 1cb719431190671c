// SPDX-License-Identifier: GPL-3.0-or-later
// The `[planner]` table of the project file: controls, sampling, calendar, partners, route.
#pragma once

#include "riskmap/core/planner/calendar.hpp"
#include "riskmap/core/planner/partners.hpp"
#include "riskmap/core/planner/route.hpp"
#include "riskmap/core/planner/selection.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

struct PlannerSettings {
    int controls = 3;                 ///< `controls`
    int addressesPerControl = 15;     ///< `addresses_per_control`, 10–25
    double randomShare = 0.2;         ///< `random_share`
    int minWeeksApart = 8;            ///< `min_weeks_apart`
    int repeatMonths = 12;            ///< `repeat_months`
    std::uint64_t seed = 1;           ///< `seed` (overridden by --seed)
    core::planner::MunicipalitySpread spread = core::planner::MunicipalitySpread::None;  ///< `spread_municipalities`
    int minMunicipalities = 0;        ///< `min_municipalities`
    double clusterDistance = 1000.0;  ///< `cluster_distance_m`
    int clusterMinClass = 4;          ///< `cluster_min_class`
    int maxClusterAddresses = 60;     ///< `max_cluster_addresses`: a larger cluster is split
    core::planner::BlackoutInput blackouts;      ///< `school_holidays`, `blackouts`, `turn_of_year`
    std::vector<core::planner::Partner> partners;     ///< `[[planner.partners]]`
    std::vector<core::planner::PartnerRule> rules;    ///< `[[planner.rules]]`; defaults when none
    std::vector<std::string> alwaysPartners{"Gemeente", "Politie"};  ///< `always_partners`: join every control
    core::planner::RouteSettings route;          ///< `detour_factor`, `speed_kmh`, `minutes_per_visit`
    std::optional<core::planner::RoutePoint> start;  ///< `start = [x, y]` (RD), e.g. the police station

    /// Reads `[planner]` (every key optional). Throws UsageError naming the file and key.
    static PlannerSettings fromToml(const toml::table& root, const std::string& path);
};

}  // namespace riskmap::layers
