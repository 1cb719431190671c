// SPDX-License-Identifier: GPL-3.0-or-later
// Coordinate descent for the penalised Poisson likelihood, and its cross-validation.
#include "riskmap/core/stats/elastic_net.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"
#include "parallel.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <random>
#include <thread>

namespace riskmap::core::stats {

namespace {

double softThreshold(double z, double g)
{
    return z > g ? z - g : (z < -g ? z + g : 0.0);
}

/// Penalised Poisson fit on standardised columns, warm-started from the last λ.
class Solver {
public:
    /// `rows` (may be null): the rows of x to fit on, in order; null means all rows.
    /// They are copied straight into the standardised matrix, so a fold holds one copy of its rows.
    Solver(const Eigen::MatrixXd& x, const std::vector<Eigen::Index>* rows, const Eigen::VectorXd& y,
           const Eigen::VectorXd& off, const ElasticNetOptions& opt)
        : m_y(y), m_off(off), m_opt(opt), m_n(static_cast<double>(y.size()))
    {
        if (rows) m_xs = x(*rows, Eigen::all);
        else m_xs = x;
        m_mean = m_xs.colwise().mean();
        m_xs.rowwise() -= m_mean.transpose();
        m_sd = (m_xs.colwise().squaredNorm() / m_n).array().sqrt();
        m_usable.resize(static_cast<std::size_t>(m_xs.cols()));
        for (Eigen::Index j = 0; j < m_xs.cols(); ++j) {
            m_usable[static_cast<std::size_t>(j)] = m_sd[j] > 1e-12 * std::max(1.0, std::fabs(m_mean[j]));
            if (m_usable[static_cast<std::size_t>(j)]) m_xs.col(j) /= m_sd[j];
            else m_xs.col(j).setZero();
        }
        m_b = Eigen::VectorXd::Zero(m_xs.cols());
        m_b0 = std::log(y.sum() / off.array().exp().sum());  // the intercept-only fit
        m_nullB0 = m_b0;
    }

    /// Threads for the row passes: 2 for a fit that runs alone; the result does not depend on it.
    void setThreads(int threads) { m_threads = threads; }

    /// λ above which every coefficient is 0: max |(1/n)·x̃ⱼᵀ(y − μ₀)| / α.
    double lambdaMax() const
    {
        if (m_xs.cols() == 0) return 0.0;
        const Eigen::VectorXd mu0 = (m_off.array() + m_b0).exp();
        const double g = (m_xs.transpose() * (m_y - mu0)).cwiseAbs().maxCoeff() / m_n;
        return g / std::max(m_opt.alpha, 1e-3);
    }

    void solve(double lambda)
    {
        Eigen::VectorXd eta = linear(m_b0, m_b);
        double obj = objective(eta, m_b, lambda);
        for (int outer = 0; outer < m_opt.maxOuterIterations; ++outer) {
            const Eigen::VectorXd mu = eta.array().min(700.0).exp().max(1e-10);
            const Eigen::VectorXd w = mu / m_n;
            const Eigen::VectorXd r = (m_y - mu).array() / mu.array();  // working residual
            const double oldB0 = m_b0;
            const Eigen::VectorXd oldB = m_b;
            const bool moved = coordinateDescent(w, r, lambda);
            // Step halving keeps the penalised objective from rising.
            eta = linear(m_b0, m_b);
            double next = objective(eta, m_b, lambda);
            for (int half = 0; half < 30 && !(next <= obj + 1e-14 * std::fabs(obj)); ++half) {
                m_b0 = 0.5 * (m_b0 + oldB0);
                m_b = 0.5 * (m_b + oldB);
                eta = linear(m_b0, m_b);
                next = objective(eta, m_b, lambda);
            }
            // Also done when the first full sweep moved nothing beyond the tolerance: the
            // quadratic approximation is at its own minimum, so further IRLS steps would only
            // repeat it (the objective test alone can stall on rounding noise near 1e-10).
            const bool done = !moved || std::fabs(obj - next) <= 1e-10 * (std::fabs(next) + 1e-3);
            obj = next;
            if (done) break;
        }
    }

