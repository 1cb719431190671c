// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the truth behind the sample as small hand-formatted JSON (fixed decimals, so bytes repeat).
#include "truth_files.hpp"

#include "incident_model.hpp"
#include "riskmap/core/error.hpp"

#include <cstdio>
#include <fstream>

namespace riskmap::layers::sample {

namespace {

std::string num(double v, int decimals = 6)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string str(const std::string& s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string scaleName(SampleScale s)
{
    switch (s) {
    case SampleScale::XS: return "XS";
    case SampleScale::S: return "S";
    case SampleScale::M: return "M";
    case SampleScale::L: return "L";
    }
    return "S";
}

void writeFile(const std::string& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
    if (!out) throw InputError("cannot write '" + path + "'");
}

}  // namespace

void TruthFiles::addTile(const TileWorld& w)
{
    for (const auto& b : w.newBarns) {
        m_barns.push_back("    {\"id\": " + str(b.id) + ", \"perceel_id\": " + str(b.perceelId) + ", \"gemeente\": " +
                          str(b.gemeente) + ", \"tegel\": " + std::to_string(w.tile.index) + ",\n     \"centrum\": [" +
                          num(b.centre.x, 2) + ", " + num(b.centre.y, 2) + "], \"oppervlakte_schuur_m2\": " +
                          num(gis::areaOf(b.barn), 1) + ", \"oppervlakte_erf_m2\": " + num(gis::areaOf(b.yard), 1) +
                          ",\n     \"schuur_wkt\": " + str(gis::wktFromWkb(b.barn)) + ",\n     \"erf_wkt\": " +
                          str(gis::wktFromWkb(b.yard)) + "}");
    }
    std::string hs;
    for (const auto& h : w.truth.hotspots) {
        if (!hs.empty()) hs += ", ";
        hs += "{\"x\": " + num(h.centre.x, 1) + ", \"y\": " + num(h.centre.y, 1) + ", \"sigma_m\": " + num(h.sigma, 1) +
              ", \"amplitude\": " + num(h.amplitude, 2) + "}";
    }
    m_tiles.push_back("    {\"tegel\": " + std::to_string(w.tile.index) + ", \"beta0\": " + num(w.truth.intercept) +
                      ", \"cellen\": " + std::to_string(w.truth.cells) + ", \"verwacht_totaal\": " +
                      num(w.truth.expectedTotal, 1) + ", \"gerealiseerd_totaal\": " + std::to_string(w.incidents.size()) +
                      ",\n     \"hotspots\": [" + hs + "]}");
}

void TruthFiles::write(const std::string& groundTruthPath, const std::string& modelPath) const
{
    std::string gt = "{\n  \"beschrijving\": \"Nieuwe schuren met verhard erf, zichtbaar op luchtfoto_2025.tif en niet op "
                     "luchtfoto_2024.tif, zonder BAG-pand\",\n  \"crs\": \"EPSG:28992\",\n  \"schaal\": " +
                     str(scaleName(m_options.scale)) + ",\n  \"seed\": " + std::to_string(m_options.seed) +
                     ",\n  \"kleur_dak_rgbn\": [68, 74, 82, 28],\n  \"kleur_erf_rgbn\": [176, 170, 158, 44],\n  \"schuren\": [\n";
    for (std::size_t i = 0; i < m_barns.size(); ++i) gt += m_barns[i] + (i + 1 < m_barns.size() ? ",\n" : "\n");
    gt += "  ]\n}\n";
    writeFile(groundTruthPath, gt);

    const auto& c = incidentCoefficients();
    std::string m = "{\n  \"model\": \"Poisson\",\n  \"schaal\": " + str(scaleName(m_options.scale)) +
                    ",\n  \"seed\": " + std::to_string(m_options.seed) + ",\n  \"cel_m\": " + num(c.cellSize, 0) +
                    ",\n  \"jaren\": [2021, 2022, 2023, 2024, 2025],\n"
                    "  \"formule\": \"aantal(cel, jaar) ~ Poisson(lambda); ln(lambda) = beta0 + b_vab * vab_250m + "
                    "b_oprit * afstand_oprit_km + b_adressen * ln(1 + n_adressen_500m) + ln(1 + som_h A_h * "
                    "exp(-d_h^2 / (2 sigma_h^2)))\",\n"
                    "  \"factoren\": [\n"
                    "    {\"naam\": \"vab_250m\", \"coefficient\": " + num(c.vab250m) +
                    ", \"definitie\": \"1 als een vrijkomend agrarisch gebouw binnen 250 m van het celmiddelpunt staat (afstand tot de gevel, zoals de indicator meet) "
                    "(pand zonder woonfunctie, > 200 m2, 'Pand buiten gebruik' of SBI 01 uitgeschreven sinds 2023-01-01)\"},\n"
                    "    {\"naam\": \"afstand_oprit_km\", \"coefficient\": " + num(c.exitKm) +
                    ", \"definitie\": \"afstand van het celmiddelpunt tot de dichtstbijzijnde oprit, km\"},\n"
                    "    {\"naam\": \"ln1p_n_adressen_500m\", \"coefficient\": " + num(c.logAddresses) +
                    ", \"definitie\": \"ln(1 + verblijfsobjecten binnen 500 m van het celmiddelpunt); negatief: "
                    "isolement verhoogt het risico\"}\n  ],\n"
                    "  \"geen_invloed\": [\"aandeel_bedrijventerrein\", \"in_vakantiepark\", \"n_risico_vestigingen_250m\", "
                    "\"max_bedrijven_per_adres\", \"luchtfoto_gemiddelde\"],\n"
                    "  \"toelichting\": \"beta0 per tegel zo gekozen dat het verwachte totaal 0.0068 incidenten per cel per "
                    "jaar is; hotspots bovenop het model; incidenten uniform in de cel en uniform over het jaar\",\n"
                    "  \"tegels\": [\n";
    for (std::size_t i = 0; i < m_tiles.size(); ++i) m += m_tiles[i] + (i + 1 < m_tiles.size() ? ",\n" : "\n");
    m += "  ]\n}\n";
    writeFile(modelPath, m);
}

}  // namespace riskmap::layers::sample
