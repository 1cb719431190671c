// SPDX-License-Identifier: GPL-3.0-or-later
// The year's selection with its explanation: why each target won, runner-ups, constraint costs.
#include "riskmap/core/planner/selection.hpp"

#include "riskmap/core/error.hpp"
#include "selection_detail.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace riskmap::core::planner {
namespace {

/// Dutch number: decimal comma, two decimals.
std::string number(double value)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    std::string out = buffer;
    std::replace(out.begin(), out.end(), '.', ',');
    return out;
}

std::string label(const SelectionCandidate& c)
{
    std::string out = "'" + c.name + "'";
    if (!c.municipality.empty()) out += " (" + c.municipality + ")";
    return out;
}

void validate(const SelectionProblem& problem)
{
    const SelectionSettings& s = problem.settings;
    if (s.controls < 1) throw UsageError("aantal controles per jaar moet minstens 1 zijn");
    if (s.minWeeksApart < 0) throw UsageError("minimale tussenruimte in weken mag niet negatief zijn");
    if (s.repeatMonths < 0) throw UsageError("herhaaltermijn in maanden mag niet negatief zijn");
    if (s.spread == MunicipalitySpread::AtLeastKMunicipalities && s.minMunicipalities < 1) {
        throw UsageError("minimum aantal gemeenten moet minstens 1 zijn");
    }
    for (const SelectionCandidate& c : problem.candidates) {
        if (!std::isfinite(c.risk)) throw InputError("doel '" + c.name + "' heeft geen geldig risico");
    }
}

/// The Dutch explanation of an infeasible problem: the arithmetic of the spacing, the number of
/// usable targets, and which single constraint would make a plan possible when dropped.
std::string explainInfeasible(const SelectionProblem& problem)
{
    const SelectionSettings& s = problem.settings;
    std::string text = "Geen haalbaar controleplan: " + std::to_string(s.controls) + " controles zijn onder deze voorwaarden niet in te plannen.";
    std::vector<Date> free;
    for (const Date& d : detail::sortedDays(problem.days)) {
        if (!blackoutReason(d, problem.blackouts)) free.push_back(d);
    }
    if (free.empty()) {
        text += " Er is geen enkele vrije werkdag (alle dagen vallen in feestdagen, vakanties of blokkades).";
    } else if (s.controls > 1) {
        const int span = daysBetween(free.front(), free.back());
        const int needed = (s.controls - 1) * 7 * s.minWeeksApart;
        if (needed > span) {
            text += " Met minstens " + std::to_string(s.minWeeksApart) + " weken tussen twee controles liggen de eerste en de laatste controle minstens " +
                    std::to_string((s.controls - 1) * s.minWeeksApart) + " weken uit elkaar, maar tussen de eerste (" +
                    formatIsoDate(free.front()) + ") en de laatste vrije dag (" + formatIsoDate(free.back()) + ") zitten maar " +
                    std::to_string(span / 7) + " weken. Plan minder controles of kies een kleinere tussenruimte.";
        }
    }
    std::size_t usable = 0;
    for (std::size_t c = 0; c < problem.candidates.size(); ++c) {
        for (const Date& d : problem.days) {
            if (detail::pairProblems(problem, c, d, {}).empty()) {
                ++usable;
                break;
            }
        }
    }
    if (static_cast<int>(usable) < s.controls) {
        text += " Slechts " + std::to_string(usable) + " van de " + std::to_string(problem.candidates.size()) +
                " doelen hebben een toegestane datum.";
    }
    std::vector<std::string> rescuers;
    for (Constraint c : allConstraints()) {
        if (detail::solveIlp(problem, {c}, {}, {})) rescuers.push_back(constraintName(c));
    }
    if (!rescuers.empty()) {
        text += " Zonder de voorwaarde ";
        for (std::size_t i = 0; i < rescuers.size(); ++i) {
            if (i) text += i + 1 == rescuers.size() ? " of " : ", ";
            text += "'" + rescuers[i] + "'";
        }
        text += " zou het wel kunnen.";
    }
    return text;
}