    /// Coefficients on the original scale.
    Eigen::VectorXd coefficients() const { return m_b.array() / m_sd.array().max(1e-300); }
    double intercept() const { return m_b0 - coefficients().dot(m_mean); }
    Eigen::VectorXd fittedMean() const { return linear(m_b0, m_b).array().min(700.0).exp(); }
    Eigen::Index columns() const { return m_xs.cols(); }
    /// μ of the intercept-only model (with the offset).
    Eigen::VectorXd nullMean() const { return (m_off.array() + m_nullB0).exp(); }

private:
    /// One pass over the rows in cache-sized blocks (the matrix is read from memory once,
    /// not once per product): xv = Σᵢ wᵢx̃ᵢⱼ², grad = x̃ᵀ(w∘r) (`wr`), xw = x̃ᵀw, and the weighted
    /// Gram columns x̃ᵀW x̃ₖ of the columns in `set`, stored in m_gram. The rows are summed in
    /// two fixed halves, added in order, so the result is the same whether the halves run in
    /// one thread (folds, already parallel) or two (the full-data path, which runs alone).
    void weightedProducts(const Eigen::VectorXd& w, const Eigen::VectorXd& wr, const std::vector<Eigen::Index>& set,
                          Eigen::VectorXd& xv, Eigen::VectorXd& grad, Eigen::VectorXd& xw)
    {
        const Eigen::Index p = m_xs.cols(), n = m_xs.rows();
        const auto s = static_cast<Eigen::Index>(set.size());
        constexpr Eigen::Index kBlock = 2048;
        const Eigen::Index half = ((n / 2) / kBlock) * kBlock;
        struct Part {
            Eigen::MatrixXd acc;
            Eigen::VectorXd xv;
        };
        Part parts[2];
        const auto run = [&](Part& part, Eigen::Index from, Eigen::Index to) {
            Eigen::MatrixXd rhs(std::min(kBlock, std::max<Eigen::Index>(to - from, 1)), s + 2);
            part.acc = Eigen::MatrixXd::Zero(p, s + 2);
            part.xv = Eigen::VectorXd::Zero(p);
            for (Eigen::Index r0 = from; r0 < to; r0 += kBlock) {
                const Eigen::Index b = std::min(kBlock, to - r0);
                const auto xb = m_xs.middleRows(r0, b);
                const auto wb = w.segment(r0, b);
                auto rb = rhs.topRows(b);
                rb.col(0) = wr.segment(r0, b);
                rb.col(1) = wb;
                for (Eigen::Index k = 0; k < s; ++k)
                    rb.col(k + 2) = wb.cwiseProduct(xb.col(set[static_cast<std::size_t>(k)]));
                part.acc.noalias() += xb.transpose() * rb;
                part.xv += (xb.array().square().colwise() * wb.array()).colwise().sum().matrix().transpose();
            }
        };
        if (m_threads > 1 && half > 0) {
            std::exception_ptr error;  // e.g. bad_alloc; never let it end the process from a thread
            std::thread second([&] {
                try {
                    run(parts[1], half, n);
                } catch (...) {
                    error = std::current_exception();
                }
            });
            run(parts[0], 0, half);
            second.join();
            if (error) std::rethrow_exception(error);
        } else {
            run(parts[0], 0, half);
            run(parts[1], half, n);
        }
        const Eigen::MatrixXd acc = parts[0].acc + parts[1].acc;
        xv = parts[0].xv + parts[1].xv;
        grad = acc.col(0);
        xw = acc.col(1);
        for (Eigen::Index k = 0; k < s; ++k) m_gram.col(set[static_cast<std::size_t>(k)]) = acc.col(k + 2);
    }

    Eigen::VectorXd linear(double b0, const Eigen::VectorXd& b) const
    {
        return (m_off + m_xs * b).array() + b0;
    }

    double objective(const Eigen::VectorXd& eta, const Eigen::VectorXd& b, double lambda) const
    {
        const double nll = (eta.array().min(700.0).exp() - m_y.array() * eta.array()).sum() / m_n;
        const double pen = m_opt.alpha * b.cwiseAbs().sum() + 0.5 * (1.0 - m_opt.alpha) * b.squaredNorm();
        return nll + lambda * pen;
    }

