// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap cache`.
#include "cache_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/tile_cache.hpp"
#include "riskmap/gis/workspace.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdint>
#include <iostream>
#include <optional>

namespace riskmap::cli {
namespace {

int parseLevel(const std::string& text)
{
    const auto v = core::parseInteger(core::trim(text));
    if (!v || *v < 0 || *v > gis::RdTileGrid::kMaxLevel)
        throw UsageError("--levels: '" + text + "' is geen tegelniveau (0–" + std::to_string(gis::RdTileGrid::kMaxLevel) + ")");
    return static_cast<int>(*v);
}

/// `12`, `10-12` or `9,11,12`.
std::vector<int> parseLevels(const std::string& text)
{
    std::vector<int> out;
    for (const auto& part : core::split(text, ',')) {
        const auto dash = part.find('-');
        if (dash == std::string::npos) { out.push_back(parseLevel(part)); continue; }
        const int from = parseLevel(part.substr(0, dash)), to = parseLevel(part.substr(dash + 1));
        if (from > to) throw UsageError("--levels: '" + part + "' loopt achteruit");
        for (int l = from; l <= to; ++l) out.push_back(l);
    }
    return out;
}

}  // namespace

void CacheCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("--year", m_year, "Luchtfotojaar")->required();
    sub.add_option("--extent", m_extent, "Venster xmin,ymin,xmax,ymax (RD; standaard de hele foto)");
    sub.add_option("--levels", m_levels,
                   "Tegelniveaus van het RD-tegelschema, bijv. 10-12 of 9,12 (standaard: de vier fijnste tot de "
                   "resolutie van de foto)");
    sub.add_option("--max-mb", m_maxMb,
                   "Houd de cache van dit jaar onder N MB: de langst niet gebruikte tegels gaan eruit, nu en na elke "
                   "lezing (0 = geen grens). Alleen met --extent of --levels wordt ook gevuld")
        ->check(CLI::NonNegativeNumber);
}

int CacheCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace);
    if (m_maxMb >= 0) {
        (void)gis::TileCache(workspace.db(), workspace.path()).photo(m_year);  // an unknown year: UsageError
        const std::optional<std::uint64_t> limit =
            m_maxMb > 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(m_maxMb * 1024 * 1024)) : std::nullopt;
        gis::TileCache::setSizeLimit(workspace.db(), m_year, limit);
        gis::TileCache cache(workspace.db(), workspace.path());
        std::cout << "Tegelcache luchtfoto " << m_year << ": " << gis::TileCache::cachePath(workspace.path(), m_year) << '\n';
        if (limit) {
            const auto t = cache.trim(m_year, *limit);
            std::cout << "  grens " << m_maxMb << " MB; tegels verwijderd: " << t.tilesRemoved << " ("
                      << t.bytesBefore / 1024 / 1024 << " → " << t.bytesAfter / 1024 / 1024 << " MB)\n";
        } else {
            std::cout << "  geen grens meer\n";
        }
        if (m_extent.empty() && m_levels.empty()) return 0;
    }
    gis::TileCache cache(workspace.db(), workspace.path());
    const auto& photo = cache.photo(m_year);
    gis::Box box{photo.info.extent.minX, photo.info.extent.minY, photo.info.extent.maxX, photo.info.extent.maxY};
    if (!m_extent.empty()) {
        const auto parts = core::split(m_extent, ',');
        std::vector<double> v;
        for (const auto& p : parts)
            if (auto n = core::parseNumber(core::trim(p))) v.push_back(*n);
        if (parts.size() != 4 || v.size() != 4 || v[0] >= v[2] || v[1] >= v[3])
            throw UsageError("--extent: verwacht xmin,ymin,xmax,ymax");
        box = {v[0], v[1], v[2], v[3]};
    }
    std::vector<int> levels;
    if (m_levels.empty()) {
        const int native = cache.nativeLevel(m_year);
        for (int l = std::max(0, native - 3); l <= native; ++l) levels.push_back(l);
    } else {
        levels = parseLevels(m_levels);
        std::sort(levels.begin(), levels.end());
    }
    auto feedback = makeCliFeedback();
    const auto stats = cache.prefill(m_year, box, levels, &feedback);
    std::cout << "Tegelcache luchtfoto " << m_year << ": " << gis::TileCache::cachePath(workspace.path(), m_year) << "\n"
              << "  niveaus: " << levels.front() << "–" << levels.back() << " (fijnste "
              << gis::RdTileGrid::resolution(levels.back()) << " m per pixel)\n"
              << "  tegels nieuw uit de foto: " << stats.fromSource << ", al in de cache: " << stats.fromCache << '\n';
    return 0;
}

}  // namespace riskmap::cli
