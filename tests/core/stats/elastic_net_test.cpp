// SPDX-License-Identifier: GPL-3.0-or-later
// Penalised Poisson regression: optimality conditions, limits and variable selection.
#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/elastic_net.hpp"
#include "riskmap/core/stats/glm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace riskmap::core::stats;

namespace {

struct Data {
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
};

/// 13 predictors; only columns 0, 1, 2 matter: log μ = 0.2 + 0.5x₀ − 0.4x₁ + 0.35x₂.
Data simulate(int n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> nd(0.0, 1.0);
    Data d{Eigen::MatrixXd(n, 13), Eigen::VectorXd(n)};
    for (int i = 0; i < n; ++i) {
        for (int j = 0; j < 13; ++j) d.x(i, j) = nd(rng) * (1.0 + j % 3);  // unequal scales
        const double eta = 0.2 + 0.5 * d.x(i, 0) - 0.4 * d.x(i, 1) / 2.0 + 0.35 * d.x(i, 2) / 3.0;
        d.y[i] = std::poisson_distribution<int>(std::exp(eta))(rng);
    }
    return d;
}

}  // namespace

TEST(ElasticNet, LargeLambdaGivesInterceptOnly)
{
    const auto d = simulate(300, 1);
    const auto path = fitElasticNetPoisson(d.x, d.y);
    // First λ is λmax: all zero, intercept = ln(mean y). Just below it, one enters.
    EXPECT_EQ(path.coefficients.col(0).cwiseAbs().maxCoeff(), 0.0);
    EXPECT_NEAR(path.intercepts[0], std::log(d.y.mean()), 1e-9);
    EXPECT_GT(path.coefficients.col(1).cwiseAbs().maxCoeff(), 0.0);
    ElasticNetOptions big;
    big.lambdas = {1e3, 10.0};
    big.alpha = 0.5;
    const auto p2 = fitElasticNetPoisson(d.x, d.y, {}, big);
    EXPECT_EQ(p2.coefficients.cwiseAbs().maxCoeff(), 0.0);
}

TEST(ElasticNet, SatisfiesOptimalityConditions)
{
    // KKT on the standardised scale: gⱼ = (1/n)·x̃ⱼᵀ(y − μ) equals
    // λ(α·sign β̃ⱼ + (1−α)β̃ⱼ) when β̃ⱼ ≠ 0, and |gⱼ| ≤ λα when β̃ⱼ = 0.
    const auto d = simulate(400, 2);
    ElasticNetOptions opt;
    opt.alpha = 0.7;
    opt.lambdas = {0.05, 0.02, 0.005};
    opt.tolerance = 1e-14;
    const auto path = fitElasticNetPoisson(d.x, d.y, {}, opt);
    const double n = d.x.rows();
    const Eigen::RowVectorXd mean = d.x.colwise().mean();
    const Eigen::MatrixXd xc = d.x.rowwise() - mean;
    const Eigen::ArrayXd sd = (xc.colwise().squaredNorm() / n).array().sqrt();
    for (int k = 0; k < 3; ++k) {
        const double lambda = opt.lambdas[std::size_t(k)];
        const Eigen::VectorXd mu = ((d.x * path.coefficients.col(k)).array() + path.intercepts[k]).exp();
        EXPECT_NEAR((d.y - mu).sum(), 0.0, 1e-6);  // unpenalised intercept
        for (int j = 0; j < 13; ++j) {
            const double g = xc.col(j).dot(d.y - mu) / sd[j] / n;
            const double bt = path.coefficients(j, k) * sd[j];
            if (bt != 0.0) EXPECT_NEAR(g, lambda * (opt.alpha * (bt > 0 ? 1 : -1) + (1 - opt.alpha) * bt), 1e-5);
            else EXPECT_LE(std::fabs(g), lambda * opt.alpha + 1e-9);
        }
    }
}

TEST(ElasticNet, TinyLambdaMatchesUnpenalisedGlm)
{
    const auto d = simulate(500, 3);
    Eigen::VectorXd offset = Eigen::VectorXd::LinSpaced(500, -0.5, 0.5);
    ElasticNetOptions opt;
    opt.lambdas = {1e-9};
    opt.tolerance = 1e-16;
    const auto path = fitElasticNetPoisson(d.x, d.y, offset, opt);
    const auto glm = fitPoisson(withIntercept(d.x), d.y, offset);
    EXPECT_NEAR(path.intercepts[0], glm.coefficients[0], 1e-5);
    for (int j = 0; j < 13; ++j) EXPECT_NEAR(path.coefficients(j, 0), glm.coefficients[j + 1], 1e-5) << j;
}

TEST(ElasticNet, CrossValidationKeepsTruePredictors)
{
    const auto d = simulate(800, 4);
    const auto cv = crossValidateElasticNetPoisson(d.x, d.y, {}, {}, 10, 42);
    ASSERT_EQ(cv.cvDeviance.size(), cv.path.lambdas.size());
    EXPECT_LE(cv.index1se, cv.indexMin);
    EXPECT_GE(cv.lambda1se(), cv.lambdaMin());
    EXPECT_LE(cv.cvDeviance[cv.indexMin], cv.cvDeviance[0]);
    const Eigen::VectorXd b = cv.path.coefficients.col(static_cast<Eigen::Index>(cv.index1se));
    for (int j = 0; j < 3; ++j) EXPECT_NE(b[j], 0.0) << j;
    EXPECT_GT(b[0], 0.0);
    EXPECT_LT(b[1], 0.0);
    EXPECT_GT(b[2], 0.0);
    int noise = 0;
    for (int j = 3; j < 13; ++j) noise += b[j] != 0.0;
    EXPECT_LE(noise, 5);  // lasso at λ1se drops most of the noise
    // Same seed, same folds and result; the null model is worse than λmin.
    const auto again = crossValidateElasticNetPoisson(d.x, d.y, {}, {}, 10, 42);
    EXPECT_EQ(again.cvDeviance, cv.cvDeviance);
    EXPECT_EQ(again.index1se, cv.index1se);
}

TEST(ElasticNet, RejectsBadInput)
{
    const auto d = simulate(50, 5);
    ElasticNetOptions opt;
    opt.alpha = 1.5;
    EXPECT_THROW(fitElasticNetPoisson(d.x, d.y, {}, opt), riskmap::InputError);
    opt.alpha = 1.0;
    opt.lambdas = {0.1, 0.2};
    EXPECT_THROW(fitElasticNetPoisson(d.x, d.y, {}, opt), riskmap::InputError);
    EXPECT_THROW(fitElasticNetPoisson(d.x, Eigen::VectorXd::Zero(50)), riskmap::InputError);
    EXPECT_THROW(crossValidateElasticNetPoisson(d.x, d.y, {}, {}, 1, 1), riskmap::InputError);
}

TEST(ElasticNet, CancelledCrossValidationThrowsOnTheCallingThread)
{
    const auto d = simulate(200, 6);
    riskmap::core::Feedback fb;
    fb.cancel();
    EXPECT_THROW(crossValidateElasticNetPoisson(d.x, d.y, {}, {}, 5, 1, &fb), riskmap::CancelledError);
}