    /// Minimises ½Σwᵢ(rᵢ − Δfit)² + penalty; full sweeps alternate with sweeps over the active set.
    /// "Covariance updates" (as glmnet): the sweeps never touch the n rows. They keep the
    /// gradient gⱼ = Σᵢ wᵢxᵢⱼrᵢ up to date through the weighted Gram column x̃ᵀW x̃ₖ of each
    /// coefficient that moves, computed once per call when k first moves; a sweep then costs
    /// O(p) per coordinate instead of O(n). The updates and their order are those of the plain
    /// residual-updating descent, so the iterates agree up to rounding.
    /// Returns false when the first full sweep already changed nothing beyond the tolerance.
    bool coordinateDescent(const Eigen::VectorXd& w, const Eigen::VectorXd& r, double lambda)
    {
        const Eigen::Index p = m_xs.cols();
        const Eigen::VectorXd wr = w.cwiseProduct(r);
        m_gram.resize(p, p);
        std::vector<char> haveColumn(static_cast<std::size_t>(p), 0);
        // The coefficients active now will almost all move again: their Gram columns come
        // with the other products from one blocked pass over the rows.
        std::vector<Eigen::Index> active;
        for (Eigen::Index j = 0; j < p; ++j)
            if (m_b[j] != 0.0) active.push_back(j);
        Eigen::VectorXd xv, grad, xw;
        weightedProducts(w, wr, active, xv, grad, xw);
        for (Eigen::Index k : active) haveColumn[static_cast<std::size_t>(k)] = 1;
        const double sw = w.sum();
        double rsum = wr.sum();                            // Σ wᵢ rᵢ
        const auto column = [&](Eigen::Index k) {
            if (!haveColumn[static_cast<std::size_t>(k)]) {
                m_gram.col(k).noalias() = m_xs.transpose() * (w.cwiseProduct(m_xs.col(k)));
                haveColumn[static_cast<std::size_t>(k)] = 1;
            }
            return m_gram.col(k);
        };
        bool full = true;
        for (int sweep = 0; sweep < 100000; ++sweep) {
            double maxChange = 0.0;
            for (Eigen::Index j = 0; j < p; ++j) {
                if (!m_usable[static_cast<std::size_t>(j)] || (!full && m_b[j] == 0.0)) continue;
                const double g = grad[j] + xv[j] * m_b[j];
                const double nb = softThreshold(g, lambda * m_opt.alpha) / (xv[j] + lambda * (1.0 - m_opt.alpha));
                const double d = nb - m_b[j];
                if (d == 0.0) continue;
                m_b[j] = nb;
                grad.noalias() -= d * column(j);
                rsum -= d * xw[j];
                maxChange = std::max(maxChange, xv[j] * d * d);
            }
            const double d0 = rsum / sw;
            m_b0 += d0;
            grad.noalias() -= d0 * xw;
            rsum -= d0 * sw;
            maxChange = std::max(maxChange, sw * d0 * d0);
            // Sweeps cost O(p) per coordinate here, so the inner problem is solved far below
            // the tolerance: the IRLS steps are then true Newton steps and converge in a few
            // iterations, instead of creeping for up to maxOuterIterations on a loose inner solve.
            if (maxChange < m_opt.tolerance * 1e-6) {
                if (full) return sweep > 0;  // a full sweep changed nothing: converged
                full = true;      // check the inactive coefficients once more
            } else {
                full = false;
            }
        }
        return true;
    }

