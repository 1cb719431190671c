// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing risk zones with simulated mouse events: exact polygon saved, snapping, undo/redo,
// a bow-tie refused at its crossing, and the history kept on update.
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "risk_zone_store.hpp"
#include "tiny_workspace.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/wkb_geometry.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QApplication>
#include <QTest>

#include <gtest/gtest.h>

namespace {

using namespace riskmap;
using riskmap::test::kX0;
using riskmap::test::kY0;


struct Fixture {
    riskmap::test::TempDir dir;
    std::string ws = dir.file("ws.sqlite");
    desktop::MainWindow window;
    desktop::MapCanvas* canvas;
    Fixture()
    {
        riskmap::test::buildDesktopWorkspace(ws);
        window.openWorkspace(QString::fromStdString(ws));
        window.setInteractive(false);
        window.show();
        canvas = window.canvas();
        // 1 m per pixel around the pand.
        canvas->setView(render::MapView(QPointF(kX0 + 100, kY0 + 100), 1.0, canvas->size()));
        canvas->setTool(desktop::MapCanvas::Tool::DrawZone);
    }
    QPoint px(double x, double y) const { return canvas->view().toPixel(x, y).toPoint(); }
    QPointF world(QPoint p) const { return canvas->view().toWorld(QPointF(p)); }
};

std::vector<QPointF> savedRing(const std::string& ws, std::string* author = nullptr)
{
    auto w = gis::Workspace::open(ws, true);
    gis::LayerReader reader(w.db(), "risicozones", {"auteur"});
    gis::FeatureRow row;
    EXPECT_TRUE(reader.next(row));
    if (author) *author = std::get<std::string>(row.values[0]);
    const auto g = render::parseWkb(row.wkb);
    EXPECT_FALSE(reader.next(row)) << "exactly one zone expected";
    return g.parts.empty() ? std::vector<QPointF>{} : g.parts[0];
}

}  // namespace

TEST(RiskZones, DrawnWithTheMouseAndSavedExactly)
{
    riskmap::test::desktopApp();
    Fixture f;
    // Four corners well away from every feature (no snapping), the last by double-click.
    const QPoint p[4] = {f.px(kX0 + 150, kY0 + 20), f.px(kX0 + 190, kY0 + 20), f.px(kX0 + 190, kY0 + 70),
                         f.px(kX0 + 150, kY0 + 70)};
    for (int i = 0; i < 3; ++i) QTest::mouseClick(f.canvas, Qt::LeftButton, {}, p[i]);
    EXPECT_EQ(f.canvas->zoneVertices().size(), 3u);
    QTest::mouseClick(f.canvas, Qt::LeftButton, {}, p[3]);
    QTest::mouseDClick(f.canvas, Qt::LeftButton, {}, p[3]);
    EXPECT_TRUE(f.canvas->zoneVertices().empty()) << "the double-click closes the ring";

    std::string author;
    const auto ring = savedRing(f.ws, &author);
    ASSERT_EQ(ring.size(), 5u);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(ring[static_cast<std::size_t>(i)], f.world(p[i])) << i;
    EXPECT_EQ(ring[4], ring[0]);
    EXPECT_EQ(author, gis::currentUser());
}

