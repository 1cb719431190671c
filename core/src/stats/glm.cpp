// SPDX-License-Identifier: GPL-3.0-or-later
// IRLS for log-link count models; ML of the NB2 size parameter by Newton steps.
#include "riskmap/core/stats/glm.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/stats/normal.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::core::stats {

namespace {

constexpr double kThetaMin = 1e-4;
constexpr double kThetaMax = 1e8;

double digamma(double x)
{
    double r = 0.0;
    for (; x < 6.0; x += 1.0) r -= 1.0 / x;
    const double f = 1.0 / (x * x);
    return r + std::log(x) - 0.5 / x - f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f / 132))));
}

double trigamma(double x)
{
    double r = 0.0;
    for (; x < 6.0; x += 1.0) r += 1.0 / (x * x);
    const double f = 1.0 / (x * x);
    return r + 1.0 / x + f / 2.0 + f / x * (1.0 / 6 - f * (1.0 / 30 - f * (1.0 / 42 - f / 30)));
}

/// Counts are whole numbers in practice; then ln Γ(y+θ) − ln Γ(θ) and its
/// derivatives are short sums, exact even for huge θ where the Γ terms cancel.
bool smallWholeNumber(double y)
{
    return y < 1000.0 && y == std::floor(y);
}

double lgammaRatio(double y, double th)
{
    if (!smallWholeNumber(y)) return std::lgamma(y + th) - std::lgamma(th);
    double s = 0.0;
    for (int j = 0; j < static_cast<int>(y); ++j) s += std::log(th + j);
    return s;
}

double digammaRatio(double y, double th)
{
    if (!smallWholeNumber(y)) return digamma(y + th) - digamma(th);
    double s = 0.0;
    for (int j = 0; j < static_cast<int>(y); ++j) s += 1.0 / (th + j);
    return s;
}

double trigammaRatio(double y, double th)
{
    if (!smallWholeNumber(y)) return trigamma(y + th) - trigamma(th);
    double s = 0.0;
    for (int j = 0; j < static_cast<int>(y); ++j) s -= 1.0 / ((th + j) * (th + j));
    return s;
}

void checkInput(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset)
{
    if (x.rows() != y.size()) throw InputError("GLM: X and y differ in length");
    if (offset.size() != 0 && offset.size() != y.size()) throw InputError("GLM: offset differs in length");
    if (x.rows() <= x.cols()) throw InputError("GLM: fewer observations than coefficients");
    if (!x.allFinite() || !offset.allFinite()) throw InputError("GLM: X or offset not finite");
    for (double v : y)
        if (!(v >= 0.0) || !std::isfinite(v)) throw InputError("GLM: counts must be finite and >= 0");
    if (!(y.sum() > 0.0)) throw InputError("GLM: no events (all counts 0)");
}

/// IRLS for a log-link model with variance μ + μ²/θ (θ = ∞: Poisson).
/// Starts from `beta` when it has the right size, else from μ = y + 0.1.
struct IrlsResult {
    Eigen::VectorXd beta, mu;
    int iterations = 0;
    bool converged = false;
};

double logLik(const Eigen::VectorXd& y, const Eigen::VectorXd& mu, double theta)
{
    return std::isinf(theta) ? poissonLogLikelihood(y, mu) : negativeBinomialLogLikelihood(y, mu, theta);
}

