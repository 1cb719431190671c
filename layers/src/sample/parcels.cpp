// SPDX-License-Identifier: GPL-3.0-or-later
// Parcels: Voronoi cells of jittered seeds whose density follows land use, clipped to the municipalities.
#include "sample_world.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace riskmap::layers::sample {

namespace {

struct Class {
    LandUse use = LandUse::Agrarisch;
    int village = -1;
    int businessPark = -1;
    int holidayPark = -1;
};

// A smooth deterministic wobble so zone edges are not perfect circles.
double wobble(const XY& p) { return std::sin(p.x / 410.0) * std::cos(p.y / 530.0); }

Class classify(const TileWorld& w, const XY& p)
{
    Class c;
    for (std::size_t i = 0; i < w.businessParks.size(); ++i) {
        if (distance(p, w.businessParks[i].centre) < w.businessParks[i].radius * (1 + 0.08 * wobble(p))) {
            c.use = LandUse::Bedrijf;
            c.businessPark = static_cast<int>(i);
            return c;
        }
    }
    for (std::size_t i = 0; i < w.holidayParks.size(); ++i) {
        if (distance(p, w.holidayParks[i].centre) < w.holidayParks[i].radius * (1 + 0.1 * wobble(p))) {
            c.use = LandUse::Recreatie;
            c.holidayPark = static_cast<int>(i);
            return c;
        }
    }
    for (std::size_t i = 0; i < w.villages.size(); ++i) {
        if (distance(p, w.villages[i].centre) < w.villages[i].radius * (1 + 0.12 * wobble(p))) {
            c.use = LandUse::Wonen;
            c.village = static_cast<int>(i);
            return c;
        }
    }
    if (distanceToPolyline(p, w.ridge) < 1700 + 400 * wobble(p)) c.use = LandUse::Bos;
    return c;
}

int municipalityAt(const TileWorld& w, const XY& p)
{
    for (std::size_t i = 0; i < w.municipalities.size(); ++i)
        if (w.municipalities[i].area->contains(p)) return static_cast<int>(i);
    return -1;
}

struct Seed {
    XY point;
    Class cls;
};

// Jittered grid over the extent at spacing s; `keep` decides per candidate.
template <typename Keep>
void jitteredGrid(const Envelope& e, double s, double jitter, Rng& rng, Keep keep)
{
    const double x0 = std::floor(e.minX / s) * s;
    const double y0 = std::floor(e.minY / s) * s;
    for (double y = y0; y < e.maxY; y += s) {
        for (double x = x0; x < e.maxX; x += s) {
            const XY p{x + s * 0.5 + rng.uniform(-jitter, jitter) * s, y + s * 0.5 + rng.uniform(-jitter, jitter) * s};
            keep(p);
        }
    }
}

}  // namespace

