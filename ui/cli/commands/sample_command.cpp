// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap sample`.
#include "sample_command.hpp"

#include "cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/layers/sample/sample_generator.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

namespace riskmap::cli {

namespace {

// The committed CBS boundaries: beside the working directory, else in the source tree,
// else where `cmake --install` / the .deb put them.
std::string defaultBoundaries()
{
    const std::string relative = "sample_data/heuvelrug/gemeenten_heuvelrug.gpkg";
    if (std::filesystem::exists(relative)) return relative;
#if defined(RISKMAP_INSTALLED_BOUNDARIES)
    if (!std::filesystem::exists(RISKMAP_SAMPLE_BOUNDARIES)) return RISKMAP_INSTALLED_BOUNDARIES;
#endif
#ifdef RISKMAP_SAMPLE_BOUNDARIES
    return RISKMAP_SAMPLE_BOUNDARIES;
#else
    return relative;
#endif
}

}  // namespace

void SampleCommand::setup(CLI::App& sub)
{
    sub.add_option("--out", m_out, "Uitvoermap / output folder")->required();
    sub.add_option("--scale", m_scale, "XS (testvenster 6x5 km), S (vijf gemeenten), M (10x), L (100x)")
        ->capture_default_str();
    sub.add_option("--seed", m_seed, "Startwaarde; dezelfde waarde geeft dezelfde bestanden")->capture_default_str();
    sub.add_option("--boundaries", m_boundaries,
                   "GeoPackage met laag gemeenten_2022 (CBS); standaard sample_data/heuvelrug/gemeenten_heuvelrug.gpkg");
    sub.add_option("--extent", m_extent, "Venster xmin,ymin,xmax,ymax (RD) in plaats van het venster van de schaal");
    sub.add_flag("--no-photos", m_noPhotos, "Geen luchtfoto's maken");
}

int SampleCommand::run()
{
    layers::sample::SampleOptions options;
    options.outDir = m_out;
    options.scale = layers::sample::parseSampleScale(m_scale);
    options.seed = m_seed;
    options.boundariesPath = m_boundaries.empty() ? defaultBoundaries() : m_boundaries;
    options.photos = !m_noPhotos;
    if (!m_extent.empty()) {
        const auto parts = core::split(m_extent, ',');
        if (parts.size() != 4) throw UsageError("--extent: verwacht xmin,ymin,xmax,ymax");
        std::array<double, 4> e{};
        for (std::size_t i = 0; i < 4; ++i) {
            const auto v = core::parseNumber(parts[i]);
            if (!v) throw UsageError("--extent: '" + parts[i] + "' is geen getal");
            e[i] = *v;
        }
        if (e[0] >= e[2] || e[1] >= e[3]) throw UsageError("--extent: xmin < xmax en ymin < ymax vereist");
        options.extent = e;
    }
    auto feedback = makeCliFeedback();
    const auto start = std::chrono::steady_clock::now();
    const auto report = layers::sample::generateSample(options, feedback);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "Voorbeeldproject gemaakt in " << m_out << " (" << report.tiles << " tegel(s), "
              << static_cast<long>(seconds + 0.5) << " s)\n";
    for (const auto& [layer, count] : report.counts) std::cout << "  " << layer << ": " << count << '\n';
    if (report.photoPixelSize > 0) std::cout << "  luchtfoto's: " << report.photoPixelSize << " m per pixel\n";
    return 0;
}

}  // namespace riskmap::cli
