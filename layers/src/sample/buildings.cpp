// SPDX-License-Identifier: GPL-3.0-or-later
// Buildings (BAG panden) per parcel by land use, with their addresses (verblijfsobjecten).
#include "sample_world.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace riskmap::layers::sample {

namespace {

const std::vector<std::string> kVillageStreets = {
    "Dorpsstraat", "Kerkstraat", "Molenweg", "Schoolstraat", "Beukenlaan", "Eikenlaan", "Lindelaan",
    "Julianastraat", "Wilhelminastraat", "Prins Bernhardlaan", "Van Goghlaan", "Rembrandtlaan", "Vondellaan",
    "Bilderdijklaan", "Merelstraat", "Spreeuwstraat", "Zwaluwstraat", "Kastanjelaan", "Berkenlaan",
    "Populierenlaan", "Mozartlaan", "Bachlaan", "Tulpstraat", "Rozenstraat", "Narcislaan", "Anjerstraat",
    "Kerkewijk", "Hoofdstraat", "Stationsweg", "Bergweg", "Sportlaan", "Parkweg", "Zandstraat", "Marktplein",
    "Brinkweg", "Esdoornlaan", "Lijsterbeslaan", "Meidoornstraat", "Vlinderstraat", "Kievitstraat"};
const std::vector<std::string> kRuralStreets = {
    "Achterweg", "Bovenweg", "Veldweg", "Slaperdijk", "Grift", "Nude", "Cuneraweg", "Utrechtseweg", "Rijnsteeg",
    "Lageweg", "Hooiweg", "Polderweg", "Maarnse Grindweg", "Langbroekerdijk", "Hoogstraat", "Engweg", "Kooiweg",
    "Boslaan", "Heuvelweg", "Zandweg", "Broekweg", "Koelaan", "Wiekslag", "Darthuizerweg"};
const std::vector<std::string> kBusinessStreets = {"Industrieweg", "Ambachtsweg", "Nijverheidsweg", "Handelsweg",
                                                   "Transportweg", "Techniekweg", "Turfweg", "Innovatieweg"};
const std::vector<std::string> kHolidayStreets = {"Parklaan", "Bosrand", "Dennenlaan", "Heiderand", "Sparrenlaan"};

// Letters used in Dutch postcodes (F, I, O, Q, U and Y are not).
const char kLetters[] = "ABCDEGHJKLMNPRSTVWXZ";

std::uint64_t hashOf(std::int64_t a, std::int64_t b, std::uint64_t salt)
{
    std::uint64_t h = salt ^ 0x9E3779B97F4A7C15ull;
    for (std::int64_t v : {a, b}) {
        h ^= static_cast<std::uint64_t>(v) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
        h *= 0xBF58476D1CE4E5B9ull;
    }
    return h ^ (h >> 29);
}

class Builder {
public:
    Builder(TileWorld& w, Rng& rng) : m_w(w), m_rng(rng)
    {
        m_code.resize(w.municipalities.size());
        for (std::size_t i = 0; i < w.municipalities.size(); ++i) m_code[i] = bagGemeentecode(w.municipalities[i].code);
    }

    void parcel(int pi)
    {
        Parcel& p = m_w.parcels[static_cast<std::size_t>(pi)];
        m_area.reset();
        m_parcel = pi;
        switch (p.use) {
        case LandUse::Wonen: village(p); break;
        case LandUse::Bedrijf: business(p); break;
        case LandUse::Recreatie: holiday(p); break;
        case LandUse::Agrarisch: rural(p); break;
        case LandUse::Bos:
        case LandUse::Natuur:
            if (m_rng.chance(0.03)) building(p.inside, 5, 8, m_rng.uniform(0, M_PI), BuildingKind::Shed, "overige gebruiksfunctie", 1960, 2015);
            break;
        case LandUse::Overig:
            if (p.village >= 0 && m_rng.chance(0.25)) {
                const int b = building(p.inside, 25, 30, angleAt(p.inside), BuildingKind::Hall, "bijeenkomstfunctie", 1950, 2015);
                if (b >= 0) address(b, 0, "bijeenkomstfunctie", "", "");
            }
            break;
        case LandUse::Water: break;
        }
    }

private:
    double angleAt(const XY& p)
    {
        // Streets in a 300 m block share an orientation.
        const auto h = hashOf(std::lround(std::floor(p.x / 300)), std::lround(std::floor(p.y / 300)), 7);
        return static_cast<double>(h % 1000) / 1000.0 * M_PI;
    }

