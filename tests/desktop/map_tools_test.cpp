// SPDX-License-Identifier: GPL-3.0-or-later
// Aerial photo years and swipe, parcel explanation, box zoom, zoom to layer, linked selection and CSV export.
#include "app_jobs.hpp"
#include "job_runner.hpp"
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "parcel_explanation.hpp"
#include "tiny_workspace.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"

#include "../layers/engine_fixture.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

namespace {

using namespace riskmap;
using riskmap::test::kX0;
using riskmap::test::kY0;


/// A uniform grey single-band GeoTIFF in RD covering 2 × 2 km around the tiny workspace.
std::string greyPhoto(const test::TempDir& dir, const std::string& name, unsigned char grey)
{
    GDALAllRegister();
    const std::string path = dir.file(name);
    auto* ds = GetGDALDriverManager()->GetDriverByName("GTiff")->Create(path.c_str(), 20, 20, 1, GDT_Byte, nullptr);
    double gt[6] = {kX0 - 1000, 100, 0, kY0 + 1000, 0, -100};
    ds->SetGeoTransform(gt);
    OGRSpatialReference rd;
    rd.importFromEPSG(28992);
    ds->SetSpatialRef(&rd);
    std::vector<unsigned char> px(400, grey);
    EXPECT_EQ(ds->RasterIO(GF_Write, 0, 0, 20, 20, px.data(), 20, 20, GDT_Byte, 1, nullptr, 0, 0, 0, nullptr), CE_None);
    GDALClose(ds);
    return path;
}

void waitForRender(desktop::MapCanvas* canvas)
{
    QSignalSpy spy(canvas, &desktop::MapCanvas::renderFinished);
    ASSERT_TRUE(spy.wait(5000));
}

struct Window {
    desktop::MainWindow w;
    explicit Window(const std::string& ws)
    {
        w.setInteractive(false);
        w.jobs()->setShowProgressDialog(false);
        w.resize(800, 600);
        w.openWorkspace(QString::fromStdString(ws));
        w.show();
        w.canvas()->resize(400, 400);
    }
};

}  // namespace

TEST(DesktopPhotos, YearsFromTheWorkspaceAndSwipeShowsBoth)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildDesktopWorkspace(ws);
    Window win(ws);
    // Registered through the app's own import job, as a drop of .tif files does.
    for (auto [file, grey, year] : {std::tuple{"dark.tif", 40, 2020}, std::tuple{"light.tif", 220, 2023}}) {
        ASSERT_TRUE(win.w.startImport({QString::fromStdString(greyPhoto(dir, file, static_cast<unsigned char>(grey)))}, year));
        win.w.jobs()->waitForFinished();
        ASSERT_EQ(win.w.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Done)
            << win.w.jobs()->lastOutcome().message.toStdString();
    }
    EXPECT_EQ(win.w.photoYears(), (std::vector<int>{2020, 2023}));

    auto* canvas = win.w.canvas();
    // Far from the pand square (kX0..kX0+100): only the photo shows there.
    canvas->zoomToBox({kX0 - 600, kY0 - 600, kX0 - 200, kY0 - 200});
    win.w.setPhotoYear(2020);
    waitForRender(canvas);
    const QPoint left(canvas->width() / 4, canvas->height() / 2), right(3 * canvas->width() / 4, canvas->height() / 2);
    EXPECT_NEAR(canvas->image().pixelColor(left).red(), 40, 3);

    win.w.setSwipe(true, 2023);
    ASSERT_TRUE(canvas->swipe().has_value());
    EXPECT_EQ(*canvas->swipe(), std::make_pair(2020, 2023));
    waitForRender(canvas);
    ASSERT_FALSE(canvas->swipeImage().isNull());
    EXPECT_NEAR(canvas->swipeImage().pixelColor(right).red(), 220, 3);
    // On screen: left of the divider 2020, right of it 2023.
    QImage shown = canvas->grab().toImage();
    EXPECT_NEAR(shown.pixelColor(left).red(), 40, 3);
    EXPECT_NEAR(shown.pixelColor(right).red(), 220, 3);
    // Dragging the divider to 90 % moves the boundary without a new render.
    const int x = canvas->width() / 2, y = canvas->height() / 3;
    QTest::mousePress(canvas, Qt::LeftButton, {}, QPoint(x, y));
    QTest::mouseMove(canvas, QPoint(canvas->width() * 9 / 10, y));
    QTest::mouseRelease(canvas, Qt::LeftButton, {}, QPoint(canvas->width() * 9 / 10, y));
    EXPECT_NEAR(canvas->swipePosition(), 0.9, 0.01);
    shown = canvas->grab().toImage();
    EXPECT_NEAR(shown.pixelColor(right).red(), 40, 3);

    win.w.setSwipe(false);
    EXPECT_FALSE(canvas->swipe().has_value());
}