void generateParcels(TileWorld& w, Rng rng, core::Feedback& feedback)
{
    std::vector<Seed> seeds;
    auto add = [&](const XY& p, LandUse want, auto extra) {
        const Class c = classify(w, p);
        if (c.use != want || !extra(c)) return;
        if (municipalityAt(w, p) < 0) return;
        seeds.push_back({p, c});
    };
    const auto always = [](const Class&) { return true; };
    jitteredGrid(w.extent, 26.0, 0.35, rng, [&](const XY& p) {
        add(p, LandUse::Wonen, [&](const Class& c) {
            const auto& v = w.villages[static_cast<std::size_t>(c.village)];
            const double local = 26.0 + 12.0 * distance(p, v.centre) / v.radius;
            return rng.chance((26.0 / local) * (26.0 / local));
        });
    });
    jitteredGrid(w.extent, 65.0, 0.3, rng, [&](const XY& p) { add(p, LandUse::Bedrijf, always); });
    jitteredGrid(w.extent, 120.0, 0.3, rng, [&](const XY& p) { add(p, LandUse::Recreatie, always); });
    jitteredGrid(w.extent, 450.0, 0.3, rng, [&](const XY& p) { add(p, LandUse::Bos, always); });
    // Farmland: each square kilometre gets its own field size (1–15 ha).
    for (double by = std::floor(w.extent.minY / 1000) * 1000; by < w.extent.maxY; by += 1000) {
        for (double bx = std::floor(w.extent.minX / 1000) * 1000; bx < w.extent.maxX; bx += 1000) {
            const double s = rng.uniform(110.0, 370.0);
            const Envelope block{bx, by, bx + 1000, by + 1000};
            jitteredGrid(block, s, 0.28, rng, [&](const XY& p) {
                if (p.x >= bx && p.x < bx + 1000 && p.y >= by && p.y < by + 1000) add(p, LandUse::Agrarisch, always);
            });
        }
    }
    if (seeds.size() < 2) throw InputError("sample: the study window holds no land");

    // Nearest-seed lookup: every point of a Voronoi cell is nearest to the cell's seed.
    const double bucket = 200.0;
    std::map<std::pair<long, long>, std::vector<int>> grid;
    for (std::size_t i = 0; i < seeds.size(); ++i)
        grid[{std::lround(std::floor(seeds[i].point.x / bucket)), std::lround(std::floor(seeds[i].point.y / bucket))}]
            .push_back(static_cast<int>(i));
    auto nearestSeed = [&](const XY& p) {
        const long cx = std::lround(std::floor(p.x / bucket));
        const long cy = std::lround(std::floor(p.y / bucket));
        int best = -1;
        double bestD = 1e300;
        for (long r = 0; r < 40; ++r) {
            for (long gy = cy - r; gy <= cy + r; ++gy) {
                for (long gx = cx - r; gx <= cx + r; ++gx) {
                    if (std::max(std::labs(gx - cx), std::labs(gy - cy)) != r) continue;
                    auto it = grid.find({gx, gy});
                    if (it == grid.end()) continue;
                    for (int i : it->second) {
                        const double d = distance(p, seeds[static_cast<std::size_t>(i)].point);
                        if (d < bestD) { bestD = d; best = i; }
                    }
                }
            }
            if (best >= 0 && bestD < (static_cast<double>(r) - 1.0) * bucket) break;
        }
        return best;
    };

    std::vector<XY> points;
    points.reserve(seeds.size());
    for (const auto& s : seeds) points.push_back(s.point);
    Envelope env = w.extent;
    env.minX -= 2000; env.minY -= 2000; env.maxX += 2000; env.maxY += 2000;
    auto cells = gis::voronoiCells(points, env);

    struct Piece {
        int seed;
        int municipality;
        Wkb geometry;
    };
    std::vector<Piece> pieces;
    feedback.beginStage("Percelen (Voronoi, bijsnijden)", cells.size());
    for (const auto& cell : cells) {
        feedback.advance();
        const int s = nearestSeed(gis::pointOnSurfaceOf(cell));
        const Envelope ce = gis::envelopeOf(cell);
        for (std::size_t m = 0; m < w.municipalities.size(); ++m) {
            if (!w.municipalities[m].area->envelope().intersects(ce)) continue;
            auto piece = w.municipalities[m].area->clip(cell);
            if (piece) pieces.push_back({s, static_cast<int>(m), std::move(*piece)});
        }
    }
    feedback.checkCancelled();
    std::stable_sort(pieces.begin(), pieces.end(), [](const Piece& a, const Piece& b) {
        return a.seed != b.seed ? a.seed < b.seed : a.municipality < b.municipality;
    });

    std::vector<int> counters(w.municipalities.size(), 0);
    char tileDigits[8];
    std::snprintf(tileDigits, sizeof tileDigits, "%02d", w.tile.index % 100);
    for (auto& piece : pieces) {
        const double area = gis::areaOf(piece.geometry);
        if (area < 20.0) continue;
        const auto& seed = seeds[static_cast<std::size_t>(piece.seed)];
        Parcel p;
        p.municipality = piece.municipality;
        const int n = counters[static_cast<std::size_t>(piece.municipality)]++;
        p.id = w.municipalities[static_cast<std::size_t>(piece.municipality)].kadaster + tileDigits + "-" +
               static_cast<char>('A' + n / 9000) + "-" + std::to_string(n % 9000 + 1);
        p.geometry = std::move(piece.geometry);
        p.area = area;
        p.envelope = gis::envelopeOf(p.geometry);
        p.inside = gis::pointOnSurfaceOf(p.geometry);
        p.use = seed.cls.use;
        p.village = seed.cls.village;
        p.businessPark = seed.cls.businessPark;
        p.holidayPark = seed.cls.holidayPark;
        if (p.use == LandUse::Bos && rng.chance(0.2)) p.use = LandUse::Natuur;
        if (p.use == LandUse::Agrarisch) {
            const double u = rng.uniform();
            if (u < 0.015) p.use = LandUse::Water;
            else if (u < 0.035) p.use = LandUse::Overig;
        }
        if (p.use == LandUse::Wonen && rng.chance(0.04)) p.use = LandUse::Overig;
        w.parcels.push_back(std::move(p));
    }

    // Parks are exactly the union of their parcels.
    for (auto* sites : {&w.businessParks, &w.holidayParks}) {
        const bool business = sites == &w.businessParks;
        for (std::size_t i = 0; i < sites->size(); ++i) {
            std::vector<Wkb> parts;
            for (const auto& p : w.parcels)
                if ((business ? p.businessPark : p.holidayPark) == static_cast<int>(i)) parts.push_back(p.geometry);
            if (!parts.empty()) (*sites)[i].geometry = gis::asMultiPolygon(gis::unionOf(parts));
        }
    }
}

}  // namespace riskmap::layers::sample
