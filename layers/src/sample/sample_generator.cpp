// SPDX-License-Identifier: GPL-3.0-or-later
// Orchestrates the sample: tiles, steps, the GeoPackage, the photos and the truth files.
#include "riskmap/layers/sample/sample_generator.hpp"

#include "incident_model.hpp"
#include "photos.hpp"
#include "sample_output.hpp"
#include "sample_world.hpp"
#include "truth_files.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/feature_reader.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace riskmap::layers::sample {

namespace {

// The real study window (municipality bounding box, rounded outward) and
// the tile step, chosen so photo pixels of 1, 5 and 25 m tile exactly.
constexpr Envelope kWindowS{145000.0, 439400.0, 171600.0, 457500.0};
constexpr Envelope kWindowXS{161000.0, 446500.0, 167000.0, 451500.0};

std::vector<Tile> tilesFor(const SampleOptions& o)
{
    std::vector<Tile> tiles;
    Envelope window = o.scale == SampleScale::XS ? kWindowXS : kWindowS;
    if (o.extent) window = {(*o.extent)[0], (*o.extent)[1], (*o.extent)[2], (*o.extent)[3]};
    int c0 = 0, c1 = 0, r0 = 0, r1 = 0;
    if (o.scale == SampleScale::M) { c1 = 4; r1 = 1; }
    if (o.scale == SampleScale::L) { c0 = -5; c1 = 4; r0 = -4; r1 = 5; }
    const double stepX = kWindowS.width();
    const double stepY = kWindowS.height();
    int index = 0;
    // Tile 0 is the real Heuvelrug; the others follow row by row.
    tiles.push_back({index++, 0.0, 0.0, window});
    for (int r = r0; r <= r1; ++r) {
        for (int c = c0; c <= c1; ++c) {
            if (r == 0 && c == 0) continue;
            Tile t{index++, c * stepX, r * stepY, {window.minX + c * stepX, window.minY + r * stepY,
                                                   window.maxX + c * stepX, window.maxY + r * stepY}};
            tiles.push_back(t);
        }
    }
    return tiles;
}

double photoPixel(SampleScale s)
{
    switch (s) {
    case SampleScale::XS:
    case SampleScale::S: return 1.0;
    case SampleScale::M: return 5.0;
    case SampleScale::L: return 25.0;
    }
    return 1.0;
}

std::vector<Boundary> readBoundaries(const std::string& path)
{
    if (path.empty()) throw UsageError("sample: geen gemeentegrenzen opgegeven (--boundaries)");
    auto rows = gis::readFeatures(path, "gemeenten_2022",
                                  "statcode IN ('GM0339','GM0340','GM0345','GM0352','GM1581')", {"statcode", "statnaam"});
    std::vector<Boundary> out;
    for (auto& r : rows) out.push_back({r.values[0], r.values[1], std::move(r.geometry)});
    std::sort(out.begin(), out.end(), [](const Boundary& a, const Boundary& b) { return a.code < b.code; });
    if (out.size() != 5)
        throw InputError("'" + path + "' layer gemeenten_2022: expected the 5 Heuvelrug municipalities, found " +
                         std::to_string(out.size()));
    return out;
}

}  // namespace

SampleScale parseSampleScale(std::string_view text)
{
    std::string t(text);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (t == "XS") return SampleScale::XS;
    if (t == "S") return SampleScale::S;
    if (t == "M") return SampleScale::M;
    if (t == "L") return SampleScale::L;
    throw UsageError("onbekende schaal '" + std::string(text) + "' (XS, S, M of L)");
}

SampleReport generateSample(const SampleOptions& options, core::Feedback& feedback)
{
    const auto boundaries = readBoundaries(options.boundariesPath);
    std::filesystem::create_directories(options.outDir);
    const std::filesystem::path dir(options.outDir);
    const auto tiles = tilesFor(options);

    SampleReport report;
    report.tiles = static_cast<int>(tiles.size());
    report.geopackage = (dir / "heuvelrug.gpkg").string();
    SampleGeoPackage gpkg(report.geopackage);

    std::unique_ptr<gis::RasterWriter> photo2024, photo2025;
    if (options.photos) {
        Envelope all = tiles.front().window;
        for (const auto& t : tiles) {
            all = {std::min(all.minX, t.window.minX), std::min(all.minY, t.window.minY),
                   std::max(all.maxX, t.window.maxX), std::max(all.maxY, t.window.maxY)};
        }
        gis::RasterSpec spec;
        spec.pixelSize = photoPixel(options.scale);
        spec.bands = 4;
        spec.originX = all.minX;
        spec.originY = all.maxY;
        spec.width = static_cast<int>(std::lround(all.width() / spec.pixelSize));
        spec.height = static_cast<int>(std::lround(all.height() / spec.pixelSize));
        photo2024 = std::make_unique<gis::RasterWriter>((dir / "luchtfoto_2024.tif").string(), spec);
        photo2025 = std::make_unique<gis::RasterWriter>((dir / "luchtfoto_2025.tif").string(), spec);
        report.photoPixelSize = spec.pixelSize;
    }

    TruthFiles truth(options);
    const Rng root(options.seed);
    for (const auto& tile : tiles) {
        feedback.checkCancelled();
        TileWorld world;
        world.tile = tile;
        const Rng rng = root.fork(1000 + static_cast<std::uint64_t>(tile.index));
        layoutTile(world, boundaries, rng.fork(1));
        if (world.municipalities.empty()) continue;
        generateParcels(world, rng.fork(2), feedback);
        generateRoads(world, rng.fork(3));
        generateBuildings(world, rng.fork(4), feedback);
        connectFarmRoads(world);
        generateCompanies(world, rng.fork(5));
        generateIncidents(world, rng.fork(6), options.hotspots);
        generateHistory(world, rng.fork(7));
        plantNewBarns(world, rng.fork(8));
        feedback.beginStage("Schrijven tegel " + std::to_string(tile.index + 1) + "/" + std::to_string(tiles.size()), 1);
        gpkg.writeTile(world);
        truth.addTile(world);
        if (photo2024) renderTilePhotos(world, *photo2024, *photo2025, feedback);
    }
    gpkg.close();
    if (photo2024) {
        feedback.beginStage("Overzichten luchtfoto's", 2);
        photo2024->finish();
        feedback.advance();
        photo2025->finish();
        feedback.advance();
    }
    truth.write((dir / "ground_truth.json").string(), (dir / "incident_model.json").string());
    report.counts = gpkg.counts();
    return report;
}

}  // namespace riskmap::layers::sample
