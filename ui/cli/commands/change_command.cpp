// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap change`.
#include "change_command.hpp"

#include "../cli_progress.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/change_run.hpp"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

namespace riskmap::cli {

void ChangeCommand::setup(CLI::App& sub)
{
    sub.add_option("WS", m_workspace, "Werkruimte")->required();
    sub.add_option("--from", m_from, "Eerste jaar (standaard: het voorlaatste luchtfotojaar)");
    sub.add_option("--to", m_to, "Tweede jaar (standaard: het laatste luchtfotojaar)");
    sub.add_option("--min-area", m_minArea, "Kleinste veranderingsvlak in m² (standaard 200)");
}

int ChangeCommand::run()
{
    auto workspace = gis::Workspace::open(m_workspace);
    auto feedback = makeCliFeedback();
    layers::ChangeRunOptions options;
    options.fromYear = m_from;
    options.toYear = m_to;
    options.minArea = m_minArea;
    printChangeSummary(std::cout, layers::runChangeDetection(workspace, options, feedback), m_minArea);
    return 0;
}

void printChangeSummary(std::ostream& out, const layers::ChangeRunReport& r, double minArea)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f s, %.1f MP/s", r.seconds, r.pixels / 1e6 / std::max(r.seconds, 1e-9));
    out << "Veranderingen " << r.fromYear << " → " << r.toYear << "\n"
        << "  veranderde pixels: " << r.changedPixels << " van " << r.pixels << "\n"
        << "  veranderingsvlakken ≥ " << minArea << " m²: " << r.changePolygons << "\n"
        << "  zonder BAG-pand (laag onbekende_bebouwing, beoordeling 'open'): " << r.unknownBuildings << "\n"
        << "  aandeel per perceel: laag percelen_verandering\n"
        << "  tijd: " << buf << '\n';
}

}  // namespace riskmap::cli