TEST(DesktopIdentify, ParcelExplanationInWords)
{
    riskmap::test::desktopApp();
    EXPECT_EQ(desktop::indicatorWords("n_panden_buiten_gebruik").toStdString(), "aantal panden buiten gebruik");
    EXPECT_EQ(desktop::indicatorWords("n_incidenten_500m_3j").toStdString(), "aantal incidenten binnen 500m in 3 jaar");
    EXPECT_EQ(desktop::indicatorWords("afstand_oprit_m").toStdString(), "afstand oprit (m)");
    EXPECT_EQ(desktop::indicatorWords("opp_vab_m2").toStdString(), "oppervlakte VAB (m²)");

    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildEngineWorkspace(ws, false);
    core::Feedback feedback;
    desktop::runBuild(QString::fromStdString(ws), {}, feedback);
    // The oracle: a parcel with a non-empty explanation and a point inside it, straight from SpatiaLite.
    std::string id, why;
    int klasse = 0;
    double px = 0, py = 0;
    {
        auto w = gis::Workspace::open(ws, true);
        auto st = w.db().prepare(
            "SELECT perceel_id, verklaring, risico_klasse, ST_X(ST_PointOnSurface(geom)), ST_Y(ST_PointOnSurface(geom)) "
            "FROM risico_percelen WHERE verklaring <> '' ORDER BY risico_score DESC LIMIT 1");
        ASSERT_TRUE(st.step());
        id = st.columnText(0);
        why = st.columnText(1);
        klasse = st.columnInt(2);
        px = st.columnDouble(3);
        py = st.columnDouble(4);
    }
    Window win(ws);
    ASSERT_GE(win.w.identifyAt(QPointF(px, py), 0.01), 1);
    const QString text = win.w.identifyText();
    EXPECT_TRUE(text.contains(QString::fromStdString("Perceel " + id))) << text.toStdString();
    EXPECT_TRUE(text.contains(QString::fromStdString(why))) << text.toStdString();
    EXPECT_TRUE(text.contains(QString("risicoklasse %1").arg(klasse))) << text.toStdString();
    // A spot with no parcel clears the explanation.
    win.w.identifyAt(QPointF(0, 0), 0.01);
    EXPECT_TRUE(win.w.identifyText().isEmpty());
}

