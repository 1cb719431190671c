// SPDX-License-Identifier: GPL-3.0-or-later
// Per-row geometry cleaning cost of the importer (validity check, repair, WKB out).
#include "riskmap/gis/geometry_cleaner.hpp"

#include <benchmark/benchmark.h>
#include <geos_c.h>

#include <string>
#include <vector>

namespace {

std::vector<unsigned char> wkbOf(const std::string& wkt)
{
    GEOSContextHandle_t h = GEOS_init_r();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    GEOSWKBWriter* writer = GEOSWKBWriter_create_r(h);
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(h, writer, g, &size);
    std::vector<unsigned char> out(bytes, bytes + size);
    GEOSFree_r(h, bytes);
    GEOSWKBWriter_destroy_r(h, writer);
    GEOSGeom_destroy_r(h, g);
    GEOSWKTReader_destroy_r(h, reader);
    GEOS_finish_r(h);
    return out;
}

void validParcel(benchmark::State& state)
{
    riskmap::gis::GeometryCleaner cleaner(riskmap::gis::GeomFamily::Polygon, true, nullptr);
    const auto wkb = wkbOf("POLYGON((150000 450000,150100 450000,150120 450080,150050 450130,150000 450100,150000 450000))");
    for (auto _ : state) benchmark::DoNotOptimize(cleaner.clean(wkb));
}
BENCHMARK(validParcel);

void bowTieRepair(benchmark::State& state)
{
    riskmap::gis::GeometryCleaner cleaner(riskmap::gis::GeomFamily::Polygon, true, nullptr);
    const auto wkb = wkbOf("POLYGON((150000 450000,150010 450010,150010 450000,150000 450010,150000 450000))");
    for (auto _ : state) benchmark::DoNotOptimize(cleaner.clean(wkb));
}
BENCHMARK(bowTieRepair);

}  // namespace
