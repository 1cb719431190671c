// SPDX-License-Identifier: GPL-3.0-or-later
// Builds the tiny desktop test workspace with Workspace + LayerWriter and hand-made WKB.
#include "tiny_workspace.hpp"

#include "../render/wkb_bytes.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/workspace.hpp"

namespace riskmap::test {

void buildDesktopWorkspace(const std::string& path)
{
    auto ws = gis::Workspace::create(path);
    {
        gis::Transaction tx(ws.db());
        ws.createLayerTable("panden", {{"pand_id", "TEXT"}, {"bouwjaar", "INTEGER"}}, "MULTIPOLYGON");
        gis::LayerWriter p(ws.db(), "panden", {"pand_id", "bouwjaar"}, true);
        WkbBytes b;
        b.header(6).u32(1).boxPolygon(kX0, kY0, kX0 + 100, kY0 + 100);
        p.insert({std::string("0000100000000001"), std::int64_t{1975}}, b.bytes());

        ws.createLayerTable("vestigingen",
                            {{"vestigingsnummer", "TEXT"}, {"handelsnaam", "TEXT"}, {"sbi_code", "TEXT"},
                             {"postcode", "TEXT"}, {"huisnummer", "INTEGER"}},
                            "POINT");
        gis::LayerWriter v(ws.db(), "vestigingen", {"vestigingsnummer", "handelsnaam", "sbi_code", "postcode", "huisnummer"}, true);
        WkbBytes a, c;
        a.header(1).xy(kX0 + 50, kY0 + 50);
        c.header(1).xy(kX0 + 20, kY0 + 20);
        v.insert({std::string("000012345678"), std::string("O'Brien Autohandel"), std::string("4511"), std::string("3941AB"),
                  std::int64_t{12}},
                 a.bytes());
        v.insert({std::string("000087654321"), std::string("x'; DROP TABLE vestigingen; --"), std::string("6201"),
                  std::string("3941AC"), std::int64_t{3}},
                 c.bytes());

        ws.createLayerTable("verblijfsobjecten",
                            {{"vbo_id", "TEXT"}, {"postcode", "TEXT"}, {"huisnummer", "INTEGER"}, {"huisletter", "TEXT"},
                             {"straat", "TEXT"}, {"woonplaats", "TEXT"}},
                            "POINT");
        gis::LayerWriter o(ws.db(), "verblijfsobjecten", {"vbo_id", "postcode", "huisnummer", "huisletter", "straat", "woonplaats"}, true);
        WkbBytes d;
        d.header(1).xy(kX0 + 60, kY0 + 40);
        o.insert({std::string("0001010000000001"), std::string("3941 AB"), std::int64_t{12}, std::monostate{}, std::string("Dorpsstraat"),
                  std::string("Doorn")},
                 d.bytes());
        tx.commit();
    }
    for (const char* l : {"panden", "vestigingen", "verblijfsobjecten"}) ws.ensureSpatialIndex(l);
}

}  // namespace riskmap::test
