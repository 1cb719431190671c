// SPDX-License-Identifier: GPL-3.0-or-later
// Which targets get the year's controls, and on which dates: an exact ILP (GLPK) and its explanation.
#pragma once

#include "riskmap/core/planner/calendar.hpp"
#include "riskmap/core/planner/partners.hpp"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace riskmap::core::planner {

/// The kinds of target a control day can be about.
enum class TargetKind {
    BusinessPark,  ///< bedrijventerrein
    RuralCluster,  ///< cluster of addresses in the buitengebied
    RiskZone,      ///< risk zone drawn by an analyst
};

/// Dutch name of a target kind ("bedrijventerrein").
std::string targetKindName(TargetKind kind);

/// A target that could get a control this year.
struct SelectionCandidate {
    std::string id;
    std::string name;
    std::string municipality;
    double risk = 0.0;                   ///< risk covered when this target is controlled
    std::vector<PartnerNeed> partners;   ///< partners that must join (all of them)
    std::optional<Date> lastControl;     ///< latest earlier control, from the history
    TargetKind kind = TargetKind::RuralCluster;
};

/// How controls are spread over municipalities.
enum class MunicipalitySpread {
    None,
    AtMostOnePerMunicipality,
    AtLeastKMunicipalities,
};

struct SelectionSettings {
    int controls = 3;          ///< controls in the year; all must be planned
    int minWeeksApart = 8;     ///< between any two controls; 0 still allows one control per day
    int repeatMonths = 12;     ///< no target controlled within this many months before the date
    MunicipalitySpread spread = MunicipalitySpread::None;
    int minMunicipalities = 0; ///< k for AtLeastKMunicipalities
};

/// The whole selection problem. `days` are the days a control may fall on when blackouts are
/// ignored (normally weekdaysOfYear; weekend days in it are never used); `blackouts` removes
/// days from them.
struct SelectionProblem {
    std::vector<SelectionCandidate> candidates;
    std::vector<Partner> partners;  ///< a needed partner missing here is unconstrained
    std::vector<Date> days;
    std::vector<DateRange> blackouts;
    SelectionSettings settings;
};

/// The constraints that can be switched off to show what they cost.
enum class Constraint {
    Spacing,
    Blackout,
    RepeatExclusion,
    PartnerAvailability,
    PartnerCapacity,
    MunicipalitySpread,
};

/// All constraints, in report order.
std::vector<Constraint> allConstraints();
/// Dutch name of a constraint ("minimale tussenruimte").
std::string constraintName(Constraint c);

struct PlannedControl {
    std::size_t candidate = 0;  ///< index into problem.candidates
    Date date;
};

/// A plan: controls in date order and the total risk covered.
struct Plan {
    std::vector<PlannedControl> controls;
    double objective = 0.0;
};

/// The exact optimum under every constraint except those in `relaxed`, without the candidates
/// in `excluded`; nullopt when no plan exists. Deterministic. Throws Error when GLPK fails.
std::optional<Plan> solveSelectionIlp(const SelectionProblem& problem, const std::set<Constraint>& relaxed = {},
                                      const std::set<std::size_t>& excluded = {});

/// The same optimum by enumerating every plan; for small instances in tests only.
std::optional<Plan> solveSelectionBruteForce(const SelectionProblem& problem,
                                             const std::set<Constraint>& relaxed = {});

/// Dutch descriptions of every constraint `plan` breaks (constraints in `relaxed` are not
/// checked). Empty for a valid plan.
std::vector<std::string> planViolations(const SelectionProblem& problem, const Plan& plan,
                                        const std::set<Constraint>& relaxed = {});

/// Why a pair (candidate, day) is not allowed, in Dutch; nullopt when it is allowed.
std::optional<std::string> pairProblem(const SelectionProblem& problem, std::size_t candidate, const Date& day,
                                       const std::set<Constraint>& relaxed = {});

/// Why one control won and what would have replaced it.
struct ControlExplanation {
    std::size_t candidate = 0;
    Date date;
    int riskRank = 0;                        ///< 1 = highest risk of all candidates
    std::optional<std::size_t> runnerUp;     ///< the target the best plan without this one adds
    std::optional<double> objectiveWithout;  ///< best objective without this target
    std::string text;                        ///< Dutch
};

/// What one constraint costs: the optimum without it minus the optimum with it.
struct ConstraintCost {
    Constraint constraint;
    double objectiveWithout = 0.0;
    double cost = 0.0;
    std::string text;  ///< Dutch
};

/// The chosen plan with its explanation.
struct Selection {
    Plan plan;
    std::vector<ControlExplanation> explanations;  ///< one per control, in date order
    std::vector<ConstraintCost> costs;             ///< one per constraint, in report order
    std::vector<std::string> passedOver;           ///< up to 5 higher-risk targets not chosen, and why
};

/// Solves, explains every choice and prices every constraint. Throws InputError with a Dutch
/// explanation when no plan exists (for instance 4 controls 20 weeks apart in one year),
/// UsageError for bad settings.
Selection selectControls(const SelectionProblem& problem);

}  // namespace riskmap::core::planner
