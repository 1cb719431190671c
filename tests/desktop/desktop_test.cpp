// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app on the offscreen platform: snapshot, background canvas render, table filter,
// identify and search against a tiny workspace.
#include "feature_search.hpp"
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "tiny_workspace.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QApplication>
#include <QImage>
#include <QSignalSpy>

#include <gtest/gtest.h>

namespace {

using namespace riskmap;
using riskmap::test::kX0;
using riskmap::test::kY0;


void expectNear(QColor got, QColor want, int tol = 3)
{
    EXPECT_NEAR(got.red(), want.red(), tol);
    EXPECT_NEAR(got.green(), want.green(), tol);
    EXPECT_NEAR(got.blue(), want.blue(), tol);
}

}  // namespace

TEST(DesktopSnapshot, WritesPngShowingTheLayer)
{
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    const std::string png = dir.file("snap.png");
    // 400 × 400 m into 400 × 400 px: the pand square covers pixels 150..250 in both axes.
    const auto r = riskmap::test::runProgram(RISKMAP_GUI, {ws, "--snapshot", png, "--extent",
                                                           "149850,449850,150250,450250", "--size", "400x400",
                                                           "--layers", "panden"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    QImage img(QString::fromStdString(png));
    ASSERT_FALSE(img.isNull());
    EXPECT_EQ(img.size(), QSize(400, 400));
    expectNear(img.pixelColor(200, 230), QColor(90, 90, 90));   // inside the pand
    expectNear(img.pixelColor(300, 300), QColor(255, 255, 255));  // outside it

    const auto bad = riskmap::test::runProgram(RISKMAP_GUI, {ws, "--snapshot", png, "--layers", "geen_laag"});
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("geen_laag"), std::string::npos);
    const auto badSize = riskmap::test::runProgram(RISKMAP_GUI, {ws, "--snapshot", png, "--size", "12"});
    EXPECT_EQ(badSize.exitCode, 2);
}

TEST(DesktopWindow, CanvasRendersInTheBackground)
{
    riskmap::test::desktopApp();
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    desktop::MainWindow window;
    window.setInteractive(false);
    window.openWorkspace(QString::fromStdString(ws));
    window.show();
    auto* canvas = window.canvas();
    QSignalSpy spy(canvas, &desktop::MapCanvas::renderFinished);
    canvas->setView(render::MapView(gis::Box{kX0 - 100, kY0 - 100, kX0 + 200, kY0 + 200}, canvas->size()));
    ASSERT_TRUE(spy.wait(10000));
    // The newest view is the one shown: the pand's centre is grey in the widget's own pixels.
    const QImage shot = canvas->grab().toImage();
    const QPointF centre = canvas->view().toPixel(kX0 + 50, kY0 + 70);
    expectNear(shot.pixelColor(centre.toPoint() * shot.devicePixelRatio()), QColor(90, 90, 90), 6);
    const QPointF outside = canvas->view().toPixel(kX0 - 60, kY0 + 150);
    expectNear(shot.pixelColor(outside.toPoint() * shot.devicePixelRatio()), QColor(255, 255, 255));
}

TEST(DesktopWindow, TableFilterTreatsQuotesAndSemicolonsAsData)
{
    riskmap::test::desktopApp();
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    {
        desktop::MainWindow window;
        window.setInteractive(false);
        window.openWorkspace(QString::fromStdString(ws));
        window.showAttributeTable("vestigingen", "handelsnaam = 'x''; DROP TABLE vestigingen; --'");
        EXPECT_EQ(window.visibleTableRows(), 1);
        window.showAttributeTable("vestigingen", "handelsnaam ~ O'Brien");
        EXPECT_EQ(window.visibleTableRows(), 1);
        window.showAttributeTable("vestigingen", "'; DELETE FROM vestigingen; --");
        EXPECT_EQ(window.visibleTableRows(), 0);
        window.showAttributeTable("vestigingen", "");
        EXPECT_EQ(window.visibleTableRows(), 2);
    }
    auto w = gis::Workspace::open(ws, true);
    EXPECT_EQ(w.countRows("vestigingen"), 2);
}

TEST(DesktopWindow, IdentifyFindsTheFeatureUnderTheCursor)
{
    riskmap::test::desktopApp();
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    desktop::MainWindow window;
    window.setInteractive(false);
    window.openWorkspace(QString::fromStdString(ws));
    // Inside the pand, away from the points: only the pand.
    EXPECT_EQ(window.identifyAt(QPointF(kX0 + 80, kY0 + 80), 1.0), 1);
    // On O'Brien's point (inside the pand too): the point, the vbo is 14 m away.
    EXPECT_EQ(window.identifyAt(QPointF(kX0 + 50.5, kY0 + 50), 1.0), 2);
    // Outside everything.
    EXPECT_EQ(window.identifyAt(QPointF(kX0 - 50, kY0 - 50), 1.0), 0);
}

TEST(DesktopSearch, BoundParametersFindExactlyTheRightRows)
{
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    auto w = gis::Workspace::open(ws, true);
    using desktop::SearchKind;
    auto hits = desktop::searchFeatures(w.db(), SearchKind::Address, "3941 ab 12");
    ASSERT_EQ(hits.size(), 2u);  // the vbo ("3941 AB" with a space) and the vestiging ("3941AB")
    EXPECT_EQ(hits[0].layer, "verblijfsobjecten");
    EXPECT_DOUBLE_EQ(hits[0].box.xmin, kX0 + 60);
    EXPECT_EQ(hits[0].label, "Dorpsstraat 12, Doorn");
    hits = desktop::searchFeatures(w.db(), SearchKind::CompanyName, "o'brien");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].label, "O'Brien Autohandel (000012345678)");
    EXPECT_EQ(desktop::searchFeatures(w.db(), SearchKind::EstablishmentNumber, "000087654321").size(), 1u);
    EXPECT_EQ(desktop::searchFeatures(w.db(), SearchKind::EstablishmentNumber, "0 OR 1=1").size(), 0u);
    EXPECT_EQ(desktop::searchFeatures(w.db(), SearchKind::CompanyName, "%").size(), 0u);  // % is literal
    EXPECT_EQ(desktop::searchFeatures(w.db(), SearchKind::CompanyName, "'; DROP TABLE vestigingen; --").size(), 1u);
    EXPECT_EQ(desktop::searchFeatures(w.db(), SearchKind::Parcel, "DBG00").size(), 0u);  // no percelen layer
    EXPECT_THROW(desktop::searchFeatures(w.db(), SearchKind::Address, "Dorpsstraat"), riskmap::UsageError);
    EXPECT_EQ(w.countRows("vestigingen"), 2);
}

