// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace summary text.
#include "workspace_summary.hpp"

#include "riskmap/gis/raster_registration.hpp"

#include <cstdio>
#include <string>

namespace riskmap::cli {

void printWorkspaceSummary(std::ostream& out, gis::Workspace& workspace, bool fullHistory)
{
    out << "Werkruimte " << workspace.path() << " (schemaversie " << workspace.schemaVersion() << ")\n";
    const auto layers = workspace.layers();
    if (layers.empty()) out << "  nog geen lagen\n";
    char line[512];
    for (const auto& l : layers) {
        std::snprintf(line, sizeof line, "  %-20s %-16s %8lld objecten  %-15s bewaartermijn %s\n", l.name.c_str(),
                      l.geometryType.c_str(), static_cast<long long>(l.featureCount), l.classification.c_str(),
                      l.retentionDays > 0 ? (std::to_string(l.retentionDays) + " dagen").c_str() : "tot vervanging");
        out << line;
    }
    if (workspace.db().tableExists("rk_rasters")) {
        const auto rasters = gis::loadRasters(workspace.db());
        if (!rasters.empty()) out << "Rasters (geregistreerd, niet gekopieerd):\n";
        for (const auto& r : rasters) {
            std::snprintf(line, sizeof line, "  %-12s %s  %-7s %5d×%-5d px  pixel %.3g  x %.0f…%.0f y %.0f…%.0f  overzichten: %s\n",
                          r.layer.c_str(), r.year ? std::to_string(*r.year).c_str() : "----", r.info.driver.c_str(),
                          r.info.width, r.info.height, r.info.pixelSizeX, r.info.extent.minX, r.info.extent.maxX,
                          r.info.extent.minY, r.info.extent.maxY,
                          r.info.hasOverviews ? "bron" : r.info.overviewPath.empty() ? "geen nodig" : "cache");
            out << line << "      " << r.info.path << "  " << r.info.crs << "  sha256 " << r.info.sha256.substr(0, 16) << "…\n";
        }
    }
    const auto history = workspace.provenance();
    if (history.empty()) return;
    out << "Herkomst" << (fullHistory ? " (volledig)" : " (laatste per laag)") << ":\n";
    for (const auto& p : history) {
        if (!fullHistory) {
            const auto current = workspace.layer(p.layer);
            if (!current || current->provenanceId != p.id) continue;
        }
        std::snprintf(line, sizeof line, "  #%lld %-18s %-7s %s  gelezen %lld = %lld + hersteld %lld + afgewezen %lld\n",
                      static_cast<long long>(p.id), p.layer.c_str(), p.action.c_str(), p.finishedAt.c_str(),
                      static_cast<long long>(p.rowsRead), static_cast<long long>(p.rowsImported),
                      static_cast<long long>(p.rowsRepaired), static_cast<long long>(p.rowsRejected));
        out << line;
        if (!p.sourcePath.empty()) {
            out << "      " << p.sourcePath << (p.sourceLayer.empty() ? "" : " [" + p.sourceLayer + "]");
            if (!p.sha256.empty()) out << " sha256 " << p.sha256.substr(0, 16) << "…";
            out << '\n';
        }
        // Derived layers (build, plan) have no source CRS of their own.
        if (!p.sourceCrs.empty())
            out << "      CRS " << p.sourceCrs << " via " << p.projOperation << (p.ballpark ? " (GROF: ballpark)" : "")
                << ", door " << p.user << '\n';
        if (auto rate = p.geocodeMatchRate()) {
            std::snprintf(line, sizeof line, "      geocodering: %lld van %lld adressen gevonden (%.1f %%)\n",
                          static_cast<long long>(p.rowsGeocoded), static_cast<long long>(p.rowsGeocodeAttempted), 100.0 * *rate);
            out << line;
        }
        if (!p.extent.empty()) out << "      extent (RD) " << p.extent << '\n';
    }
}

}  // namespace riskmap::cli
