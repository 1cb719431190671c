// SPDX-License-Identifier: GPL-3.0-or-later
// Editing saved risk zones with simulated mouse events: each accepted edit is checked against
// the polygon SpatiaLite reads back, the version count and the kept history; refused edits
// leave the workspace byte-for-byte as it was.
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "risk_zone_store.hpp"
#include "tiny_workspace.hpp"
#include "zone_controller.hpp"
#include "zone_edit_tool.hpp"

#include "riskmap/gis/workspace.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QAction>
#include <QApplication>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

namespace {

using namespace riskmap;
using riskmap::test::kX0;
using riskmap::test::kY0;


/// The exterior ring of a stored zone as SpatiaLite reads it (closing vertex dropped).
std::vector<QPointF> sqlRing(const std::string& ws, const std::string& where, const char* table = "risicozones")
{
    auto w = gis::Workspace::open(ws, true);
    const std::string from = std::string(" FROM ") + table + " WHERE " + where;
    const auto n = w.db().queryInt("SELECT ST_NPoints(ST_ExteriorRing(geom))" + from).value_or(0);
    std::vector<QPointF> ring;
    for (std::int64_t i = 1; i < n; ++i) {
        const std::string pt = "ST_PointN(ST_ExteriorRing(geom), " + std::to_string(i) + ")";
        ring.emplace_back(*w.db().queryDouble("SELECT ST_X(" + pt + ")" + from), *w.db().queryDouble("SELECT ST_Y(" + pt + ")" + from));
    }
    return ring;
}

std::int64_t sqlInt(const std::string& ws, const std::string& sql)
{
    auto w = gis::Workspace::open(ws, true);
    return w.db().queryInt(sql).value_or(-1);
}

/// A square zone RZ-0001 at (kX0+150..190, kY0+20..70), away from the pand; 1 m per pixel.
struct Fixture {
    riskmap::test::TempDir dir;
    std::string ws = dir.file("ws.sqlite");
    std::vector<QPointF> square = {{kX0 + 150, kY0 + 20}, {kX0 + 190, kY0 + 20}, {kX0 + 190, kY0 + 70}, {kX0 + 150, kY0 + 70}};
    std::unique_ptr<desktop::MainWindow> window;
    desktop::MapCanvas* canvas = nullptr;
    desktop::ZoneEditTool* tool = nullptr;

    explicit Fixture(std::vector<QPointF> ring = {})
    {
        if (!ring.empty()) square = ring;
        riskmap::test::buildDesktopWorkspace(ws);
        {
            auto w = gis::Workspace::open(ws);
            desktop::RiskZoneStore store(w);
            desktop::ZoneAttributes a;
            a.naam = "Loods Maarsbergen";
            EXPECT_EQ(store.insert(square, a), "RZ-0001");
        }
        window = std::make_unique<desktop::MainWindow>();
        window->openWorkspace(QString::fromStdString(ws));
        window->setInteractive(false);
        window->show();
        canvas = window->canvas();
        tool = window->zones()->editTool();
        canvas->setView(render::MapView(QPointF(kX0 + 170, kY0 + 45), 1.0, canvas->size()));
        window->zones()->actions().edit->trigger();
        EXPECT_EQ(canvas->tool(), desktop::MapCanvas::Tool::EditZone);
    }
    QPoint px(double x, double y) const { return canvas->view().toPixel(x, y).toPoint(); }
    QPoint px(QPointF w) const { return px(w.x(), w.y()); }
    QPointF world(QPoint p) const { return canvas->view().toWorld(QPointF(p)); }
    void select()
    {
        QTest::mouseClick(canvas, Qt::LeftButton, {}, px(kX0 + 165, kY0 + 40));
        ASSERT_EQ(tool->zoneId(), "RZ-0001");
    }
    void drag(QPoint from, QPoint to)
    {
        QTest::mousePress(canvas, Qt::LeftButton, {}, from);
        QTest::mouseMove(canvas, (from + to) / 2);
        QTest::mouseMove(canvas, to);
        QTest::mouseRelease(canvas, Qt::LeftButton, {}, to);
    }
    std::vector<QPointF> stored() const { return sqlRing(ws, "zone_id = 'RZ-0001'"); }
    std::int64_t versie() const { return sqlInt(ws, "SELECT versie FROM risicozones WHERE zone_id = 'RZ-0001'"); }
    std::int64_t history() const { return sqlInt(ws, "SELECT count(*) FROM risicozones_historie WHERE zone_id = 'RZ-0001'"); }
};

}  // namespace