    bool fits(const std::vector<XY>& ring)
    {
        Parcel& p = m_w.parcels[static_cast<std::size_t>(m_parcel)];
        if (!m_area) m_area = std::make_unique<gis::PreparedArea>(p.geometry);
        return m_area->covers(gis::polygonWkb({ring}));
    }

    /// Places a w×h building at c if it fits on the parcel; returns its index or -1.
    int building(const XY& c, double w, double h, double angle, BuildingKind kind, const std::string& doel, int y0, int y1)
    {
        auto ring = rectangleRing(c, w, h, angle);
        if (!fits(ring)) return -1;
        Building b;
        const auto& p = m_w.parcels[static_cast<std::size_t>(m_parcel)];
        char id[32];
        std::snprintf(id, sizeof id, "%s10%010lld", m_code[static_cast<std::size_t>(p.municipality)].c_str(),
                      static_cast<long long>(m_w.tile.index) * 100000000LL + static_cast<long long>(m_w.buildings.size() + 1));
        b.pandId = id;
        b.geometry = gis::multiPolygonWkb({{ring}});
        b.footprint = ring;
        b.centre = c;
        b.area = w * h;
        b.bouwjaar = m_rng.integer(y0, y1);
        b.gebruiksdoel = doel;
        b.parcel = m_parcel;
        b.kind = kind;
        m_w.buildings.push_back(std::move(b));
        m_w.parcels[static_cast<std::size_t>(m_parcel)].built = true;
        return static_cast<int>(m_w.buildings.size() - 1);
    }

    XY local(const XY& origin, double angle, double ox, double oy)
    {
        return {origin.x + ox * std::cos(angle) - oy * std::sin(angle), origin.y + ox * std::sin(angle) + oy * std::cos(angle)};
    }

    /// The village (index) an address belongs to: the nearest relative to its size.
    int placeOf(const XY& p)
    {
        int best = 0;
        double bestScore = 1e300;
        for (std::size_t i = 0; i < m_w.villages.size(); ++i) {
            const auto& v = m_w.villages[i];
            const double s = distance(p, v.centre) / std::sqrt(v.radius);
            if (s < bestScore) { bestScore = s; best = static_cast<int>(i); }
        }
        return best;
    }

    int addressNumberFor(const std::string& woonplaats, const std::string& street, int step)
    {
        int& n = m_numbers[woonplaats + "|" + street];
        n += step;
        return n;
    }

    std::string postcodeFor(int pc4, const std::string& street, int number)
    {
        const std::string key = std::to_string(pc4) + "|" + street + "|" + std::to_string(number / 20);
        auto it = m_postcodes.find(key);
        if (it == m_postcodes.end()) {
            int& next = m_letterCounter[pc4];
            const int slot = next / 400;
            const int k = next++ % 400;
            std::string pc = std::to_string(pc4ForSlot(pc4, slot));
            pc += kLetters[k / 20];
            pc += kLetters[k % 20];
            it = m_postcodes.emplace(key, pc).first;
        }
        return it->second;
    }

