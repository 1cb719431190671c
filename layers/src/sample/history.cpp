// SPDX-License-Identifier: GPL-3.0-or-later
// Earlier integral controls with their findings, and the unregistered barns planted in the 2025 photo.
#include "sample_world.hpp"
#include "incident_model.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace riskmap::layers::sample {

void generateHistory(TileWorld& w, Rng rng)
{
    // Candidate centres: business parks and farms with vacant buildings, in turn.
    std::vector<XY> centres;
    for (const auto& s : w.businessParks)
        if (!s.geometry.empty()) centres.push_back(s.centre);
    std::vector<XY> farmCentres;
    for (const auto& b : w.buildings)
        if (b.vacantFarmBuilding) farmCentres.push_back(b.centre);
    for (std::size_t i = 0; i < farmCentres.size() && centres.size() < 24; i += std::max<std::size_t>(1, farmCentres.size() / 12))
        centres.push_back(farmCentres[i]);
    if (centres.empty()) return;

    std::vector<int> riskyAt(w.addresses.size(), 0);
    for (const auto& c : w.companies)
        if (c.risky && c.endDay == 0) ++riskyAt[static_cast<std::size_t>(c.address)];
    std::vector<int> vabAt(w.addresses.size(), 0);
    for (const auto& f : w.farms) {
        if (f.address < 0) continue;
        for (int b : f.buildings)
            if (w.buildings[static_cast<std::size_t>(b)].vacantFarmBuilding) vabAt[static_cast<std::size_t>(f.address)] = 1;
    }

    const std::vector<std::string> issues = {"hennepteelt", "drugsopslag", "illegale bewoning", "brandonveilig",
                                             "milieuovertreding"};
    const std::vector<std::string> followUps = {"bestuurlijke maatregel", "aangifte", "hercontrole"};
    int k = 0;
    for (int year = 2022; year <= kLastYear; ++year) {
        for (int seq = 1; seq <= 3; ++seq) {
            const XY c = centres[static_cast<std::size_t>(k++) % centres.size()];
            Control ctl;
            char id[40];
            std::snprintf(id, sizeof id, "IC-%d-%02d-%d", year, seq, w.tile.index);
            ctl.id = id;
            ctl.day = rng.integer(dayNumber(year, 2, 1), dayNumber(year, 11, 30));
            for (const auto& m : w.municipalities)
                if (m.area->contains(c)) ctl.gemeente = m.name;
            ctl.naam = "Integrale controle " + std::to_string(year) + "-" + std::to_string(seq);
            const double hw = 600, hh = 450;
            ctl.area = gis::multiPolygonWkb({{{{c.x - hw, c.y - hh}, {c.x + hw, c.y - hh}, {c.x + hw, c.y + hh}, {c.x - hw, c.y + hh}}}});
            // Risk-based picks first, then a random sample for comparison.
            std::vector<std::pair<int, int>> inside;
            for (std::size_t i = 0; i < w.addresses.size(); ++i) {
                const XY& p = w.addresses[i].point;
                if (std::abs(p.x - c.x) <= hw && std::abs(p.y - c.y) <= hh)
                    inside.push_back({-(2 * vabAt[i] + riskyAt[i]), static_cast<int>(i)});
            }
            std::stable_sort(inside.begin(), inside.end());
            std::vector<std::pair<int, std::string>> picked;
            for (std::size_t i = 0; i < inside.size() && picked.size() < 15; ++i)
                if (inside[i].first < 0) picked.push_back({inside[i].second, "risico"});
            for (int s = 0; s < 5 && !inside.empty(); ++s) {
                const int a = inside[static_cast<std::size_t>(rng.uniform() * inside.size())].second;
                if (std::none_of(picked.begin(), picked.end(), [&](const auto& p) { return p.first == a; }))
                    picked.push_back({a, "steekproef"});
            }
            for (const auto& [a, reden] : picked) {
                w.controlAddresses.push_back({ctl.id, a, reden});
                Finding f;
                f.controlId = ctl.id;
                f.address = a;
                f.bezocht = rng.chance(0.9);
                const double p = 0.05 + 0.25 * std::min(1, riskyAt[static_cast<std::size_t>(a)]) + 0.35 * vabAt[static_cast<std::size_t>(a)];
                if (!f.bezocht) {
                    f.categorie = "niet aangetroffen";
                    f.vervolg = "hercontrole";
                } else if (rng.chance(p)) {
                    f.categorie = issues[static_cast<std::size_t>(rng.uniform() * issues.size())];
                    f.vervolg = followUps[static_cast<std::size_t>(rng.uniform() * followUps.size())];
                    f.toelichting = "Bij controle aangetroffen: " + f.categorie;
                } else {
                    f.categorie = "geen bijzonderheden";
                    f.vervolg = "geen";
                }
                w.findings.push_back(std::move(f));
            }
            w.controls.push_back(std::move(ctl));
        }
    }
}

void plantNewBarns(TileWorld& w, Rng rng)
{
    std::vector<int> candidates;
    for (std::size_t i = 0; i < w.parcels.size(); ++i) {
        const auto& p = w.parcels[i];
        if (p.use == LandUse::Agrarisch && !p.built && p.area > 30000.0) candidates.push_back(static_cast<int>(i));
    }
    const std::size_t want = std::max<std::size_t>(3, candidates.size() / 40);
    int n = 0;
    while (!candidates.empty() && static_cast<std::size_t>(n) < want) {
        const std::size_t pick = static_cast<std::size_t>(rng.uniform() * candidates.size());
        const int pi = candidates[pick];
        candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(pick));
        Parcel& p = w.parcels[static_cast<std::size_t>(pi)];
        const double angle = rng.uniform(0, M_PI);
        const auto yardRing = rectangleRing(p.inside, 46, 36, angle);
        const gis::PreparedArea area(p.geometry);
        const Wkb yard = gis::polygonWkb({yardRing});
        if (!area.covers(yard)) continue;
        NewBarn nb;
        char id[32];
        std::snprintf(id, sizeof id, "NS-%02d-%03d", w.tile.index % 100, ++n);
        nb.id = id;
        nb.perceelId = p.id;
        nb.gemeente = w.municipalities[static_cast<std::size_t>(p.municipality)].name;
        nb.centre = {p.inside.x + 5 * std::cos(angle), p.inside.y + 5 * std::sin(angle)};
        nb.barn = gis::polygonWkb({rectangleRing(nb.centre, 30, 16, angle)});
        nb.yard = yard;
        p.built = true;
        w.newBarns.push_back(std::move(nb));
    }
}

}  // namespace riskmap::layers::sample
