// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): zonal statistics of every parcel of a workspace over one raster band.
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/sqlite_db.hpp"
#include "riskmap/gis/zonal_stats.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "gebruik: zonal_bench WERKRUIMTE RASTER [BAND [CSV]]\n");
        return 2;
    }
    using namespace riskmap;
    gis::SpatialiteDb db(argv[1], gis::SpatialiteDb::Mode::ReadOnly);
    auto t0 = std::chrono::steady_clock::now();
    const auto parcels = gis::FeatureSet::load(db, "percelen", {"perceel_id"});
    const auto zones = gis::zoneRingsOf(parcels);
    auto t1 = std::chrono::steady_clock::now();
    gis::ZonalOptions o;
    if (argc > 3) o.band = std::atoi(argv[3]);
    const auto stats = gis::zonalStatistics(argv[2], zones, o);
    auto t2 = std::chrono::steady_clock::now();
    std::uint64_t pixels = 0, covered = 0;
    for (const auto& s : stats) {
        pixels += s.count;
        covered += s.count > 0;
    }
    const double secs = std::chrono::duration<double>(t2 - t1).count();
    std::printf("percelen %zu (met pixels %llu), pixels in percelen %llu\nladen %.2f s, zonale statistiek %.2f s, %.1f MP/s\n",
                parcels.size(), static_cast<unsigned long long>(covered), static_cast<unsigned long long>(pixels),
                std::chrono::duration<double>(t1 - t0).count(), secs, pixels / 1e6 / secs);
    if (argc > 4) {  // perceel_id;count;mean;std per parcel, for bench/zonal_vs_qgis.sh
        std::ofstream csv(argv[4]);
        csv.precision(17);
        csv << "perceel_id;count;mean;std\n";
        for (std::size_t i = 0; i < stats.size(); ++i) {
            csv << gis::fieldText(parcels.value(i, 0)) << ';' << stats[i].count << ';';
            if (auto m = stats[i].mean()) csv << *m;
            csv << ';';
            if (auto sd = stats[i].stddev()) csv << *sd;
            csv << '\n';
        }
    }
    return 0;
}
