// SPDX-License-Identifier: GPL-3.0-or-later
// The canonical layer table of DATA_MODEL.md, as data.
#include "riskmap/layers/layer_schema.hpp"

namespace riskmap::layers {
namespace {

using FT = FieldType;

std::vector<LayerSchema> buildCatalogue()
{
    const int year = 365;
    std::vector<LayerSchema> all;
    all.push_back({"percelen", GeometryFamily::Polygon, true, false, "perceel_id",
                   {{"perceel_id", FT::Text, true}, {"gemeente", FT::Text}, {"oppervlakte", FT::Real},
                    {"landgebruik", FT::Text}},
                   Classification::Openbaar, "Openbare registratie (BRK, Kadasterwet)", 0});
    all.push_back({"panden", GeometryFamily::Polygon, true, false, "pand_id",
                   {{"pand_id", FT::Text, true}, {"bouwjaar", FT::Integer}, {"status", FT::Text},
                    {"gebruiksdoel", FT::Text}, {"oppervlakte", FT::Real}},
                   Classification::Openbaar, "Openbare registratie (BAG, Wet BAG)", 0});
    all.push_back({"verblijfsobjecten", GeometryFamily::Point, false, false, "vbo_id",
                   {{"vbo_id", FT::Text, true}, {"pand_id", FT::Text}, {"postcode", FT::Text},
                    {"huisnummer", FT::Integer}, {"huisletter", FT::Text}, {"toevoeging", FT::Text},
                    {"straat", FT::Text}, {"woonplaats", FT::Text}, {"gebruiksdoel", FT::Text}},
                   Classification::Openbaar, "Openbare registratie (BAG, Wet BAG)", 0});
    all.push_back({"bedrijventerreinen", GeometryFamily::Polygon, true, false, "terrein_id",
                   {{"terrein_id", FT::Text, true}, {"naam", FT::Text}, {"gemeente", FT::Text}},
                   Classification::Openbaar, "Openbare registratie (IBIS werklocaties)", 0});
    all.push_back({"vestigingen", GeometryFamily::Point, false, true, "vestigingsnummer",
                   {{"vestigingsnummer", FT::Text, true, 12}, {"kvk_nummer", FT::Text, false, 8}, {"handelsnaam", FT::Text},
                    {"sbi_code", FT::Text}, {"datum_inschrijving", FT::Date}, {"datum_uitschrijving", FT::Date},
                    {"postcode", FT::Text}, {"huisnummer", FT::Integer}, {"huisletter", FT::Text},
                    {"toevoeging", FT::Text}},
                   Classification::Intern, "AVG art. 6 lid 1 sub e (publieke taak), Handelsregisterwet", 5 * year});
    all.push_back({"incidenten", GeometryFamily::Point, false, true, "incident_id",
                   {{"incident_id", FT::Text, true}, {"soort", FT::Text}, {"datum", FT::Date, true},
                    {"bron", FT::Text}, {"rubricering", FT::Text}, {"opgevolgd", FT::Boolean},
                    {"bewaren_tot", FT::Date}},
                   Classification::Vertrouwelijk,
                   "Wpg art. 16/20 (politie), AVG art. 6 lid 1 sub e; RIEC-convenant", 5 * year});
    all.push_back({"vakantieparken", GeometryFamily::Polygon, true, false, "park_id",
                   {{"park_id", FT::Text, true}, {"naam", FT::Text}, {"gemeente", FT::Text}},
                   Classification::Openbaar, "Gemeentelijke/provinciale registratie", 0});
    all.push_back({"wegen", GeometryFamily::Line, true, false, "weg_id",
                   {{"weg_id", FT::Text, true}, {"wegtype", FT::Text}, {"naam", FT::Text}},
                   Classification::Openbaar, "Open data (NWB/BRT/OpenStreetMap)", 0});
    all.push_back({"opritten", GeometryFamily::Point, false, false, "oprit_id",
                   {{"oprit_id", FT::Text, true}, {"naam", FT::Text}},
                   Classification::Openbaar, "Open data (NWB/OpenStreetMap)", 0});
    all.push_back({"studiegebied", GeometryFamily::Polygon, true, false, "",
                   {{"naam", FT::Text}},
                   Classification::Openbaar, "Open data (CBS gebiedsindelingen)", 0});
    return all;
}

}  // namespace

const FieldSpec* LayerSchema::field(const std::string& fieldName) const
{
    for (const auto& f : fields)
        if (f.name == fieldName) return &f;
    return nullptr;
}

std::string LayerSchema::spatialiteGeometryType() const
{
    switch (geometry) {
    case GeometryFamily::Point: return multi ? "MULTIPOINT" : "POINT";
    case GeometryFamily::Line: return multi ? "MULTILINESTRING" : "LINESTRING";
    case GeometryFamily::Polygon: return multi ? "MULTIPOLYGON" : "POLYGON";
    case GeometryFamily::None: return "";
    }
    return "";
}

const std::vector<LayerSchema>& canonicalLayers()
{
    static const std::vector<LayerSchema> all = buildCatalogue();
    return all;
}

const LayerSchema* findLayerSchema(const std::string& name)
{
    for (const auto& schema : canonicalLayers())
        if (schema.name == name) return &schema;
    return nullptr;
}

std::string toString(Classification c)
{
    switch (c) {
    case Classification::Openbaar: return "openbaar";
    case Classification::Intern: return "intern";
    case Classification::Vertrouwelijk: return "vertrouwelijk";
    case Classification::Politiegegevens: return "politiegegevens";
    }
    return "openbaar";
}

std::optional<Classification> parseClassification(const std::string& text)
{
    for (auto c : {Classification::Openbaar, Classification::Intern, Classification::Vertrouwelijk,
                   Classification::Politiegegevens})
        if (toString(c) == text) return c;
    return std::nullopt;
}

std::string toString(FieldType t)
{
    switch (t) {
    case FieldType::Text: return "TEXT";
    case FieldType::Integer: return "INTEGER";
    case FieldType::Real: return "REAL";
    case FieldType::Date: return "DATE";
    case FieldType::Boolean: return "BOOLEAN";
    }
    return "TEXT";
}

std::string toString(GeometryFamily g)
{
    switch (g) {
    case GeometryFamily::Point: return "punt";
    case GeometryFamily::Line: return "lijn";
    case GeometryFamily::Polygon: return "vlak";
    case GeometryFamily::None: return "geen";
    }
    return "geen";
}

}  // namespace riskmap::layers
