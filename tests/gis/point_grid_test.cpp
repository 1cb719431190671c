// SPDX-License-Identifier: GPL-3.0-or-later
// SpatialQuery::countWithin over a PointGrid against a brute-force GEOS distance count.
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/point_grid.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/wkb.hpp"

#include <geos_c.h>
#include <gtest/gtest.h>

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
                for (std::size_t k = 0; k < subjects.size(); ++k) {
                    ASSERT_TRUE(q.setSubject(subjectSet, k));
                    const std::size_t expected = bruteCount(subjects[k], points, useMask, d);
                    EXPECT_EQ(q.countWithin(grid, d), expected) << "subject " << k << " d " << d << " band " << band;
                    EXPECT_EQ(q.countWithin(set, d, useMask), expected) << "subject " << k << " d " << d;
                }
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
