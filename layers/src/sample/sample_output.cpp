// SPDX-License-Identifier: GPL-3.0-or-later
// heuvelrug.gpkg: the canonical input layers plus the history of earlier controls.
#include "sample_output.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/layers/layer_schema.hpp"

#include <cmath>

namespace riskmap::layers::sample {

namespace {

using gis::FieldValue;
using V = std::vector<std::pair<std::string, FieldValue>>;

gis::FieldType toGis(FieldType t)
{
    switch (t) {
    case FieldType::Text: return gis::FieldType::Text;
    case FieldType::Integer: return gis::FieldType::Integer;
    case FieldType::Real: return gis::FieldType::Real;
    case FieldType::Date: return gis::FieldType::Date;
    case FieldType::Boolean: return gis::FieldType::Boolean;
    }
    return gis::FieldType::Text;
}

gis::GeometryKind kindOf(const LayerSchema& s)
{
    switch (s.geometry) {
    case GeometryFamily::Point: return gis::GeometryKind::Point;
    case GeometryFamily::Line: return s.multi ? gis::GeometryKind::MultiLineString : gis::GeometryKind::LineString;
    case GeometryFamily::Polygon: return s.multi ? gis::GeometryKind::MultiPolygon : gis::GeometryKind::Polygon;
    case GeometryFamily::None: return gis::GeometryKind::None;
    }
    return gis::GeometryKind::None;
}

FieldValue text(const std::string& s) { return s.empty() ? FieldValue{} : FieldValue{s}; }
FieldValue date(int day) { return day > 0 ? FieldValue{isoDate(day)} : FieldValue{}; }
FieldValue integer(std::int64_t v) { return FieldValue{v}; }
FieldValue real(double v) { return FieldValue{std::round(v * 100.0) / 100.0}; }

}  // namespace

SampleGeoPackage::SampleGeoPackage(const std::string& path) : m_writer(path)
{
    for (const char* name : {"studiegebied", "percelen", "panden", "verblijfsobjecten", "bedrijventerreinen",
                             "vestigingen", "incidenten", "vakantieparken", "wegen", "opritten"}) {
        const LayerSchema* s = findLayerSchema(name);
        if (!s) throw Error(std::string("sample: no canonical schema for ") + name);
        std::vector<gis::FieldDef> fields;
        for (const auto& f : s->fields) fields.push_back({f.name, toGis(f.type)});
        addLayer(name, kindOf(*s), fields);
    }
    using FT = gis::FieldType;
    addLayer("controles_historie", gis::GeometryKind::MultiPolygon,
             {{"controle_id", FT::Text}, {"datum", FT::Date}, {"gemeente", FT::Text}, {"naam", FT::Text}});
    addLayer("controle_adressen_historie", gis::GeometryKind::Point,
             {{"controle_id", FT::Text}, {"vbo_id", FT::Text}, {"reden", FT::Text}, {"postcode", FT::Text},
              {"huisnummer", FT::Integer}, {"huisletter", FT::Text}, {"toevoeging", FT::Text}});
    addLayer("bevindingen_historie", gis::GeometryKind::None,
             {{"controle_id", FT::Text}, {"vbo_id", FT::Text}, {"bezocht", FT::Boolean}, {"categorie", FT::Text},
              {"toelichting", FT::Text}, {"vervolg", FT::Text}});
}

void SampleGeoPackage::addLayer(const std::string& name, gis::GeometryKind kind, const std::vector<gis::FieldDef>& fields)
{
    LayerInfo info;
    info.handle = m_writer.addLayer(name, kind, fields);
    for (const auto& f : fields) info.fields.push_back(f.name);
    m_layers[name] = std::move(info);
    m_counts[name] = 0;
}

gis::VectorFeature SampleGeoPackage::row(const std::string& layer, Wkb geometry, const V& values) const
{
    const auto& info = m_layers.at(layer);
    gis::VectorFeature f;
    f.geometry = std::move(geometry);
    f.values.resize(info.fields.size());
    std::vector<bool> set(info.fields.size(), false);
    for (const auto& [name, value] : values) {
        std::size_t i = 0;
        while (i < info.fields.size() && info.fields[i] != name) ++i;
        if (i == info.fields.size()) throw Error("sample: layer " + layer + " has no field " + name);
        f.values[i] = value;
        set[i] = true;
    }
    for (std::size_t i = 0; i < set.size(); ++i)
        if (!set[i]) throw Error("sample: layer " + layer + " field " + info.fields[i] + " not filled");
    return f;
}

void SampleGeoPackage::write(const std::string& layer, std::vector<gis::VectorFeature>&& features)
{
    m_writer.write(m_layers.at(layer).handle, features);
    m_counts[layer] += static_cast<std::int64_t>(features.size());
    features.clear();
}

void SampleGeoPackage::writeTile(const TileWorld& w)
{
    std::vector<gis::VectorFeature> out;
    for (const auto& m : w.municipalities) out.push_back(row("studiegebied", m.geometry, {{"naam", text(m.name)}}));
    write("studiegebied", std::move(out));

    for (const auto& p : w.parcels)
        out.push_back(row("percelen", p.geometry,
                          {{"perceel_id", text(p.id)},
                           {"gemeente", text(w.municipalities[static_cast<std::size_t>(p.municipality)].name)},
                           {"oppervlakte", real(p.area)},
                           {"landgebruik", text(landUseName(p.use))}}));
    write("percelen", std::move(out));

    for (const auto& b : w.buildings)
        out.push_back(row("panden", b.geometry,
                          {{"pand_id", text(b.pandId)}, {"bouwjaar", integer(b.bouwjaar)}, {"status", text(b.status)},
                           {"gebruiksdoel", text(b.gebruiksdoel)}, {"oppervlakte", real(b.area)}}));
    write("panden", std::move(out));

    for (const auto& a : w.addresses)
        out.push_back(row("verblijfsobjecten", gis::pointWkb(a.point),
                          {{"vbo_id", text(a.vboId)},
                           {"pand_id", text(w.buildings[static_cast<std::size_t>(a.building)].pandId)},
                           {"postcode", text(a.postcode)}, {"huisnummer", integer(a.huisnummer)},
                           {"huisletter", text(a.huisletter)}, {"toevoeging", text(a.toevoeging)},
                           {"straat", text(a.straat)}, {"woonplaats", text(a.woonplaats)},
                           {"gebruiksdoel", text(a.gebruiksdoel)}}));
    write("verblijfsobjecten", std::move(out));

    for (const auto& s : w.businessParks)
        if (!s.geometry.empty())
            out.push_back(row("bedrijventerreinen", s.geometry,
                              {{"terrein_id", text(s.id)}, {"naam", text(s.name)}, {"gemeente", text(s.gemeente)}}));
    write("bedrijventerreinen", std::move(out));

    for (const auto& c : w.companies) {
        const Address& a = w.addresses[static_cast<std::size_t>(c.address)];
        out.push_back(row("vestigingen", gis::pointWkb(a.point),
                          {{"vestigingsnummer", text(c.vestigingsnummer)}, {"kvk_nummer", text(c.kvkNummer)},
                           {"handelsnaam", text(c.handelsnaam)}, {"sbi_code", text(c.sbi)},
                           {"datum_inschrijving", date(c.startDay)}, {"datum_uitschrijving", date(c.endDay)},
                           {"postcode", text(a.postcode)}, {"huisnummer", integer(a.huisnummer)},
                           {"huisletter", text(a.huisletter)}, {"toevoeging", text(a.toevoeging)}}));
    }
    write("vestigingen", std::move(out));

    for (const auto& i : w.incidents)
        out.push_back(row("incidenten", gis::pointWkb(i.point),
                          {{"incident_id", text(i.id)}, {"soort", text(i.soort)}, {"datum", date(i.day)},
                           {"bron", text(i.bron)}, {"rubricering", text(i.rubricering)},
                           {"opgevolgd", integer(i.opgevolgd ? 1 : 0)}, {"bewaren_tot", date(i.keepUntilDay)}}));
    write("incidenten", std::move(out));

    for (const auto& s : w.holidayParks)
        if (!s.geometry.empty())
            out.push_back(row("vakantieparken", s.geometry,
                              {{"park_id", text(s.id)}, {"naam", text(s.name)}, {"gemeente", text(s.gemeente)}}));
    write("vakantieparken", std::move(out));

    for (const auto& r : w.roads)
        out.push_back(row("wegen", gis::multiLineStringWkb({r.points}),
                          {{"weg_id", text(r.id)}, {"wegtype", text(r.type)}, {"naam", text(r.name)}}));
    write("wegen", std::move(out));

    for (const auto& e : w.exits)
        out.push_back(row("opritten", gis::pointWkb(e.point), {{"oprit_id", text(e.id)}, {"naam", text(e.name)}}));
    write("opritten", std::move(out));

    for (const auto& c : w.controls)
        out.push_back(row("controles_historie", c.area,
                          {{"controle_id", text(c.id)}, {"datum", date(c.day)}, {"gemeente", text(c.gemeente)},
                           {"naam", text(c.naam)}}));
    write("controles_historie", std::move(out));

    for (const auto& ca : w.controlAddresses) {
        const Address& a = w.addresses[static_cast<std::size_t>(ca.address)];
        out.push_back(row("controle_adressen_historie", gis::pointWkb(a.point),
                          {{"controle_id", text(ca.controlId)}, {"vbo_id", text(a.vboId)}, {"reden", text(ca.reden)},
                           {"postcode", text(a.postcode)}, {"huisnummer", integer(a.huisnummer)},
                           {"huisletter", text(a.huisletter)}, {"toevoeging", text(a.toevoeging)}}));
    }
    write("controle_adressen_historie", std::move(out));

    for (const auto& f : w.findings)
        out.push_back(row("bevindingen_historie", {},
                          {{"controle_id", text(f.controlId)},
                           {"vbo_id", text(w.addresses[static_cast<std::size_t>(f.address)].vboId)},
                           {"bezocht", integer(f.bezocht ? 1 : 0)}, {"categorie", text(f.categorie)},
                           {"toelichting", text(f.toelichting)}, {"vervolg", text(f.vervolg)}}));
    write("bevindingen_historie", std::move(out));
}

}  // namespace riskmap::layers::sample
