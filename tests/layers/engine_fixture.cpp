// SPDX-License-Identifier: GPL-3.0-or-later
// The engine test workspace.
#include "engine_fixture.hpp"

#include "riskmap/gis/layer_writer.hpp"

#include <geos_c.h>

#include <cstdio>
#include <random>
#include <stdexcept>

namespace riskmap::test {
namespace {

using V = gis::FieldValue;

std::string box(double x1, double y1, double x2, double y2)
{
    char ring[256];
    std::snprintf(ring, sizeof ring, "%.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f, %.3f %.3f", X0 + x1, Y0 + y1, X0 + x2,
                  Y0 + y1, X0 + x2, Y0 + y2, X0 + x1, Y0 + y2, X0 + x1, Y0 + y1);
    return std::string("MULTIPOLYGON (((") + ring + ")))";
}

std::string pt(double x, double y)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, "POINT (%.3f %.3f)", X0 + x, Y0 + y);
    return buf;
}

struct Layer {
    std::string name, geomType;
    std::vector<gis::ColumnDef> columns;
    std::vector<std::pair<std::vector<V>, std::string>> rows;
};

void write(gis::Workspace& ws, const Layer& l)
{
    ws.createLayerTable(l.name, l.columns, l.geomType);
    std::vector<std::string> names;
    for (const auto& c : l.columns) names.push_back(c.name);
    gis::LayerWriter w(ws.db(), l.name, names, true);
    for (const auto& [values, wkt] : l.rows) w.insert(values, wkbFromWkt(wkt));
    ws.ensureSpatialIndex(l.name);
}

}  // namespace

std::vector<unsigned char> wkbFromWkt(const std::string& wkt)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKTReader* r = GEOSWKTReader_create_r(h);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, r, wkt.c_str());
    GEOSWKTReader_destroy_r(h, r);
    if (!g) {
        GEOS_finish_r(h);
        throw std::runtime_error("bad WKT " + wkt);
    }
    GEOSWKBWriter* w = GEOSWKBWriter_create_r(h);
    GEOSWKBWriter_setOutputDimension_r(h, w, 2);
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(h, w, g, &size);
    std::vector<unsigned char> out(bytes, bytes + size);
    GEOSFree_r(h, bytes);
    GEOSWKBWriter_destroy_r(h, w);
    GEOSGeom_destroy_r(h, g);
    GEOS_finish_r(h);
    return out;
}

