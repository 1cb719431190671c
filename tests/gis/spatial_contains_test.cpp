// SPDX-License-Identifier: GPL-3.0-or-later
// SpatialQuery's point-in-subject answers (points on surface, contained points) against brute-force GEOS.
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/wkb.hpp"

#include <geos_c.h>
#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace {

using namespace riskmap::gis;

FeatureRow row(std::int64_t fid, Wkb wkb) { return FeatureRow{fid, {}, std::move(wkb)}; }

/// Subjects with the awkward cases: a hole, a multipolygon, a concave shape, a sliver.
std::vector<Wkb> subjects()
{
    return {
        polygonWkb({{{100, 100}, {160, 100}, {160, 130}, {100, 130}}}),
        polygonWkb({{{50, 250}, {150, 250}, {150, 350}, {50, 350}}, {{80, 280}, {120, 280}, {120, 320}, {80, 320}}}),
        polygonWkb({{{300, 20}, {390, 20}, {390, 30}, {310, 30}, {310, 110}, {300, 110}}}),
        multiPolygonWkb({{{{10, 10}, {20, 10}, {20, 20}, {10, 20}}}, {{{20, 20}, {40, 20}, {40, 35}, {20, 35}}}}),
        polygonWkb({{{200, 200}, {300, 210.5}, {210.25, 300}}}),
        polygonWkb({{{0, 390}, {400, 390}, {400, 390.001}}}),
    };
}

/// Brute force: each target tested with GEOSContains on plain (unprepared) geometries.
template <typename PointOf>
std::vector<std::size_t> bruteContains(const Wkb& subject, std::size_t count, PointOf pointOf,
                                       const std::vector<std::uint8_t>& mask)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader* r = GEOSWKBReader_create_r(h);
    GEOSGeometry* s = GEOSWKBReader_read_r(h, r, subject.data(), subject.size());
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < count; ++i) {
        if (!mask.empty() && !mask[i]) continue;
        GEOSGeometry* p = pointOf(h, r, i);
        if (GEOSContains_r(h, s, p) == 1) out.push_back(i);
        GEOSGeom_destroy_r(h, p);
    }
    GEOSGeom_destroy_r(h, s);
    GEOSWKBReader_destroy_r(h, r);
    GEOS_finish_r(h);
    return out;
}

/// The features of a set built from `shapes` (fids 1, 2, ...).
FeatureSet setOf(const std::vector<Wkb>& shapes)
{
    std::vector<FeatureRow> rows;
    for (std::size_t i = 0; i < shapes.size(); ++i) rows.push_back(row(static_cast<std::int64_t>(i + 1), shapes[i]));
    return FeatureSet::fromRows({}, std::move(rows));
}

/// For bruteContains: building i's point on surface, by GEOS.
auto pointOnSurfaceOf(const std::vector<Wkb>& buildings)
{
    return [&buildings](GEOSContextHandle_t h, GEOSWKBReader* r, std::size_t i) {
        GEOSGeometry* g = GEOSWKBReader_read_r(h, r, buildings[i].data(), buildings[i].size());
        GEOSGeometry* p = GEOSPointOnSurface_r(h, g);
        GEOSGeom_destroy_r(h, g);
        return p;
    };
}

TEST(SpatialQueryContains, PointsIncludingThoseOnEdgesVerticesAndHolesMatchGeos)
{
    // Points on a 2.5 m lattice (many exactly on edges and vertices) and random ones.
    std::vector<XY> points;
    for (double x = 0; x <= 400; x += 2.5)
        for (double y = 0; y <= 400; y += 2.5) points.push_back({x, y});
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> at(0, 400);
    for (int i = 0; i < 5000; ++i) points.push_back({at(rng), at(rng)});
    points.push_back({250, 205.25});  // on the triangle's sloping edge (exactly representable)
    std::vector<FeatureRow> rows;
    for (std::size_t i = 0; i < points.size(); ++i) rows.push_back(row(static_cast<std::int64_t>(i + 1), pointWkb(points[i])));
    const auto set = FeatureSet::fromRows({}, std::move(rows));
    std::vector<std::uint8_t> mask(points.size());
    for (std::size_t i = 0; i < mask.size(); ++i) mask[i] = (i % 4) != 1;

    const auto subs = subjects();
    const auto subjectSet = setOf(subs);
    SpatialQuery q;
    for (std::size_t k = 0; k < subs.size(); ++k) {
        ASSERT_TRUE(q.setSubject(subjectSet, k));
        for (bool masked : {false, true}) {
            const std::vector<std::uint8_t> useMask = masked ? mask : std::vector<std::uint8_t>{};
            const auto expected = bruteContains(subs[k], points.size(), [&](GEOSContextHandle_t h, GEOSWKBReader*, std::size_t i) {
                return GEOSGeom_createPointFromXY_r(h, points[i].x, points[i].y);
            }, useMask);
            EXPECT_EQ(q.containedInSubject(set, useMask), expected) << "subject " << k << " masked " << masked;
        }
    }
}

