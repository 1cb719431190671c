// SPDX-License-Identifier: GPL-3.0-or-later
// Composing a view from cached tiles and drawing the missing tiles on worker threads.
#include "riskmap/render/tiled_renderer.hpp"

#include <QElapsedTimer>
#include <QPainter>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

namespace riskmap::render {

namespace {

/// The notices of a view from its tiles' photo notes: one per photo, saying a part is missing when
/// any tile lacked part of it.
std::vector<std::string> viewPhotoNotices(const std::vector<std::vector<PhotoNote>>& tiles)
{
    std::map<std::string, std::pair<std::string, bool>> byPhoto;  // path -> notice, part missing
    for (const auto& notes : tiles)
        for (const auto& note : notes) {
            auto& entry = byPhoto[note.path];
            if (entry.first.empty()) entry.first = note.notice;
            entry.second = entry.second || note.partMissing;
        }
    std::vector<std::string> out;
    for (const auto& [path, entry] : byPhoto)
        out.push_back(entry.first + (entry.second ? "; delen buiten de cache blijven leeg" : ""));
    return out;
}

}  // namespace

TiledRenderer::TiledRenderer(std::shared_ptr<MapRenderer> renderer, std::size_t cacheTiles)
    : m_renderer(std::move(renderer)), m_cache(cacheTiles)
{
}

TiledRenderResult TiledRenderer::render(const MapView& requested, const std::vector<RenderLayer>& layers,
                                        const std::atomic<bool>* cancel, const TiledRenderOptions& options)
{
    QElapsedTimer timer;
    timer.start();
    TiledRenderResult out;
    out.view = snapToGrid(requested);
    const double dpr = options.devicePixelRatio > 0 ? options.devicePixelRatio : 1.0;
    const int tileDevice = int(std::lround(kTilePixels * dpr));
    TileKey base;
    // The background is part of the tile's pixels, so part of its key too.
    base.layers = layerFingerprint(layers) ^ (std::uint64_t(options.background.rgba()) * 0x9E3779B97F4A7C15ull);
    base.resolution = resolutionKey(out.view.resolution());
    base.dprKey = int(std::lround(dpr * 100));

    const auto ids = tilesCovering(out.view);
    out.tilesTotal = ids.size();
    std::vector<QImage> tiles(ids.size());
    std::vector<std::vector<PhotoNote>> photos(ids.size());  ///< per tile: photos drawn from the photo cache
    std::vector<std::size_t> missing;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        TileKey k = base;
        k.x = ids[i].first;
        k.y = ids[i].second;
        tiles[i] = m_cache.find(k, &photos[i]);
        if (tiles[i].isNull()) missing.push_back(i);
    }
    out.tilesReused = ids.size() - missing.size();

    if (!missing.empty()) {
        // Decode what the whole view needs once, before the threads ask for parts of it.
        m_renderer->prepare(out.view, layers);
        std::atomic<std::size_t> next{0}, drawn{0};
        std::exception_ptr failure;
        std::mutex failureMutex;
        auto work = [&] {
            for (;;) {
                const std::size_t j = next.fetch_add(1);
                if (j >= missing.size() || (cancel && cancel->load())) return;
                const std::size_t i = missing[j];
                try {
                    QImage img(tileDevice, tileDevice, QImage::Format_ARGB32_Premultiplied);
                    img.setDevicePixelRatio(dpr);
                    img.fill(options.background);
                    QPainter p(&img);
                    RenderStats stats;
                    const bool ok = m_renderer->render(p, tileView(out.view.resolution(), ids[i].first, ids[i].second),
                                                       layers, cancel, RenderPart::NoLabels, &stats);
                    p.end();
                    if (!ok) return;
                    TileKey k = base;
                    k.x = ids[i].first;
                    k.y = ids[i].second;
                    m_cache.insert(k, img, stats.photoNotes);
                    tiles[i] = img;
                    photos[i] = std::move(stats.photoNotes);
                    const std::size_t d = drawn.fetch_add(1) + 1;
                    if (options.tileDrawn) options.tileDrawn(d);
                } catch (...) {
                    std::lock_guard lock(failureMutex);
                    if (!failure) failure = std::current_exception();
                    return;
                }
            }
        };
        const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        const int n = std::clamp(options.threads > 0 ? options.threads : cores, 1, int(missing.size()));
        std::vector<std::thread> pool;
        for (int t = 1; t < n; ++t) pool.emplace_back(work);
        work();
        for (auto& t : pool) t.join();
        out.tilesDrawn = drawn.load();
        if (failure) std::rethrow_exception(failure);
        if (out.tilesDrawn < missing.size()) {
            out.milliseconds = timer.nsecsElapsed() / 1e6;
            return out;  // cancelled
        }
    }
    if (cancel && cancel->load()) return out;

    const QSize logical = out.view.size();
    QImage image(QSize(int(std::lround(logical.width() * dpr)), int(std::lround(logical.height() * dpr))),
                 QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    QPainter p(&image);
    p.setCompositionMode(QPainter::CompositionMode_Source);  // tiles are opaque copies, no blending
    for (std::size_t i = 0; i < ids.size(); ++i) p.drawImage(tileOffset(out.view, ids[i].first, ids[i].second), tiles[i]);
    p.setCompositionMode(QPainter::CompositionMode_SourceOver);
    if (std::any_of(layers.begin(), layers.end(), [](const RenderLayer& l) { return l.visible && l.style.labels; }) &&
        !m_renderer->render(p, out.view, layers, cancel, RenderPart::LabelsOnly)) {
        out.milliseconds = timer.nsecsElapsed() / 1e6;
        return out;
    }
    p.end();
    out.image = image;
    out.complete = true;
    out.photoNotices = viewPhotoNotices(photos);
    out.milliseconds = timer.nsecsElapsed() / 1e6;
    return out;
}

}  // namespace riskmap::render
