// SPDX-License-Identifier: GPL-3.0-or-later
// SpatialQuery::countWithin over a PointGrid (and over MaskedTargets) and nearestDistance to polygons
// (also over MaskedTargets), against brute-force GEOS.
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/masked_targets.hpp"
#include "riskmap/gis/point_grid.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/wkb.hpp"

#include <geos_c.h>
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <vector>

namespace {

using namespace riskmap::gis;

FeatureRow row(std::int64_t fid, Wkb wkb) { return FeatureRow{fid, {}, std::move(wkb)}; }

/// Count of points whose GEOS distance to the subject is at most `d` (the oracle: no index, no shortcut).
std::size_t bruteCount(const Wkb& subject, const std::vector<XY>& points, const std::vector<std::uint8_t>& mask, double d)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader* r = GEOSWKBReader_create_r(h);
    GEOSGeometry* s = GEOSWKBReader_read_r(h, r, subject.data(), subject.size());
    std::size_t n = 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
        if (!mask.empty() && !mask[i]) continue;
        GEOSGeometry* p = GEOSGeom_createPointFromXY_r(h, points[i].x, points[i].y);
        double dist = 0;
        GEOSDistance_r(h, s, p, &dist);
        n += dist <= d;
        GEOSGeom_destroy_r(h, p);
    }
    GEOSGeom_destroy_r(h, s);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    return n;
}

TEST(PointGrid, CountsMatchBruteForceIncludingTiesAtTheDistance)
{
    // Integer coordinates with integer distances: many points lie exactly at the distance.
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> coord(0, 400);
    std::vector<XY> points;
    std::vector<FeatureRow> rows;
    for (int i = 0; i < 3000; ++i) {
        points.push_back({static_cast<double>(coord(rng)), static_cast<double>(coord(rng))});
        rows.push_back(row(i + 1, pointWkb(points.back())));
    }
    const auto set = FeatureSet::fromRows({}, std::move(rows));
    std::vector<std::uint8_t> mask(points.size());
    for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = (i % 3) != 0;

    std::vector<Wkb> subjects{
        polygonWkb({{{100, 100}, {160, 100}, {160, 130}, {100, 130}}}),                     // rectangle
        polygonWkb({{{200, 200}, {300, 210}, {210, 300}}}),                                 // triangle
        polygonWkb({{{50, 250}, {150, 250}, {150, 350}, {50, 350}}, {{80, 280}, {120, 280}, {120, 320}, {80, 320}}}),  // hole
        polygonWkb({{{300, 20}, {390, 20}, {390, 30}, {310, 30}, {310, 110}, {300, 110}}}),  // L shape
        multiPolygonWkb({{{{10, 10}, {20, 10}, {20, 20}, {10, 20}}}, {{{90, 60}, {95, 60}, {95, 70}}}}),
        polygonWkb({{{180, 40}, {240, 70}, {225, 100}, {165, 70}}}),                          // rotated rectangle
        lineStringWkb({{0, 390}, {120, 380}, {250, 395}}),
        pointWkb({333, 333}),
    };
    std::vector<FeatureRow> subjectRows;
    for (std::size_t k = 0; k < subjects.size(); ++k) subjectRows.push_back(row(static_cast<std::int64_t>(k + 1), subjects[k]));
    const auto subjectSet = FeatureSet::fromRows({}, std::move(subjectRows));

    SpatialQuery q;
    for (double d : {0.0, 5.0, 25.0, 60.0, 150.0}) {
        for (double band : {1.0, d / 8 + 0.5, 7.0, 1000.0}) {
            for (bool masked : {true, false}) {
                const std::vector<std::uint8_t> useMask = masked ? mask : std::vector<std::uint8_t>{};
                const PointGrid grid(set, useMask, band);
                ASSERT_TRUE(grid.usable());
                const MaskedTargets targets(set, useMask);
                for (std::size_t k = 0; k < subjects.size(); ++k) {
                    ASSERT_TRUE(q.setSubject(subjectSet, k));
                    const std::size_t expected = bruteCount(subjects[k], points, useMask, d);
                    EXPECT_EQ(q.countWithin(grid, d), expected) << "subject " << k << " d " << d << " band " << band;
                    EXPECT_EQ(q.countWithin(set, d, useMask), expected) << "subject " << k << " d " << d;
                    EXPECT_EQ(q.countWithin(targets, d), expected) << "subject " << k << " d " << d;
                }
            }
        }
    }
}

