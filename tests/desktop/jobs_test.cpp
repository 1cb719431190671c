// SPDX-License-Identifier: GPL-3.0-or-later
// Run from the app: build and import through the main window's jobs, progress, errors and cancel.
#include "job_runner.hpp"
#include "main_window.hpp"
#include "map_canvas.hpp"

#include "../layers/engine_fixture.hpp"
#include "riskmap/gis/workspace.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

namespace {

using namespace riskmap;


std::int64_t count(const std::string& ws, const std::string& table)
{
    auto w = gis::Workspace::open(ws, true);
    if (!w.db().tableExists(table)) return -1;
    auto st = w.db().prepare("SELECT count(*) FROM " + table);
    st.step();
    return st.columnInt(0);
}

bool canvasHas(desktop::MainWindow& window, const std::string& layer)
{
    const auto& layers = window.canvas()->layers();
    return std::any_of(layers.begin(), layers.end(), [&](const auto& l) { return l.name == layer; });
}

}  // namespace

TEST(DesktopJobs, BuildFromTheAppAddsTheRiskMap)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildEngineWorkspace(ws, false);
    ASSERT_EQ(count(ws, "risico_percelen"), -1);
    const auto parcels = count(ws, "percelen");
    ASSERT_GT(parcels, 0);

    desktop::MainWindow window;
    window.setInteractive(false);
    window.jobs()->setShowProgressDialog(false);
    window.openWorkspace(QString::fromStdString(ws));
    ASSERT_FALSE(canvasHas(window, "risico_percelen"));
    int progressSignals = 0;
    QObject::connect(window.jobs(), &desktop::JobRunner::progress, [&] { ++progressSignals; });
    ASSERT_TRUE(window.startBuild());
    EXPECT_FALSE(window.startBuild()) << "one job at a time";
    window.jobs()->waitForFinished();
    const auto& outcome = window.jobs()->lastOutcome();
    ASSERT_EQ(outcome.status, desktop::JobOutcome::Status::Done) << outcome.message.toStdString();
    EXPECT_TRUE(outcome.message.contains("Risicokaart gebouwd")) << outcome.message.toStdString();
    EXPECT_GT(progressSignals, 0);
    // One row per parcel, counted by SQL, and the new layer is on the map.
    EXPECT_EQ(count(ws, "risico_percelen"), parcels);
    EXPECT_TRUE(canvasHas(window, "risico_percelen"));
}

TEST(DesktopJobs, RefusedImportReportsFileAndReason)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string ws = dir.file("ws.sqlite");
    test::buildEngineWorkspace(ws, false);
    const std::string bad = dir.file("percelen.gpkg");
    std::ofstream(bad) << "perceel_id;gemeente\nA;B\n";  // text, not a GeoPackage

    desktop::MainWindow window;
    window.setInteractive(false);
    window.jobs()->setShowProgressDialog(false);
    window.openWorkspace(QString::fromStdString(ws));
    const auto before = count(ws, "percelen");
    ASSERT_TRUE(window.startImport({QString::fromStdString(bad)}));
    window.jobs()->waitForFinished();
    const auto& outcome = window.jobs()->lastOutcome();
    ASSERT_EQ(outcome.status, desktop::JobOutcome::Status::Failed);
    EXPECT_TRUE(outcome.message.contains("percelen.gpkg")) << outcome.message.toStdString();
    EXPECT_TRUE(window.lastMessage().contains("percelen.gpkg")) << window.lastMessage().toStdString();
    EXPECT_EQ(count(ws, "percelen"), before) << "a refused import changes nothing";
}

TEST(DesktopJobs, CancelStopsALongRun)
{
    riskmap::test::desktopApp();
    desktop::JobRunner runner(nullptr);
    int loops = 0;
    // Ten seconds of work unless cancelled; the job polls like the layers functions do.
    ASSERT_TRUE(runner.start("lang", [&](core::Feedback& f) {
        f.beginStage("werk", 1000);
        for (int i = 0; i < 1000; ++i) {
            f.checkCancelled();
            QThread::msleep(10);
            f.advance();
            ++loops;
        }
        return QString("klaar");
    }));
    QElapsedTimer t;
    t.start();
    int seen = 0;
    QObject::connect(&runner, &desktop::JobRunner::progress, [&](const QString& stage, double fraction) {
        EXPECT_EQ(stage, "werk");
        EXPECT_GE(fraction, 0.0);
        if (++seen == 3) runner.cancel();  // cancel from the GUI thread once progress is flowing
    });
    runner.waitForFinished();
    EXPECT_EQ(runner.lastOutcome().status, desktop::JobOutcome::Status::Cancelled);
    EXPECT_LT(t.elapsed(), 3000);
    EXPECT_LT(loops, 1000);
    EXPECT_GE(seen, 3);
}
