// SPDX-License-Identifier: GPL-3.0-or-later
// Elastic-net penalised Poisson regression on a λ path, with k-fold cross-validation.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace riskmap::core {
class Feedback;
}

namespace riskmap::core::stats {

struct ElasticNetOptions {
    double alpha = 1.0;            ///< mixing: 1 = lasso, 0 = ridge
    int lambdaCount = 100;         ///< length of the automatic path
    double lambdaMinRatio = 0.0;   ///< smallest/largest λ; 0 = 1e-4 when n > p, else 1e-2 (as glmnet)
    std::vector<double> lambdas;   ///< explicit decreasing path; overrides the automatic one
    int maxOuterIterations = 100;  ///< quadratic approximations per λ
    double tolerance = 1e-8;       ///< coordinate descent: max weighted squared change
};

/// Coefficients along the path, on the ORIGINAL scale of the predictors.
struct ElasticNetPath {
    std::vector<double> lambdas;   ///< decreasing
    Eigen::MatrixXd coefficients;  ///< p × lambdas (intercept excluded)
    Eigen::VectorXd intercepts;    ///< one per λ
    std::vector<double> deviance;  ///< training Poisson deviance per λ
};

/// Minimises (1/n)·Σ(μᵢ − yᵢηᵢ) + λ·Σⱼ(α|βⱼ| + (1−α)/2·βⱼ²) with log μ = offset + b0 + Xβ,
/// over standardised predictors (population sd; constant columns stay 0),
/// unpenalised intercept, by coordinate descent on the IRLS quadratic
/// approximation with warm starts down the path (as glmnet). The automatic
/// path starts at λmax, the smallest λ with all coefficients 0, and ends early
/// (as glmnet) once the explained deviance stops growing; an explicit path is
/// solved in full.
/// `x` holds no intercept column. Throws InputError on mismatched sizes,
/// negative counts, alpha outside [0, 1] or an increasing explicit path.
ElasticNetPath fitElasticNetPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                    const Eigen::VectorXd& offset = {},
                                    const ElasticNetOptions& options = {});

struct ElasticNetCv {
    ElasticNetPath path;                 ///< fitted on all data
    std::vector<double> cvDeviance;      ///< mean held-out Poisson deviance per observation
    std::vector<double> cvStandardError; ///< its standard error over the folds
    std::size_t indexMin = 0;            ///< λ with the smallest cvDeviance
    std::size_t index1se = 0;            ///< largest λ within one SE of the minimum
    double lambdaMin() const { return path.lambdas[indexMin]; }
    double lambda1se() const { return path.lambdas[index1se]; }
};

/// k-fold cross-validation over the full-data path. Folds come from a
/// Fisher–Yates shuffle driven by std::mt19937_64(seed) with plain modulo
/// (fully specified, so the same on every platform). Folds run in parallel
/// threads; the result does not depend on their scheduling. `feedback` (may
/// be null) is polled and advanced from those threads. Throws like fitElasticNetPoisson, InputError when
/// folds < 2 or folds > n, and CancelledError.
ElasticNetCv crossValidateElasticNetPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                            const Eigen::VectorXd& offset, const ElasticNetOptions& options,
                                            int folds, std::uint64_t seed, Feedback* feedback = nullptr);

/// Poisson deviance 2·Σ(y·ln(y/μ) − (y − μ)).
double poissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu);

}  // namespace riskmap::core::stats
