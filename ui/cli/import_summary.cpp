// SPDX-License-Identifier: GPL-3.0-or-later
// Import summary on stdout, warnings on stderr.
#include "import_summary.hpp"

#include <cstdio>
#include <iostream>

namespace riskmap::cli {

void printImportSummary(std::ostream& out, const std::vector<layers::LayerImportReport>& reports)
{
    for (const auto& r : reports) {
        char line[512];
        std::snprintf(line, sizeof line,
                      "%-18s gelezen %7lld  geïmporteerd %7lld  hersteld %5lld  afgewezen %5lld  (%s, %.1f s, %.0f rijen/s)\n",
                      r.layer.c_str(), static_cast<long long>(r.read), static_cast<long long>(r.imported),
                      static_cast<long long>(r.repaired), static_cast<long long>(r.rejected), r.sourceLayer.c_str(),
                      r.seconds, r.seconds > 0 ? static_cast<double>(r.read) / r.seconds : 0.0);
        out << line;
        out << "    bron: " << r.file << "\n    CRS: " << r.crs.sourceCrs << " → EPSG:28992 via " << r.crs.operationName;
        if (r.crs.accuracyM) {
            std::snprintf(line, sizeof line, " (nauwkeurigheid %.2f m)", *r.crs.accuracyM);
            out << line;
        }
        out << '\n';
        if (!r.rejectedFile.empty()) out << "    afgewezen rijen: " << r.rejectedFile << '\n';
        if (!r.repairedFile.empty()) out << "    herstelde rijen: " << r.repairedFile << '\n';
        for (const auto& w : r.warnings) std::cerr << "waarschuwing: " << r.layer << ": " << w << '\n';
    }
}

}  // namespace riskmap::cli