/// Checks pointsOnSurfaceInSubject against GEOS for every subject of subjects(), asking with each mask in
/// turn on one subject (the shared look-up must filter each correctly); returns how many the oracle found.
std::size_t checkPointsOnSurface(const std::vector<Wkb>& buildings, const std::vector<std::vector<std::uint8_t>>& masks)
{
    auto set = setOf(buildings);
    set.preparePointsOnSurface();
    const auto posOf = pointOnSurfaceOf(buildings);
    const auto subs = subjects();
    const auto subjectSet = setOf(subs);
    SpatialQuery q;
    std::size_t hits = 0;
    for (std::size_t k = 0; k < subs.size(); ++k) {
        EXPECT_TRUE(q.setSubject(subjectSet, k));
        for (const auto& mask : masks) {
            const auto expected = bruteContains(subs[k], buildings.size(), posOf, mask);
            EXPECT_EQ(q.pointsOnSurfaceInSubject(set, mask), expected) << "subject " << k;
            hits += expected.size();
        }
    }
    return hits;
}

TEST(SpatialQueryContains, PointsOnSurfaceMatchGeosAndShareOneLookupAcrossMasks)
{
    // Small buildings, some straddling the subjects' edges, some with their point on surface on an edge.
    std::mt19937 rng(9);
    std::uniform_real_distribution<double> at(0, 400), size(1, 12);
    std::vector<Wkb> buildings;
    for (int i = 0; i < 3000; ++i) {
        const double x = at(rng), y = at(rng), w = size(rng), h = size(rng);
        buildings.push_back(polygonWkb({{{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}}}));
    }
    // Squares centred on subject edges: their point on surface (centre line) lies on the edge.
    buildings.push_back(polygonWkb({{{150, 95}, {160, 95}, {160, 105}, {150, 105}}}));
    buildings.push_back(polygonWkb({{{75, 295}, {85, 295}, {85, 305}, {75, 305}}}));
    buildings.push_back(polygonWkb({{{305, 60}, {315, 60}, {315, 70}, {305, 70}}}));
    std::vector<std::uint8_t> maskA(buildings.size()), maskB(buildings.size());
    for (std::size_t i = 0; i < buildings.size(); ++i) {
        maskA[i] = i % 2;
        maskB[i] = (i % 3) == 0;
    }
    EXPECT_GT(checkPointsOnSurface(buildings, {maskA, maskB, {}, maskA}), 100u);  // the oracle is not trivially empty
}

TEST(SpatialQueryContains, PointsOnSurfaceInDegenerateLayoutsMatchGeos)
{
    // All points on surface at one spot, or on one horizontal line: the lookup grid is one cell high.
    for (bool sameSpot : {true, false}) {
        std::vector<Wkb> buildings;
        for (int i = 0; i < 300; ++i) {
            const double x = sameSpot ? 150.0 : 100.0 + i, w = sameSpot ? 2.0 + i % 5 : 0.5;
            buildings.push_back(polygonWkb({{{x - w, 114}, {x + w, 114}, {x + w, 116}, {x - w, 116}}}));  // centre line y = 115
        }
        EXPECT_GT(checkPointsOnSurface(buildings, {{}}), 0u) << "same spot " << sameSpot;
    }
}

}  // namespace
