// SPDX-License-Identifier: GPL-3.0-or-later
// The control dossier PDF: the control with its overview map, then one page per address with its chips.
#pragma once

#include "riskmap/layers/control_dossier.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riskmap::render {

struct DossierOptions {
    std::string outDir;          ///< the PDFs (and a chips folder per control) go here
    int chipSize = 256;          ///< chip width and height in pixels
    std::string date;            ///< printed date; today when empty
};

/// One dossier written.
struct DossierFile {
    std::string controlId;
    std::string path;            ///< `<outDir>/controledossier_<id>.pdf`
    int pages = 0;
    int addresses = 0;
    std::int64_t auditSeq = 0;   ///< the audit entry recording it
};

/// Lays out one dossier: page 1 the control and an overview map of the target with the
/// addresses numbered in route order; then a page per address with its data and the chips
/// of every photo year side by side, most recent first (a year whose photo misses the
/// address says so in words). Returns the number of pages.
int writeDossierPdf(const std::string& workspacePath, const layers::ControlDossier& dossier, const std::string& outPath,
                    const std::string& date);

/// Writes the dossier of each control in `controlIds` (chips under `<outDir>/chips_<id>`)
/// and records one audit entry (profile analist, doel "controledossier") per dossier.
/// Throws UsageError for an unknown control, Error when the analist may not read a layer.
std::vector<DossierFile> writeControlDossiers(const std::string& workspacePath, const std::vector<std::string>& controlIds,
                                              const DossierOptions& options);

}  // namespace riskmap::render
