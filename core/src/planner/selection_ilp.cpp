// SPDX-License-Identifier: GPL-3.0-or-later
// The selection problem as a 0-1 integer program, solved exactly with GLPK's branch and cut.
#include "riskmap/core/planner/selection.hpp"

#include "riskmap/core/error.hpp"
#include "selection_detail.hpp"

#include <glpk.h>

#include <algorithm>
#include <map>
#include <memory>

namespace riskmap::core::planner {
namespace detail {
namespace {

struct GlpProbDeleter {
    void operator()(glp_prob* p) const { glp_delete_prob(p); }
};
using GlpProbPtr = std::unique_ptr<glp_prob, GlpProbDeleter>;

/// A row under construction: sparse coefficients and bounds.
struct Row {
    std::vector<std::pair<int, double>> terms;  // 1-based column, coefficient
    int type;                                   // GLP_UP, GLP_LO, GLP_FX
    double lb;
    double ub;
};

}  // namespace

std::optional<Plan> solveIlp(const SelectionProblem& problem, const std::set<Constraint>& relaxed,
                             const std::set<std::size_t>& excluded, const std::set<std::size_t>& forced)
{
    const SelectionSettings& s = problem.settings;
    if (s.controls < 0) return std::nullopt;
    const std::vector<Date> days = sortedDays(problem.days);

    // Columns: x[c,d] for every allowed pair, then z[d] (day used), then y[m] (municipality used).
    struct PairVar {
        std::size_t candidate;
        std::size_t day;
    };
    std::vector<PairVar> pairs;
    std::vector<std::vector<int>> colsOfCandidate(problem.candidates.size());
    std::vector<std::vector<int>> colsOfDay(days.size());
    for (std::size_t c = 0; c < problem.candidates.size(); ++c) {
        if (excluded.count(c)) continue;
        for (std::size_t d = 0; d < days.size(); ++d) {
            if (!pairProblems(problem, c, days[d], relaxed).empty()) continue;
            pairs.push_back({c, d});
            const int col = static_cast<int>(pairs.size());
            colsOfCandidate[c].push_back(col);
            colsOfDay[d].push_back(col);
        }
    }
    for (std::size_t c : forced) {
        if (c >= problem.candidates.size() || colsOfCandidate[c].empty()) return std::nullopt;
    }
    int nextCol = static_cast<int>(pairs.size()) + 1;
    std::vector<int> dayCol(days.size(), 0);
    for (std::size_t d = 0; d < days.size(); ++d) {
        if (!colsOfDay[d].empty()) dayCol[d] = nextCol++;
    }

    std::vector<Row> rows;
    // Every target at most once (exactly once when forced).
    for (std::size_t c = 0; c < problem.candidates.size(); ++c) {
        if (colsOfCandidate[c].empty()) continue;
        Row row{{}, forced.count(c) ? GLP_FX : GLP_UP, forced.count(c) ? 1.0 : 0.0, 1.0};
        for (int col : colsOfCandidate[c]) row.terms.emplace_back(col, 1.0);
        rows.push_back(std::move(row));
    }
    // Exactly the requested number of controls.
    {
        Row row{{}, GLP_FX, static_cast<double>(s.controls), static_cast<double>(s.controls)};
        for (std::size_t i = 0; i < pairs.size(); ++i) row.terms.emplace_back(static_cast<int>(i) + 1, 1.0);
        rows.push_back(std::move(row));
    }
    // z[d] = sum of x[., d].
    for (std::size_t d = 0; d < days.size(); ++d) {
        if (!dayCol[d]) continue;
        Row row{{{dayCol[d], 1.0}}, GLP_FX, 0.0, 0.0};
        for (int col : colsOfDay[d]) row.terms.emplace_back(col, -1.0);
        rows.push_back(std::move(row));
    }
    // Spacing: every window of `window` consecutive days holds at most one control. Any two
    // days closer than the window lie together in the window starting at the earlier one,
    // so these rows forbid exactly the conflicting pairs (and are tighter than pair rows).
    const int window = spacingDays(problem, relaxed);
    for (std::size_t d = 0; d < days.size(); ++d) {
        if (!dayCol[d]) continue;
        Row row{{}, GLP_UP, 0.0, 1.0};
        for (std::size_t e = d; e < days.size() && daysBetween(days[d], days[e]) < window; ++e) {
            if (dayCol[e]) row.terms.emplace_back(dayCol[e], 1.0);
        }
        if (row.terms.size() > 1) rows.push_back(std::move(row));
    }
    // Municipalities.
    if (!relaxed.count(Constraint::MunicipalitySpread) && s.spread != MunicipalitySpread::None) {
        std::map<std::string, std::vector<int>> colsOfMunicipality;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            colsOfMunicipality[municipalityKey(problem.candidates[pairs[i].candidate])].push_back(static_cast<int>(i) + 1);
        }
        if (s.spread == MunicipalitySpread::AtMostOnePerMunicipality) {
            for (const auto& [name, cols] : colsOfMunicipality) {
                Row row{{}, GLP_UP, 0.0, 1.0};
                for (int col : cols) row.terms.emplace_back(col, 1.0);
                rows.push_back(std::move(row));
            }
        } else {
            if (static_cast<int>(colsOfMunicipality.size()) < s.minMunicipalities) return std::nullopt;
            Row atLeast{{}, GLP_LO, static_cast<double>(s.minMunicipalities), 0.0};
            for (const auto& [name, cols] : colsOfMunicipality) {
                const int y = nextCol++;
                Row link{{{y, 1.0}}, GLP_UP, 0.0, 0.0};  // y[m] <= sum of x in m
                for (int col : cols) link.terms.emplace_back(col, -1.0);
                rows.push_back(std::move(link));
                atLeast.terms.emplace_back(y, 1.0);
            }
            rows.push_back(std::move(atLeast));
        }
    }
    const int columns = nextCol - 1;
    if (columns == 0) {
        if (s.controls == 0) return Plan{};
        return std::nullopt;
    }

