// SPDX-License-Identifier: GPL-3.0-or-later
// Incidents 2021–2025 drawn from a known Poisson model on a 100 m grid (plus hot spots).
#include "sample_world.hpp"
#include "incident_model.hpp"

#include <cmath>
#include <cstdio>

namespace riskmap::layers::sample {

const IncidentCoefficients& incidentCoefficients()
{
    static const IncidentCoefficients c;
    return c;
}

std::vector<CellFactors> incidentCellFactors(const TileWorld& w)
{
    const auto& c = incidentCoefficients();
    const double size = c.cellSize;
    const double x0 = std::floor(w.extent.minX / size) * size;
    const double y0 = std::floor(w.extent.minY / size) * size;
    const int nx = static_cast<int>(std::ceil((w.extent.maxX - x0) / size));
    const int ny = static_cast<int>(std::ceil((w.extent.maxY - y0) / size));
    auto at = [&](int ix, int iy) { return static_cast<std::size_t>(iy) * static_cast<std::size_t>(nx) + static_cast<std::size_t>(ix); };
    std::vector<std::vector<XY>> addressesIn(static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny));
    std::vector<const Building*> vab;
    for (const auto& a : w.addresses) {
        const int ix = static_cast<int>((a.point.x - x0) / size), iy = static_cast<int>((a.point.y - y0) / size);
        if (ix >= 0 && iy >= 0 && ix < nx && iy < ny) addressesIn[at(ix, iy)].push_back(a.point);
    }
    // vab_250m as DATA_MODEL.md defines the indicator the analyst fits it with (opp_vab_m2): a pand
    // without woonfunctie, over 200 m², 'Pand buiten gebruik' or at an address whose SBI 01
    // registration ended in the last 3 years. (Barns of a stopped farm hold no address, so only their
    // status shows it; Building::vacantFarmBuilding, DOMAIN.md's wider notion, would count them all,
    // which the workspace cannot see.)
    std::vector<char> endedFarmAt(w.buildings.size(), 0);
    for (const auto& c : w.companies)
        if (c.sbi.rfind("01", 0) == 0 && c.endDay > dayNumber(kLastYear - 3, 12, 31) && c.address >= 0)
            if (const int b = w.addresses[static_cast<std::size_t>(c.address)].building; b >= 0)
                endedFarmAt[static_cast<std::size_t>(b)] = 1;
    for (std::size_t i = 0; i < w.buildings.size(); ++i) {
        const auto& b = w.buildings[i];
        if (b.gebruiksdoel.find("woonfunctie") != std::string::npos || !(b.area > 200.0)) continue;
        if (b.status == "Pand buiten gebruik" || endedFarmAt[i]) vab.push_back(&b);
    }

    // Addresses within 500 m of the cell centre, point to point (as the indicator n_adressen_500m
    // counts them); only the cells within 500 m + one cell can hold one.
    const int r = static_cast<int>(std::ceil(500.0 / size)) + 1;
    std::vector<CellFactors> cells;
    for (int iy = 0; iy < ny; ++iy) {
        for (int ix = 0; ix < nx; ++ix) {
            const XY centre{x0 + (ix + 0.5) * size, y0 + (iy + 0.5) * size};
            int mi = -1;
            for (std::size_t m = 0; m < w.municipalities.size(); ++m)
                if (w.municipalities[m].area->contains(centre)) { mi = static_cast<int>(m); break; }
            if (mi < 0) continue;
            CellFactors f;
            f.centre = centre;
            int n = 0;
            for (int dy = -r; dy <= r; ++dy)
                for (int dx = -r; dx <= r; ++dx) {
                    const int jx = ix + dx, jy = iy + dy;
                    if (jx < 0 || jy < 0 || jx >= nx || jy >= ny) continue;
                    for (const XY& a : addressesIn[at(jx, jy)])
                        if (distance(a, centre) <= 500.0) ++n;
                }
            f.addresses500m = n;
            // "Within 250 m" of the building, not of its centre: the distance the workspace's
            // indicator (vab_250m, feature to feature) measures, so the written-down model is the one
            // an analyst can fit on the data.
            for (const Building* v : vab) {
                if (distance(v->centre, centre) > 250.0 + 60.0) continue;  // barns are at most 50 × 24 m
                std::vector<XY> ring = v->footprint;
                if (!ring.empty() && (ring.front().x != ring.back().x || ring.front().y != ring.back().y)) ring.push_back(ring.front());
                if (distance(v->centre, centre) <= 250.0 || (ring.size() > 1 && distanceToPolyline(centre, ring) <= 250.0)) {
                    f.vab250m = 1;
                    break;
                }
            }
            double best = 1e300;
            for (const auto& e : w.exits) best = std::min(best, distance(e.point, centre));
            f.exitKm = std::min(best, 20000.0) / 1000.0;
            cells.push_back(f);
        }
    }
    return cells;
}

