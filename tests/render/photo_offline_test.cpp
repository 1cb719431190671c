// SPDX-License-Identifier: GPL-3.0-or-later
// The renderer draws an unreachable aerial photo from the tile cache and says so (year, file, what is missing).
#include "riskmap/gis/tile_cache.hpp"
#include "riskmap/render/map_renderer.hpp"
#include "riskmap/render/snapshot.hpp"
#include "riskmap/render/tiled_renderer.hpp"
#include "raster_fixtures.hpp"
#include "test_support.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <gtest/gtest.h>

#include "gui_app.hpp"

#include <QGuiApplication>
#include <QImage>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>

namespace riskmap::render {
namespace {

namespace fs = std::filesystem;
using gis::RdTileGrid;

constexpr int kSize = 512;       // photo pixels per side
constexpr double kRes = 0.21;    // exactly RD tile level 14
// The photo starts 100 pixels into a level-14 tile, so tile edges cut it at photo columns 156 and 412.
const long kCol0 = static_cast<long>(std::floor((150000 - RdTileGrid::kOriginX) / kRes / 256)) * 256 + 100;
const long kRow0 = static_cast<long>(std::floor((RdTileGrid::kOriginY - 450000) / kRes / 256)) * 256 + 100;
const double kX0 = RdTileGrid::kOriginX + kCol0 * kRes;
const double kY0 = RdTileGrid::kOriginY - kRow0 * kRes;

/// Smooth colours: a sub-pixel shift (cache tiles lie on the RD tile grid) changes them little.
unsigned char value(int c, int r, int b)
{
    return static_cast<unsigned char>(128 + 60 * std::sin(c / 15.0 + b) + 40 * std::cos(r / 11.0 + b));
}

void writePhoto(const std::string& path)
{
    test::writeTestGeoTiff(path, {kX0, kY0, kRes, kSize, kSize, 3}, [](int c, int r, int b) { return value(c, r, b); },
                     {"PHOTOMETRIC=RGB", "TILED=YES"});
}

/// A view of `w` × `h` pixels at `res` whose top-left corner is near photo pixel (c, r), snapped to
/// the global pixel grid when `snap` (as the canvas tiles are: the renderer's block path).
MapView viewAt(double c, double r, int w, int h, double res, bool snap)
{
    double x0 = kX0 + c * kRes, y1 = kY0 - r * kRes;
    if (snap) x0 = std::round(x0 / res) * res, y1 = std::round(y1 / res) * res;
    return MapView(QPointF(x0 + w * res / 2, y1 - h * res / 2), res, QSize(w, h));
}

struct Diff {
    double mean = 0;
    int max = 0;
    std::size_t compared = 0;
};

/// Channel differences over the pixels where `a` is not the white background.
Diff compare(const QImage& a, const QImage& b)
{
    Diff d;
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            if (p == qRgb(255, 255, 255)) continue;
            for (int k : {qRed(p) - qRed(q), qGreen(p) - qGreen(q), qBlue(p) - qBlue(q)}) {
                sum += std::abs(k);
                d.max = std::max(d.max, std::abs(k));
            }
            ++d.compared;
        }
    d.mean = d.compared ? sum / (3.0 * d.compared) : 0;
    return d;
}

class PhotoOfflineTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        riskmap::test::renderApp();
    }
    void SetUp() override
    {
        m_photo = m_dir.file("foto_2025.tif");
        writePhoto(m_photo);
        m_ws = m_dir.file("ws.sqlite");
        ASSERT_EQ(test::runCli({"init", m_ws}).exitCode, 0);
        const auto r = test::runCli({"import", m_ws, m_photo, "--layer", "luchtfoto", "--year", "2025"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    /// `riskmap cache` over photo columns [first, first + cols) (whole level-14 tiles: their edges cut
    /// the photo at columns 156 and 412).
    void prefill(int cols, const std::string& levels, int first = 0)
    {
        const std::string extent = std::to_string(kX0 + first * kRes) + "," + std::to_string(kY0 - kSize * kRes) + "," +
                                   std::to_string(kX0 + (first + cols) * kRes) + "," + std::to_string(kY0);
        std::vector<std::string> args{"cache", m_ws, "--year", "2025", "--extent", extent};
        if (!levels.empty()) args.insert(args.end(), {"--levels", levels});
        const auto r = test::runCli(args);
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    QImage draw(const MapView& view, RenderStats* stats = nullptr)
    {
        MapRenderer renderer(m_ws);
        return draw(renderer, view, stats);
    }
    QImage draw(MapRenderer& renderer, const MapView& view, RenderStats* stats = nullptr)
    {
        const auto layers = selectLayers(renderer.defaultLayers(), {"luchtfoto"});
        SnapshotOptions options;
        options.decorations = false;
        QImage img = renderToImage(renderer, layers, view, options).convertToFormat(QImage::Format_RGB32);
        if (stats) *stats = renderer.lastStats();
        return img;
    }
    void takePhotoAway() { fs::rename(m_photo, m_photo + ".weg"); }

    test::TempDir m_dir;
    std::string m_photo, m_ws;
};

TEST_F(PhotoOfflineTest, AnUnreachablePhotoIsDrawnFromTheCacheAsOnlineAndNamed)
{
    prefill(200, "14");  // tiles cover photo columns 0–411
    const MapView view = viewAt(20, 30, 380, 300, kRes, true);
    RenderStats online;
    const QImage a = draw(view, &online);
    EXPECT_TRUE(online.notices.empty());
    takePhotoAway();
    RenderStats offline;
    const QImage b = draw(view, &offline);
    const Diff d = compare(a, b);
    EXPECT_EQ(d.compared, std::size_t(380 * 300));  // the whole view is photo, online
    // The cache tiles lie on the RD grid, the view on the global one: a sub-pixel resampling.
    EXPECT_LT(d.mean, 3.0) << "max " << d.max;
    std::cout << "offline vs online at the photo's resolution: mean " << d.mean << ", max " << d.max << '\n';
    EXPECT_EQ(offline.photoPixelsMissing, 0u);
    ASSERT_EQ(offline.notices.size(), 1u);
    const std::string& notice = offline.notices.front();
    EXPECT_NE(notice.find("luchtfoto 2025 niet bereikbaar"), std::string::npos) << notice;
    EXPECT_NE(notice.find(m_photo), std::string::npos) << notice;
    EXPECT_NE(notice.find("getoond uit de tegelcache"), std::string::npos) << notice;
    EXPECT_EQ(notice.find("%"), std::string::npos) << notice;
}

TEST_F(PhotoOfflineTest, TheUncachedPartStaysEmptyAndIsCounted)
{
    prefill(200, "14");
    // The whole photo with a margin: columns 412–511 (100 × 512 pixels) are not cached.
    const MapView view = viewAt(-10, -10, kSize + 20, kSize + 20, kRes, true);
    const QImage a = draw(view);
    takePhotoAway();
    MapRenderer renderer(m_ws);
    RenderStats s;
    const QImage b = draw(renderer, view, &s);
    // Hand count: 100 columns of 512 rows, give or take the sub-pixel edge columns/rows.
    EXPECT_NEAR(double(s.photoPixelsMissing), 100.0 * kSize, 3.0 * kSize);
    ASSERT_EQ(s.notices.size(), 1u);
    // 100 of 512 columns: 19.5 %, a little less with the partial edge pixels counted as shown.
    const std::string& notice = s.notices.front();
    const auto pct = notice.find(" % van de foto in beeld staat niet in de cache");
    ASSERT_NE(pct, std::string::npos) << notice;
    const int shown = std::stoi(notice.substr(notice.rfind(' ', pct - 1) + 1));
    EXPECT_GE(shown, 19) << notice;
    EXPECT_LE(shown, 20) << notice;
    // Cached column 100 shows the photo, uncached column 460 the background.
    const QPoint cached(10 + 100, 10 + 256), missing(10 + 460, 10 + 256);
    EXPECT_NE(a.pixel(missing), qRgb(255, 255, 255));
    EXPECT_EQ(b.pixel(missing), qRgb(255, 255, 255));
    EXPECT_LE(std::abs(qRed(a.pixel(cached)) - qRed(b.pixel(cached))), 12);
    // The note a tiled view gathers says a part is missing.
    ASSERT_EQ(s.photoNotes.size(), 1u);
    EXPECT_TRUE(s.photoNotes.front().partMissing);
    EXPECT_EQ(s.photoNotes.front().path, m_photo);
}

TEST_F(PhotoOfflineTest, ATiledViewSaysAPartIsMissingWhicheverTileIsDrawnLast)
{
    // Photo columns 156–511 cached, 0–155 not. The canvas's tiles cut the photo near columns 109 and
    // 365: the view's tiles up to column 365 lack part of it, those right of it (the last in each row,
    // the last drawn by one thread) lack nothing. Whatever order the threads draw them in, and when
    // the tiles are reused, the view's notice says a part is missing; a view whose tiles lie wholly
    // in the cached part does not.
    prefill(300, "14", 200);
    takePhotoAway();
    auto renderer = std::make_shared<MapRenderer>(m_ws);
    const auto layers = selectLayers(renderer->defaultLayers(), {"luchtfoto"});
    const MapView wide = viewAt(-10, -10, kSize + 20, kSize + 20, kRes, true);
    const std::string gap = "; delen buiten de cache blijven leeg";
    for (int threads : {1, 2, 4}) {
        TiledRenderer tiled(renderer);
        TiledRenderOptions options;
        options.threads = threads;
        const auto drawn = tiled.render(wide, layers, nullptr, options);
        ASSERT_TRUE(drawn.complete);
        ASSERT_EQ(drawn.photoNotices.size(), 1u) << threads;
        EXPECT_NE(drawn.photoNotices.front().find(gap), std::string::npos) << drawn.photoNotices.front();
        const auto reused = tiled.render(wide, layers, nullptr, options);
        EXPECT_EQ(reused.tilesDrawn, 0u);
        EXPECT_EQ(reused.photoNotices, drawn.photoNotices);
        // Tiles wholly right of column 365 (cached): named, nothing missing.
        const auto right = tiled.render(viewAt(380, 30, 100, 200, kRes, true), layers, nullptr, options);
        ASSERT_EQ(right.photoNotices.size(), 1u);
        EXPECT_EQ(right.photoNotices.front().find(gap), std::string::npos) << right.photoNotices.front();
    }
}

TEST_F(PhotoOfflineTest, WithoutACacheTheMapStillRendersAndSaysSo)
{
    takePhotoAway();
    const MapView view = viewAt(5, 5, 200, 150, kRes, true);  // wholly inside the photo
    RenderStats s;
    const QImage b = draw(view, &s);
    for (int y = 0; y < b.height(); ++y)
        for (int x = 0; x < b.width(); ++x) ASSERT_EQ(b.pixel(x, y), qRgb(255, 255, 255)) << x << "," << y;
    EXPECT_EQ(s.photoPixelsMissing, std::size_t(200 * 150));
    ASSERT_EQ(s.notices.size(), 1u);
    EXPECT_NE(s.notices.front().find("niet in de tegelcache"), std::string::npos) << s.notices.front();
    EXPECT_NE(s.notices.front().find("2025"), std::string::npos);
}

TEST_F(PhotoOfflineTest, ACoarseUnsnappedViewLikeAPdfUsesACoarserCacheLevel)
{
    prefill(kSize, "");  // the command's default: levels 11–14
    // 0.84 m per pixel is level 12; not on the global pixel grid: the renderer's window path (PDF).
    const MapView view = viewAt(33.3, 41.7, 100, 90, 0.84, false);
    const QImage a = draw(view);
    takePhotoAway();
    RenderStats s;
    const QImage b = draw(view, &s);
    const Diff d = compare(a, b);
    EXPECT_GT(d.compared, 8000u);
    EXPECT_LT(d.mean, 4.0) << "max " << d.max;
    std::cout << "offline vs online at 0.84 m: mean " << d.mean << ", max " << d.max << '\n';
    ASSERT_EQ(s.notices.size(), 1u);
    EXPECT_EQ(s.photoPixelsMissing, 0u);  // every level was cached over the whole photo
}

TEST_F(PhotoOfflineTest, WhenThePhotoIsBackTheNoticeGoes)
{
    prefill(200, "14");
    const MapView view = viewAt(20, 30, 200, 100, kRes, true);
    MapRenderer renderer(m_ws);
    takePhotoAway();
    RenderStats s;
    draw(renderer, view, &s);
    EXPECT_EQ(s.notices.size(), 1u);
    EXPECT_EQ(s.photoNotes.size(), 1u);
    fs::rename(m_photo + ".weg", m_photo);
    renderer.clearCache();  // as after a workspace change; otherwise the file is retried after 30 s
    draw(renderer, view, &s);
    EXPECT_TRUE(s.notices.empty());
    EXPECT_TRUE(s.photoNotes.empty());
}

}  // namespace
}  // namespace riskmap::render