TEST(DesktopWindow, ViewsOfConfidentialLayersAreLoggedOncePerSessionWithThePurpose)
{
    riskmap::test::desktopApp();
    riskmap::test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(ws);
    {
        auto w = gis::Workspace::open(ws);
        // The tiny workspace registers no layers: give two a classification.
        for (const auto& [name, level] : {std::pair{"vestigingen", "vertrouwelijk"}, std::pair{"panden", "openbaar"}}) {
            gis::LayerRecord r;
            r.name = name;
            r.kind = "vector";
            r.classification = level;
            r.updatedAt = "2026-01-01T00:00:00Z";
            w.registerLayer(r);
        }
    }
    {
        desktop::MainWindow window;
        window.setInteractive(false);
        window.setViewPurpose("RIEC-casus 2027-04");
        window.openWorkspace(QString::fromStdString(ws));
        window.showAttributeTable("vestigingen");
        window.showAttributeTable("vestigingen");  // the same session: no second entry
    }
    auto w = gis::Workspace::open(ws, true);
    const auto entries = gis::readAudit(w.db());
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].action, "view");
    EXPECT_EQ(entries[0].target, "vestigingen");
    EXPECT_EQ(entries[0].purpose, "RIEC-casus 2027-04");
    EXPECT_FALSE(entries[0].user.empty());
    EXPECT_EQ(gis::verifyAudit(w.db()), 1);
}