double linearPredictor(const CellFactors& f)
{
    const auto& c = incidentCoefficients();
    return c.vab250m * f.vab250m + c.exitKm * f.exitKm + c.logAddresses * std::log1p(f.addresses500m);
}

double hotspotFactor(const std::vector<Hotspot>& hotspots, const XY& p)
{
    double m = 1.0;
    for (const auto& h : hotspots) {
        const double d = distance(p, h.centre);
        m += h.amplitude * std::exp(-d * d / (2 * h.sigma * h.sigma));
    }
    return m;
}

void generateIncidents(TileWorld& w, Rng rng, bool hotspots)
{
    const auto& c = incidentCoefficients();
    // Hot spots: a business park near the motorway, a holiday park, two rural spots.
    for (const auto& s : w.businessParks)
        if (!s.geometry.empty()) { w.truth.hotspots.push_back({s.centre, 300.0, 4.0}); break; }
    for (const auto& s : w.holidayParks)
        if (!s.geometry.empty()) { w.truth.hotspots.push_back({s.centre, 250.0, 5.0}); break; }
    for (int k = 0; k < 2 && !w.farms.empty(); ++k) {
        const auto& f = w.farms[static_cast<std::size_t>(rng.uniform() * w.farms.size())];
        w.truth.hotspots.push_back({w.parcels[static_cast<std::size_t>(f.parcel)].inside, 400.0, 3.0});
    }
    // Drawn either way, so that the random stream after this point is the same.
    if (!hotspots) w.truth.hotspots.clear();

    const auto cells = incidentCellFactors(w);
    w.truth.cells = static_cast<int>(cells.size());
    // Intercept calibrated so the expected total matches the target density.
    double sum = 0.0;
    std::vector<double> base(cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        base[i] = std::exp(linearPredictor(cells[i])) * hotspotFactor(w.truth.hotspots, cells[i].centre);
        sum += base[i];
    }
    const double target = c.targetPerCellYear * static_cast<double>(cells.size()) * c.years;
    w.truth.intercept = sum > 0 ? std::log(target / (sum * c.years)) : 0.0;
    w.truth.expectedTotal = target;

    const std::vector<std::string> soorten = {"drugsafval", "hennepteelt", "drugslab", "explosie", "signaal"};
    const std::vector<double> soortWeights = {0.25, 0.3, 0.07, 0.08, 0.3};
    int n = 0;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const double lambda = std::exp(w.truth.intercept) * base[i];
        for (int year = kLastYear - c.years + 1; year <= kLastYear; ++year) {
            const int k = rng.poisson(lambda);
            for (int j = 0; j < k; ++j) {
                Incident inc;
                char id[40];
                std::snprintf(id, sizeof id, "INC-%d-%02d-%06d", year, w.tile.index % 100, ++n);
                inc.id = id;
                inc.soort = soorten[rng.weighted(soortWeights)];
                inc.day = rng.integer(dayNumber(year, 1, 1), dayNumber(year, 12, 31));
                inc.point = {cells[i].centre.x + rng.uniform(-0.5, 0.5) * c.cellSize,
                             cells[i].centre.y + rng.uniform(-0.5, 0.5) * c.cellSize};
                if (inc.soort == "signaal") {
                    const double u = rng.uniform();
                    inc.bron = u < 0.4 ? "mma" : (u < 0.7 ? "gemeente" : "riec");
                    inc.opgevolgd = rng.chance(0.6);
                } else {
                    inc.bron = rng.chance(0.85) ? "politie" : "riec";
                    inc.opgevolgd = rng.chance(0.9);
                }
                if (inc.bron == "politie") inc.rubricering = rng.chance(0.7) ? "politiegegevens" : "vertrouwelijk";
                else if (inc.bron == "gemeente") inc.rubricering = rng.chance(0.5) ? "intern" : "openbaar";
                else inc.rubricering = "vertrouwelijk";
                // A signal not followed up is kept one year; everything else five.
                const int keepYears = (inc.soort == "signaal" && !inc.opgevolgd) ? 1 : 5;
                inc.keepUntilDay = inc.day + 365 * keepYears + keepYears / 4;
                w.incidents.push_back(std::move(inc));
            }
        }
    }
}

}  // namespace riskmap::layers::sample