    const Eigen::VectorXd& m_y;
    const Eigen::VectorXd& m_off;
    const ElasticNetOptions& m_opt;
    double m_n;
    Eigen::MatrixXd m_xs;
    Eigen::MatrixXd m_gram;  // weighted Gram columns of the current quadratic approximation
    Eigen::VectorXd m_mean, m_sd, m_b;
    std::vector<bool> m_usable;
    double m_b0 = 0.0;
    double m_nullB0 = 0.0;
    int m_threads = 1;
};

void checkInput(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                const ElasticNetOptions& opt)
{
    if (x.rows() != y.size() || (offset.size() != 0 && offset.size() != y.size()))
        throw InputError("elastic net: X, y and offset differ in length");
    if (!(opt.alpha >= 0.0 && opt.alpha <= 1.0)) throw InputError("elastic net: alpha must be in [0, 1]");
    if (!x.allFinite() || !offset.allFinite()) throw InputError("elastic net: X or offset not finite");
    for (double v : y)
        if (!(v >= 0.0) || !std::isfinite(v)) throw InputError("elastic net: counts must be finite and >= 0");
    if (!(y.sum() > 0.0)) throw InputError("elastic net: no events");
    for (std::size_t i = 0; i < opt.lambdas.size(); ++i)
        if (!(opt.lambdas[i] >= 0.0) || (i > 0 && opt.lambdas[i] > opt.lambdas[i - 1]))
            throw InputError("elastic net: lambdas must be >= 0 and decreasing");
}

}  // namespace

double poissonDeviance(const Eigen::VectorXd& y, const Eigen::VectorXd& mu)
{
    double d = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        d += 2.0 * ((y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0) - (y[i] - mu[i]));
    return d;
}

namespace {

/// Solves along `lambdas` with warm starts. With stopEarly the path ends, as in
/// glmnet, once the explained deviance stops growing (relative gain < 1e-5)
/// or reaches 0.999: smaller λ would only fit noise, and the held-out
/// deviance can no longer improve.
ElasticNetPath solvePath(Solver& solver, const Eigen::VectorXd& y, const std::vector<double>& lambdas,
                         bool stopEarly, Feedback* feedback = nullptr)
{
    ElasticNetPath path;
    const auto m = static_cast<Eigen::Index>(lambdas.size());
    path.coefficients.resize(solver.columns(), m);
    path.intercepts.resize(m);
    const double nullDev = poissonDeviance(y, solver.nullMean());
    double lastExplained = 0.0;
    Eigen::Index k = 0;
    for (; k < m; ++k) {
        const double lambda = lambdas[static_cast<std::size_t>(k)];
        if (feedback) feedback->checkCancelled();
        solver.solve(lambda);
        if (feedback) feedback->advance();
        path.lambdas.push_back(lambda);
        path.coefficients.col(k) = solver.coefficients();
        path.intercepts[k] = solver.intercept();
        path.deviance.push_back(poissonDeviance(y, solver.fittedMean()));
        const double explained = nullDev > 0.0 ? 1.0 - path.deviance.back() / nullDev : 1.0;
        const bool flat = k >= 5 && explained - lastExplained < 1e-5 * std::fabs(explained);
        lastExplained = explained;
        if (stopEarly && (flat || explained >= 0.999)) {
            ++k;
            break;
        }
    }
    path.coefficients.conservativeResize(Eigen::NoChange, k);
    path.intercepts.conservativeResize(k);
    return path;
}

}  // namespace

namespace {

/// fitElasticNetPoisson, advancing `feedback` (may be null) by one per λ.
ElasticNetPath fitPath(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                       const ElasticNetOptions& options, Feedback* feedback)
{
    checkInput(x, y, offset, options);
    const Eigen::VectorXd off = offset.size() ? offset : Eigen::VectorXd::Zero(y.size());
    Solver solver(x, nullptr, y, off, options);
    solver.setThreads(static_cast<int>(std::min(2U, std::max(1U, std::thread::hardware_concurrency()))));
    std::vector<double> lambdas = options.lambdas;
    if (lambdas.empty()) {
        const double top = solver.lambdaMax();
        const double ratio = options.lambdaMinRatio > 0.0 ? options.lambdaMinRatio
                                                          : (x.rows() > x.cols() ? 1e-4 : 1e-2);
        const int count = std::max(1, options.lambdaCount);
        for (int k = 0; k < count; ++k)
            lambdas.push_back(top * std::pow(ratio, count > 1 ? double(k) / (count - 1) : 0.0));
    }
    if (feedback) feedback->beginStage("elastic net op alle cellen", lambdas.size());
    return solvePath(solver, y, lambdas, options.lambdas.empty(), feedback);
}

}  // namespace

ElasticNetPath fitElasticNetPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                    const Eigen::VectorXd& offset, const ElasticNetOptions& options)
{
    return fitPath(x, y, offset, options, nullptr);
}

