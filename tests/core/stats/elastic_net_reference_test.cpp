// SPDX-License-Identifier: GPL-3.0-or-later
// The covariance-update elastic net agrees with a plain residual-updating coordinate descent.
#include "riskmap/core/stats/elastic_net.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace riskmap::core::stats;

namespace {

/// The straightforward solver the library used before its covariance updates, kept as the
/// oracle: every coordinate step reads and updates all n working residuals; here its inner
/// tolerance is tightened so that it returns the exact minimiser. Same objective
/// (1/n)·Σ(μ − yη) + λ·(α|β|₁ + (1−α)/2·|β|²) on population-sd standardised columns.
struct ReferencePath {
    Eigen::MatrixXd coefficients;  // p × λ, original scale
    Eigen::VectorXd intercepts;
};

ReferencePath referencePath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const std::vector<double>& lambdas,
                            double alpha)
{
    const double n = static_cast<double>(y.size());
    const Eigen::Index p = x.cols();
    const Eigen::RowVectorXd mean = x.colwise().mean();
    Eigen::MatrixXd xs = x.rowwise() - mean;
    const Eigen::VectorXd sd = (xs.colwise().squaredNorm() / n).array().sqrt();
    for (Eigen::Index j = 0; j < p; ++j) xs.col(j) /= sd[j];
    Eigen::VectorXd b = Eigen::VectorXd::Zero(p);
    double b0 = std::log(y.mean());
    auto objective = [&](double c0, const Eigen::VectorXd& c, double lambda) {
        const Eigen::ArrayXd eta = (xs * c).array() + c0;
        return (eta.exp() - y.array() * eta).sum() / n +
               lambda * (alpha * c.cwiseAbs().sum() + 0.5 * (1.0 - alpha) * c.squaredNorm());
    };
    ReferencePath out{Eigen::MatrixXd(p, static_cast<Eigen::Index>(lambdas.size())),
                      Eigen::VectorXd(static_cast<Eigen::Index>(lambdas.size()))};
    for (std::size_t k = 0; k < lambdas.size(); ++k) {
        const double lambda = lambdas[k];
        double obj = objective(b0, b, lambda);
        for (int outer = 0; outer < 100; ++outer) {
            const Eigen::VectorXd mu = ((xs * b).array() + b0).exp();
            const Eigen::VectorXd w = mu / n;
            Eigen::VectorXd r = (y - mu).array() / mu.array();
            const Eigen::VectorXd xv = xs.array().square().matrix().transpose() * w;
            const double sw = w.sum();
            const double oldB0 = b0;
            const Eigen::VectorXd oldB = b;
            bool full = true;
            for (int sweep = 0; sweep < 100000; ++sweep) {
                double maxChange = 0.0;
                for (Eigen::Index j = 0; j < p; ++j) {
                    if (!full && b[j] == 0.0) continue;
                    const double g = xs.col(j).dot(w.cwiseProduct(r)) + xv[j] * b[j];
                    const double t = lambda * alpha;
                    const double st = g > t ? g - t : (g < -t ? g + t : 0.0);
                    const double d = st / (xv[j] + lambda * (1.0 - alpha)) - b[j];
                    if (d == 0.0) continue;
                    b[j] += d;
                    r -= d * xs.col(j);
                    maxChange = std::max(maxChange, xv[j] * d * d);
                }
                const double d0 = w.dot(r) / sw;
                b0 += d0;
                r.array() -= d0;
                maxChange = std::max(maxChange, sw * d0 * d0);
                if (maxChange < 1e-16) {  // solved to the end: the oracle is the exact minimiser
                    if (full) break;
                    full = true;
                } else {
                    full = false;
                }
            }
            double next = objective(b0, b, lambda);
            for (int half = 0; half < 30 && !(next <= obj + 1e-14 * std::fabs(obj)); ++half) {
                b0 = 0.5 * (b0 + oldB0);
                b = 0.5 * (b + oldB);
                next = objective(b0, b, lambda);
            }
            const bool done = std::fabs(obj - next) <= 1e-10 * (std::fabs(next) + 1e-3);
            obj = next;
            if (done) break;
        }
        const Eigen::VectorXd original = b.array() / sd.array();
        out.coefficients.col(static_cast<Eigen::Index>(k)) = original;
        out.intercepts[static_cast<Eigen::Index>(k)] = b0 - original.dot(mean.transpose());
    }
    return out;
}

/// RTM-like design: nested binary proximities and densities of one point pattern (strongly
/// correlated columns), plus independent noise columns.
void simulate(int n, std::uint64_t seed, Eigen::MatrixXd& x, Eigen::VectorXd& y)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> nd(0.0, 1.0);
    std::uniform_real_distribution<double> ud(0.0, 1.0);
    x.resize(n, 12);
    y.resize(n);
    for (int i = 0; i < n; ++i) {
        const double dist = 800.0 * ud(rng);
        for (int k = 0; k < 4; ++k) x(i, k) = dist <= 100.0 * (k + 1) ? 1.0 : 0.0;
        for (int k = 0; k < 4; ++k) x(i, 4 + k) = std::floor(3.0 * ud(rng) * x(i, k) + (k + 1) * ud(rng));
        for (int k = 8; k < 12; ++k) x(i, k) = nd(rng) * (1.0 + k % 3);
        const double eta = -0.5 + 0.8 * x(i, 1) + 0.15 * x(i, 6) - 0.2 * x(i, 9);
        y[i] = std::poisson_distribution<int>(std::exp(eta))(rng);
    }
}

void expectSamePath(double alpha, std::uint64_t seed)
{
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
    simulate(400, seed, x, y);
    // λ from the library's own automatic path, then solved in full by both.
    ElasticNetOptions opt;
    opt.alpha = alpha;
    opt.lambdaCount = 30;
    opt.lambdaMinRatio = 1e-3;
    const std::vector<double> lambdas = fitElasticNetPoisson(x, y, {}, opt).lambdas;
    ASSERT_GE(lambdas.size(), 10u);
    opt.lambdas = lambdas;
    const ElasticNetPath fast = fitElasticNetPoisson(x, y, {}, opt);
    const ReferencePath ref = referencePath(x, y, lambdas, alpha);
    ASSERT_EQ(fast.coefficients.cols(), ref.coefficients.cols());
    int nonZero = 0;
    for (Eigen::Index k = 0; k < ref.coefficients.cols(); ++k) {
        const double scale = std::max(1.0, ref.coefficients.col(k).cwiseAbs().maxCoeff());
        for (Eigen::Index j = 0; j < ref.coefficients.rows(); ++j) {
            EXPECT_NEAR(fast.coefficients(j, k), ref.coefficients(j, k), 1e-6 * scale) << "λ " << k << " β" << j;
            nonZero += ref.coefficients(j, k) != 0.0;
        }
        EXPECT_NEAR(fast.intercepts[k], ref.intercepts[k], 1e-6 * std::max(1.0, std::fabs(ref.intercepts[k])));
    }
    EXPECT_GT(nonZero, 50);  // the path really leaves zero
}

}  // namespace

TEST(ElasticNetReference, LassoPathEqualsPlainCoordinateDescent) { expectSamePath(1.0, 7); }

TEST(ElasticNetReference, ElasticNetPathEqualsPlainCoordinateDescent) { expectSamePath(0.5, 8); }
