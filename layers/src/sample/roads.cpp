// SPDX-License-Identifier: GPL-3.0-or-later
// Roads: main and regional roads between villages and exits, village streets, and farm drives.
#include "sample_world.hpp"

#include <cmath>
#include <map>

namespace riskmap::layers::sample {

namespace {

struct Link {
    const char* from;
    const char* to;
    const char* type;
    const char* name;
};

// Village names or "exit N" (the exit's number).
const Link kLinks[] = {
    {"Driebergen-Rijsenburg", "Doorn", "hoofdweg", "N225"}, {"Doorn", "Leersum", "hoofdweg", "N225"},
    {"Leersum", "Amerongen", "hoofdweg", "N225"},          {"Amerongen", "Elst", "hoofdweg", "N225"},
    {"Elst", "Rhenen", "hoofdweg", "N225"},                {"Rhenen", "Achterberg", "hoofdweg", "N233"},
    {"Achterberg", "Veenendaal", "hoofdweg", "N233"},      {"Veenendaal", "exit 24", "hoofdweg", "N233"},
    {"Doorn", "Maarn", "hoofdweg", "N227"},                {"Maarn", "exit 21", "hoofdweg", "N227"},
    {"Leersum", "Maarsbergen", "hoofdweg", "N226"},        {"Maarsbergen", "exit 22", "hoofdweg", "N226"},
    {"Wijk bij Duurstede", "Langbroek", "hoofdweg", "N229"}, {"Langbroek", "Doorn", "hoofdweg", "N229"},
    {"Renswoude", "Veenendaal", "hoofdweg", "N224"},       {"Driebergen-Rijsenburg", "exit 20", "hoofdweg", "N225"},
    {"Overberg", "exit 23", "regionale weg", "Rijksstraatweg"}, {"Overberg", "Veenendaal", "regionale weg", "Rijksstraatweg"},
    {"Cothen", "Wijk bij Duurstede", "regionale weg", "Provincialeweg"}, {"Cothen", "Driebergen-Rijsenburg", "regionale weg", "Langbroekerweg"},
    {"Amerongen", "Wijk bij Duurstede", "regionale weg", "Lekdijk"}, {"Overberg", "Leersum", "regionale weg", "Veenendaalsestraatweg"},
    {"Elst", "Veenendaal", "regionale weg", "Cuneraweg"},  {"Maarsbergen", "Renswoude", "regionale weg", "Woudenbergseweg"},
};

const char* const kStreetNames[] = {"Dorpsstraat", "Kerkstraat", "Molenweg", "Stationsweg", "Schoolstraat",
                                    "Julianalaan", "Hoofdstraat", "Beukenlaan"};

// A road from a to b with gentle bends; the ends stay exact so roads meet.
std::vector<XY> bendy(const XY& a, const XY& b, double amplitude, Rng& rng)
{
    const double len = distance(a, b);
    const int n = std::max(1, static_cast<int>(len / 500.0));
    const double nx = -(b.y - a.y) / std::max(len, 1e-9);
    const double ny = (b.x - a.x) / std::max(len, 1e-9);
    std::vector<XY> pts{a};
    for (int i = 1; i < n; ++i) {
        const double t = static_cast<double>(i) / n;
        const double off = rng.uniform(-amplitude, amplitude);
        pts.push_back({a.x + t * (b.x - a.x) + off * nx, a.y + t * (b.y - a.y) + off * ny});
    }
    pts.push_back(b);
    return pts;
}

}  // namespace

void generateRoads(TileWorld& w, Rng rng)
{
    int n = 0;
    auto nextId = [&] { return "W-" + std::to_string(w.tile.index) + "-" + std::to_string(++n); };
    std::map<std::string, XY> places;
    for (const auto& v : w.villages) places[v.name] = v.centre;
    for (const auto& e : w.exits) {
        const auto space = e.name.find(' ');
        places["exit " + e.name.substr(space + 1, 2)] = e.point;
    }
    Envelope near = w.extent;
    near.minX -= 1500; near.minY -= 1500; near.maxX += 1500; near.maxY += 1500;
    auto relevant = [&](const XY& p) { return p.x >= near.minX && p.x <= near.maxX && p.y >= near.minY && p.y <= near.maxY; };
    for (const auto& link : kLinks) {
        auto a = places.find(link.from);
        auto b = places.find(link.to);
        if (a == places.end() || b == places.end()) continue;
        if (!relevant(a->second) && !relevant(b->second)) continue;
        w.roads.push_back({nextId(), link.type, link.name, bendy(a->second, b->second, 60.0, rng)});
    }
    for (const auto& v : w.villages) {
        if (!relevant(v.centre)) continue;
        const int spokes = v.radius > 700 ? 6 : 4;
        const double start = rng.uniform(0, M_PI);
        for (int i = 0; i < spokes; ++i) {
            const double a = start + 2 * M_PI * i / spokes + rng.uniform(-0.2, 0.2);
            const XY end{v.centre.x + 1.05 * v.radius * std::cos(a), v.centre.y + 1.05 * v.radius * std::sin(a)};
            w.roads.push_back({nextId(), "lokale weg", kStreetNames[i % 8], bendy(v.centre, end, 15.0, rng)});
        }
        for (double frac : {0.5, 0.85}) {
            if (frac > 0.6 && v.radius < 600) continue;
            std::vector<XY> ring;
            for (int k = 0; k <= 24; ++k) {
                const double a = 2 * M_PI * (k % 24) / 24;
                ring.push_back({v.centre.x + frac * v.radius * std::cos(a), v.centre.y + frac * v.radius * std::sin(a)});
            }
            w.roads.push_back({nextId(), "lokale weg", "Ringweg " + v.name, ring});
        }
    }
}

void connectFarmRoads(TileWorld& w)
{
    // Each farm and park gets a drive to the nearest existing road (not the
    // motorway); drives join the network one by one, so later ones may end on
    // earlier ones, as farm lanes do.
    struct Target { XY from; std::string name; };
    std::vector<Target> targets;
    for (const auto& f : w.farms) {
        if (f.address < 0) continue;
        targets.push_back({w.addresses[static_cast<std::size_t>(f.address)].point,
                           w.addresses[static_cast<std::size_t>(f.address)].straat});
    }
    for (const auto* sites : {&w.businessParks, &w.holidayParks})
        for (const auto& s : *sites)
            if (!s.geometry.empty()) targets.push_back({s.centre, s.name});

    const double cell = 1000.0;
    std::map<std::pair<long, long>, std::vector<std::pair<XY, XY>>> segments;
    auto index = [&](const std::vector<XY>& pts) {
        for (std::size_t i = 1; i < pts.size(); ++i) {
            const XY a = pts[i - 1], b = pts[i];
            const long x0 = std::lround(std::floor(std::min(a.x, b.x) / cell)), x1 = std::lround(std::floor(std::max(a.x, b.x) / cell));
            const long y0 = std::lround(std::floor(std::min(a.y, b.y) / cell)), y1 = std::lround(std::floor(std::max(a.y, b.y) / cell));
            for (long gy = y0; gy <= y1; ++gy)
                for (long gx = x0; gx <= x1; ++gx) segments[{gx, gy}].push_back({a, b});
        }
    };
    for (const auto& r : w.roads)
        if (r.type != "autosnelweg") index(r.points);

    int n = static_cast<int>(w.roads.size());
    for (const auto& t : targets) {
        const long cx = std::lround(std::floor(t.from.x / cell)), cy = std::lround(std::floor(t.from.y / cell));
        XY best{};
        double bestD = 1e300;
        for (long r = 0; r < 30 && bestD > (r - 1) * cell; ++r) {
            for (long gy = cy - r; gy <= cy + r; ++gy) {
                for (long gx = cx - r; gx <= cx + r; ++gx) {
                    if (std::max(std::labs(gx - cx), std::labs(gy - cy)) != r) continue;
                    auto it = segments.find({gx, gy});
                    if (it == segments.end()) continue;
                    for (const auto& [a, b] : it->second) {
                        const XY q = nearestOnSegment(t.from, a, b);
                        const double d = distance(t.from, q);
                        if (d < bestD) { bestD = d; best = q; }
                    }
                }
            }
        }
        if (bestD > 1e299 || bestD < 1.0) continue;
        std::vector<XY> drive{t.from, best};
        w.roads.push_back({"W-" + std::to_string(w.tile.index) + "-" + std::to_string(++n),
                           bestD < 200 ? "overig" : "lokale weg", t.name, drive});
        index(drive);
    }
}

}  // namespace riskmap::layers::sample