TEST(RiskZones, ClickSnapsToAParcelVertexAndUndoRedo)
{
    riskmap::test::desktopApp();
    Fixture f;
    // 3 m east and 2 m north of the pand's corner (kX0+100, kY0+100): within 8 px at 1 m/px.
    QTest::mouseClick(f.canvas, Qt::LeftButton, {}, f.px(kX0 + 103, kY0 + 102));
    ASSERT_EQ(f.canvas->zoneVertices().size(), 1u);
    EXPECT_EQ(f.canvas->zoneVertices()[0], QPointF(kX0 + 100, kY0 + 100));
    // Near the middle of the pand's east edge, away from corners: onto the edge.
    QTest::mouseClick(f.canvas, Qt::LeftButton, {}, f.px(kX0 + 104, kY0 + 50));
    ASSERT_EQ(f.canvas->zoneVertices().size(), 2u);
    EXPECT_EQ(f.canvas->zoneVertices()[1], QPointF(kX0 + 100, f.world(f.px(kX0 + 104, kY0 + 50)).y()));
    // Far from everything: unchanged.
    const QPoint free = f.px(kX0 + 170, kY0 + 60);
    QTest::mouseClick(f.canvas, Qt::LeftButton, {}, free);
    EXPECT_EQ(f.canvas->zoneVertices()[2], f.world(free));

    f.canvas->undoStack()->undo();
    EXPECT_EQ(f.canvas->zoneVertices().size(), 2u);
    f.canvas->undoStack()->undo();
    EXPECT_EQ(f.canvas->zoneVertices().size(), 1u);
    f.canvas->undoStack()->redo();
    f.canvas->undoStack()->redo();
    ASSERT_EQ(f.canvas->zoneVertices().size(), 3u);
    EXPECT_EQ(f.canvas->zoneVertices()[2], f.world(free));
}

TEST(RiskZones, BowTieIsReportedAtTheCrossingAndNotSaved)
{
    riskmap::test::desktopApp();
    Fixture f;
    const double a = kX0 + 150, b = kY0 + 10;
    const std::vector<QPointF> bowTie = {{a, b}, {a + 40, b + 40}, {a + 40, b}, {a, b + 40}};
    const auto check = desktop::validateZone(bowTie);
    EXPECT_FALSE(check.valid);
    ASSERT_TRUE(check.x && check.y);
    EXPECT_NEAR(*check.x, a + 20, 1e-9);
    EXPECT_NEAR(*check.y, b + 20, 1e-9);

    for (const auto& v : bowTie) f.canvas->addZoneVertex(v);
    f.canvas->finishZone();
    EXPECT_NE(f.window.lastMessage().indexOf("zandloper"), -1) << f.window.lastMessage().toStdString();
    auto w = gis::Workspace::open(f.ws, true);
    EXPECT_TRUE(!w.db().tableExists("risicozones") || w.countRows("risicozones") == 0);
}

TEST(RiskZones, UpdateKeepsTheEarlierVersion)
{
    riskmap::test::TempDir dir;
    const std::string path = dir.file("ws.sqlite");
    riskmap::test::buildDesktopWorkspace(path);
    auto ws = gis::Workspace::open(path);
    desktop::RiskZoneStore store(ws);
    desktop::ZoneAttributes attrs;
    attrs.naam = "Schuren Leersum";
    const std::string id = store.insert({{0, 0}, {100, 0}, {100, 100}}, attrs);
    EXPECT_EQ(id, "RZ-0001");
    attrs.status = "actief";
    store.update(id, {{0, 0}, {200, 0}, {200, 200}}, attrs);
    EXPECT_EQ(ws.countRows("risicozones"), 1);
    EXPECT_EQ(ws.countRows("risicozones_historie"), 1);
    EXPECT_EQ(ws.db().queryText("SELECT status FROM risicozones_historie").value_or(""), "concept");
    EXPECT_EQ(ws.db().queryInt("SELECT versie FROM risicozones").value_or(0), 2);
    EXPECT_NEAR(ws.db().queryDouble("SELECT ST_Area(geom) FROM risicozones").value_or(0), 20000, 1e-6);
    EXPECT_NEAR(ws.db().queryDouble("SELECT ST_Area(geom) FROM risicozones_historie").value_or(0), 5000, 1e-6);
    EXPECT_THROW(store.update("RZ-9999", {{0, 0}, {1, 0}, {1, 1}}, attrs), riskmap::InputError);
    attrs.status = "onzin";
    EXPECT_THROW(store.insert({{0, 0}, {1, 0}, {1, 1}}, attrs), riskmap::UsageError);
}
