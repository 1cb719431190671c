// SPDX-License-Identifier: GPL-3.0-or-later
// Poisson and NB2 GLMs against closed forms, simulation and the likelihood's maximum.
#include "riskmap/core/error.hpp"
#include "riskmap/core/stats/glm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace riskmap::core::stats;

namespace {

struct Simulated {
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
};

/// log μ = 0.5 + 0.4·x1 − 0.7·x2 (x1 normal, x2 0/1); Poisson or NB2 (θ) counts.
Simulated simulate(int n, double theta, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::bernoulli_distribution bd(0.3);
    Simulated s{Eigen::MatrixXd(n, 3), Eigen::VectorXd(n)};
    for (int i = 0; i < n; ++i) {
        const double x1 = nd(rng), x2 = bd(rng) ? 1.0 : 0.0;
        s.x.row(i) << 1.0, x1, x2;
        double mu = std::exp(0.5 + 0.4 * x1 - 0.7 * x2);
        if (std::isfinite(theta)) mu *= std::gamma_distribution<double>(theta, 1.0 / theta)(rng);
        s.y[i] = std::poisson_distribution<int>(mu)(rng);
    }
    return s;
}

const double kTruth[] = {0.5, 0.4, -0.7};

/// Fits `fit` to `reps` simulated data sets: each 95 % interval must cover the
/// truth in at least 80 % of them (P(fail) < 0.5 % when the SEs are right), the
/// mean estimate must be near the truth, and the spread of the estimates must
/// match the reported standard errors.
template <class Fit>
void expectCalibrated(int reps, int n, double theta, Fit fit)
{
    Eigen::Array3d covered = Eigen::Array3d::Zero(), sum = Eigen::Array3d::Zero(),
                   sum2 = Eigen::Array3d::Zero(), se = Eigen::Array3d::Zero();
    for (int r = 0; r < reps; ++r) {
        const auto s = simulate(n, theta, 1000 + static_cast<std::uint64_t>(r));
        const GlmFit f = fit(s);
        ASSERT_TRUE(f.converged);
        for (int j = 0; j < 3; ++j) {
            covered[j] += (f.ciLower[j] <= kTruth[j] && kTruth[j] <= f.ciUpper[j]) ? 1 : 0;
            sum[j] += f.coefficients[j];
            sum2[j] += f.coefficients[j] * f.coefficients[j];
            se[j] += f.standardErrors[j];
        }
    }
    for (int j = 0; j < 3; ++j) {
        EXPECT_GE(covered[j], 0.8 * reps) << j;
        const double mean = sum[j] / reps, sd = std::sqrt(sum2[j] / reps - mean * mean);
        EXPECT_NEAR(mean, kTruth[j], 3.0 * sd / std::sqrt(double(reps)) + 1e-3) << j;
        EXPECT_NEAR(sd / (se[j] / reps), 1.0, 0.4) << j;
    }
}

}  // namespace

TEST(Glm, InterceptOnlyPoissonIsLogMean)
{
    // y = 0..4: mean 2 → b0 = ln 2; Fisher information n·μ = Σy = 10 → se = 1/√10.
    // ℓ = Σy·ln 2 − 5·2 − ln(0!·1!·2!·3!·4!) = 10 ln 2 − 10 − ln 288.
    Eigen::VectorXd y(5);
    y << 0, 1, 2, 3, 4;
    const auto f = fitPoisson(Eigen::MatrixXd::Ones(5, 1), y);
    EXPECT_TRUE(f.converged);
    EXPECT_NEAR(f.coefficients[0], std::log(2.0), 1e-10);
    EXPECT_NEAR(f.standardErrors[0], 1.0 / std::sqrt(10.0), 1e-8);
    EXPECT_NEAR(f.logLikelihood, 10 * std::log(2.0) - 10 - std::log(288.0), 1e-9);
    EXPECT_NEAR(f.aic, -2 * f.logLikelihood + 2, 1e-12);
    EXPECT_NEAR(f.bic, -2 * f.logLikelihood + std::log(5.0), 1e-12);
}

TEST(Glm, InterceptOnlyWithOffsetIsLogRate)
{
    // log μᵢ = ln eᵢ + b0 → b0 = ln(Σy/Σe) = ln(12/8).
    Eigen::VectorXd y(4), e(4);
    y << 1, 5, 2, 4;
    e << 1, 4, 1, 2;
    const auto f = fitPoisson(Eigen::MatrixXd::Ones(4, 1), y, e.array().log().matrix());
    EXPECT_NEAR(f.coefficients[0], std::log(12.0 / 8.0), 1e-10);
}

