// SPDX-License-Identifier: GPL-3.0-or-later
// RTM: elastic-net screening of candidate factors, then backward BIC selection per family.
#include "riskmap/core/stats/rtm.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/elastic_net.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <sstream>

namespace riskmap::core::stats {

namespace {

double secondsSince(std::chrono::steady_clock::time_point t)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string label(const RtmCandidate& c)
{
    std::ostringstream out;
    out << c.factor << '/' << c.operationalisation << '/' << c.distance;
    return out.str();
}

struct Selection {
    std::vector<std::size_t> kept;  // candidate indices
    GlmFit fit;
};

class BackwardBic {
public:
    BackwardBic(const Eigen::MatrixXd& columns, const Eigen::VectorXd& y, Feedback* feedback)
        : m_columns(columns), m_y(y), m_feedback(feedback)
    {
    }

    Selection run(GlmFamily family, std::vector<std::size_t> current) const
    {
        Selection best{current, fit(family, current)};
        while (!best.kept.empty()) {
            Selection step;
            bool improved = false;
            for (std::size_t drop = 0; drop < best.kept.size(); ++drop) {
                std::vector<std::size_t> trial = best.kept;
                trial.erase(trial.begin() + static_cast<long>(drop));
                GlmFit f = fit(family, trial);
                if (f.bic < (improved ? step.fit.bic : best.fit.bic)) {
                    step = {trial, std::move(f)};
                    improved = true;
                }
            }
            if (!improved) break;
            best = std::move(step);
        }
        return best;
    }

private:
    GlmFit fit(GlmFamily family, const std::vector<std::size_t>& set) const
    {
        if (m_feedback) m_feedback->checkCancelled();
        Eigen::MatrixXd x(m_y.size(), static_cast<Eigen::Index>(set.size()) + 1);
        x.col(0).setOnes();
        for (std::size_t k = 0; k < set.size(); ++k)
            x.col(static_cast<Eigen::Index>(k) + 1) = m_columns.col(static_cast<Eigen::Index>(set[k]));
        return family == GlmFamily::Poisson ? fitPoisson(x, m_y) : fitNegativeBinomial(x, m_y);
    }

    const Eigen::MatrixXd& m_columns;
    const Eigen::VectorXd& m_y;
    Feedback* m_feedback;
};

/// Step 1: per factor, the non-zero candidate with the largest standardised coefficient.
std::vector<std::size_t> screen(std::span<const RtmCandidate> candidates, const Eigen::MatrixXd& columns,
                                const Eigen::VectorXd& y, const RtmOptions& options, Feedback* feedback)
{
    ElasticNetOptions en;
    en.alpha = options.alpha;
    const ElasticNetCv cv = crossValidateElasticNetPoisson(columns, y, {}, en, options.folds, options.seed, feedback);
    const auto at = static_cast<Eigen::Index>(options.useLambda1se ? cv.index1se : cv.indexMin);
    const Eigen::VectorXd b = cv.path.coefficients.col(at);
    std::map<std::string, std::pair<std::size_t, double>> bestPerFactor;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
        const auto jj = static_cast<Eigen::Index>(j);
        if (b[jj] == 0.0 || (options.positiveOnly && b[jj] < 0.0)) continue;
        const Eigen::ArrayXd centred = columns.col(jj).array() - columns.col(jj).mean();
        const double strength = std::fabs(b[jj]) * std::sqrt(centred.square().mean());
        const auto it = bestPerFactor.find(candidates[j].factor);
        if (it == bestPerFactor.end() || strength > it->second.second)
            bestPerFactor[candidates[j].factor] = {j, strength};
    }
    std::vector<std::size_t> kept;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
        const auto it = bestPerFactor.find(candidates[j].factor);
        if (it != bestPerFactor.end() && it->second.first == j) kept.push_back(j);
    }
    return kept;
}

}  // namespace

namespace {

Eigen::VectorXd countVector(std::span<const double> counts)
{
    const auto n = static_cast<Eigen::Index>(counts.size());
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        y[i] = counts[static_cast<std::size_t>(i)];
        if (!(y[i] >= 0.0) || !std::isfinite(y[i])) throw InputError("RTM: incident counts must be >= 0");
    }
    return y;
}

/// The design matrix, one column per candidate. With `release` (the vector `candidates` views),
/// each candidate's values are freed once copied, so the cells × candidates numbers are never held twice.
Eigen::MatrixXd designMatrix(std::span<const RtmCandidate> candidates, std::size_t cells,
                             std::vector<RtmCandidate>* release)
{
    const auto n = static_cast<Eigen::Index>(cells);
    Eigen::MatrixXd columns(n, static_cast<Eigen::Index>(candidates.size()));
    for (std::size_t j = 0; j < candidates.size(); ++j) {
        if (candidates[j].values.size() != cells)
            throw InputError("RTM: candidate '" + label(candidates[j]) + "' has the wrong number of cells");
        columns.col(static_cast<Eigen::Index>(j)) = Eigen::Map<const Eigen::VectorXd>(candidates[j].values.data(), n);
        if (release) std::vector<double>().swap((*release)[j].values);
    }
    return columns;
}

