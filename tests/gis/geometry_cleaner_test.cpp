// SPDX-License-Identifier: GPL-3.0-or-later
// Data-driven geometry cases: WKT in, status and resulting area out.
#include "riskmap/gis/geometry_cleaner.hpp"

#include <geos_c.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace riskmap::gis;

namespace {

/// WKB from WKT through GEOS (an independent path from the code under test).
std::vector<unsigned char> wkbOf(const std::string& wkt, int dimensions = 2)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    EXPECT_NE(g, nullptr) << wkt;
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
    GEOSWKBWriter_setOutputDimension_r(h, writer, dimensions);
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(h, writer, g, &size);
    std::vector<unsigned char> out(bytes, bytes + size);
    GEOSFree_r(h, bytes);
    GEOSWKBWriter_destroy_r(h, writer);
    GEOSGeom_destroy_r(h, g);
    GEOSWKTReader_destroy_r(h, reader);
    GEOS_finish_r(h);
    return out;
}

struct WkbInfo {
    int type;
    double area;
    int dims;
};

WkbInfo inspect(const std::vector<unsigned char>& wkb)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKBReader* reader = GEOSWKBReader_create_r(h);
    GEOSGeometry* g = GEOSWKBReader_read_r(h, reader, wkb.data(), wkb.size());
    WkbInfo info{GEOSGeomTypeId_r(h, g), 0.0, GEOSGeom_getCoordinateDimension_r(h, g)};
    GEOSArea_r(h, g, &info.area);
    GEOSGeom_destroy_r(h, g);
    GEOSWKBReader_destroy_r(h, reader);
    GEOS_finish_r(h);
    return info;
}

struct Case {
    const char* name;
    const char* wkt;
    CleanedGeometry::Status status;
    double area;  ///< expected area after cleaning (hand-computed), -1 = not checked
};

const char* statusName(CleanedGeometry::Status s)
{
    return s == CleanedGeometry::Status::Ok ? "ok" : s == CleanedGeometry::Status::Repaired ? "hersteld" : "afgewezen";
}

}  // namespace

// Coordinates near RD (150000, 450000); every area computed by hand.
const Case kPolygonCases[] = {
    {"valid square", "POLYGON((150000 450000,150010 450000,150010 450010,150000 450010,150000 450000))",
     CleanedGeometry::Status::Ok, 100.0},
    // Bow-tie: two triangles of base 10, height 5 → 2 × 25.
    {"bow-tie", "POLYGON((150000 450000,150010 450010,150010 450000,150000 450010,150000 450000))",
     CleanedGeometry::Status::Repaired, 50.0},
    // Hole outside the shell: MakeValid keeps both as polygons: 100 + 4.
    {"hole outside shell",
     "POLYGON((150000 450000,150010 450000,150010 450010,150000 450010,150000 450000),(150020 450020,150022 450020,150022 450022,150020 450022,150020 450020))",
     CleanedGeometry::Status::Repaired, 104.0},
    // Self-touching ring forming a figure eight at a vertex: two 10×10 squares.
    {"ring self-intersection at a vertex",
     "POLYGON((150000 450000,150010 450000,150010 450010,150020 450010,150020 450020,150010 450020,150010 450010,150000 450010,150000 450000))",
     CleanedGeometry::Status::Repaired, 200.0},
    // Overlapping parts of a multipolygon: union 10×10 + 10×10 − 5×10 overlap.
    {"overlapping multipolygon parts",
     "MULTIPOLYGON(((150000 450000,150010 450000,150010 450010,150000 450010,150000 450000)),((150005 450000,150015 450000,150015 450010,150005 450010,150005 450000)))",
     CleanedGeometry::Status::Repaired, 150.0},
    // Spike (a zero-width excursion): the square remains.
    {"spike",
     "POLYGON((150000 450000,150010 450000,150010 450005,150030 450005,150010 450005,150010 450010,150000 450010,150000 450000))",
     CleanedGeometry::Status::Repaired, 100.0},
    {"repeated points are valid",
     "POLYGON((150000 450000,150000 450000,150010 450000,150010 450010,150000 450010,150000 450000))",
     CleanedGeometry::Status::Ok, 100.0},
    {"collinear (zero area)", "POLYGON((150000 450000,150010 450000,150020 450000,150000 450000))",
     CleanedGeometry::Status::Rejected, -1},
    {"empty", "POLYGON EMPTY", CleanedGeometry::Status::Rejected, -1},
    {"line in a polygon layer", "LINESTRING(150000 450000,150010 450010)", CleanedGeometry::Status::Rejected, -1},
    {"outside the RD domain", "POLYGON((0 0,10 0,10 10,0 10,0 0))", CleanedGeometry::Status::Rejected, -1},
};