    /// A 4-digit area holds 400 letter pairs; busy places spill into the next
    /// unused number (tile 0) or the next of their six reserved numbers (other tiles).
    int pc4ForSlot(int base, int slot)
    {
        if (slot == 0) return base;
        if (m_w.tile.index > 0) return base + std::min(slot, 5);
        auto& slots = m_spill[base];
        while (static_cast<int>(slots.size()) < slot) {
            if (m_used.empty()) {
                for (const auto& v : m_w.villages) m_used.insert(v.postcode4);
                for (int pc = 3901; pc <= 3906; ++pc) m_used.insert(pc);
            }
            int pc = slots.empty() ? base + 1 : slots.back() + 1;
            while (m_used.count(pc)) ++pc;
            m_used.insert(pc);
            slots.push_back(pc);
        }
        return slots[static_cast<std::size_t>(slot - 1)];
    }

    /// Adds a verblijfsobject in building b. `number` 0 = next number on the street.
    int address(int b, int number, const std::string& doel, const std::string& letter, const std::string& toevoeging)
    {
        const Building& bld = m_w.buildings[static_cast<std::size_t>(b)];
        const Parcel& p = m_w.parcels[static_cast<std::size_t>(bld.parcel)];
        const int vi = placeOf(bld.centre);
        const Village& v = m_w.villages[static_cast<std::size_t>(vi)];
        const std::vector<std::string>* names = &kRuralStreets;
        double block = 1200.0;
        if (p.use == LandUse::Wonen || p.use == LandUse::Overig) { names = &kVillageStreets; block = 180.0; }
        if (p.use == LandUse::Bedrijf) { names = &kBusinessStreets; block = 250.0; }
        if (p.use == LandUse::Recreatie) { names = &kHolidayStreets; block = 150.0; }
        const auto h = hashOf(std::lround(std::floor(bld.centre.x / block)), std::lround(std::floor(bld.centre.y / block)),
                              static_cast<std::uint64_t>(vi) * 31 + static_cast<std::uint64_t>(p.use));
        Address a;
        a.straat = (*names)[h % names->size()];
        a.woonplaats = m_w.tile.index == 0 ? v.name : v.name + " T" + std::to_string(m_w.tile.index);
        int pc4 = v.postcode4;
        int sector = 0;
        if (v.name == "Veenendaal") {
            const double ang = std::atan2(bld.centre.y - v.centre.y, bld.centre.x - v.centre.x) + M_PI;
            sector = std::min(5, static_cast<int>(ang / (2 * M_PI) * 6));
            pc4 += sector;
        }
        if (m_w.tile.index > 0) pc4 = 1000 + m_w.tile.index * 90 + vi * 6;
        a.huisnummer = number > 0 ? number : addressNumberFor(a.woonplaats, a.straat, m_rng.chance(0.3) ? 2 : 1);
        a.postcode = postcodeFor(pc4, a.woonplaats + a.straat, a.huisnummer);
        a.huisletter = letter;
        a.toevoeging = toevoeging;
        a.gebruiksdoel = doel;
        a.building = b;
        // Several objects in one building: spread along its long side, inside it.
        int sameBuilding = 0;
        for (auto it = m_w.addresses.rbegin(); it != m_w.addresses.rend() && it->building == b; ++it) ++sameBuilding;
        const double off = (sameBuilding % 5 - 2) * std::sqrt(bld.area) * 0.08;
        a.point = {bld.centre.x + off, bld.centre.y + ((sameBuilding / 5) % 3 - 1) * std::sqrt(bld.area) * 0.08};
        char id[32];
        std::snprintf(id, sizeof id, "%s01%010lld", m_code[static_cast<std::size_t>(p.municipality)].c_str(),
                      static_cast<long long>(m_w.tile.index) * 100000000LL + static_cast<long long>(m_w.addresses.size() + 1));
        a.vboId = id;
        m_w.addresses.push_back(std::move(a));
        return static_cast<int>(m_w.addresses.size() - 1);
    }

