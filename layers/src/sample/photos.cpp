// SPDX-License-Identifier: GPL-3.0-or-later
// Aerial photos: fields in crop colours that change per year, woods, roofs and roads; 2025 adds the planted barns.
#include "photos.hpp"

#include <algorithm>
#include <cmath>

namespace riskmap::layers::sample {

namespace {

using Colour = std::vector<std::uint8_t>;

const std::vector<Colour> kCrops = {{86, 140, 62, 205},  {112, 158, 70, 215}, {206, 186, 118, 150}, {142, 112, 84, 70},
                                    {78, 122, 52, 195},  {214, 204, 80, 170}, {170, 160, 124, 110}};

std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a * 0x9E3779B97F4A7C15ull + b + 0x632BE59BD9B4E019ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Colour jitter(Colour c, std::uint64_t h, int amount)
{
    for (std::size_t i = 0; i < c.size(); ++i) {
        const int d = static_cast<int>((h >> (8 * i)) % static_cast<std::uint64_t>(2 * amount + 1)) - amount;
        c[i] = static_cast<std::uint8_t>(std::clamp(static_cast<int>(c[i]) + d, 0, 255));
    }
    return c;
}

Colour parcelColour(const Parcel& p, std::size_t index, int year)
{
    const std::uint64_t h = mix(index, static_cast<std::uint64_t>(year));
    switch (p.use) {
    case LandUse::Agrarisch: return jitter(kCrops[h % kCrops.size()], h >> 8, 6);
    case LandUse::Bos: return jitter({38, 68, 40, 172}, h >> 8, 4);
    case LandUse::Natuur: return jitter({118, 112, 78, 140}, h >> 8, 5);
    case LandUse::Wonen: return jitter({108, 128, 82, 150}, h >> 8, 6);
    case LandUse::Bedrijf: return jitter({150, 150, 146, 40}, h >> 8, 4);
    case LandUse::Recreatie: return jitter({58, 90, 52, 165}, h >> 8, 4);
    case LandUse::Water: return {40, 62, 80, 10};
    case LandUse::Overig: return jitter({122, 132, 92, 125}, h >> 8, 5);
    }
    return {100, 110, 90, 120};
}

Colour roofColour(const Building& b, std::size_t index)
{
    const std::uint64_t h = mix(index, 77);
    switch (b.kind) {
    case BuildingKind::House:
    case BuildingKind::RowHouse:
    case BuildingKind::Farmhouse:
    case BuildingKind::Shop: return jitter({150, 72, 52, 42}, h, 10);
    case BuildingKind::Apartment: return jitter({120, 118, 116, 50}, h, 6);
    case BuildingKind::Shed: return jitter({96, 84, 70, 38}, h, 6);
    case BuildingKind::Barn: return jitter({104, 110, 112, 36}, h, 6);
    case BuildingKind::Hall: return jitter({192, 192, 196, 62}, h, 5);
    case BuildingKind::Chalet: return jitter({118, 88, 60, 40}, h, 8);
    }
    return {128, 128, 128, 40};
}

double roadHalfWidth(const std::string& type)
{
    if (type == "autosnelweg") return 14.0;
    if (type == "hoofdweg") return 5.0;
    if (type == "regionale weg") return 4.0;
    if (type == "lokale weg") return 3.0;
    return 2.0;
}

struct Item {
    const Wkb* geometry;
    Envelope envelope;
    Colour colour2024;
    Colour colour2025;
    bool in2024 = true;
};

}  // namespace

void renderTilePhotos(const TileWorld& w, gis::RasterWriter& photo2024, gis::RasterWriter& photo2025,
                      core::Feedback& feedback)
{
    const auto& spec = photo2024.spec();
    const double px = spec.pixelSize;
    const int x0 = static_cast<int>(std::lround((w.tile.window.minX - spec.originX) / px));
    const int y0 = static_cast<int>(std::lround((spec.originY - w.tile.window.maxY) / px));
    const int width = static_cast<int>(std::lround(w.tile.window.width() / px));
    const int height = static_cast<int>(std::lround(w.tile.window.height() / px));

    std::vector<Wkb> roadPolygons;
    roadPolygons.reserve(w.roads.size());
    for (const auto& r : w.roads) roadPolygons.push_back(gis::bufferOf(gis::lineStringWkb(r.points), roadHalfWidth(r.type), false, 2));

    // Painter's order: parcels, roads, yards, roofs, new barns.
    std::vector<Item> items;
    for (std::size_t i = 0; i < w.parcels.size(); ++i) {
        const auto& p = w.parcels[i];
        items.push_back({&p.geometry, p.envelope, parcelColour(p, i, 2024), parcelColour(p, i, 2025)});
    }
    for (std::size_t i = 0; i < w.roads.size(); ++i) {
        const Colour c = w.roads[i].type == "autosnelweg" ? Colour{88, 88, 94, 30} : Colour{112, 110, 108, 34};
        items.push_back({&roadPolygons[i], gis::envelopeOf(roadPolygons[i]), c, c});
    }
    for (const auto& nb : w.newBarns) items.push_back({&nb.yard, gis::envelopeOf(nb.yard), kNewYard, kNewYard, false});
    for (std::size_t i = 0; i < w.buildings.size(); ++i) {
        const auto& b = w.buildings[i];
        const double r = std::sqrt(b.area);
        const Colour c = roofColour(b, i);
        items.push_back({&b.geometry, {b.centre.x - r, b.centre.y - r, b.centre.x + r, b.centre.y + r}, c, c});
    }
    for (const auto& nb : w.newBarns) items.push_back({&nb.barn, gis::envelopeOf(nb.barn), kNewBarnRoof, kNewBarnRoof, false});

    const int strip = 512;
    feedback.beginStage("Luchtfoto's", static_cast<std::uint64_t>((height + strip - 1) / strip));
    const Colour background{100, 110, 90, 120};
    for (int row = 0; row < height; row += strip) {
        const int rows = std::min(strip, height - row);
        const double top = w.tile.window.maxY - row * px;
        const Envelope band{w.tile.window.minX, top - rows * px, w.tile.window.maxX, top};
        for (int year : {2024, 2025}) {
            gis::RasterCanvas canvas(width, rows, spec.bands, w.tile.window.minX, top, px);
            canvas.fill(background);
            std::vector<const Wkb*> geoms;
            std::vector<Colour> colours;
            for (const auto& it : items) {
                if (year == 2024 && !it.in2024) continue;
                if (!it.envelope.intersects(band)) continue;
                geoms.push_back(it.geometry);
                colours.push_back(year == 2024 ? it.colour2024 : it.colour2025);
            }
            canvas.burn(geoms, colours);
            (year == 2024 ? photo2024 : photo2025).writeWindow(x0, y0 + row, width, rows, canvas.pixels());
        }
        feedback.advance();
        feedback.checkCancelled();
    }
}

}  // namespace riskmap::layers::sample