TEST(PointGrid, CountsMatchBruteForceWhereTheSureRangesOfABandSplit)
{
    // Dense points (a jittered 2.5 m lattice) around subjects whose vertices lie far apart at the same
    // height: a band then holds many points in reach, the sure ranges of the vertices fall apart into
    // several, and the positions between them are found by search (the arms of a U, a comb's teeth,
    // two squares apart).
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> jitter(-1.0, 1.0);
    std::vector<XY> points;
    std::vector<FeatureRow> rows;
    for (int i = 0; i < 160; ++i) {
        for (int j = 0; j < 160; ++j) {
            points.push_back({2.5 * i + jitter(rng), 2.5 * j + jitter(rng)});
            rows.push_back(row(static_cast<std::int64_t>(points.size()), pointWkb(points.back())));
        }
    }
    const auto set = FeatureSet::fromRows({}, std::move(rows));
    std::vector<Wkb> subjects{
        polygonWkb({{{50, 50}, {350, 50}, {350, 350}, {330, 350}, {330, 70}, {70, 70}, {70, 350}, {50, 350}}}),  // U
        polygonWkb({{{40, 100}, {360, 100}, {360, 300}, {320, 300}, {320, 120}, {280, 120}, {280, 300}, {240, 300},
                     {240, 120}, {200, 120}, {200, 300}, {160, 300}, {160, 120}, {120, 120}, {120, 300}, {80, 300},
                     {80, 120}, {40, 120}}}),  // comb
        multiPolygonWkb({{{{60, 180}, {80, 180}, {80, 200}, {60, 200}}}, {{{300, 190}, {320, 190}, {320, 210}, {300, 210}}}}),
    };
    std::vector<FeatureRow> subjectRows;
    for (std::size_t k = 0; k < subjects.size(); ++k) subjectRows.push_back(row(static_cast<std::int64_t>(k + 1), subjects[k]));
    const auto subjectsSet = FeatureSet::fromRows({}, std::move(subjectRows));
    SpatialQuery q;
    for (double d : {8.0, 30.0}) {
        for (double band : {d / 8, d / 2}) {
            const PointGrid grid(set, {}, band);
            ASSERT_TRUE(grid.usable());
            for (std::size_t k = 0; k < subjects.size(); ++k) {
                ASSERT_TRUE(q.setSubject(subjectsSet, k));
                EXPECT_EQ(q.countWithin(grid, d), bruteCount(subjects[k], points, {}, d)) << "subject " << k << " d " << d << " band " << band;
            }
        }
    }
}

TEST(PointGrid, RefusesLayersWithOtherThanPoints)
{
    std::vector<FeatureRow> rows{row(1, pointWkb({1, 1})), row(2, polygonWkb({{{0, 0}, {1, 0}, {1, 1}}}))};
    const auto set = FeatureSet::fromRows({}, std::move(rows));
    EXPECT_FALSE(PointGrid(set, {}, 10).usable());
    EXPECT_TRUE(PointGrid(set, {1, 0}, 10).usable());  // the polygon is masked out
}

}  // namespace

namespace {

/// Nearest distance by brute force with GEOS (optionally skipping targets that intersect the subject).
double bruteNearest(const Wkb& subject, const std::vector<Wkb>& targets, bool excludeIntersecting)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader* r = GEOSWKBReader_create_r(h);
    GEOSGeometry* s = GEOSWKBReader_read_r(h, r, subject.data(), subject.size());
    double best = std::numeric_limits<double>::infinity();
    for (const auto& t : targets) {
        GEOSGeometry* g = GEOSWKBReader_read_r(h, r, t.data(), t.size());
        if (!(excludeIntersecting && GEOSIntersects_r(h, s, g) == 1)) {
            double dist = 0;
            GEOSDistance_r(h, s, g, &dist);
            best = std::min(best, dist);
        }
        GEOSGeom_destroy_r(h, g);
    }
    GEOSGeom_destroy_r(h, s);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    return best;
}