ElasticNetCv crossValidateElasticNetPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                                            const Eigen::VectorXd& offset, const ElasticNetOptions& options,
                                            int folds, std::uint64_t seed, Feedback* feedback)
{
    const auto n = static_cast<std::size_t>(y.size());
    if (folds < 2 || static_cast<std::size_t>(folds) > n) throw InputError("elastic net: folds must be in 2..n");
    ElasticNetCv cv;
    cv.path = fitPath(x, y, offset, options, feedback);
    const Eigen::VectorXd off = offset.size() ? offset : Eigen::VectorXd::Zero(y.size());

    std::vector<std::size_t> perm(n);
    for (std::size_t i = 0; i < n; ++i) perm[i] = i;
    std::mt19937_64 rng(seed);
    for (std::size_t i = n - 1; i > 0; --i) std::swap(perm[i], perm[rng() % (i + 1)]);

    const std::size_t m = cv.path.lambdas.size();
    std::vector<std::vector<double>> foldDev(static_cast<std::size_t>(folds), std::vector<double>(m));
    std::vector<double> foldSize(static_cast<std::size_t>(folds), 0.0);
    ElasticNetOptions foldOpt = options;
    foldOpt.lambdas = cv.path.lambdas;
    // Progress per λ of each fold: a fold at L takes minutes.
    if (feedback) feedback->beginStage("kruisvalidatie", static_cast<std::uint64_t>(folds) * m);
    // Folds are independent and write only their own row: run them in parallel.
    parallelFor(static_cast<std::size_t>(folds), [&](std::size_t f) {
        if (feedback) feedback->checkCancelled();
        std::vector<Eigen::Index> train, test;
        for (std::size_t i = 0; i < n; ++i)
            (i % static_cast<std::size_t>(folds) == f ? test : train).push_back(static_cast<Eigen::Index>(perm[i]));
        std::sort(train.begin(), train.end());
        std::sort(test.begin(), test.end());
        const Eigen::VectorXd yTrain = y(train), offTrain = off(train);
        if (!(yTrain.sum() > 0.0)) throw InputError("elastic net: a training fold has no events");
        ElasticNetPath p;
        {
            Solver solver(x, &train, yTrain, offTrain, foldOpt);  // freed before the test rows are copied
            // Early stop here too; λs past the stop keep the last solution.
            p = solvePath(solver, yTrain, foldOpt.lambdas, true, feedback);
        }
        if (feedback) feedback->advance(m - p.lambdas.size());  // λs past the early stop
        const Eigen::VectorXd yTest = y(test), offTest = off(test);
        const Eigen::MatrixXd xTest = x(test, Eigen::all);
        foldSize[f] = static_cast<double>(test.size());
        for (std::size_t k = 0; k < m; ++k) {
            const auto kk = std::min<Eigen::Index>(static_cast<Eigen::Index>(k), p.coefficients.cols() - 1);
            const Eigen::VectorXd mu = ((offTest + xTest * p.coefficients.col(kk)).array() + p.intercepts[kk]).exp();
            foldDev[f][k] = poissonDeviance(yTest, mu) / static_cast<double>(test.size());
        }
    });
    if (feedback) feedback->checkCancelled();

    // As glmnet: fold-size weighted mean and its standard error.
    const double total = static_cast<double>(n);
    for (std::size_t k = 0; k < m; ++k) {
        double mean = 0.0, var = 0.0;
        for (int f = 0; f < folds; ++f) mean += foldSize[std::size_t(f)] * foldDev[std::size_t(f)][k] / total;
        for (int f = 0; f < folds; ++f)
            var += foldSize[std::size_t(f)] * std::pow(foldDev[std::size_t(f)][k] - mean, 2) / total;
        cv.cvDeviance.push_back(mean);
        cv.cvStandardError.push_back(std::sqrt(var / (folds - 1)));
    }
    cv.indexMin = static_cast<std::size_t>(std::min_element(cv.cvDeviance.begin(), cv.cvDeviance.end()) -
                                           cv.cvDeviance.begin());
    const double limit = cv.cvDeviance[cv.indexMin] + cv.cvStandardError[cv.indexMin];
    cv.index1se = cv.indexMin;
    for (std::size_t k = 0; k < cv.indexMin; ++k)
        if (cv.cvDeviance[k] <= limit) {
            cv.index1se = k;
            break;
        }
    return cv;
}

}  // namespace riskmap::core::stats