    void village(const Parcel& p)
    {
        const Village& v = m_w.villages[static_cast<std::size_t>(p.village)];
        const double d = distance(p.inside, v.centre) / v.radius;
        const double angle = angleAt(p.inside) + m_rng.uniform(-0.1, 0.1);
        const int oldest = 1900 + static_cast<int>(d * 60);
        if (d < 0.25 && v.radius >= 400) {
            const double u = m_rng.uniform();
            if (u < 0.35) {
                const int b = building(p.inside, 12, 16, angle, BuildingKind::Shop, "winkelfunctie,woonfunctie", 1890, 1990);
                if (b >= 0) {
                    const int a = address(b, 0, "winkelfunctie", "", "");
                    address(b, m_w.addresses[static_cast<std::size_t>(a)].huisnummer, "woonfunctie", "A", "");
                    return;
                }
            } else if (u < 0.55) {
                const int b = building(p.inside, 16, 28, angle, BuildingKind::Apartment, "woonfunctie", 1960, 2022);
                if (b >= 0) {
                    const int n = m_rng.integer(6, 24);
                    int first = -1;
                    for (int k = 1; k <= n; ++k) {
                        const int num = first < 0 ? 0 : m_w.addresses[static_cast<std::size_t>(first)].huisnummer;
                        const int a = address(b, num, "woonfunctie", "", std::to_string(k));
                        if (first < 0) first = a;
                    }
                    return;
                }
            }
        }
        if (d < 0.6) {
            const int k = m_rng.integer(2, 4);
            int placed = 0;
            for (int i = 0; i < k; ++i) {
                const XY c = local(p.inside, angle, (i - (k - 1) / 2.0) * 6.0, 0);
                const int b = building(c, 6, 9, angle, BuildingKind::RowHouse, "woonfunctie", oldest, 2020);
                if (b >= 0) { address(b, 0, "woonfunctie", "", ""); ++placed; }
            }
            if (placed > 0) return;
        }
        int b = building(p.inside, 10, 11, angle, BuildingKind::House, "woonfunctie", oldest, 2023);
        if (b < 0) b = building(p.inside, 7, 8, angle, BuildingKind::House, "woonfunctie", oldest, 2023);
        if (b < 0) return;
        address(b, 0, "woonfunctie", "", "");
        if (m_rng.chance(0.6)) building(local(p.inside, angle, 0, 11), 4, 6, angle, BuildingKind::Shed, "overige gebruiksfunctie", oldest, 2023);
    }

    void business(const Parcel& p)
    {
        const double angle = angleAt(p.inside);
        const double u = m_rng.uniform();
        const std::string doel = u < 0.6 ? "industriefunctie" : (u < 0.85 ? "industriefunctie,kantoorfunctie" : "kantoorfunctie");
        const double w0 = m_rng.uniform(30, 60), h0 = m_rng.uniform(20, 36);
        int b = -1;
        for (double f : {1.0, 0.75, 0.55, 0.4}) {
            b = building(p.inside, w0 * f, h0 * f, angle, BuildingKind::Hall, doel, 1965, 2023);
            if (b >= 0) break;
        }
        if (b < 0) return;
        if (m_rng.chance(0.06)) m_w.buildings[static_cast<std::size_t>(b)].status = "Pand buiten gebruik";
        // Multi-tenant halls: one object per unit, letters A, B, C...
        const int units = m_rng.chance(0.45) ? m_rng.integer(2, 8) : 1;
        const std::string unitDoel = doel == "kantoorfunctie" ? "kantoorfunctie" : "industriefunctie";
        int number = 0;
        for (int k = 0; k < units; ++k) {
            const int a = address(b, number, unitDoel, units > 1 ? std::string(1, static_cast<char>('A' + k)) : "", "");
            number = m_w.addresses[static_cast<std::size_t>(a)].huisnummer;
        }
    }

