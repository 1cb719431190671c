// SPDX-License-Identifier: GPL-3.0-or-later
// Constraint checks and the brute-force solver of the selection problem.
#include "riskmap/core/planner/selection.hpp"

#include "selection_detail.hpp"

#include <algorithm>
#include <map>

namespace riskmap::core::planner {

std::vector<Constraint> allConstraints()
{
    return {Constraint::Spacing,         Constraint::Blackout,         Constraint::RepeatExclusion,
            Constraint::PartnerAvailability, Constraint::PartnerCapacity, Constraint::MunicipalitySpread};
}

std::string targetKindName(TargetKind kind)
{
    switch (kind) {
    case TargetKind::BusinessPark: return "bedrijventerrein";
    case TargetKind::RuralCluster: return "cluster in het buitengebied";
    case TargetKind::RiskZone: return "risicozone";
    }
    return "?";
}

std::string constraintName(Constraint c)
{
    switch (c) {
    case Constraint::Spacing: return "minimale tussenruimte tussen controles";
    case Constraint::Blackout: return "feestdagen, vakanties en blokkadeperiodes";
    case Constraint::RepeatExclusion: return "geen herhaling binnen de herhaaltermijn";
    case Constraint::PartnerAvailability: return "beschikbaarheid van partners";
    case Constraint::PartnerCapacity: return "capaciteit van partners";
    case Constraint::MunicipalitySpread: return "spreiding over gemeenten";
    }
    return "?";
}

namespace detail {

std::vector<std::pair<Constraint, std::string>> pairProblems(const SelectionProblem& problem, std::size_t candidate,
                                                             const Date& day, const std::set<Constraint>& relaxed)
{
    std::vector<std::pair<Constraint, std::string>> out;
    const SelectionCandidate& c = problem.candidates.at(candidate);
    if (!relaxed.count(Constraint::Blackout)) {
        if (auto reason = blackoutReason(day, problem.blackouts)) {
            out.emplace_back(Constraint::Blackout, formatIsoDate(day) + " valt in " + *reason);
        }
    }
    if (!relaxed.count(Constraint::RepeatExclusion) && c.lastControl) {
        const Date allowedFrom = addMonths(*c.lastControl, problem.settings.repeatMonths);
        if (daysBetween(allowedFrom, day) < 0) {
            out.emplace_back(Constraint::RepeatExclusion,
                             "'" + c.name + "' is op " + formatIsoDate(*c.lastControl) + " gecontroleerd, minder dan " +
                                 std::to_string(problem.settings.repeatMonths) + " maanden voor " + formatIsoDate(day));
        }
    }
    for (const PartnerNeed& need : c.partners) {
        const Partner* partner = findPartner(problem.partners, need.partner);
        if (!partner) continue;
        if (!relaxed.count(Constraint::PartnerAvailability) && !partner->availableOn(day)) {
            out.emplace_back(Constraint::PartnerAvailability,
                             "partner '" + need.partner + "' is niet beschikbaar op " + formatIsoDate(day));
        }
        if (!relaxed.count(Constraint::PartnerCapacity) && need.addresses > partner->capacityPerDay) {
            out.emplace_back(Constraint::PartnerCapacity,
                             "partner '" + need.partner + "' kan " + std::to_string(partner->capacityPerDay) +
                                 " adressen per dag aan, '" + c.name + "' vraagt er " + std::to_string(need.addresses));
        }
    }
    return out;
}

int spacingDays(const SelectionProblem& problem, const std::set<Constraint>& relaxed)
{
    // One control per day always: a team cannot run two integral controls at once.
    if (relaxed.count(Constraint::Spacing)) return 1;
    return std::max(1, 7 * problem.settings.minWeeksApart);
}

std::vector<Date> sortedDays(const std::vector<Date>& days)
{
    std::vector<Date> out;
    std::copy_if(days.begin(), days.end(), std::back_inserter(out), [](const Date& x) { return isWeekday(x); });
    std::sort(out.begin(), out.end(), [](const Date& a, const Date& b) { return daysBetween(a, b) > 0; });
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string municipalityKey(const SelectionCandidate& c)
{
    return c.municipality.empty() ? std::string("(onbekende gemeente)") : c.municipality;
}

double objectiveOf(const SelectionProblem& problem, const Plan& plan)
{
    double sum = 0.0;
    for (const PlannedControl& pc : plan.controls) sum += problem.candidates.at(pc.candidate).risk;
    return sum;
}

}  // namespace detail

std::optional<std::string> pairProblem(const SelectionProblem& problem, std::size_t candidate, const Date& day,
                                       const std::set<Constraint>& relaxed)
{
    auto problems = detail::pairProblems(problem, candidate, day, relaxed);
    if (problems.empty()) return std::nullopt;
    return problems.front().second;
}

std::vector<std::string> planViolations(const SelectionProblem& problem, const Plan& plan,
                                        const std::set<Constraint>& relaxed)
{
    std::vector<std::string> out;
    const SelectionSettings& s = problem.settings;
    if (static_cast<int>(plan.controls.size()) != s.controls) {
        out.push_back("plan heeft " + std::to_string(plan.controls.size()) + " controles, gevraagd zijn er " +
                      std::to_string(s.controls));
    }
    std::set<std::size_t> seen;
    for (const PlannedControl& pc : plan.controls) {
        if (pc.candidate >= problem.candidates.size()) {
            out.push_back("onbekend doel in plan");
            return out;
        }
        if (!seen.insert(pc.candidate).second) {
            out.push_back("'" + problem.candidates[pc.candidate].name + "' komt twee keer voor");
        }
        if (std::find(problem.days.begin(), problem.days.end(), pc.date) == problem.days.end()) {
            out.push_back(formatIsoDate(pc.date) + " is geen toegestane dag");
        }
        if (!isWeekday(pc.date)) out.push_back(formatIsoDate(pc.date) + " valt in het weekend");
        for (const auto& [constraint, text] : detail::pairProblems(problem, pc.candidate, pc.date, relaxed)) {
            out.push_back(text);
        }
    }
    const int window = detail::spacingDays(problem, relaxed);
    for (std::size_t i = 0; i < plan.controls.size(); ++i) {
        for (std::size_t j = i + 1; j < plan.controls.size(); ++j) {
            const int gap = std::abs(daysBetween(plan.controls[i].date, plan.controls[j].date));
            if (gap < window) {
                out.push_back("controles op " + formatIsoDate(plan.controls[i].date) + " en " +
                              formatIsoDate(plan.controls[j].date) + " liggen " + std::to_string(gap) +
                              " dagen uit elkaar, minimaal " + std::to_string(window));
            }
        }
    }
    if (!relaxed.count(Constraint::MunicipalitySpread)) {
        std::map<std::string, int> perMunicipality;
        for (const PlannedControl& pc : plan.controls) {
            if (pc.candidate < problem.candidates.size()) {
                ++perMunicipality[detail::municipalityKey(problem.candidates[pc.candidate])];
            }
        }
        if (s.spread == MunicipalitySpread::AtMostOnePerMunicipality) {
            for (const auto& [name, count] : perMunicipality) {
                if (count > 1) out.push_back(std::to_string(count) + " controles in gemeente " + name);
            }
        } else if (s.spread == MunicipalitySpread::AtLeastKMunicipalities &&
                   static_cast<int>(perMunicipality.size()) < s.minMunicipalities) {
            out.push_back("controles in " + std::to_string(perMunicipality.size()) + " gemeenten, minimaal " +
                          std::to_string(s.minMunicipalities));
        }
    }
    return out;
}

namespace {

struct BruteForce {
    const SelectionProblem& problem;
    const std::set<Constraint>& relaxed;
    std::vector<Date> days;
    std::vector<PlannedControl> current;
    std::vector<bool> used;
    std::optional<Plan> best;

    void search(std::size_t firstDay)
    {
        if (static_cast<int>(current.size()) == problem.settings.controls) {
            Plan plan{current, 0.0};
            plan.objective = detail::objectiveOf(problem, plan);
            if (planViolations(problem, plan, relaxed).empty() && (!best || plan.objective > best->objective)) {
                best = plan;
            }
            return;
        }
        for (std::size_t d = firstDay; d < days.size(); ++d) {
            for (std::size_t c = 0; c < problem.candidates.size(); ++c) {
                if (used[c]) continue;
                used[c] = true;
                current.push_back({c, days[d]});
                search(d + 1);
                current.pop_back();
                used[c] = false;
            }
        }
    }
};

}  // namespace

std::optional<Plan> solveSelectionBruteForce(const SelectionProblem& problem, const std::set<Constraint>& relaxed)
{
    BruteForce bf{problem, relaxed, detail::sortedDays(problem.days), {}, std::vector<bool>(problem.candidates.size()), {}};
    if (problem.settings.controls < 0) return std::nullopt;
    bf.search(0);
    return bf.best;
}

}  // namespace riskmap::core::planner
