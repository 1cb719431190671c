// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the selection checks, the ILP and the explanation (private to core/src).
#pragma once

#include "riskmap/core/planner/selection.hpp"

#include <string>
#include <utility>
#include <vector>

namespace riskmap::core::planner::detail {

/// Every reason (constraint, Dutch text) why `candidate` may not be controlled on `day`.
std::vector<std::pair<Constraint, std::string>> pairProblems(const SelectionProblem& problem, std::size_t candidate,
                                                             const Date& day, const std::set<Constraint>& relaxed);
/// Minimum days between two controls (at least 1: one control per day).
int spacingDays(const SelectionProblem& problem, const std::set<Constraint>& relaxed);
/// Weekdays among `days`, sorted, duplicates removed.
std::vector<Date> sortedDays(const std::vector<Date>& days);
/// Municipality used for spreading; empty names share one key.
std::string municipalityKey(const SelectionCandidate& c);
/// Sum of the risk of the plan's targets.
double objectiveOf(const SelectionProblem& problem, const Plan& plan);

/// The ILP with optional forced targets (used to explain why a target was passed over).
std::optional<Plan> solveIlp(const SelectionProblem& problem, const std::set<Constraint>& relaxed,
                             const std::set<std::size_t>& excluded, const std::set<std::size_t>& forced);

}  // namespace riskmap::core::planner::detail
