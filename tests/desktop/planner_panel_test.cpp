// SPDX-License-Identifier: GPL-3.0-or-later
// The Controleplanner dock and the Export action, checked against SpatiaLite and the CLI.
#include "export_dialog.hpp"
#include "job_runner.hpp"
#include "main_window.hpp"
#include "map_canvas.hpp"
#include "planner_panel.hpp"

#include "../layers/engine_fixture.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QApplication>
#include <QImage>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using namespace riskmap;


std::vector<std::vector<std::string>> rows(const std::string& ws, const std::string& sql, int columns)
{
    gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
    auto st = db.prepare(sql);
    std::vector<std::vector<std::string>> out;
    while (st.step()) {
        std::vector<std::string> row;
        for (int c = 0; c < columns; ++c) row.push_back(st.columnText(c));
        out.push_back(std::move(row));
    }
    return out;
}

std::int64_t count(const std::string& ws, const std::string& sql)
{
    gis::SpatialiteDb db(ws, gis::SpatialiteDb::Mode::ReadOnly);
    return db.queryInt(sql).value_or(-1);
}


}  // namespace

// XS sample (the tiny desktop workspace has no risk map to plan on) → plan from the panel.
TEST(PlannerPanel, ListsTheControlsOfTheWorkspaceAndShowsThemOnTheMap)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    auto ok = [](const test::CommandResult& r) { ASSERT_EQ(r.exitCode, 0) << r.out << r.err; };
    ok(test::runCli({"sample", "--out", dir.file("data"), "--scale", "XS", "--no-photos"}));
    ok(test::runCli({"init", ws}));
    ok(test::runCli({"import", ws, dir.file("data/heuvelrug.gpkg")}));
    ok(test::runCli({"build", ws}));

    desktop::MainWindow window;
    window.setInteractive(false);
    window.jobs()->setShowProgressDialog(false);
    window.resize(1000, 700);
    window.openWorkspace(QString::fromStdString(ws));
    auto* panel = window.planner();
    ASSERT_NE(panel, nullptr);
    EXPECT_TRUE(panel->result().empty()) << "no plan yet";

    panel->setYear(2027);
    desktop::PlanOverrides overrides;
    overrides.controls = 2;
    overrides.addressesPerControl = 12;
    overrides.randomShare = 0.25;
    overrides.seed = 5;
    panel->setOverrides(overrides);
    int progress = 0;
    QObject::connect(window.jobs(), &desktop::JobRunner::progress, [&] { ++progress; });
    ASSERT_TRUE(panel->startPlan());
    EXPECT_FALSE(panel->startPlan()) << "one job at a time";
    window.jobs()->waitForFinished();
    ASSERT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Done)
        << window.jobs()->lastOutcome().message.toStdString();
    EXPECT_GT(progress, 0);

    // Oracle: the layers in the workspace, by SQL.
    const auto controls = rows(ws, "SELECT controle_id, datum, gebied FROM controles WHERE jaar = 2027 ORDER BY volgnummer", 3);
    ASSERT_EQ(controls.size(), 2u) << "the panel's override of `controls`";
    const auto& result = panel->result();
    ASSERT_EQ(result.controls.size(), controls.size());
    ASSERT_EQ(panel->tree()->topLevelItemCount(), static_cast<int>(controls.size()));
    for (std::size_t c = 0; c < controls.size(); ++c) {
        const auto* item = panel->tree()->topLevelItem(static_cast<int>(c));
        EXPECT_EQ(item->text(0).toStdString(), controls[c][0]);
        EXPECT_EQ(item->text(1).toStdString(), controls[c][1]);
        EXPECT_TRUE(item->text(2).startsWith(QString::fromStdString(controls[c][2])));
        const auto visits = rows(ws, "SELECT vbo_id, woning, adres FROM controle_adressen WHERE controle_id = '" + controls[c][0] +
                                         "' ORDER BY volgorde", 3);
        EXPECT_EQ(visits.size(), 12u) << "the panel's override of `addresses_per_control`";
        const auto& listed = result.controls[c].visits;
        ASSERT_EQ(listed.size(), visits.size());
        ASSERT_EQ(item->childCount(), static_cast<int>(visits.size()));
        for (std::size_t v = 0; v < visits.size(); ++v) {
            EXPECT_EQ(listed[v].vboId.toStdString(), visits[v][0]);
            EXPECT_EQ(listed[v].dwelling, visits[v][1] == "1");
            EXPECT_TRUE(item->child(static_cast<int>(v))->text(0).contains(QString::fromStdString(visits[v][2])));
            // A dwelling says so in the list: no entry without consent.
            EXPECT_EQ(item->child(static_cast<int>(v))->text(2).contains("consent"), visits[v][1] == "1");
        }
    }
    // The seed the panel set is the one recorded with the plan.
    EXPECT_EQ(count(ws, "SELECT count(*) FROM rk_layers WHERE name = 'controles' AND legal_basis LIKE '%(seed 5)%'"), 1);
    // Partner lists and calendars were audit-logged as `riskmap plan` does.
    EXPECT_GT(count(ws, "SELECT count(*) FROM rk_audit WHERE profile = 'partner' AND target LIKE '%adressen_%'"), 0);
    EXPECT_TRUE(std::filesystem::exists(ws + ".plan-2027/controle_" + controls[0][0] + ".ics"));

    // Clicking the second control: its target is inside the map view, its shapes are outlined.
    const auto box = rows(ws, "SELECT MbrMinX(geom), MbrMinY(geom), MbrMaxX(geom), MbrMaxY(geom) FROM controles WHERE controle_id = '" +
                                  controls[1][0] + "'", 4)
                         .at(0);
    const auto before = window.canvas()->view().extent();
    panel->selectControl(1);
    const auto view = window.canvas()->view().extent();
    EXPECT_FALSE(view.xmin == before.xmin && view.xmax == before.xmax && view.ymin == before.ymin) << "the view moved";
    EXPECT_LE(view.xmin, std::stod(box[0]));
    EXPECT_LE(view.ymin, std::stod(box[1]));
    EXPECT_GE(view.xmax, std::stod(box[2]));
    EXPECT_GE(view.ymax, std::stod(box[3]));
    EXPECT_LT(view.xmax - view.xmin, (before.xmax - before.xmin)) << "zoomed in on the target, not the whole area";
    EXPECT_EQ(window.canvas()->selectionSize(), 1u + result.controls[1].visits.size());
    const auto motivation = rows(ws, "SELECT motivering FROM controles WHERE controle_id = '" + controls[1][0] + "'", 1).at(0).at(0);
    EXPECT_TRUE(panel->detailsText().contains(QString::fromStdString(motivation).left(60)));
    EXPECT_TRUE(panel->detailsText().contains("Wat de voorwaarden kosten")) << "the report's constraint costs";

    // The Export action on the plan: a map (.png) goes through the same map export as `riskmap export … --out x.png`.
    desktop::ExportChoice choice;
    choice.layer = "controles";
    choice.outPath = QString::fromStdString(dir.file("kaart.png"));
    ASSERT_TRUE(desktop::startExport(*window.jobs(), QString::fromStdString(ws), choice));
    window.jobs()->waitForFinished();
    ASSERT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Done)
        << window.jobs()->lastOutcome().message.toStdString();
    EXPECT_GT(std::filesystem::file_size(dir.file("kaart.png")), 1000u);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM rk_audit WHERE target LIKE '%kaart.png' AND details = 'kaart, 1 pagina''s'"), 1);
    ok(test::runCli({"export", ws, "controles", "--out", dir.file("cli.png")}));
    EXPECT_TRUE(QImage(QString::fromStdString(dir.file("kaart.png"))) == QImage(QString::fromStdString(dir.file("cli.png"))))
        << "the same map as the CLI draws";

    // Cancel: the workspace keeps the plan it had (runPlan checks before writing anything).
    const std::string addressesSql = "SELECT group_concat(vbo_id) FROM (SELECT vbo_id FROM controle_adressen ORDER BY fid)";
    const auto addressesBefore = rows(ws, addressesSql, 1);
    overrides.seed = 9;
    panel->setOverrides(overrides);
    ASSERT_TRUE(panel->startPlan());
    window.jobs()->cancel();
    window.jobs()->waitForFinished();
    EXPECT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Cancelled);
    EXPECT_EQ(rows(ws, addressesSql, 1), addressesBefore);
    EXPECT_EQ(panel->result().controls.size(), controls.size()) << "the panel still shows the plan";

    // Reopening the workspace shows the stored plan without planning again.
    desktop::MainWindow second;
    second.setInteractive(false);
    second.openWorkspace(QString::fromStdString(ws));
    ASSERT_EQ(second.planner()->result().controls.size(), controls.size());
    EXPECT_EQ(second.planner()->result().year, 2027);
    // ... with the settings that plan was made with (not the project's defaults 3 / 15 / 20 % / 1, nor the
    // cancelled run's seed 9), as stored beside the layers.
    EXPECT_EQ(rows(ws, "SELECT controles, adressen_per_controle, steekproef_aandeel, seed FROM rk_plan_settings WHERE jaar = 2027", 4),
              (std::vector<std::vector<std::string>>{{"2", "12", "0.25", "5"}}));
    const auto shown = second.planner()->overrides();
    EXPECT_EQ(shown.controls, 2);
    EXPECT_EQ(shown.addressesPerControl, 12);
    EXPECT_DOUBLE_EQ(shown.randomShare.value_or(-1), 0.25);
    EXPECT_EQ(shown.seed, 5u);
    EXPECT_EQ(second.planner()->result().controls[0].id.toStdString(), controls[0][0]);
    EXPECT_EQ(second.planner()->result().controls[0].visits.size(), 12u);
}