TEST(Glm, PoissonRecoversSimulatedCoefficients)
{
    expectCalibrated(30, 1500, INFINITY, [](const Simulated& s) { return fitPoisson(s.x, s.y); });
    const auto s = simulate(3000, INFINITY, 2024);
    const auto f = fitPoisson(s.x, s.y);
    // Score equations hold at the optimum: Xᵀ(y − μ) = 0.
    EXPECT_LT((s.x.transpose() * (s.y - f.fitted)).cwiseAbs().maxCoeff(), 1e-6);
}

TEST(Glm, NegativeBinomialRecoversCoefficientsAndTheta)
{
    expectCalibrated(30, 1500, 2.0, [](const Simulated& s) { return fitNegativeBinomial(s.x, s.y); });
    const auto s = simulate(4000, 2.0, 77);
    const auto nb = fitNegativeBinomial(s.x, s.y);
    const auto po = fitPoisson(s.x, s.y);
    EXPECT_TRUE(nb.converged);
    EXPECT_NEAR(nb.theta, 2.0, 2.5 * nb.thetaStandardError);
    EXPECT_LT(nb.bic, po.bic);
    EXPECT_EQ(nb.parameters, 4);
    // The fit is a maximum of the joint likelihood in β and θ.
    const double ll = nb.logLikelihood;
    for (double d : {-1e-3, 1e-3}) {
        EXPECT_LE(negativeBinomialLogLikelihood(s.y, nb.fitted, nb.theta * (1 + d)), ll);
        for (int j = 0; j < 3; ++j) {
            Eigen::VectorXd b = nb.coefficients;
            b[j] += d;
            const Eigen::VectorXd mu = (s.x * b).array().exp();
            EXPECT_LE(negativeBinomialLogLikelihood(s.y, mu, nb.theta), ll) << j;
        }
    }
}

TEST(Glm, PoissonDataPrefersPoissonByBic)
{
    const auto s = simulate(2000, INFINITY, 99);
    const auto nb = fitNegativeBinomial(s.x, s.y);
    const auto po = fitPoisson(s.x, s.y);
    EXPECT_GT(nb.theta, 50.0);
    EXPECT_NEAR(nb.logLikelihood, po.logLikelihood, 0.5);
    EXPECT_LT(po.bic, nb.bic);
}

TEST(Glm, NegativeBinomialLikelihoodMatchesGammaFormula)
{
    // ln Γ(y+θ) − ln Γ(θ) − ln y! + θ ln(θ/(θ+μ)) + y ln(μ/(θ+μ)), y = 3, 0, 7.5.
    Eigen::VectorXd y(3), mu(3);
    y << 3, 0, 7.5;
    mu << 2, 0.5, 6;
    const double th = 1.5;
    double expect = 0;
    for (int i = 0; i < 3; ++i)
        expect += std::lgamma(y[i] + th) - std::lgamma(th) - std::lgamma(y[i] + 1) +
                  th * std::log(th / (th + mu[i])) + y[i] * std::log(mu[i] / (th + mu[i]));
    EXPECT_NEAR(negativeBinomialLogLikelihood(y, mu, th), expect, 1e-10);
    // θ → ∞ is the Poisson likelihood (integer counts only).
    Eigen::VectorXd yi(2), mui(2);
    yi << 3, 0;
    mui << 2, 0.5;
    EXPECT_NEAR(negativeBinomialLogLikelihood(yi, mui, 1e9), poissonLogLikelihood(yi, mui), 1e-6);
}

TEST(Glm, RejectsBadInput)
{
    Eigen::MatrixXd x(4, 2);
    x << 1, 2, 1, 2, 1, 2, 1, 2;  // second column = 2 × first
    Eigen::VectorXd y(4);
    y << 1, 2, 3, 4;
    EXPECT_THROW(fitPoisson(x, y), riskmap::InputError);
    y[0] = -1;
    EXPECT_THROW(fitPoisson(Eigen::MatrixXd::Ones(4, 1), y), riskmap::InputError);
    EXPECT_THROW(fitPoisson(Eigen::MatrixXd::Ones(3, 1), y), riskmap::InputError);
    EXPECT_THROW(fitNegativeBinomial(Eigen::MatrixXd::Ones(4, 1), Eigen::VectorXd::Zero(4)), riskmap::InputError);
}
