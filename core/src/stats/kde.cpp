// SPDX-License-Identifier: GPL-3.0-or-later
// Quartic kernel density with bucketed points, and a k-NN bandwidth suggestion.
#include "riskmap/core/stats/kde.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/feedback.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace riskmap::core::stats {

namespace {

constexpr double kM2PerKm2 = 1e6;
// Limits the bucket array for tiny bandwidths on large grids; buckets never
// get smaller than h, so the 3×3 neighbourhood still covers the kernel disc.
constexpr double kMaxBucketsPerAxis = 2048.0;

/// Points sorted by bucket (counting sort), with the offset of each bucket.
struct Buckets {
    double x0 = 0.0, y0 = 0.0, size = 0.0;
    long nx = 0, ny = 0;
    std::vector<std::size_t> start;  // nx*ny + 1 offsets into xs/ys/ws
    std::vector<double> xs, ys, ws;
};

/// Buckets over the envelope [xmin, xmax] × [ymin, ymax] of the evaluation sites grown by h.
Buckets bucketPoints(double xmin, double ymin, double xmax, double ymax, std::span<const Point2> points,
                     std::span<const double> weights, double h)
{
    Buckets b;
    const double width = xmax - xmin + 2.0 * h;
    const double height = ymax - ymin + 2.0 * h;
    b.size = std::max({h, width / kMaxBucketsPerAxis, height / kMaxBucketsPerAxis});
    b.x0 = xmin - h;
    b.y0 = ymin - h;
    b.nx = static_cast<long>(std::ceil(width / b.size)) + 1;
    b.ny = static_cast<long>(std::ceil(height / b.size)) + 1;

    // Bucket of each point, or -1 when it is too far from the grid to matter.
    std::vector<long> bucketOf(points.size(), -1);
    std::vector<std::size_t> counts(static_cast<std::size_t>(b.nx * b.ny) + 1, 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        const double fx = std::floor((points[i].x - b.x0) / b.size);
        const double fy = std::floor((points[i].y - b.y0) / b.size);
        if (!(fx >= 0.0 && fy >= 0.0 && fx < static_cast<double>(b.nx) && fy < static_cast<double>(b.ny)))
            continue;  // also skips NaN coordinates
        bucketOf[i] = static_cast<long>(fy) * b.nx + static_cast<long>(fx);
        ++counts[static_cast<std::size_t>(bucketOf[i]) + 1];
    }
    for (std::size_t k = 1; k < counts.size(); ++k) counts[k] += counts[k - 1];
    b.start = counts;
    b.xs.resize(counts.back());
    b.ys.resize(counts.back());
    b.ws.resize(counts.back());
    std::vector<std::size_t> fill(counts.begin(), counts.end() - 1);
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (bucketOf[i] < 0) continue;
        const std::size_t slot = fill[static_cast<std::size_t>(bucketOf[i])]++;
        b.xs[slot] = points[i].x;
        b.ys[slot] = points[i].y;
        b.ws[slot] = weights.empty() ? 1.0 : weights[i];
    }
    return b;
}

Buckets bucketPoints(const GridSpec& grid, std::span<const Point2> points, std::span<const double> weights, double h)
{
    return bucketPoints(grid.left, grid.top - static_cast<double>(grid.rows) * grid.cellSize,
                        grid.left + static_cast<double>(grid.cols) * grid.cellSize, grid.top, points, weights, h);
}

/// Σ w·(1 − d²/h²)² over the points of the 3×3 buckets around (cx, cy).
double quarticSum(const Buckets& b, double cx, double cy, double h2)
{
    const long by = static_cast<long>(std::floor((cy - b.y0) / b.size));
    const long bx = static_cast<long>(std::floor((cx - b.x0) / b.size));
    double sum = 0.0;
    for (long yy = std::max(0L, by - 1); yy <= std::min(b.ny - 1, by + 1); ++yy) {
        for (long xx = std::max(0L, bx - 1); xx <= std::min(b.nx - 1, bx + 1); ++xx) {
            const auto cell = static_cast<std::size_t>(yy * b.nx + xx);
            for (std::size_t k = b.start[cell]; k < b.start[cell + 1]; ++k) {
                const double dx = b.xs[k] - cx;
                const double dy = b.ys[k] - cy;
                const double d2 = dx * dx + dy * dy;
                if (d2 >= h2) continue;
                const double u = 1.0 - d2 / h2;
                sum += b.ws[k] * u * u;
            }
        }
    }
    return sum;
}

