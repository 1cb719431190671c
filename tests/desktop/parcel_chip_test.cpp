// SPDX-License-Identifier: GPL-3.0-or-later
// Identify-panel chips: the two latest photo years, newest first, an uncovered year in words.
#include "feature_identify.hpp"
#include "parcel_chip_preview.hpp"
#include "parcel_explanation.hpp"
#include "test_support.hpp"

#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/render/page_sink.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QImage>
#include <QTextDocument>
#include <QUrl>

#include <gtest/gtest.h>

#include <memory>
#include <regex>

namespace riskmap::test {
namespace {

/// A grey 3-band RD New photo of 1 m pixels with its top-left corner at (x0, y0).
std::string writePhoto(TempDir& dir, const std::string& name, double x0, double y0)
{
    GDALAllRegister();
    const std::string path = dir.file(name);
    std::unique_ptr<GDALDataset> ds(GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), 200, 200, 3, GDT_Byte, nullptr));
    double gt[6] = {x0, 1, 0, y0, 0, -1};
    ds->SetGeoTransform(gt);
    OGRSpatialReference srs;
    srs.importFromEPSG(28992);
    ds->SetSpatialRef(&srs);
    for (int b = 1; b <= 3; ++b) ds->GetRasterBand(b)->Fill(120);
    return path;
}

TEST(ParcelChips, LatestTwoYearsNewestFirstWithUncoveredYearInWords)
{
    TempDir dir;
    gis::SpatialiteDb db(dir.file("ws.sqlite"), gis::SpatialiteDb::Mode::Create);
    gis::ensureRasterTables(db);
    {
        gis::Transaction tx(db);
        gis::storeRaster(db, "luchtfoto", 2022, gis::inspectRaster(writePhoto(dir, "a.tif", 150000, 450200)));
        gis::storeRaster(db, "luchtfoto", 2024, gis::inspectRaster(writePhoto(dir, "b.tif", 150000, 450200)));
        gis::storeRaster(db, "luchtfoto", 2025, gis::inspectRaster(writePhoto(dir, "c.tif", 90000, 400200)));
        tx.commit();
    }
    // A 40 × 30 m parcel in the middle of the 2022/2024 photos.
    const gis::Wkb outline = gis::polygonWkb({{{150080, 450080}, {150120, 450080}, {150120, 450110}, {150080, 450110}}});
    const auto chips = desktop::latestChipPreviews(db, outline, 2, 64);
    ASSERT_EQ(chips.size(), 2u);
    EXPECT_EQ(chips[0].year, 2025);
    EXPECT_FALSE(chips[0].covered);
    EXPECT_TRUE(chips[0].png.isEmpty());
    EXPECT_EQ(chips[1].year, 2024);
    ASSERT_TRUE(chips[1].covered);
    const QImage img = QImage::fromData(chips[1].png, "PNG");
    ASSERT_EQ(img.size(), QSize(64, 64));
    // The outline is burnt in magenta on the grey photo; the corners are photo.
    int magenta = 0;
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) magenta += img.pixelColor(x, y) == QColor(255, 0, 255);
    EXPECT_GT(magenta, 64);
    EXPECT_EQ(img.pixelColor(1, 1), QColor(120, 120, 120));

    desktop::IdentifyResult r;
    r.layer = "risico_percelen";
    r.attributes = {{"perceel_id", "P1"}, {"risico_klasse", "4"}, {"risico_score", "1.5"}};
    r.chips = chips;
    const QString html = desktop::explainParcel(r);
    EXPECT_TRUE(html.contains("geen luchtfoto van 2025 op deze plek")) << html.left(400).toStdString();
    EXPECT_LT(html.indexOf("2025"), html.indexOf("data:image/png;base64,"));
    // The panel's document resolves the embedded image.
    const std::regex src("src='(data:image/png;base64,[^']+)'");
    std::smatch m;
    const std::string text = html.toStdString();
    ASSERT_TRUE(std::regex_search(text, m, src));
    render::ensureGuiApplication();  // a text document needs fonts
    QTextDocument doc;
    doc.setHtml(html);
    const QVariant res = doc.resource(QTextDocument::ImageResource, QUrl(QString::fromStdString(m[1].str())));
    EXPECT_TRUE(res.isValid());
}

}  // namespace
}  // namespace riskmap::test