TEST(ZoneEdit, DraggedVertexIsSavedAsNewVersionWithHistory)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    ASSERT_EQ(f.tool->ring(), f.square);
    // Vertex 2 (kX0+190, kY0+70) dragged 15 m east and 15 m north: far from every snap target.
    const QPoint to = f.px(kX0 + 205, kY0 + 85);
    f.drag(f.px(f.square[2]), to);
    auto expected = f.square;
    expected[2] = f.world(to);
    EXPECT_EQ(expected[2], QPointF(kX0 + 205, kY0 + 85));
    EXPECT_EQ(f.stored(), expected);
    EXPECT_EQ(f.versie(), 2);
    EXPECT_EQ(f.history(), 1);
    EXPECT_EQ(sqlRing(f.ws, "zone_id = 'RZ-0001' AND versie = 1", "risicozones_historie"), f.square);
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones WHERE auteur = '" + gis::currentUser() +
                               "' AND gewijzigd >= aangemaakt AND gewijzigd <> ''"),
              1);
    EXPECT_EQ(f.tool->ring(), expected);
}

TEST(ZoneEdit, DraggedVertexSnapsToAParcelCorner)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    // Released 3 m east and 2 m north of the pand's corner (kX0+100, kY0+100): snapped onto it.
    f.drag(f.px(f.square[3]), f.px(kX0 + 103, kY0 + 102));
    auto expected = f.square;
    expected[3] = QPointF(kX0 + 100, kY0 + 100);
    EXPECT_EQ(f.stored(), expected);
}

TEST(ZoneEdit, DraggedVertexIgnoresItsOwnZoneWhenSnapping)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    // 3 px east, 1 px south: within snapping distance of the zone's own stored corner, which
    // must not pull the vertex back (the drawing tool would snap to it).
    const QPoint to = f.px(f.square[1]) + QPoint(3, 1);
    f.drag(f.px(f.square[1]), to);
    auto expected = f.square;
    expected[1] = f.world(to);
    EXPECT_EQ(expected[1], f.square[1] + QPointF(3, -1));
    EXPECT_EQ(f.stored(), expected);
    EXPECT_EQ(f.versie(), 2);
    // Dragging it back onto the old place is a new version again; "moving" it onto itself is none.
    ASSERT_TRUE(f.tool->moveVertex(1, f.square[1]));
    EXPECT_EQ(f.versie(), 3);
    ASSERT_TRUE(f.tool->moveVertex(1, f.square[1]));
    EXPECT_EQ(f.versie(), 3);
    EXPECT_EQ(f.tool->undoStack()->count(), 2);
}

TEST(ZoneEdit, VertexAddedAtEdgeAndMidpointAndDeleted)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    // Double-click on the south edge, 10 m from its west end (away from the midpoint handle).
    QTest::mouseDClick(f.canvas, Qt::LeftButton, {}, f.px(kX0 + 160, kY0 + 20));
    auto ring = f.stored();
    ASSERT_EQ(ring.size(), 5u);
    EXPECT_NEAR(ring[1].x(), kX0 + 160, 1e-6);
    EXPECT_NEAR(ring[1].y(), kY0 + 20, 1e-6);
    EXPECT_EQ(ring[0], f.square[0]);
    EXPECT_EQ(ring[2], f.square[1]);
    EXPECT_EQ(f.versie(), 2);

    // A click on the east edge's midpoint handle adds its exact midpoint after vertex 2.
    QTest::mouseClick(f.canvas, Qt::LeftButton, {}, f.px(kX0 + 190, kY0 + 45));
    ring = f.stored();
    ASSERT_EQ(ring.size(), 6u);
    EXPECT_EQ(ring[3], QPointF(kX0 + 190, kY0 + 45));
    EXPECT_EQ(f.versie(), 3);

    // Right-click deletes a vertex; Delete deletes the hovered one.
    QTest::mouseClick(f.canvas, Qt::RightButton, {}, f.px(kX0 + 190, kY0 + 45));
    ring = f.stored();
    ASSERT_EQ(ring.size(), 5u);
    EXPECT_EQ(ring[3], f.square[2]);
    QTest::mouseMove(f.canvas, f.px(ring[1]));
    QTest::keyClick(f.canvas, Qt::Key_Delete);
    EXPECT_EQ(f.stored(), f.square);
    EXPECT_EQ(f.versie(), 5);
    EXPECT_EQ(f.history(), 4);
}