std::string passedOverReason(const SelectionProblem& problem, std::size_t c, double optimum,
                             const std::vector<ConstraintCost>& costs)
{
    const SelectionCandidate& cand = problem.candidates[c];
    // Which constraints block it on which days; date-independent ones are named in full.
    std::set<Constraint> blocking;
    std::string specific;
    bool anyDay = false;
    for (const Date& d : problem.days) {
        const auto problems = detail::pairProblems(problem, c, d, {});
        if (problems.empty()) anyDay = true;
        for (const auto& [constraint, text] : problems) {
            if (blocking.insert(constraint).second &&
                (constraint == Constraint::RepeatExclusion || constraint == Constraint::PartnerCapacity)) {
                specific += (specific.empty() ? "" : "; ") + text;
            }
        }
    }
    std::string out = label(cand) + " (risico " + number(cand.risk) + ") is niet gekozen: ";
    if (!anyDay) {
        out += "geen enkele toegestane datum";
        if (!specific.empty()) out += " (" + specific + ")";
        else {
            out += " (";
            bool first = true;
            for (Constraint k : blocking) {
                out += (first ? "" : ", ") + constraintName(k);
                first = false;
            }
            out += ")";
        }
        return out;
    }
    if (auto forced = detail::solveIlp(problem, {}, {}, {c})) {
        out += "het beste plan met dit doel dekt " + number(forced->objective) + " risico, " +
               number(optimum - forced->objective) + " minder dan het gekozen plan";
        // Name the constraints that hold it back: those whose removal improves the best plan
        // with this target. Only constraints that cost something overall are tried, to keep
        // the number of solves small.
        std::vector<std::string> binding;
        for (const ConstraintCost& cost : costs) {
            if (cost.cost <= 0.0) continue;
            const auto relaxed = detail::solveIlp(problem, {cost.constraint}, {}, {c});
            if (relaxed && relaxed->objective > forced->objective + 1e-9) binding.push_back(constraintName(cost.constraint));
        }
        if (!binding.empty()) {
            out += "; het botst met de andere keuzes op ";
            for (std::size_t i = 0; i < binding.size(); ++i) {
                if (i) out += i + 1 == binding.size() ? " en " : ", ";
                out += binding[i];
            }
        }
    } else {
        out += "geen enkel plan met dit doel voldoet aan alle voorwaarden samen";
    }
    return out;
}

}  // namespace

Selection selectControls(const SelectionProblem& problem)
{
    validate(problem);
    std::optional<Plan> best = detail::solveIlp(problem, {}, {}, {});
    if (!best) throw InputError(explainInfeasible(problem));

    Selection selection;
    selection.plan = *best;
    const std::size_t n = problem.candidates.size();
    std::vector<std::size_t> byRisk(n);
    std::iota(byRisk.begin(), byRisk.end(), 0);
    std::stable_sort(byRisk.begin(), byRisk.end(),
                     [&](std::size_t a, std::size_t b) { return problem.candidates[a].risk > problem.candidates[b].risk; });
    std::vector<int> rank(n);
    for (std::size_t i = 0; i < n; ++i) rank[byRisk[i]] = static_cast<int>(i) + 1;

    std::set<std::size_t> chosen;
    for (const PlannedControl& pc : best->controls) chosen.insert(pc.candidate);

    for (const PlannedControl& pc : best->controls) {
        const SelectionCandidate& cand = problem.candidates[pc.candidate];
        ControlExplanation e;
        e.candidate = pc.candidate;
        e.date = pc.date;
        e.riskRank = rank[pc.candidate];
        e.text = label(cand) + " op " + formatIsoDate(pc.date) + ": gedekt risico " + number(cand.risk) + ", rang " +
                 std::to_string(e.riskRank) + " van " + std::to_string(n) + " doelen.";
        if (auto without = detail::solveIlp(problem, {}, {pc.candidate}, {})) {
            e.objectiveWithout = without->objective;
            for (const PlannedControl& other : without->controls) {
                if (chosen.count(other.candidate)) continue;
                if (!e.runnerUp || problem.candidates[other.candidate].risk > problem.candidates[*e.runnerUp].risk) {
                    e.runnerUp = other.candidate;
                }
            }
            e.text += " Zonder dit doel dekt het beste plan " + number(without->objective) + " (" +
                      number(without->objective - best->objective) + ")";
            if (e.runnerUp) {
                e.text += "; de opvolger is " + label(problem.candidates[*e.runnerUp]) + " met risico " +
                          number(problem.candidates[*e.runnerUp].risk);
            }
            e.text += ".";
        } else {
            e.text += " Zonder dit doel is geen plan mogelijk.";
        }
        selection.explanations.push_back(std::move(e));
    }

    for (Constraint c : allConstraints()) {
        ConstraintCost cost{c, best->objective, 0.0, {}};
        if (c == Constraint::MunicipalitySpread && problem.settings.spread == MunicipalitySpread::None) {
            cost.text = constraintName(c) + ": niet ingesteld.";
            selection.costs.push_back(std::move(cost));
            continue;
        }
        const std::optional<Plan> relaxed = detail::solveIlp(problem, {c}, {}, {});
        // Dropping a constraint cannot make the optimum worse; guard against rounding.
        cost.objectiveWithout = relaxed ? std::max(relaxed->objective, best->objective) : best->objective;
        cost.cost = cost.objectiveWithout - best->objective;
        if (std::abs(cost.cost) < 1e-9) cost.cost = 0.0;
        cost.text = constraintName(c) + ": kost " + number(cost.cost) + " risico (optimum zonder: " +
                    number(cost.objectiveWithout) + ", met: " + number(best->objective) + ").";
        selection.costs.push_back(std::move(cost));
    }

    const double lowestChosen = std::accumulate(best->controls.begin(), best->controls.end(), INFINITY,
                                                [&](double m, const PlannedControl& pc) {
                                                    return std::min(m, problem.candidates[pc.candidate].risk);
                                                });
    constexpr std::size_t maxPassedOver = 5;
    for (std::size_t c : byRisk) {
        if (selection.passedOver.size() >= maxPassedOver) break;
        if (problem.candidates[c].risk <= lowestChosen) break;
        if (chosen.count(c)) continue;
        selection.passedOver.push_back(passedOverReason(problem, c, best->objective, selection.costs));
    }
    return selection;
}

}  // namespace riskmap::core::planner
