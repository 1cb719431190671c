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
        if (r.raster) {
            const auto& info = *r.raster;
            std::snprintf(line, sizeof line,
                          "%-18s geregistreerd (niet gekopieerd): jaar %d, %s, %d×%d px, %d banden, pixel %.3g × %.3g\n",
                          r.layer.c_str(), r.year.value_or(0), info.driver.c_str(), info.width, info.height, info.bands,
                          info.pixelSizeX, info.pixelSizeY);
            out << line;
            std::snprintf(line, sizeof line, "    RD-extent x %.1f…%.1f, y %.1f…%.1f\n", info.extent.minX, info.extent.maxX,
                          info.extent.minY, info.extent.maxY);
            out << "    bron: " << info.path << "\n    CRS: " << info.crs << "  sha256 " << info.sha256.substr(0, 16) << "…\n"
                << line << "    overzichten: "
                << (info.hasOverviews ? "in de bron" : info.overviewPath.empty() ? "niet nodig" : "cache " + info.overviewPath)
                << '\n';
            continue;
        }
        std::snprintf(line, sizeof line,
                      "%-18s gelezen %7lld  geïmporteerd %7lld  hersteld %5lld  afgewezen %5lld  (%s, %.1f s, %.0f rijen/s)\n",
                      r.layer.c_str(), static_cast<long long>(r.read), static_cast<long long>(r.imported),
                      static_cast<long long>(r.repaired), static_cast<long long>(r.rejected), r.sourceLayer.c_str(),
                      r.seconds, r.seconds > 0 ? static_cast<double>(r.read) / r.seconds : 0.0);
        out << line;
        out << "    bron: " << r.file << '\n';
        if (r.crs.identity)
            out << "    CRS: " << r.crs.sourceCrs << (r.crs.sourceCrs.rfind("EPSG:28992", 0) == 0 ? " (niet getransformeerd)" : "");
        else out << "    CRS: " << r.crs.sourceCrs << " → EPSG:28992 via " << r.crs.operationName;
        if (r.crs.accuracyM && !r.crs.identity) {
            std::snprintf(line, sizeof line, " (nauwkeurigheid %.2f m)", *r.crs.accuracyM);
            out << line;
        }
        out << '\n';
        if (!r.readingNote.empty()) out << "    gelezen als: " << r.readingNote << '\n';
        if (r.geocodeAttempted > 0) {
            std::snprintf(line, sizeof line, "    geocodering: %lld van %lld adressen gevonden (%.1f %%)\n",
                          static_cast<long long>(r.geocoded), static_cast<long long>(r.geocodeAttempted),
                          100.0 * static_cast<double>(r.geocoded) / static_cast<double>(r.geocodeAttempted));
            out << line;
        }
        if (r.sbiUnknown > 0) out << "    SBI-codes niet in de bekende lijsten: " << r.sbiUnknown << " (wel geïmporteerd)\n";
        if (!r.rejectedFile.empty()) out << "    afgewezen rijen: " << r.rejectedFile << '\n';
        if (!r.repairedFile.empty()) out << "    herstelde rijen: " << r.repairedFile << '\n';
        for (const auto& w : r.warnings) std::cerr << "waarschuwing: " << r.layer << ": " << w << '\n';
    }
}

}  // namespace riskmap::cli