    GlpProbPtr lp(glp_create_prob());
    glp_set_obj_dir(lp.get(), GLP_MAX);
    glp_add_cols(lp.get(), columns);
    for (int col = 1; col <= columns; ++col) {
        glp_set_col_kind(lp.get(), col, GLP_BV);  // z[d] is integral anyway; binary keeps it simple
    }
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        glp_set_obj_coef(lp.get(), static_cast<int>(i) + 1, problem.candidates[pairs[i].candidate].risk);
    }
    glp_add_rows(lp.get(), static_cast<int>(rows.size()));
    std::vector<int> ia{0}, ja{0};
    std::vector<double> ar{0.0};
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const int rowIndex = static_cast<int>(r) + 1;
        glp_set_row_bnds(lp.get(), rowIndex, rows[r].type, rows[r].lb, rows[r].ub);
        for (const auto& [col, value] : rows[r].terms) {
            ia.push_back(rowIndex);
            ja.push_back(col);
            ar.push_back(value);
        }
    }
    glp_load_matrix(lp.get(), static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.presolve = GLP_ON;
    parm.msg_lev = GLP_MSG_OFF;
    parm.mip_gap = 0.0;  // exact: no early stop on a relative gap
    const int ret = glp_intopt(lp.get(), &parm);
    if (ret == GLP_ENOPFS || ret == GLP_ENODFS) return std::nullopt;
    if (ret != 0) throw Error("planning: GLPK glp_intopt faalde met code " + std::to_string(ret));
    const int status = glp_mip_status(lp.get());
    if (status == GLP_NOFEAS) return std::nullopt;
    if (status != GLP_OPT) throw Error("planning: GLPK vond geen optimum (status " + std::to_string(status) + ")");

    Plan plan;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (glp_mip_col_val(lp.get(), static_cast<int>(i) + 1) > 0.5) {
            plan.controls.push_back({pairs[i].candidate, days[pairs[i].day]});
        }
    }
    std::sort(plan.controls.begin(), plan.controls.end(), [](const PlannedControl& a, const PlannedControl& b) {
        return daysBetween(a.date, b.date) > 0;
    });
    plan.objective = objectiveOf(problem, plan);
    return plan;
}

}  // namespace detail

std::optional<Plan> solveSelectionIlp(const SelectionProblem& problem, const std::set<Constraint>& relaxed,
                                      const std::set<std::size_t>& excluded)
{
    return detail::solveIlp(problem, relaxed, excluded, {});
}

}  // namespace riskmap::core::planner