// Layout (metres from X0, Y0), reference date 2024-06-01 = the latest incident:
//  A = [0,100]², B = [1000,1100]×[0,100], C = [5000,5100]²; see the expected values in engine_test.cpp.
void buildEngineWorkspace(const std::string& path, bool randomExtra)
{
    auto ws = gis::Workspace::create(path);
    gis::Transaction tx(ws.db());
    Layer percelen{"percelen", "MULTIPOLYGON", {{"perceel_id", "TEXT"}, {"gemeente", "TEXT"}, {"oppervlakte", "REAL"}, {"landgebruik", "TEXT"}}, {}};
    percelen.rows.push_back({{V{"A"}, V{"Utrechtse Heuvelrug"}, V{10000.0}, V{"agrarisch"}}, box(0, 0, 100, 100)});
    percelen.rows.push_back({{V{"B"}, V{"Utrechtse Heuvelrug"}, V{10000.0}, V{"agrarisch"}}, box(1000, 0, 1100, 100)});
    percelen.rows.push_back({{V{"C"}, V{"Rhenen"}, V{10000.0}, V{"recreatie"}}, box(5000, 5000, 5100, 5100)});

    Layer vest{"vestigingen", "POINT", {{"vestigingsnummer", "TEXT"}, {"sbi_code", "TEXT"}, {"datum_inschrijving", "DATE"},
                                        {"datum_uitschrijving", "DATE"}, {"postcode", "TEXT"}, {"huisnummer", "INTEGER"},
                                        {"huisletter", "TEXT"}, {"toevoeging", "TEXT"}}, {}};
    auto addV = [&](const char* id, const char* sbi, V start, V end, V pc, V nr, double x, double y) {
        vest.rows.push_back({{V{id}, V{sbi}, start, end, pc, nr, V{}, V{}}, pt(x, y)});
    };
    addV("v1", "45.11", V{"2020-01-01"}, V{}, V{}, V{}, 150, 50);                       // 50 m from A, risky
    addV("v2", "4520", V{"2019-05-01"}, V{}, V{"3941AB"}, V{std::int64_t{1}}, 50, 50);   // in A, risky
    addV("v3", "4511", V{"2020-01-01"}, V{}, V{}, V{}, 400, 50);                        // 300 m from A
    addV("v4", "4520", V{"2018-01-01"}, V{"2022-01-01"}, V{}, V{}, 60, 60);             // in A, ended
    addV("v5", "6201", V{"2021-01-01"}, V{}, V{"3941 ab"}, V{std::int64_t{1}}, 55, 55);  // in A, same address as v2
    addV("v6", "01.13", V{"2010-01-01"}, V{}, V{"3941AB"}, V{std::int64_t{1}}, 56, 56);  // in A, agricultural
    addV("v7", "0111", V{"2000-01-01"}, V{"2023-01-01"}, V{"3941AC"}, V{std::int64_t{2}}, 1050, 50);  // farm ended
    addV("v8", "4511", V{"2025-01-01"}, V{}, V{}, V{}, 70, 70);                         // registered after the reference

    Layer opritten{"opritten", "POINT", {{"oprit_id", "TEXT"}, {"naam", "TEXT"}}, {}};
    opritten.rows.push_back({{V{"o1"}, V{"Maarn"}}, pt(100, 400)});

    Layer bt{"bedrijventerreinen", "MULTIPOLYGON", {{"terrein_id", "TEXT"}, {"naam", "TEXT"}, {"gemeente", "TEXT"}}, {}};
    bt.rows.push_back({{V{"bt1"}, V{"De Brink"}, V{}}, box(50, 0, 150, 100)});
    bt.rows.push_back({{V{"bt2"}, V{"De Brink-Oost"}, V{}}, box(75, 0, 200, 50)});  // overlaps bt1

    Layer panden{"panden", "MULTIPOLYGON", {{"pand_id", "TEXT"}, {"bouwjaar", "INTEGER"}, {"status", "TEXT"},
                                            {"gebruiksdoel", "TEXT"}, {"oppervlakte", "REAL"}}, {}};
    auto addP = [&](const char* id, const char* status, const char* doel, V opp, double x1, double y1, double x2, double y2) {
        panden.rows.push_back({{V{id}, V{std::int64_t{1970}}, V{status}, V{doel}, opp}, box(x1, y1, x2, y2)});
    };
    addP("p1", "Pand buiten gebruik", "industriefunctie", V{400.0}, 10, 10, 30, 30);
    addP("p2", "Pand in gebruik", "overige gebruiksfunctie", V{100.0}, 40, 10, 50, 20);
    addP("p3", "Pand in gebruik", "woonfunctie", V{100.0}, 60, 60, 70, 70);
    addP("p4", "Pand in gebruik", "woonfunctie,kantoorfunctie", V{200.0}, 300, 40, 310, 60);
    addP("p6", "Pand in gebruik", "industriefunctie", V{}, 1010, 10, 1040, 30);  // 600 m² footprint, farm ended

    Layer inc{"incidenten", "POINT", {{"incident_id", "TEXT"}, {"soort", "TEXT"}, {"datum", "DATE"}}, {}};
    inc.rows.push_back({{V{"i1"}, V{"drugsafval"}, V{"2024-01-01"}}, pt(50, 550)});  // 450 m from A
    inc.rows.push_back({{V{"i2"}, V{"hennepteelt"}, V{"2020-01-01"}}, pt(50, 560)});  // too old
    inc.rows.push_back({{V{"i3"}, V{"drugslab"}, V{"2024-06-01"}}, pt(50, 700)});  // 600 m from A

    Layer vbo{"verblijfsobjecten", "POINT", {{"vbo_id", "TEXT"}, {"pand_id", "TEXT"}, {"postcode", "TEXT"},
                                             {"huisnummer", "INTEGER"}, {"huisletter", "TEXT"}, {"toevoeging", "TEXT"}}, {}};
    vbo.rows.push_back({{V{"a1"}, V{"p3"}, V{"3941AB"}, V{std::int64_t{1}}, V{}, V{}}, pt(65, 65)});
    vbo.rows.push_back({{V{"a2"}, V{"p6"}, V{"3941AC"}, V{std::int64_t{2}}, V{}, V{}}, pt(1020, 20)});
    vbo.rows.push_back({{V{"a3"}, V{}, V{"3941AD"}, V{std::int64_t{3}}, V{}, V{}}, pt(600, 50)});  // 500 m from A, 400 from B

    Layer parks{"vakantieparken", "MULTIPOLYGON", {{"park_id", "TEXT"}, {"naam", "TEXT"}, {"gemeente", "TEXT"}}, {}};
    parks.rows.push_back({{V{"vp1"}, V{"Bospark"}, V{"Rhenen"}}, box(4900, 4900, 5200, 5200)});

    if (randomExtra) {
        std::mt19937 rng(20240601);
        std::uniform_real_distribution<double> u(-2000, 8000), s(5, 60), jitter(0, 30);
        const char* statuses[] = {"Pand in gebruik", "Pand buiten gebruik", "Sloopvergunning verleend"};
        const char* doelen[] = {"woonfunctie", "industriefunctie", "overige gebruiksfunctie", "woonfunctie,winkelfunctie"};
        const char* sbis[] = {"4511", "4520", "0111", "6201", "5610", "01.13"};
        for (int i = 0; i < 40; ++i) {
            const double x = 200.0 * (i % 8) + 2000 + jitter(rng), y = 300.0 * (i / 8) - 1500 + jitter(rng);
            percelen.rows.push_back({{V{"R" + std::to_string(i)}, V{"Rhenen"}, V{}, V{}},
                                     box(x, y, x + 150 + jitter(rng), y + 250 + jitter(rng))});
        }
        for (int i = 0; i < 300; ++i) {
            const double x = u(rng), y = u(rng) * 0.5, w = s(rng), hgt = s(rng);
            panden.rows.push_back({{V{"rp" + std::to_string(i)}, V{std::int64_t{1990}}, V{statuses[i % 3]}, V{doelen[i % 4]},
                                    i % 5 ? V{w * hgt} : V{}}, box(x, y, x + w, y + hgt)});
            vest.rows.push_back({{V{"rv" + std::to_string(i)}, V{sbis[i % 6]}, V{"2015-01-01"},
                                  i % 4 ? V{} : V{"2022-0" + std::to_string(1 + i % 9) + "-15"},
                                  V{"39" + std::to_string(10 + i % 30) + "XY"}, V{std::int64_t{i % 7}}, V{}, V{}},
                                 pt(u(rng), u(rng) * 0.5)});
            inc.rows.push_back({{V{"ri" + std::to_string(i)}, V{"signaal"}, V{"20" + std::to_string(18 + i % 6) + "-03-01"}},
                                pt(u(rng), u(rng) * 0.5)});
            vbo.rows.push_back({{V{"ra" + std::to_string(i)}, V{"rp" + std::to_string(i)}, V{"39" + std::to_string(10 + i % 30) + "XY"},
                                 V{std::int64_t{i % 7}}, V{}, V{}}, pt(u(rng), u(rng) * 0.5)});
        }
        for (int i = 0; i < 10; ++i) {
            const double x = u(rng), y = u(rng) * 0.5;
            opritten.rows.push_back({{V{"ro" + std::to_string(i)}, V{}}, pt(x, y)});
            bt.rows.push_back({{V{"rb" + std::to_string(i)}, V{}, V{}}, box(x, y, x + 300, y + 200)});
            parks.rows.push_back({{V{"rk" + std::to_string(i)}, V{}, V{}}, box(y, x * 0.5, y + 250, x * 0.5 + 250)});
        }
    }
    for (const Layer* l : {&percelen, &vest, &opritten, &bt, &panden, &inc, &vbo, &parks}) write(ws, *l);
    tx.commit();
}

}  // namespace riskmap::test