TEST(ZoneEdit, DeletingBelowThreeVerticesIsRefused)
{
    riskmap::test::desktopApp();
    const std::vector<QPointF> triangle = {{kX0 + 150, kY0 + 20}, {kX0 + 190, kY0 + 20}, {kX0 + 170, kY0 + 70}};
    Fixture f(triangle);
    f.select();
    QTest::mouseClick(f.canvas, Qt::RightButton, {}, f.px(triangle[2]));
    EXPECT_NE(f.tool->lastMessage().indexOf("three"), -1) << f.tool->lastMessage().toStdString();
    EXPECT_FALSE(f.tool->deleteVertex(0));
    EXPECT_EQ(f.stored(), triangle);
    EXPECT_EQ(f.versie(), 1);
    EXPECT_EQ(f.history(), 0);
}

TEST(ZoneEdit, WholeZoneMovedByTheDraggedOffsetThenUndoneAndRedone)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    const QPoint from = f.px(kX0 + 165, kY0 + 40), to = from + QPoint(30, -20);
    f.drag(from, to);
    const QPointF offset = f.world(to) - f.world(from);
    EXPECT_EQ(offset, QPointF(30, 20));  // 1 m per pixel, y up
    std::vector<QPointF> moved;
    for (const auto& p : f.square) moved.push_back(p + offset);
    EXPECT_EQ(f.stored(), moved);
    EXPECT_EQ(f.versie(), 2);

    // Ctrl+Z through the window's undo action: the previous polygon, saved as a new version.
    auto* undo = f.window->zones()->actions().undo;
    auto* redo = f.window->zones()->actions().redo;
    ASSERT_TRUE(undo->isEnabled());
    undo->trigger();
    EXPECT_EQ(f.stored(), f.square);
    EXPECT_EQ(f.tool->ring(), f.square);
    EXPECT_EQ(f.versie(), 3);
    EXPECT_EQ(f.history(), 2);
    redo->trigger();
    EXPECT_EQ(f.stored(), moved);
    EXPECT_EQ(f.versie(), 4);
    EXPECT_FALSE(redo->isEnabled());
}

TEST(ZoneEdit, BowTieEditIsRefusedAtTheCrossingAndNothingSaved)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    // Vertex 3 dragged to (kX0+200, kY0+45): its new edge to vertex 0 crosses the east edge at
    // x = kX0+190, y = kY0+20 + 25 * 40/50 = kY0+40.
    f.drag(f.px(f.square[3]), f.px(kX0 + 200, kY0 + 45));
    EXPECT_NE(f.tool->lastMessage().indexOf("zandloper"), -1) << f.tool->lastMessage().toStdString();
    EXPECT_EQ(f.window->lastMessage(), f.tool->lastMessage());
    ASSERT_TRUE(f.canvas->problemMarker());
    EXPECT_NEAR(f.canvas->problemMarker()->x(), kX0 + 190, 1e-6);
    EXPECT_NEAR(f.canvas->problemMarker()->y(), kY0 + 40, 1e-6);
    EXPECT_EQ(f.stored(), f.square);
    EXPECT_EQ(f.versie(), 1);
    EXPECT_EQ(f.history(), 0);
    EXPECT_EQ(f.tool->ring(), f.square) << "the preview snaps back";
    EXPECT_FALSE(f.tool->undoStack()->canUndo()) << "a refused edit is no undo step";
}