TEST(DesktopZoom, BoxZoomAndZoomToLayer)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildDesktopWorkspace(ws);
    Window win(ws);
    auto* canvas = win.w.canvas();
    canvas->zoomToBox({kX0 - 1000, kY0 - 1000, kX0 + 1000, kY0 + 1000});
    const auto before = canvas->view();
    const QPoint a(100, 120), b(200, 220);
    const QPointF wa = before.toWorld(QPointF(a)), wb = before.toWorld(QPointF(b));
    QTest::mousePress(canvas, Qt::LeftButton, Qt::ShiftModifier, a);
    QTest::mouseMove(canvas, b);
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::ShiftModifier, b);
    const auto e = canvas->view().extent();
    // A square box into a square canvas: the new extent is exactly the dragged box.
    EXPECT_NEAR(e.xmin, std::min(wa.x(), wb.x()), 1e-6);
    EXPECT_NEAR(e.xmax, std::max(wa.x(), wb.x()), 1e-6);
    EXPECT_NEAR(e.ymin, std::min(wa.y(), wb.y()), 1e-6);
    EXPECT_NEAR(e.ymax, std::max(wa.y(), wb.y()), 1e-6);

    win.w.zoomToLayer("panden");
    const auto p = canvas->view().extent();
    // The 100 m pand square with zoomToBox's 10 % margin, centred.
    EXPECT_NEAR((p.xmin + p.xmax) / 2, kX0 + 50, 1e-6);
    EXPECT_NEAR((p.ymin + p.ymax) / 2, kY0 + 50, 1e-6);
    EXPECT_NEAR(std::min(p.xmax - p.xmin, p.ymax - p.ymin), 110, 1e-6);
}

TEST(DesktopSelection, LinkedBothWaysAndExportedAsCsv)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildDesktopWorkspace(ws);
    Window win(ws);
    win.w.showAttributeTable("vestigingen");
    auto* canvas = win.w.canvas();
    EXPECT_FALSE(win.w.zoomToSelection());
    EXPECT_FALSE(win.w.exportSelection(QString::fromStdString(dir.file("none.csv"))));

    // Map → table: Ctrl+click selection at O'Brien (kX0+50, kY0+50).
    EXPECT_EQ(win.w.selectAt(QPointF(kX0 + 50, kY0 + 50), 1.0, false), 1);
    auto fids = win.w.selectedFids();
    ASSERT_EQ(fids.size(), 1u);
    std::int64_t obrien = 0;
    {
        auto w = gis::Workspace::open(ws, true);
        auto st = w.db().prepare("SELECT fid FROM vestigingen WHERE vestigingsnummer = '000012345678'");
        ASSERT_TRUE(st.step());
        obrien = st.columnInt(0);
    }
    EXPECT_EQ(fids.front(), obrien);
    EXPECT_EQ(canvas->selectionSize(), 1u);  // table → map: highlighted

    // Ctrl+click on the other one adds it.
    EXPECT_EQ(win.w.selectAt(QPointF(kX0 + 20, kY0 + 20), 1.0, true), 1);
    EXPECT_EQ(win.w.selectedFids().size(), 2u);
    EXPECT_EQ(canvas->selectionSize(), 2u);
    ASSERT_TRUE(win.w.zoomToSelection());
    const auto e = canvas->view().extent();
    EXPECT_LE(e.xmin, kX0 + 20);
    EXPECT_GE(e.xmax, kX0 + 50);
    EXPECT_LE(e.ymin, kY0 + 20);
    EXPECT_GE(e.ymax, kY0 + 50);

    const QString csv = QString::fromStdString(dir.file("sel.csv"));
    ASSERT_TRUE(win.w.exportSelection(csv)) << win.w.lastMessage().toStdString();
    QFile f(csv);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split("\r\n", Qt::SkipEmptyParts);
    ASSERT_EQ(lines.size(), 3);
    EXPECT_TRUE(lines[0].startsWith("fid;vestigingsnummer;handelsnaam")) << lines[0].toStdString();
    // The name with a semicolon and a quote is one quoted field, not extra columns.
    const QString all = lines.join('\n');
    EXPECT_TRUE(all.contains("\"x'; DROP TABLE vestigingen; --\"")) << all.toStdString();
    EXPECT_TRUE(all.contains(";O'Brien Autohandel;")) << all.toStdString();
    {
        // Like every export: one audit entry, profile analist.
        auto w = gis::Workspace::open(ws, true);
        const auto audit = gis::readAudit(w.db());
        ASSERT_EQ(audit.size(), 1u);
        EXPECT_EQ(audit[0].action, "export");
        EXPECT_EQ(audit[0].profile, "analist");
    }

    // Clearing the table selection clears the map.
    win.w.selectFids({});
    EXPECT_EQ(canvas->selectionSize(), 0u);
}