TEST(SpatialQueryNearest, PolygonTargetsMatchBruteForceGeos)
{
    // Buildings as random quadrilaterals and triangles; subjects as larger polygons among them.
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> at(0, 2000), size(2, 30);
    std::vector<Wkb> targets;
    std::vector<FeatureRow> rows;
    for (int i = 0; i < 800; ++i) {
        const double x = at(rng), y = at(rng), w = size(rng), h = size(rng);
        targets.push_back(i % 3 == 0 ? polygonWkb({{{x, y}, {x + w, y + h / 3}, {x + w / 2, y + h}}})
                                     : polygonWkb({{{x, y}, {x + w, y}, {x + w, y + h}, {x + w / 4, y + h}}}));
        rows.push_back(row(i + 1, targets.back()));
    }
    const auto set = FeatureSet::fromRows({}, std::move(rows));
    std::vector<Wkb> subjects;
    std::vector<FeatureRow> subjectRows;
    for (int k = 0; k < 40; ++k) {
        const double x = at(rng), y = at(rng), w = 3 * size(rng), h = 3 * size(rng);
        subjects.push_back(polygonWkb({{{x, y}, {x + w, y + h / 5}, {x + w, y + h}, {x, y + h / 2}}}));
        subjectRows.push_back(row(k + 1, subjects.back()));
    }
    const auto subjectSet = FeatureSet::fromRows({}, std::move(subjectRows));
    SpatialQuery q;
    for (std::size_t k = 0; k < subjects.size(); ++k) {
        ASSERT_TRUE(q.setSubject(subjectSet, k));
        for (bool exclude : {false, true}) {
            const auto got = q.nearestDistance(set, {}, exclude);
            ASSERT_TRUE(got.has_value());
            EXPECT_NEAR(*got, bruteNearest(subjects[k], targets, exclude), 1e-9) << "subject " << k << " exclude " << exclude;
        }
    }
}

TEST(SpatialQueryNearest, MaskedTargetsOnTheirOwnIndexMatchBruteForceGeos)
{
    // Every third building left out: the nearest must come from the others only, with and without a cap.
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> at(0, 3000), size(2, 40);
    std::vector<Wkb> all, kept;
    std::vector<FeatureRow> rows;
    std::vector<std::uint8_t> mask;
    for (int i = 0; i < 900; ++i) {
        const double x = at(rng), y = at(rng), w = size(rng), h = size(rng);
        all.push_back(polygonWkb({{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h / 2}}}));
        rows.push_back(row(i + 1, all.back()));
        mask.push_back(i % 3 != 0);
        if (mask.back()) kept.push_back(all.back());
    }
    auto set = FeatureSet::fromRows({}, std::move(rows));
    set.preparePointsOnSurface();
    const MaskedTargets targets(set, mask);
    const MaskedTargets withOutlines(set, mask, true);  // the targets' outlines stored as plain arrays
    EXPECT_EQ(targets.size(), kept.size());
    std::vector<Wkb> subjects;
    std::vector<FeatureRow> subjectRows;
    for (int k = 0; k < 60; ++k) {
        // Subjects on top of buildings (k even) and in the open.
        const double x = k % 2 == 0 ? 0.0 : at(rng), y = k % 2 == 0 ? 0.0 : at(rng);
        const Wkb s = k % 2 == 0 ? all[static_cast<std::size_t>(k) * 7] : polygonWkb({{{x, y}, {x + 60, y + 10}, {x + 40, y + 70}}});
        subjects.push_back(s);
        subjectRows.push_back(row(k + 1, s));
    }
    const auto subjectSet = FeatureSet::fromRows({}, std::move(subjectRows));
    SpatialQuery q;
    for (std::size_t k = 0; k < subjects.size(); ++k) {
        ASSERT_TRUE(q.setSubject(subjectSet, k));
        // Second time round the buildings' points on surface inside the subject are known (another
        // indicator asked): buildings meeting the subject are then recognised by those.
        for (bool pointsKnown : {false, true}) {
            if (pointsKnown) (void)q.pointsOnSurfaceInSubject(set);
            for (bool exclude : {false, true}) {
                const double expected = bruteNearest(subjects[k], kept, exclude);
                const auto got = q.nearestDistance(targets, exclude);
                ASSERT_TRUE(got.has_value());
                EXPECT_NEAR(*got, expected, 1e-9) << "subject " << k << " exclude " << exclude << " points known " << pointsKnown;
                EXPECT_EQ(q.nearestDistance(targets, exclude), q.nearestDistance(set, mask, exclude));
                EXPECT_EQ(q.nearestDistance(withOutlines, exclude), got) << "subject " << k << " exclude " << exclude;
                EXPECT_NEAR(*q.nearestDistance(targets, exclude, 25.0), std::min(expected, 25.0), 1e-9);
            }
        }
    }
    // Nothing in the mask: no distance, or the cap.
    const MaskedTargets none(set, std::vector<std::uint8_t>(mask.size(), 0));
    ASSERT_TRUE(q.setSubject(subjectSet, 1));
    EXPECT_FALSE(q.nearestDistance(none).has_value());
    EXPECT_EQ(q.nearestDistance(none, false, 100.0), 100.0);
}

}  // namespace
