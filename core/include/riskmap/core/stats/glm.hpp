// SPDX-License-Identifier: GPL-3.0-or-later
// Poisson and negative binomial (NB2) regression with log link, fitted by IRLS.
#pragma once

#include <Eigen/Dense>

#include <cstddef>
#include <limits>

namespace riskmap::core::stats {

enum class GlmFamily { Poisson, NegativeBinomial };

struct GlmOptions {
    int maxIterations = 100;   ///< IRLS iterations per fit of β
    double tolerance = 1e-10;  ///< relative change of −2·log-likelihood that ends IRLS
    int maxOuterIterations = 50;  ///< NB: alternations between β and θ
};

/// A fitted model. Coefficients follow the columns of X (which holds the
/// intercept column itself, see withIntercept()).
struct GlmFit {
    GlmFamily family = GlmFamily::Poisson;
    Eigen::VectorXd coefficients;
    Eigen::VectorXd standardErrors;  ///< from the inverse Fisher information (θ held fixed for NB)
    Eigen::VectorXd zValues;         ///< Wald z = b/se
    Eigen::VectorXd pValues;         ///< two-sided, normal
    Eigen::VectorXd ciLower;         ///< b − 1.96·se (95 %)
    Eigen::VectorXd ciUpper;         ///< b + 1.96·se
    Eigen::VectorXd fitted;          ///< μ per observation
    /// NB2 size parameter: Var(y) = μ + μ²/θ. Infinity for Poisson.
    double theta = std::numeric_limits<double>::infinity();
    double thetaStandardError = 0.0;
    double logLikelihood = 0.0;
    double deviance = 0.0;
    double aic = 0.0;          ///< −2ℓ + 2k
    double bic = 0.0;          ///< −2ℓ + k·ln n
    int parameters = 0;        ///< k: coefficients, plus θ for NB
    std::size_t observations = 0;
    int iterations = 0;
    bool converged = false;
};

/// X with a first column of ones prepended.
Eigen::MatrixXd withIntercept(const Eigen::MatrixXd& x);

/// Poisson GLM, log link: log μ = offset + Xβ. `offset` is empty or one per
/// row (e.g. log exposure). Throws InputError on mismatched sizes, negative
/// or non-finite counts, fewer rows than columns, or collinear columns.
GlmFit fitPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                  const Eigen::VectorXd& offset = {}, const GlmOptions& options = {});

/// Negative binomial (NB2) GLM with θ estimated by maximum likelihood: starts
/// from the Poisson fit, then alternates IRLS for β (θ fixed) and Newton steps
/// on log θ (β fixed) until the log-likelihood settles. Without
/// overdispersion θ runs to its cap (1e8) and the fit equals the Poisson one
/// with one parameter more. Throws like fitPoisson.
GlmFit fitNegativeBinomial(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                           const Eigen::VectorXd& offset = {}, const GlmOptions& options = {});

/// Σ y·ln μ − μ − ln y!
double poissonLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu);
/// Σ ln Γ(y+θ) − ln Γ(θ) − ln y! + θ ln(θ/(θ+μ)) + y ln(μ/(θ+μ))
double negativeBinomialLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu, double theta);

}  // namespace riskmap::core::stats