RtmReport fitOnColumns(std::span<const RtmCandidate> candidates, const Eigen::MatrixXd& columns,
                       const Eigen::VectorXd& y, std::span<const double> counts, const RtmOptions& options,
                       Feedback* feedback);

}  // namespace

RtmReport fitRiskTerrainModel(std::span<const RtmCandidate> candidates, std::span<const double> counts,
                              const RtmOptions& options, Feedback* feedback)
{
    if (candidates.empty()) throw InputError("RTM: no candidate factors");
    const Eigen::VectorXd y = countVector(counts);
    const Eigen::MatrixXd columns = designMatrix(candidates, counts.size(), nullptr);
    return fitOnColumns(candidates, columns, y, counts, options, feedback);
}

RtmReport fitRiskTerrainModelReleasing(std::vector<RtmCandidate>& candidates, std::span<const double> counts,
                                       const RtmOptions& options, Feedback* feedback)
{
    if (candidates.empty()) throw InputError("RTM: no candidate factors");
    const Eigen::VectorXd y = countVector(counts);
    const Eigen::MatrixXd columns = designMatrix(candidates, counts.size(), &candidates);
    return fitOnColumns(candidates, columns, y, counts, options, feedback);
}

namespace {

RtmReport fitOnColumns(std::span<const RtmCandidate> candidates, const Eigen::MatrixXd& columns,
                       const Eigen::VectorXd& y, std::span<const double> counts, const RtmOptions& options,
                       Feedback* feedback)
{
    const auto n = static_cast<Eigen::Index>(counts.size());
    RtmReport report;
    report.cells = counts.size();
    report.incidents = y.sum();
    if (report.incidents < options.minIncidents) {
        std::ostringstream msg;
        msg << "Te weinig incidenten voor een risicomodel (" << report.incidents << ", minimaal "
            << options.minIncidents << "); de expertgewichten bepalen de kaart.";
        report.message = msg.str();
        return report;
    }

    auto t = std::chrono::steady_clock::now();
    RtmOptions screening = options;
    if (static_cast<std::size_t>(y.size()) > options.manyCells)
        screening.folds = std::min(options.folds, options.foldsManyCells);
    report.folds = screening.folds;
    const std::vector<std::size_t> screened = screen(candidates, columns, y, screening, feedback);
    report.secondsScreening = secondsSince(t);
    for (std::size_t j : screened) report.candidatesAfterStep1.push_back(label(candidates[j]));

    if (feedback) feedback->beginStage("stapsgewijze selectie (BIC)");
    const BackwardBic backward(columns, y, feedback);
    t = std::chrono::steady_clock::now();
    Selection poisson = backward.run(GlmFamily::Poisson, screened);
    report.secondsBicPoisson = secondsSince(t);
    t = std::chrono::steady_clock::now();
    Selection negbin = backward.run(GlmFamily::NegativeBinomial, screened);
    report.secondsBicNegativeBinomial = secondsSince(t);
    report.bicPoisson = poisson.fit.bic;
    report.bicNegativeBinomial = negbin.fit.bic;
    const Selection& chosen = negbin.fit.bic < poisson.fit.bic ? negbin : poisson;

    const GlmFit& f = chosen.fit;
    report.modelFitted = true;
    report.family = f.family;
    report.intercept = f.coefficients[0];
    report.theta = f.theta;
    report.logLikelihood = f.logLikelihood;
    report.aic = f.aic;
    report.bic = f.bic;
    Eigen::VectorXd logRisk = Eigen::VectorXd::Zero(n);
    for (std::size_t k = 0; k < chosen.kept.size(); ++k) {
        const auto c = static_cast<Eigen::Index>(k) + 1;
        const RtmCandidate& cand = candidates[chosen.kept[k]];
        report.factors.push_back({cand.factor, cand.operationalisation, cand.distance, f.coefficients[c],
                                  f.standardErrors[c], std::exp(f.coefficients[c]), std::exp(f.ciLower[c]),
                                  std::exp(f.ciUpper[c]), f.pValues[c]});
        logRisk += f.coefficients[c] * columns.col(static_cast<Eigen::Index>(chosen.kept[k]));
    }
    report.cellRisk.resize(counts.size());
    for (Eigen::Index i = 0; i < n; ++i) report.cellRisk[static_cast<std::size_t>(i)] = std::exp(logRisk[i]);

    std::ostringstream msg;
    msg << (f.family == GlmFamily::Poisson ? "Poisson" : "Negatief binomiaal") << "-model met "
        << report.factors.size() << " factor(en) op " << report.cells << " cellen en " << report.incidents
        << " incidenten (BIC " << report.bic << ").";
    report.message = msg.str();
    return report;
}

}  // namespace

}  // namespace riskmap::core::stats