void checkArguments(std::span<const Point2> points, double bandwidth, std::span<const double> weights)
{
    if (!(bandwidth > 0.0) || !std::isfinite(bandwidth))
        throw InputError("kernel density: bandwidth must be positive");
    if (!weights.empty() && weights.size() != points.size())
        throw InputError("kernel density: one weight per point needed");
}

}  // namespace

double quarticKernel(double distance, double bandwidth)
{
    if (!(distance < bandwidth)) return 0.0;
    const double u = 1.0 - (distance * distance) / (bandwidth * bandwidth);
    return 3.0 / (std::numbers::pi * bandwidth * bandwidth) * u * u;
}

std::vector<double> quarticDensity(const GridSpec& grid, std::span<const Point2> points,
                                   double bandwidth, std::span<const double> weights,
                                   Feedback* feedback)
{
    validateGrid(grid);
    checkArguments(points, bandwidth, weights);

    const double h = bandwidth;
    const double h2 = h * h;
    const double scale = 3.0 / (std::numbers::pi * h2) * kM2PerKm2;
    const Buckets b = bucketPoints(grid, points, weights, h);
    std::vector<double> density(grid.cellCount(), 0.0);
    if (feedback) feedback->beginStage("kerndichtheid", grid.rows);

    for (std::size_t row = 0; row < grid.rows; ++row) {
        if (feedback) feedback->checkCancelled();
        const double cy = grid.centreY(row);
        for (std::size_t col = 0; col < grid.cols; ++col)
            density[grid.index(col, row)] = quarticSum(b, grid.centreX(col), cy, h2) * scale;
        if (feedback) feedback->advance();
    }
    return density;
}

std::vector<double> quarticDensityAt(std::span<const Point2> sites, std::span<const Point2> points, double bandwidth,
                                     std::span<const double> weights, Feedback* feedback)
{
    checkArguments(points, bandwidth, weights);
    std::vector<double> density(sites.size(), 0.0);
    if (sites.empty()) return density;
    double xmin = sites[0].x, xmax = xmin, ymin = sites[0].y, ymax = ymin;
    for (const Point2& s : sites) {
        if (!std::isfinite(s.x) || !std::isfinite(s.y)) throw InputError("kernel density: site without coordinates");
        xmin = std::min(xmin, s.x), xmax = std::max(xmax, s.x);
        ymin = std::min(ymin, s.y), ymax = std::max(ymax, s.y);
    }
    const double h2 = bandwidth * bandwidth;
    const double scale = 3.0 / (std::numbers::pi * h2) * kM2PerKm2;
    const Buckets b = bucketPoints(xmin, ymin, xmax, ymax, points, weights, bandwidth);
    if (feedback) feedback->beginStage("kerndichtheid", sites.size());
    for (std::size_t i = 0; i < sites.size(); ++i) {
        if (feedback && i % 4096 == 0) feedback->checkCancelled();
        density[i] = quarticSum(b, sites[i].x, sites[i].y, h2) * scale;
    }
    if (feedback) feedback->advance(sites.size());
    return density;
}

double suggestBandwidth(std::span<const Point2> points, int k)
{
    namespace bg = boost::geometry;
    namespace bgi = boost::geometry::index;
    using BPoint = bg::model::point<double, 2, bg::cs::cartesian>;
    if (k < 1) throw InputError("bandwidth: k must be at least 1");
    if (points.size() < static_cast<std::size_t>(k) + 1)
        throw InputError("bandwidth: fewer than k + 1 points");

    std::vector<BPoint> pts;
    pts.reserve(points.size());
    for (const Point2& p : points) pts.emplace_back(p.x, p.y);
    const bgi::rtree<BPoint, bgi::rstar<16>> tree(pts.begin(), pts.end());

    // The k+1 nearest include the point itself (or a duplicate) at distance 0,
    // so the largest of them is the distance to the k-th nearest other point.
    std::vector<double> kth;
    kth.reserve(pts.size());
    std::vector<BPoint> found;
    for (const BPoint& p : pts) {
        found.clear();
        tree.query(bgi::nearest(p, static_cast<unsigned>(k) + 1), std::back_inserter(found));
        double far = 0.0;
        for (const BPoint& q : found) far = std::max(far, bg::distance(p, q));
        kth.push_back(far);
    }
    const std::size_t mid = kth.size() / 2;
    std::nth_element(kth.begin(), kth.begin() + static_cast<long>(mid), kth.end());
    double median = kth[mid];
    if (kth.size() % 2 == 0) {
        const double lower = *std::max_element(kth.begin(), kth.begin() + static_cast<long>(mid));
        median = 0.5 * (median + lower);
    }
    if (!(median > 0.0)) throw InputError("bandwidth: most points are duplicates");
    return median;
}

}  // namespace riskmap::core::stats