IrlsResult irls(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& off,
                double theta, Eigen::VectorXd beta, const GlmOptions& opt)
{
    Eigen::VectorXd eta = beta.size() == x.cols() ? Eigen::VectorXd(x * beta + off)
                                                  : Eigen::VectorXd((y.array() + 0.1).log().matrix());
    Eigen::VectorXd mu = eta.array().exp();
    double obj = beta.size() == x.cols() ? -2.0 * logLik(y, mu, theta) : std::numeric_limits<double>::infinity();
    IrlsResult res;
    for (int it = 1; it <= opt.maxIterations; ++it) {
        res.iterations = it;
        Eigen::VectorXd w = std::isinf(theta) ? mu : Eigen::VectorXd(mu.array() / (1.0 + mu.array() / theta));
        Eigen::VectorXd z = (eta - off).array() + (y - mu).array() / mu.array();
        Eigen::VectorXd sw = w.array().sqrt();
        Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(sw.asDiagonal() * x);
        if (qr.rank() < x.cols()) throw InputError("GLM: collinear predictors");
        Eigen::VectorXd next = qr.solve(Eigen::VectorXd(sw.asDiagonal() * z));
        // Step halving when the likelihood gets worse (rare for canonical fits).
        double newObj = 0.0;
        for (int half = 0; half < 30; ++half) {
            eta = x * next + off;
            mu = eta.array().min(700.0).exp();
            newObj = -2.0 * logLik(y, mu, theta);
            if (std::isfinite(newObj) && (newObj <= obj + 1e-12 * std::fabs(obj) || beta.size() != x.cols())) break;
            next = 0.5 * (next + beta);
        }
        const bool done = std::fabs(newObj - obj) < opt.tolerance * (std::fabs(newObj) + 0.1);
        beta = next;
        obj = newObj;
        if (done) {
            res.converged = true;
            break;
        }
    }
    res.beta = beta;
    res.mu = mu;
    return res;
}

/// ML estimate of θ for fixed μ: Newton on t = ln θ with step halving.
double estimateTheta(const Eigen::VectorXd& y, const Eigen::VectorXd& mu, double theta, double* se)
{
    auto ll = [&](double th) { return negativeBinomialLogLikelihood(y, mu, th); };
    auto derivs = [&](double th, double& g, double& h) {
        g = 0.0;
        h = 0.0;
        for (Eigen::Index i = 0; i < y.size(); ++i) {
            const double tm = th + mu[i];
            // ln θ + 1 − ln(θ+μ) − (y+θ)/(θ+μ) = −ln(1 + μ/θ) + (μ − y)/(θ+μ)
            g += digammaRatio(y[i], th) - std::log1p(mu[i] / th) + (mu[i] - y[i]) / tm;
            // 1/θ − 2/(θ+μ) + (y+θ)/(θ+μ)² = μ/(θ(θ+μ)) + (y − μ)/(θ+μ)²
            h += trigammaRatio(y[i], th) + mu[i] / (th * tm) + (y[i] - mu[i]) / (tm * tm);
        }
    };
    double t = std::log(std::clamp(theta, kThetaMin, kThetaMax));
    double cur = ll(std::exp(t));
    for (int it = 0; it < 100; ++it) {
        double g = 0.0, h = 0.0;
        const double th = std::exp(t);
        derivs(th, g, h);
        const double gt = th * g, ht = th * th * h + th * g;
        double step = ht < 0.0 ? -gt / ht : (gt > 0.0 ? 1.0 : -1.0);
        step = std::clamp(step, -5.0, 5.0);
        double tNew = t, llNew = cur;
        for (int half = 0; half < 40; ++half, step *= 0.5) {
            tNew = std::clamp(t + step, std::log(kThetaMin), std::log(kThetaMax));
            llNew = ll(std::exp(tNew));
            if (llNew >= cur) break;
        }
        const bool done = std::fabs(tNew - t) < 1e-10 || llNew - cur < 1e-12;
        if (llNew >= cur) { t = tNew; cur = llNew; }
        if (done) break;
    }
    const double th = std::exp(t);
    double g = 0.0, h = 0.0;
    derivs(th, g, h);
    *se = h < 0.0 ? 1.0 / std::sqrt(-h) : std::numeric_limits<double>::infinity();
    return th;
}

void finish(GlmFit& f, const Eigen::MatrixXd& x, const Eigen::VectorXd& y)
{
    const double th = f.theta;
    const Eigen::VectorXd& mu = f.fitted;
    Eigen::VectorXd w = std::isinf(th) ? mu : Eigen::VectorXd(mu.array() / (1.0 + mu.array() / th));
    const Eigen::MatrixXd info = x.transpose() * w.asDiagonal() * x;
    const Eigen::MatrixXd cov = info.ldlt().solve(Eigen::MatrixXd::Identity(x.cols(), x.cols()));
    f.standardErrors = cov.diagonal().array().sqrt();
    f.zValues = f.coefficients.array() / f.standardErrors.array();
    f.pValues = f.zValues.unaryExpr([](double z) { return twoSidedNormalP(z); });
    f.ciLower = f.coefficients - kZ975 * f.standardErrors;
    f.ciUpper = f.coefficients + kZ975 * f.standardErrors;
    f.observations = static_cast<std::size_t>(y.size());
    f.parameters = static_cast<int>(x.cols()) + (f.family == GlmFamily::NegativeBinomial ? 1 : 0);
    f.logLikelihood = logLik(y, mu, th);
    double dev = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        const double yl = y[i] > 0 ? y[i] * std::log(y[i] / mu[i]) : 0.0;
        dev += std::isinf(th) ? 2.0 * (yl - (y[i] - mu[i]))
                              : 2.0 * (yl - (y[i] + th) * std::log((y[i] + th) / (mu[i] + th)));
    }
    f.deviance = dev;
    f.aic = -2.0 * f.logLikelihood + 2.0 * f.parameters;
    f.bic = -2.0 * f.logLikelihood + f.parameters * std::log(static_cast<double>(y.size()));
}

}  // namespace

