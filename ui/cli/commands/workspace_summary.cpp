// SPDX-License-Identifier: GPL-3.0-or-later
// Workspace summary text.
#include "workspace_summary.hpp"

#include <cstdio>

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
        if (!p.sourcePath.empty())
            out << "      " << p.sourcePath << (p.sourceLayer.empty() ? "" : " [" + p.sourceLayer + "]")
                << " sha256 " << p.sha256.substr(0, 16) << "…\n      CRS " << p.sourceCrs << " via " << p.projOperation
                << (p.ballpark ? " (GROF: ballpark)" : "") << ", door " << p.user << '\n';
    }
}

}  // namespace riskmap::cli
