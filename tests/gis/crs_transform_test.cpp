// SPDX-License-Identifier: GPL-3.0-or-later
// RD New ↔ ETRS89 against the NSGI RDNAPTRANS2018 self-validation points.
//
// Without the NSGI grid (nl_nsgi_rdtrans2018.tif, not in Debian) PROJ uses the
// 7-parameter Helmert approximation, good to about 0.25 m in the Netherlands.
// That is the accuracy asserted here; an exact RDNAPTRANS2018 would reach 1 mm.
#include "riskmap/core/error.hpp"
#include "riskmap/gis/crs_transform.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

using namespace riskmap;

namespace {

struct ValidationPoint {
    double lat, lon, x, y;
};

std::vector<ValidationPoint> pointsInNetherlands()
{
    std::ifstream in(test::realData("rdnaptrans2018-validation/Z001_ETRS89andRDNAP.txt"));
    std::vector<ValidationPoint> points;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string id;
        ValidationPoint p{};
        double h = 0;
        if (!(fields >> id >> p.lat >> p.lon >> h >> p.x >> p.y)) continue;
        // The Dutch box (most file points lie outside the grids on purpose).
        if (p.lat >= 50.75 && p.lat <= 53.7 && p.lon >= 3.2 && p.lon <= 7.22) points.push_back(p);
    }
    return points;
}

}  // namespace

TEST(CrsTransform, Etrs89ToRdWithinQuarterMetreOnValidationPoints)
{
    const auto points = pointsInNetherlands();
    ASSERT_GT(points.size(), 4000u) << "validation file not found or unreadable";
    gis::CrsTransformer t("EPSG:4258");
    EXPECT_FALSE(t.choice().identity);
    EXPECT_FALSE(t.choice().ballpark) << t.choice().operationName;
    std::vector<double> errors;
    for (const auto& p : points) {
        double x = p.lon, y = p.lat;
        ASSERT_TRUE(t.transform(x, y));
        errors.push_back(std::hypot(x - p.x, y - p.y));
    }
    std::sort(errors.begin(), errors.end());
    const double p95 = errors[errors.size() * 95 / 100];
    EXPECT_LT(errors.back(), 0.30) << "max error";
    EXPECT_LT(p95, 0.20) << "95th percentile";
}

TEST(CrsTransform, RdToEtrs89InverseMatchesValidationPoints)
{
    const auto points = pointsInNetherlands();
    ASSERT_FALSE(points.empty());
    double worst = 0;
    for (std::size_t i = 0; i < points.size(); i += 10) {
        double lon = 0, lat = 0;
        ASSERT_TRUE(gis::CrsTransformer::rdToEtrs89(points[i].x, points[i].y, lon, lat));
        // Degrees to metres: 1e-5 degree latitude is about 1.11 m.
        const double dy = (lat - points[i].lat) * 111320.0;
        const double dx = (lon - points[i].lon) * 111320.0 * std::cos(points[i].lat * M_PI / 180.0);
        worst = std::max(worst, std::hypot(dx, dy));
    }
    EXPECT_LT(worst, 0.30);
}

TEST(CrsTransform, RdSourceIsIdentity)
{
    gis::CrsTransformer t("EPSG:28992");
    EXPECT_TRUE(t.choice().identity);
    double x = 155000, y = 463000;
    ASSERT_TRUE(t.transform(x, y));
    EXPECT_EQ(x, 155000);
    EXPECT_EQ(y, 463000);
}

TEST(CrsTransform, Wgs84RecordsOperationAndAccuracy)
{
    gis::CrsTransformer t("EPSG:4326");
    EXPECT_TRUE(t.choice().sourceGeographic);
    EXPECT_NE(t.choice().sourceCrs.find("4326"), std::string::npos);
    EXPECT_FALSE(t.choice().operationName.empty());
    // Amersfoort, the origin of RD: 52.15517440 N, 5.38720621 E is (155000, 463000).
    double x = 5.38720621, y = 52.15517440;
    ASSERT_TRUE(t.transform(x, y));
    EXPECT_NEAR(x, 155000.0, 2.0);
    EXPECT_NEAR(y, 463000.0, 2.0);
}

TEST(CrsTransform, UnknownCrsIsRefused)
{
    EXPECT_THROW(gis::CrsTransformer("EPSG:999999"), ProjError);
}

TEST(CrsTransform, BallparkOnlyTransformationsAreFlagged)
{
    // NAD83 → Amersfoort has no published transformation: PROJ offers a ballpark one.
    gis::CrsTransformer nad83("EPSG:4269");
    EXPECT_TRUE(nad83.choice().ballpark) << nad83.choice().operationName;
    EXPECT_FALSE(nad83.choice().accuracyM);
    gis::CrsTransformer utm("EPSG:25831");
    EXPECT_FALSE(utm.choice().ballpark);
    ASSERT_TRUE(utm.choice().accuracyM);
    EXPECT_LE(*utm.choice().accuracyM, 0.5);
}