Eigen::MatrixXd withIntercept(const Eigen::MatrixXd& x)
{
    Eigen::MatrixXd out(x.rows(), x.cols() + 1);
    out.col(0).setOnes();
    out.rightCols(x.cols()) = x;
    return out;
}

double poissonLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu)
{
    double ll = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i)
        ll += (y[i] > 0 ? y[i] * std::log(mu[i]) : 0.0) - mu[i] - std::lgamma(y[i] + 1.0);
    return ll;
}

double negativeBinomialLogLikelihood(const Eigen::VectorXd& y, const Eigen::VectorXd& mu, double theta)
{
    double ll = 0.0;
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        const double tm = theta + mu[i];
        ll += lgammaRatio(y[i], theta) - std::lgamma(y[i] + 1.0) - theta * std::log1p(mu[i] / theta) +
              (y[i] > 0 ? y[i] * std::log(mu[i] / tm) : 0.0);
    }
    return ll;
}

GlmFit fitPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                  const GlmOptions& options)
{
    checkInput(x, y, offset);
    const Eigen::VectorXd off = offset.size() ? offset : Eigen::VectorXd::Zero(y.size());
    const IrlsResult r = irls(x, y, off, std::numeric_limits<double>::infinity(), {}, options);
    GlmFit f;
    f.family = GlmFamily::Poisson;
    f.coefficients = r.beta;
    f.fitted = r.mu;
    f.iterations = r.iterations;
    f.converged = r.converged;
    finish(f, x, y);
    return f;
}

GlmFit fitNegativeBinomial(const Eigen::MatrixXd& x, const Eigen::VectorXd& y, const Eigen::VectorXd& offset,
                           const GlmOptions& options)
{
    checkInput(x, y, offset);
    const Eigen::VectorXd off = offset.size() ? offset : Eigen::VectorXd::Zero(y.size());
    IrlsResult r = irls(x, y, off, std::numeric_limits<double>::infinity(), {}, options);
    // Moment start for θ: n / Σ(y/μ − 1)², as MASS::glm.nb does.
    const double ss = ((y.array() / r.mu.array()) - 1.0).square().sum();
    double theta = ss > 0 ? static_cast<double>(y.size()) / ss : kThetaMax;
    double thetaSe = 0.0;
    theta = estimateTheta(y, r.mu, theta, &thetaSe);
    double ll = negativeBinomialLogLikelihood(y, r.mu, theta);
    GlmFit f;
    f.family = GlmFamily::NegativeBinomial;
    int total = r.iterations;
    for (int outer = 0; outer < options.maxOuterIterations; ++outer) {
        r = irls(x, y, off, theta, r.beta, options);
        total += r.iterations;
        const double thetaOld = theta;
        theta = estimateTheta(y, r.mu, theta, &thetaSe);
        const double llNew = negativeBinomialLogLikelihood(y, r.mu, theta);
        const bool done = std::fabs(llNew - ll) < options.tolerance * (std::fabs(llNew) + 0.1) &&
                          std::fabs(std::log(theta / thetaOld)) < 1e-6;
        ll = llNew;
        if (done) {
            f.converged = r.converged;
            break;
        }
    }
    f.coefficients = r.beta;
    f.fitted = r.mu;
    f.theta = theta;
    f.thetaStandardError = thetaSe;
    f.iterations = total;
    finish(f, x, y);
    return f;
}

}  // namespace riskmap::core::stats
