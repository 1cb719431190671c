// SPDX-License-Identifier: GPL-3.0-or-later
// The GEOS operations and WKB encoding the sample generator relies on, against hand-computed values.
#include "riskmap/gis/geos_ops.hpp"
#include "riskmap/gis/vector_writer.hpp"
#include "riskmap/gis/wkb.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <gtest/gtest.h>

#include <algorithm>

namespace riskmap::gis {
namespace {

Wkb square(double x0, double y0, double size)
{
    return polygonWkb({{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}}});
}

TEST(GeosOps, HandWrittenWkbReadsBackAsTheSameShape)
{
    EXPECT_EQ(wktFromWkb(pointWkb({1.5, 2.25})), "POINT (1.5 2.25)");
    EXPECT_EQ(wktFromWkb(square(0, 0, 10)), "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))");
    EXPECT_EQ(wktFromWkb(multiLineStringWkb({{{0, 0}, {3, 4}}})), "MULTILINESTRING ((0 0, 3 4))");
    EXPECT_DOUBLE_EQ(areaOf(multiPolygonWkb({{{{0, 0}, {2, 0}, {2, 2}, {0, 2}}}, {{{5, 5}, {6, 5}, {6, 6}, {5, 6}}}})), 5.0);
}

TEST(GeosOps, VoronoiOfAGridSplitsTheExtentIntoEqualCells)
{
    // Seeds at the centres of four 50 m squares: each cell is one square.
    const auto cells = voronoiCells({{25, 25}, {75, 25}, {25, 75}, {75, 75}}, {0, 0, 100, 100});
    ASSERT_EQ(cells.size(), 4u);
    const PreparedArea extent(square(0, 0, 100));
    for (const auto& c : cells) {
        auto clipped = extent.clip(c);
        ASSERT_TRUE(clipped);
        EXPECT_NEAR(areaOf(*clipped), 2500.0, 1e-6);
    }
}

TEST(GeosOps, ClipCoversContainsAndValidity)
{
    const PreparedArea area(square(0, 0, 10));
    EXPECT_TRUE(area.contains({5, 5}));
    EXPECT_FALSE(area.contains({15, 5}));
    EXPECT_TRUE(area.covers(square(0, 0, 10)));
    EXPECT_FALSE(area.covers(square(5, 5, 10)));
    EXPECT_NEAR(areaOf(*area.clip(square(5, 5, 10))), 25.0, 1e-9);
    EXPECT_FALSE(area.clip(square(20, 20, 5)));
    EXPECT_FALSE(invalidityReason(square(0, 0, 1)));
    const auto bowtie = polygonWkb({{{0, 0}, {2, 2}, {2, 0}, {0, 2}}});
    ASSERT_TRUE(invalidityReason(bowtie));
    EXPECT_NE(invalidityReason(bowtie)->find("Self-intersection"), std::string::npos);
    const Envelope e = envelopeOf(translated(square(0, 0, 10), 100, -50));
    EXPECT_DOUBLE_EQ(e.minX, 100);
    EXPECT_DOUBLE_EQ(e.maxY, -40);
    EXPECT_NEAR(areaOf(unionOf({square(0, 0, 10), square(5, 0, 10)})), 150.0, 1e-9);
}

TEST(VectorWriter, WritesTypedFieldsThatGdalReadsBack)
{
    test::TempDir dir;
    const std::string path = dir.file("t.gpkg");
    {
        VectorWriter w(path);
        const int l = w.addLayer("proef", GeometryKind::Point,
                                 {{"naam", FieldType::Text}, {"n", FieldType::Integer}, {"x", FieldType::Real},
                                  {"d", FieldType::Date}, {"b", FieldType::Boolean}});
        w.write(l, {{pointWkb({155000, 463000}), {std::string("a"), std::int64_t{3}, 1.5, std::string("2025-03-01"), std::int64_t{1}}},
                    {pointWkb({1, 2}), {FieldValue{}, FieldValue{}, FieldValue{}, FieldValue{}, FieldValue{}}}});
        w.close();
    }
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(static_cast<GDALDataset*>(GDALOpenEx(path.c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr)));
    ASSERT_TRUE(ds);
    OGRLayer* l = ds->GetLayerByName("proef");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->GetFeatureCount(), 2);
    EXPECT_STREQ(l->GetSpatialRef()->GetAuthorityCode(nullptr), "28992");
    std::unique_ptr<OGRFeature> f(l->GetNextFeature());
    EXPECT_STREQ(f->GetFieldAsString("naam"), "a");
    EXPECT_EQ(f->GetFieldAsInteger64("n"), 3);
    EXPECT_DOUBLE_EQ(f->GetFieldAsDouble("x"), 1.5);
    EXPECT_STREQ(f->GetFieldAsString("d"), "2025/03/01");
    EXPECT_EQ(l->GetLayerDefn()->GetFieldDefn(4)->GetSubType(), OFSTBoolean);
    f.reset(l->GetNextFeature());
    EXPECT_TRUE(f->IsFieldNull(0));
    // Stored as ISO-8601 text in SQLite (DATA_MODEL.md).
    OGRLayer* r = ds->ExecuteSQL("SELECT typeof(d) || ' ' || CAST(d AS TEXT) AS t FROM proef WHERE fid = 1", nullptr, nullptr);
    ASSERT_NE(r, nullptr);
    std::unique_ptr<OGRFeature> row(r->GetNextFeature());
    EXPECT_STREQ(row->GetFieldAsString(0), "text 2025-03-01");
    row.reset();
    ds->ReleaseResultSet(r);
}

}  // namespace
}  // namespace riskmap::gis