TEST(GeometryCleaner, PolygonCases)
{
    GeometryCleaner cleaner(GeomFamily::Polygon, true, nullptr);
    for (const auto& c : kPolygonCases) {
        SCOPED_TRACE(c.name);
        const auto result = cleaner.clean(wkbOf(c.wkt));
        EXPECT_EQ(statusName(result.status), std::string(statusName(c.status))) << result.reason;
        if (c.status == CleanedGeometry::Status::Rejected) {
            EXPECT_TRUE(result.wkb.empty());
            EXPECT_FALSE(result.reason.empty());
            continue;
        }
        const auto info = inspect(result.wkb);
        EXPECT_EQ(info.type, GEOS_MULTIPOLYGON) << "single parts are promoted to multi";
        EXPECT_NEAR(info.area, c.area, 1e-6);
        EXPECT_NEAR(result.area, c.area, 1e-6);
        if (c.status == CleanedGeometry::Status::Repaired) EXPECT_NE(result.reason.find("MakeValid"), std::string::npos);
    }
}

TEST(GeometryCleaner, ZIsDropped)
{
    GeometryCleaner cleaner(GeomFamily::Polygon, true, nullptr);
    const auto result = cleaner.clean(wkbOf("POLYGON Z((150000 450000 5,150010 450000 5,150010 450010 6,150000 450000 5))", 3));
    ASSERT_EQ(result.status, CleanedGeometry::Status::Ok) << result.reason;
    EXPECT_EQ(inspect(result.wkb).dims, 2);
    EXPECT_NEAR(result.area, 50.0, 1e-9);
}

TEST(GeometryCleaner, NanCoordinatesAreRejected)
{
    GeometryCleaner cleaner(GeomFamily::Point, false, nullptr);
    // Hand-made little-endian WKB point with NaN x.
    std::vector<unsigned char> wkb = {1, 1, 0, 0, 0};
    const double coords[2] = {std::nan(""), 450000.0};
    const auto* bytes = reinterpret_cast<const unsigned char*>(coords);
    wkb.insert(wkb.end(), bytes, bytes + sizeof coords);
    const auto result = cleaner.clean(wkb);
    EXPECT_EQ(result.status, CleanedGeometry::Status::Rejected);
    EXPECT_NE(result.reason.find("NaN"), std::string::npos) << result.reason;
}

TEST(GeometryCleaner, PointsStaySinglePointsAndGarbageIsRejected)
{
    GeometryCleaner cleaner(GeomFamily::Point, false, nullptr);
    const auto ok = cleaner.clean(wkbOf("POINT(150000 450000)"));
    ASSERT_EQ(ok.status, CleanedGeometry::Status::Ok);
    EXPECT_EQ(inspect(ok.wkb).type, GEOS_POINT);
    const auto garbage = cleaner.clean({1, 2, 3});
    EXPECT_EQ(garbage.status, CleanedGeometry::Status::Rejected);
    EXPECT_EQ(cleaner.clean({}).status, CleanedGeometry::Status::Rejected);
}
