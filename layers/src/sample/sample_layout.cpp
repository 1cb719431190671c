// SPDX-License-Identifier: GPL-3.0-or-later
// Places the tile's municipalities, villages, ridge, parks, motorway and exits.
#include "sample_world.hpp"

#include <cmath>

namespace riskmap::layers::sample {

namespace {

struct VillageSeed {
    const char* name;
    double x, y, radius;
    int postcode4;
};

// Approximate real centres (RD New) of the places of basisteam Heuvelrug.
const VillageSeed kVillages[] = {
    {"Veenendaal", 166722, 448753, 1500, 3901},   {"Rhenen", 167427, 441190, 800, 3911},
    {"Elst", 162609, 445519, 450, 3921},          {"Achterberg", 168521, 443418, 300, 3912},
    {"Renswoude", 165476, 453980, 450, 3927},     {"Wijk bij Duurstede", 152032, 442955, 900, 3961},
    {"Cothen", 149629, 445182, 400, 3945},        {"Langbroek", 151072, 446071, 300, 3947},
    {"Doorn", 152104, 449408, 900, 3941},         {"Driebergen-Rijsenburg", 147852, 451526, 1100, 3971},
    {"Maarn", 153889, 452856, 450, 3951},         {"Maarsbergen", 156838, 452523, 300, 3953},
    {"Leersum", 158007, 447072, 650, 3956},       {"Amerongen", 159999, 445516, 550, 3958},
    {"Overberg", 162327, 450191, 250, 3959},
};

struct ParkSeed {
    const char* village;
    const char* name;
    double angleDeg;
    double radius;
};

const ParkSeed kBusinessParks[] = {
    {"Veenendaal", "De Compagnie", 150, 500},   {"Veenendaal", "Nijverkamp", 20, 400},
    {"Veenendaal", "Het Ambacht", 230, 350},    {"Rhenen", "Remmerden", 170, 350},
    {"Wijk bij Duurstede", "Het Broek", 60, 380}, {"Driebergen-Rijsenburg", "Odijkerweg", 120, 300},
    {"Doorn", "Ambachtsweg Doorn", 300, 250},   {"Leersum", "Hoogstraat", 250, 250},
    {"Maarsbergen", "Haarweg", 80, 300},
};

const char* const kHolidayParks[] = {"Bospark De Heuvelrug", "Recreatiepark De Dennen", "Vakantiepark Het Zand",
                                     "Bungalowpark De Bosrand", "Bospark Amerongse Berg"};

const char* kadasterPrefix(const std::string& code)
{
    if (code == "GM0339") return "RSW";
    if (code == "GM0340") return "RHN";
    if (code == "GM0345") return "VND";
    if (code == "GM0352") return "WBD";
    return "DRB";
}

}  // namespace

void layoutTile(TileWorld& world, const std::vector<Boundary>& boundaries, Rng rng)
{
    const double dx = world.tile.dx;
    const double dy = world.tile.dy;
    const Envelope& w = world.tile.window;
    const Wkb windowWkb = gis::polygonWkb({{{w.minX, w.minY}, {w.maxX, w.minY}, {w.maxX, w.maxY}, {w.minX, w.maxY}}});
    const gis::PreparedArea window(windowWkb);

    bool first = true;
    for (const auto& b : boundaries) {
        auto clipped = window.clip(gis::translated(b.geometry, dx, dy));
        if (!clipped) continue;
        Municipality m;
        m.code = b.code;
        m.name = world.tile.index == 0 ? b.name : b.name + " (tegel " + std::to_string(world.tile.index) + ")";
        m.kadaster = kadasterPrefix(b.code);
        m.geometry = *clipped;
        m.area = std::make_unique<gis::PreparedArea>(m.geometry);
        const Envelope e = m.area->envelope();
        if (first) world.extent = e;
        world.extent = {std::min(world.extent.minX, e.minX), std::min(world.extent.minY, e.minY),
                        std::max(world.extent.maxX, e.maxX), std::max(world.extent.maxY, e.maxY)};
        first = false;
        world.municipalities.push_back(std::move(m));
    }

    auto municipalityAt = [&](const XY& p) -> int {
        for (std::size_t i = 0; i < world.municipalities.size(); ++i)
            if (world.municipalities[i].area->contains(p)) return static_cast<int>(i);
        return -1;
    };

    for (const auto& v : kVillages) {
        Village village;
        village.name = v.name;
        village.centre = {v.x + dx, v.y + dy};
        village.radius = v.radius * rng.uniform(0.95, 1.05);
        village.postcode4 = v.postcode4;
        const int m = municipalityAt(village.centre);
        village.gemeente = m >= 0 ? world.municipalities[static_cast<std::size_t>(m)].name : "";
        world.villages.push_back(village);  // kept even outside a window: its edge may reach in
    }

    int parkNo = 0;
    for (const auto& p : kBusinessParks) {
        for (const auto& v : world.villages) {
            if (v.name != p.village) continue;
            const double a = (p.angleDeg + rng.uniform(-10, 10)) * M_PI / 180.0;
            const double d = v.radius + 0.55 * p.radius;
            Site s;
            s.name = p.name;
            s.centre = {v.centre.x + d * std::cos(a), v.centre.y + d * std::sin(a)};
            s.radius = p.radius;
            s.id = "BT-" + std::to_string(world.tile.index) + "-" + std::to_string(++parkNo);
            world.businessParks.push_back(s);
        }
    }

    for (const auto& r : {XY{148500, 453500}, XY{155000, 450500}, XY{160000, 447500}, XY{165500, 443000}})
        world.ridge.push_back({r.x + dx, r.y + dy});
    const double fractions[] = {0.12, 0.33, 0.55, 0.72, 0.9};
    for (int i = 0; i < 5; ++i) {
        // Walk along the ridge to the fraction, then step aside into the woods.
        double total = 0;
        for (std::size_t k = 1; k < world.ridge.size(); ++k) total += distance(world.ridge[k - 1], world.ridge[k]);
        double want = fractions[i] * total;
        XY at = world.ridge.front();
        for (std::size_t k = 1; k < world.ridge.size(); ++k) {
            const double len = distance(world.ridge[k - 1], world.ridge[k]);
            if (want <= len) {
                const double t = want / len;
                at = {world.ridge[k - 1].x + t * (world.ridge[k].x - world.ridge[k - 1].x),
                      world.ridge[k - 1].y + t * (world.ridge[k].y - world.ridge[k - 1].y)};
                break;
            }
            want -= len;
        }
        Site s;
        s.name = kHolidayParks[i];
        s.centre = {at.x + rng.uniform(-500, 500), at.y + rng.uniform(-500, 500)};
        s.radius = rng.uniform(280, 420);
        s.id = "VP-" + std::to_string(world.tile.index) + "-" + std::to_string(i + 1);
        world.holidayParks.push_back(s);
    }
    for (auto* sites : {&world.businessParks, &world.holidayParks}) {
        for (auto& s : *sites) {
            const int m = municipalityAt(s.centre);
            s.gemeente = m >= 0 ? world.municipalities[static_cast<std::size_t>(m)].name : "";
        }
    }

    // The A12 with its exits as vertices, so the network shares those points.
    const struct { double x, y; const char* exit; } a12[] = {
        {144000, 454800, nullptr}, {147855, 453529, "20 Driebergen-Zeist"}, {151000, 453650, nullptr},
        {153821, 453746, "21 Maarn"}, {156563, 453079, "22 Maarsbergen"}, {160500, 452000, nullptr},
        {164110, 451300, "23 Veenendaal-west"}, {168572, 450900, "24 Veenendaal-centrum"}, {173000, 450700, nullptr},
    };
    Road motorway{"W-" + std::to_string(world.tile.index) + "-A12", "autosnelweg", "A12", {}};
    int exitNo = 0;
    for (const auto& p : a12) {
        const XY pt{p.x + dx, p.y + dy};
        motorway.points.push_back(pt);
        if (p.exit) {
            world.exits.push_back({"OP-" + std::to_string(world.tile.index) + "-" + std::to_string(++exitNo),
                                   std::string("Afrit ") + p.exit, pt});
        }
    }
    world.roads.push_back(std::move(motorway));
}

}  // namespace riskmap::layers::sample