TEST(ExportAction, WritesWhatTheCliWritesAndIsAuditLogged)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildEngineWorkspace(ws, false);

    desktop::MainWindow window;
    window.setInteractive(false);
    window.jobs()->setShowProgressDialog(false);
    window.openWorkspace(QString::fromStdString(ws));
    ASSERT_TRUE(window.startBuild());  // a registered output layer to export: risico_percelen
    window.jobs()->waitForFinished();
    ASSERT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Done);
    const auto auditBefore = count(ws, "SELECT count(*) FROM rk_audit");
    desktop::ExportChoice choice;
    choice.layer = "risico_percelen";
    choice.profile = "analist";
    choice.outPath = QString::fromStdString(dir.file("app.csv"));
    ASSERT_TRUE(desktop::startExport(*window.jobs(), QString::fromStdString(ws), choice));
    window.jobs()->waitForFinished();
    ASSERT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Done)
        << window.jobs()->lastOutcome().message.toStdString();
    EXPECT_EQ(count(ws, "SELECT count(*) FROM rk_audit"), auditBefore + 1);
    EXPECT_EQ(count(ws, "SELECT count(*) FROM rk_audit WHERE action = 'export' AND profile = 'analist' AND target LIKE '%app.csv'"), 1);

    const auto cli = test::runCli({"export", ws, "risico_percelen", "--out", dir.file("cli.csv"), "--profile", "analist"});
    ASSERT_EQ(cli.exitCode, 0) << cli.err;
    const std::string app = test::readFileText(dir.file("app.csv"));
    EXPECT_FALSE(app.empty());
    EXPECT_EQ(app, test::readFileText(dir.file("cli.csv")));
    // Every row of the layer (one header line; the analist profile keeps all rows).
    const auto lines = std::count(app.begin(), app.end(), '\n');
    EXPECT_EQ(lines, 1 + count(ws, "SELECT count(*) FROM risico_percelen"));

    // A refused request fails with the reason, writes nothing and logs nothing.
    choice.profile = "riec";
    choice.outPath = QString::fromStdString(dir.file("riec.csv"));
    ASSERT_TRUE(desktop::startExport(*window.jobs(), QString::fromStdString(ws), choice));
    window.jobs()->waitForFinished();
    EXPECT_EQ(window.jobs()->lastOutcome().status, desktop::JobOutcome::Status::Failed);
    EXPECT_TRUE(window.jobs()->lastOutcome().message.contains("riec")) << window.jobs()->lastOutcome().message.toStdString();
    EXPECT_TRUE(window.lastMessage().contains("riec")) << "shown to the analyst";
    EXPECT_FALSE(std::filesystem::exists(dir.file("riec.csv")));
    EXPECT_EQ(count(ws, "SELECT count(*) FROM rk_audit"), auditBefore + 2) << "only the CLI export was added";
}
