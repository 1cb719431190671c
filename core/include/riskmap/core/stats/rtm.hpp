// SPDX-License-Identifier: GPL-3.0-or-later
// Risk Terrain Modeling on grid cells, the way RTMDx does it (DOMAIN.md "Two maps").
#pragma once

#include "riskmap/core/stats/glm.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace riskmap::core {
class Feedback;
}

namespace riskmap::core::stats {

/// One operationalisation of a factor at one influence distance, already
/// computed per cell by the caller (e.g. "proximity": 1 when a VAB lies within
/// 200 m of the cell, else 0; "density": count within 500 m).
struct RtmCandidate {
    std::string factor;             ///< e.g. "vab"
    std::string operationalisation; ///< e.g. "proximity" or "density"
    double distance = 0.0;          ///< metres
    std::vector<double> values;     ///< one per cell
};

struct RtmOptions {
    double minIncidents = 30.0;  ///< fewer incidents than this: no model
    double alpha = 1.0;          ///< elastic-net mixing in step 1 (1 = lasso)
    int folds = 10;              ///< cross-validation folds in step 1
    /// With more cells than this, step 1 uses at most foldsManyCells folds: each fold then still trains on
    /// hundreds of thousands of cells, and ten full fits over millions of cells take most of an hour.
    std::size_t manyCells = 1'000'000;
    int foldsManyCells = 3;
    std::uint64_t seed = 1;      ///< fold assignment
    bool useLambda1se = false;   ///< step 1 at λ1se instead of λmin (λmin drops less; BIC prunes next)
    /// Drop factors whose step-1 coefficient is negative: RTM looks for risk
    /// factors, and with non-negative factor values the lowest cell risk is then 1.
    bool positiveOnly = true;
};

struct RtmFactor {
    std::string factor;
    std::string operationalisation;
    double distance = 0.0;
    double coefficient = 0.0;
    double standardError = 0.0;
    double rrv = 1.0;       ///< relative risk value exp(b)
    double rrvLower = 1.0;  ///< exp(95 % CI of b)
    double rrvUpper = 1.0;
    double pValue = 1.0;
};

struct RtmReport {
    bool modelFitted = false;
    std::string message;  ///< Dutch, for the report
    GlmFamily family = GlmFamily::Poisson;  ///< the model with the lower BIC
    std::vector<RtmFactor> factors;         ///< kept factors, in candidate order
    double intercept = 0.0;
    double theta = 0.0;  ///< NB2 size parameter (infinity for Poisson)
    double logLikelihood = 0.0;
    double aic = 0.0;
    double bic = 0.0;
    double bicPoisson = 0.0;           ///< best Poisson model after stepwise selection
    double bicNegativeBinomial = 0.0;  ///< best NB model after stepwise selection
    std::size_t cells = 0;
    double incidents = 0.0;
    std::vector<std::string> candidatesAfterStep1;  ///< "factor/operationalisation/distance"
    int folds = 0;  ///< cross-validation folds step 1 used (see RtmOptions::manyCells)
    /// exp(Σ bᵢxᵢ) per cell = exp(b0 + Σbᵢxᵢ)/exp(b0); a cell with no factor present
    /// has risk 1. That is the lowest value as long as every kept coefficient is
    /// positive: positiveOnly screens step 1 only, so check `factors` when a
    /// kept coefficient can turn negative in the joint fit (correlated factors).
    std::vector<double> cellRisk;
    double secondsScreening = 0.0;  ///< wall time of step 1 (elastic-net path and its cross-validation)
    double secondsBicPoisson = 0.0;  ///< wall time of the Poisson backward selection
    double secondsBicNegativeBinomial = 0.0;  ///< wall time of the NB backward selection
};

/// Step 1: elastic-net Poisson regression over all candidates with k-fold CV;
/// of each factor at most one candidate survives: the non-zero one with the
/// largest standardised coefficient. Step 2: backward elimination by BIC from
/// the survivors, once as Poisson and once as negative binomial; the model
/// with the lower BIC is reported. With fewer than options.minIncidents
/// incidents the report says so and holds no model (cellRisk empty).
/// Throws InputError on no candidates, columns of the wrong length or bad
/// counts; CancelledError through `feedback` (may be null).
RtmReport fitRiskTerrainModel(std::span<const RtmCandidate> candidates, std::span<const double> counts,
                              const RtmOptions& options = {}, Feedback* feedback = nullptr);

/// fitRiskTerrainModel that frees each candidate's `values` once copied into the design
/// matrix (the names stay), so cells × candidates numbers are held once, not twice: at
/// scale L (2.7 M cells, 63 candidates) that is 1.3 GB. Same result.
RtmReport fitRiskTerrainModelReleasing(std::vector<RtmCandidate>& candidates, std::span<const double> counts,
                                       const RtmOptions& options = {}, Feedback* feedback = nullptr);

}  // namespace riskmap::core::stats