    void holiday(const Parcel& p)
    {
        const double angle = angleAt(p.inside);
        int placed = 0;
        for (int gy = -3; gy <= 3 && placed < 30; ++gy) {
            for (int gx = -3; gx <= 3 && placed < 30; ++gx) {
                const XY c = local(p.inside, angle, gx * 22.0, gy * 22.0);
                const int b = building(c, 7, 9, angle + m_rng.uniform(-0.3, 0.3), BuildingKind::Chalet, "logiesfunctie", 1965, 2022);
                if (b < 0) continue;
                address(b, 0, "logiesfunctie", "", "");
                ++placed;
            }
        }
    }

    void rural(const Parcel& p)
    {
        if (p.area < 15000.0) return;
        const double angle = m_rng.uniform(0, M_PI);
        if (!m_rng.chance(0.38)) {
            if (m_rng.chance(0.12)) {
                const int b = building(p.inside, 10, 12, angle, BuildingKind::House, "woonfunctie", 1900, 2020);
                if (b >= 0) address(b, 0, "woonfunctie", "", "");
            }
            return;
        }
        Farm farm;
        farm.parcel = m_parcel;
        const int house = building(p.inside, 11, 13, angle, BuildingKind::Farmhouse, "woonfunctie", 1890, 2010);
        if (house < 0) return;
        farm.address = address(house, 0, "woonfunctie", "", "");
        farm.buildings.push_back(house);
        farm.stopped = m_rng.chance(0.25);
        if (farm.stopped) farm.stopDay = m_rng.integer(dayNumber(2019, 1, 1), dayNumber(kLastYear, 10, 31));
        const int farmIndex = static_cast<int>(m_w.farms.size());
        m_w.buildings[static_cast<std::size_t>(house)].farm = farmIndex;
        const int barns = m_rng.integer(1, 3);
        double offset = 5.5 + 8.0;
        for (int k = 0; k < barns; ++k) {
            const double bw = m_rng.uniform(18, 50), bh = m_rng.uniform(12, 24);
            const XY c = local(p.inside, angle, offset + bw / 2, m_rng.uniform(-6, 6));
            offset += bw + 6.0;
            const int b = building(c, bw, bh, angle, BuildingKind::Barn,
                                   m_rng.chance(0.7) ? "overige gebruiksfunctie" : "industriefunctie", 1950, 2012);
            if (b < 0) continue;
            Building& bld = m_w.buildings[static_cast<std::size_t>(b)];
            bld.farm = farmIndex;
            if (m_rng.chance(farm.stopped ? 0.5 : 0.04)) bld.status = "Pand buiten gebruik";
            else if (m_rng.chance(0.01)) bld.status = "Sloopvergunning verleend";
            // DOMAIN.md: vacant farm building = no woonfunctie, > 200 m², out of use or farm stopped < 3 years ago.
            bld.vacantFarmBuilding = bld.area > 200.0 &&
                                     (bld.status == "Pand buiten gebruik" ||
                                      (farm.stopped && farm.stopDay >= dayNumber(kLastYear - 2, 1, 1)));
            farm.buildings.push_back(b);
        }
        m_w.farms.push_back(std::move(farm));
    }

    TileWorld& m_w;
    Rng& m_rng;
    std::vector<std::string> m_code;
    int m_parcel = -1;
    std::unique_ptr<gis::PreparedArea> m_area;
    std::map<std::string, int> m_numbers;
    std::map<std::string, std::string> m_postcodes;
    std::map<int, int> m_letterCounter;
    std::map<int, std::vector<int>> m_spill;
    std::set<int> m_used;
};

}  // namespace

void generateBuildings(TileWorld& w, Rng rng, core::Feedback& feedback)
{
    Builder builder(w, rng);
    feedback.beginStage("Panden en adressen", w.parcels.size());
    for (std::size_t i = 0; i < w.parcels.size(); ++i) {
        builder.parcel(static_cast<int>(i));
        feedback.advance();
        if (i % 4096 == 0) feedback.checkCancelled();
    }
}

}  // namespace riskmap::layers::sample
