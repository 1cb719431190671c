// SPDX-License-Identifier: GPL-3.0-or-later
// KvK vestigingen at addresses: farms, shops, home businesses and multi-tenant business units.
#include "sample_world.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace riskmap::layers::sample {

namespace {

struct SbiChoice {
    const char* code;
    const char* label;
};

const std::vector<SbiChoice> kHome = {
    {"6201", "ICT"}, {"7022", "Advies"}, {"4791", "Webwinkel"}, {"7410", "Ontwerp"}, {"8559", "Training"},
    {"4321", "Elektrotechniek"}, {"4332", "Timmerwerken"}, {"9004", "Kunst"}, {"8690", "Zorg"}, {"7111", "Architectuur"},
    {"4399", "Bouw"}, {"8121", "Schoonmaak"}, {"9609", "Diensten"}, {"7311", "Reclame"}};
const std::vector<SbiChoice> kShop = {
    {"4711", "Supermarkt"}, {"4771", "Mode"}, {"4776", "Bloemen"}, {"4752", "Bouwmarkt"}, {"4724", "Bakkerij"},
    {"4778", "Optiek"}, {"4773", "Apotheek"}, {"5630", "Café"}, {"4761", "Boekhandel"}};
const std::vector<SbiChoice> kBusiness = {
    {"2562", "Metaalbewerking"}, {"4669", "Groothandel"}, {"4673", "Bouwmaterialen"}, {"3312", "Reparatie"},
    {"1071", "Bakkerij"}, {"2511", "Constructie"}, {"4321", "Installatie"}, {"7112", "Ingenieurs"}, {"4690", "Handel"},
    {"1623", "Houtbouw"}, {"2229", "Kunststof"}, {"6202", "Software"}, {"4619", "Agentuur"}};
const std::vector<SbiChoice> kFarm = {{"0141", "Melkveehouderij"}, {"0111", "Akkerbouw"}, {"0146", "Varkenshouderij"},
                                      {"0147", "Pluimveehouderij"}, {"0113", "Tuinbouw"}, {"0150", "Gemengd bedrijf"}};
const std::vector<SbiChoice> kHoliday = {{"5520", "Vakantieverhuur"}, {"9329", "Recreatie"}};
const std::vector<SbiChoice> kRisky = {
    {"4511", "Autohandel"}, {"4520", "Autoservice"}, {"4932", "Taxi"}, {"4941", "Transport"}, {"5210", "Opslag"},
    {"3831", "Recycling"}, {"9602", "Kapsalon"}, {"5610", "Restaurant"}, {"6810", "Vastgoed"}, {"6420", "Holding"}};

const std::vector<std::string> kSurnames = {
    "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits",
    "van Dijk", "van Beek", "Verhoef", "van Ginkel", "Schouten", "van Ee", "Hoogendoorn", "Kok", "Vermeulen", "Post"};
const std::vector<std::string> kSuffixes = {"", " B.V.", " V.O.F.", " & Zn.", " Holding"};

}  // namespace

void generateCompanies(TileWorld& w, Rng rng)
{
    struct Draft {
        int address;
        const std::vector<SbiChoice>* list;
        double riskWeight;
        bool farm;
        int farmIndex;
    };
    std::vector<Draft> drafts;
    std::vector<int> farmOfAddress(w.addresses.size(), -1);
    for (std::size_t f = 0; f < w.farms.size(); ++f)
        if (w.farms[f].address >= 0) farmOfAddress[static_cast<std::size_t>(w.farms[f].address)] = static_cast<int>(f);

    for (std::size_t i = 0; i < w.addresses.size(); ++i) {
        const Address& a = w.addresses[i];
        const Building& b = w.buildings[static_cast<std::size_t>(a.building)];
        const int ai = static_cast<int>(i);
        if (farmOfAddress[i] >= 0) {
            drafts.push_back({ai, &kFarm, 0.3, true, farmOfAddress[i]});
            if (rng.chance(0.15)) drafts.push_back({ai, &kHome, 1.0, false, -1});
        } else if (a.gebruiksdoel == "winkelfunctie") {
            if (rng.chance(0.9)) drafts.push_back({ai, &kShop, 1.5, false, -1});
        } else if (b.kind == BuildingKind::Hall && a.gebruiksdoel != "bijeenkomstfunctie") {
            const int n = rng.chance(0.7) ? 1 : (rng.chance(0.6) ? 2 : rng.integer(3, 5));
            for (int k = 0; k < n; ++k) drafts.push_back({ai, &kBusiness, 3.0, false, -1});
        } else if (b.kind == BuildingKind::Chalet) {
            if (rng.chance(0.03)) drafts.push_back({ai, &kHoliday, 2.5, false, -1});
        } else if (a.gebruiksdoel == "woonfunctie") {
            if (rng.chance(0.085)) drafts.push_back({ai, &kHome, 0.6, false, -1});
        }
    }

    // Exactly 12.5 % risky, drawn with context weights (weighted sampling
    // without replacement: keys u^(1/w), largest first); farms stay farms.
    std::vector<std::pair<double, std::size_t>> keys;
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        if (drafts[i].farm) continue;
        keys.push_back({std::pow(rng.uniform() + 1e-12, 1.0 / drafts[i].riskWeight), i});
    }
    std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
    const std::size_t riskyCount = static_cast<std::size_t>(std::llround(0.125 * static_cast<double>(drafts.size())));
    std::vector<bool> risky(drafts.size(), false);
    for (std::size_t k = 0; k < riskyCount && k < keys.size(); ++k) risky[keys[k].second] = true;

    const int firstDay = dayNumber(1985, 1, 1);
    const int lastDay = dayNumber(kLastYear, 12, 31);
    for (std::size_t i = 0; i < drafts.size(); ++i) {
        const Draft& d = drafts[i];
        const SbiChoice& sbi = risky[i] ? kRisky[static_cast<std::size_t>(rng.uniform() * kRisky.size())]
                                        : (*d.list)[static_cast<std::size_t>(rng.uniform() * d.list->size())];
        Company c;
        c.address = d.address;
        c.risky = risky[i];
        c.sbi = sbi.code;
        const long long seq = static_cast<long long>(w.tile.index) * 1000000LL + static_cast<long long>(w.companies.size() + 1);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%012lld", 100000000000LL + seq * 7);
        c.vestigingsnummer = buf;
        std::snprintf(buf, sizeof buf, "%08lld", 10000000LL + seq * 3 % 89999999LL);
        c.kvkNummer = buf;
        const std::string& surname = kSurnames[static_cast<std::size_t>(rng.uniform() * kSurnames.size())];
        c.handelsnaam = (rng.chance(0.5) ? surname + " " + sbi.label : std::string(sbi.label) + " " + surname) +
                        kSuffixes[static_cast<std::size_t>(rng.uniform() * kSuffixes.size())];
        // Registrations skew recent: many businesses are young.
        c.startDay = firstDay + static_cast<int>((lastDay - firstDay - 30) * std::sqrt(rng.uniform()));
        if (d.farm) {
            const Farm& f = w.farms[static_cast<std::size_t>(d.farmIndex)];
            c.startDay = std::min(c.startDay, dayNumber(2015, 1, 1));
            if (f.stopped) c.endDay = f.stopDay;
        } else if (rng.chance(0.12)) {
            c.endDay = rng.integer(std::max(c.startDay + 30, dayNumber(2018, 1, 1)), lastDay);
        }
        w.companies.push_back(std::move(c));
    }
}

}  // namespace riskmap::layers::sample
