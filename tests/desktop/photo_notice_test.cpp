// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's status bar says when the aerial photo comes from the tile cache because its file is gone.
#include "main_window.hpp"
#include "map_canvas.hpp"

#include "riskmap/render/map_view.hpp"
#include "raster_fixtures.hpp"
#include "test_app.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QStatusBar>

#include <gtest/gtest.h>

#include <filesystem>

namespace {

using namespace riskmap;

constexpr double kX0 = 150000, kY0 = 450000, kRes = 0.25;
constexpr int kSize = 400;

void writePhoto(const std::string& path)
{
    riskmap::test::writeTestGeoTiff(path, {kX0, kY0 + kSize * kRes, kRes, kSize, kSize, 3},
                     [](int c, int r, int b) { return static_cast<unsigned char>(40 * b + (r * kSize + c) % 97); },
                     {"PHOTOMETRIC=RGB"});
}


}  // namespace

TEST(DesktopPhotoNotice, StatusBarNamesThePhotoDrawnFromTheTileCache)
{
    riskmap::test::desktopApp();
    test::TempDir dir;
    const std::string photo = dir.file("foto_2025.tif"), ws = dir.file("ws.sqlite");
    writePhoto(photo);
    ASSERT_EQ(test::runCli({"init", ws}).exitCode, 0);
    auto r = test::runCli({"import", ws, photo, "--layer", "luchtfoto", "--year", "2025"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    r = test::runCli({"cache", ws, "--year", "2025"});
    ASSERT_EQ(r.exitCode, 0) << r.err;

    const gis::Box box{kX0 + 10, kY0 + 10, kX0 + 90, kY0 + 90};
    {
        // Online: no notice.
        desktop::MainWindow window;
        window.setInteractive(false);
        window.openWorkspace(QString::fromStdString(ws));
        window.show();
        QSignalSpy spy(window.canvas(), &desktop::MapCanvas::renderFinished);
        window.canvas()->setView(render::MapView(box, window.canvas()->size()));
        ASSERT_TRUE(spy.wait(10000));
        EXPECT_TRUE(window.canvas()->photoNotice().isEmpty()) << window.canvas()->photoNotice().toStdString();
    }
    std::filesystem::rename(photo, photo + ".weg");
    desktop::MainWindow window;
    window.setInteractive(false);
    window.openWorkspace(QString::fromStdString(ws));
    window.show();
    auto* label = window.statusBar()->findChild<QLabel*>(QStringLiteral("photoNotice"));
    ASSERT_NE(label, nullptr);
    QSignalSpy spy(window.canvas(), &desktop::MapCanvas::renderFinished);
    window.canvas()->setView(render::MapView(box, window.canvas()->size()));
    ASSERT_TRUE(spy.wait(10000));
    const std::string text = label->text().toStdString();
    EXPECT_TRUE(label->isVisible());
    EXPECT_EQ(text.find("delen buiten de cache"), std::string::npos) << text;  // the cache holds the whole photo
    EXPECT_NE(text.find("luchtfoto 2025 niet bereikbaar"), std::string::npos) << text;
    EXPECT_NE(text.find(photo), std::string::npos) << text;
    EXPECT_NE(text.find("getoond uit de tegelcache"), std::string::npos) << text;
    // The photo is drawn: the canvas centre is not the white background.
    const QImage shot = window.canvas()->grab().toImage();
    EXPECT_NE(shot.pixelColor(shot.width() / 2, shot.height() / 2), QColor(Qt::white));
    if (const char* out = std::getenv("RISKMAP_PHOTO_NOTICE_SHOT")) window.grab().save(QString::fromUtf8(out));
}