TEST(ZoneEdit, DeletedZoneKeepsItsHistoryAndComesBackOnUndo)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    ASSERT_TRUE(f.tool->moveZone(QPointF(5, 0)));
    f.window->zones()->actions().remove->trigger();
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones"), 0);
    EXPECT_TRUE(f.tool->zoneId().empty());
    // Both versions are in the history, the last one with its moved polygon.
    EXPECT_EQ(f.history(), 2);
    EXPECT_EQ(sqlRing(f.ws, "zone_id = 'RZ-0001' AND versie = 1", "risicozones_historie"), f.square);
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones_historie WHERE versie = 2 AND naam = 'Loods Maarsbergen'"), 1);

    // A new zone never takes the deleted zone's number.
    {
        auto w = gis::Workspace::open(f.ws);
        desktop::RiskZoneStore store(w);
        EXPECT_EQ(store.insert({{kX0 + 300, kY0}, {kX0 + 340, kY0}, {kX0 + 340, kY0 + 40}}, {}), "RZ-0002");
    }
    f.tool->undoStack()->undo();
    std::vector<QPointF> moved;
    for (const auto& p : f.square) moved.push_back(p + QPointF(5, 0));
    EXPECT_EQ(f.stored(), moved);
    EXPECT_EQ(f.versie(), 3);
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones_historie WHERE zone_id = 'RZ-0001'"), 2);
}

TEST(ZoneEdit, AttributesOfASavedZoneAreANewVersion)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.select();
    desktop::ZoneAttributes a = f.tool->attributes();
    EXPECT_EQ(a.naam, "Loods Maarsbergen");
    a.status = "actief";
    a.herzienVoor = "2027-06-01";
    ASSERT_TRUE(f.tool->setAttributes(a));
    EXPECT_EQ(f.versie(), 2);
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones WHERE status = 'actief' AND herzien_voor = '2027-06-01'"), 1);
    EXPECT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones_historie WHERE status = 'concept'"), 1);
    EXPECT_EQ(f.stored(), f.square);
    a.status = "weg";
    EXPECT_FALSE(f.tool->setAttributes(a));
    EXPECT_EQ(f.versie(), 2);
}

TEST(ZoneEdit, OpenAttributeTableAndIdentifyShowTheSavedVersion)
{
    riskmap::test::desktopApp();
    Fixture f;
    f.window->showAttributeTable("risicozones");
    ASSERT_EQ(f.window->identifyAt(QPointF(kX0 + 165, kY0 + 40), 0.5), 1);
    auto* table = f.window->findChild<QTableView*>();
    auto* identify = f.window->findChild<QTreeWidget*>();
    ASSERT_TRUE(table && identify);
    // The value of `column` in the table's only row and in the identify dock's first feature.
    auto tableValue = [&](const QString& column) -> std::string {
        auto* model = table->model();
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal).toString() == column) return model->index(0, c).data().toString().toStdString();
        return "<geen kolom " + column.toStdString() + ">";
    };
    auto identifyValue = [&](const QString& field) -> std::string {
        auto* top = identify->topLevelItem(0);
        for (int i = 0; top && i < top->childCount(); ++i)
            if (top->child(i)->text(0) == field) return top->child(i)->text(1).toStdString();
        return "<geen veld " + field.toStdString() + ">";
    };
    ASSERT_EQ(table->model()->rowCount(), 1);
    EXPECT_EQ(tableValue("status"), "concept");
    EXPECT_EQ(identifyValue("status"), "concept");

    f.select();
    desktop::ZoneAttributes a = f.tool->attributes();
    a.status = "actief";
    ASSERT_TRUE(f.tool->setAttributes(a));
    // What SpatiaLite holds now is what both docks show.
    ASSERT_EQ(sqlInt(f.ws, "SELECT count(*) FROM risicozones WHERE status = 'actief'"), 1);
    EXPECT_EQ(tableValue("status"), "actief");
    EXPECT_EQ(identifyValue("status"), "actief");
    EXPECT_EQ(tableValue("versie"), std::to_string(f.versie()));

    // A deleted zone leaves the table and the identify dock.
    ASSERT_TRUE(f.tool->deleteZone());
    EXPECT_EQ(table->model()->rowCount(), 0);
    for (int i = 0; i < identify->topLevelItemCount(); ++i)
        EXPECT_FALSE(identify->topLevelItem(i)->text(0).startsWith("risicozones")) << identify->topLevelItem(i)->text(0).toStdString();
}
