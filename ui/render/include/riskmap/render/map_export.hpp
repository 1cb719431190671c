// SPDX-License-Identifier: GPL-3.0-or-later
// A layer as a map (PDF or PNG, page or atlas) through its export profile, audit-logged: `riskmap export … --out x.pdf`.
#pragma once

#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/data_export.hpp"
#include "riskmap/render/map_pdf.hpp"

#include <string>

namespace riskmap::render {

/// How the map is printed; the layer, file, profile and purpose come from the ExportRequest.
struct MapExportOptions {
    Paper paper = Paper::A4;
    Orientation orientation = Orientation::Landscape;
    bool atlas = false;  ///< one page per feature of the layer
};

struct MapExportResult {
    MapDocumentReport report;
    layers::ExportPolicy policy;
    gis::AuditEntry audit;
};

/// Decides the profile's policy for the layer (an audience that may not have its rows may not
/// have them on a map either), writes `request.outPath` (.pdf or .png) with studiegebied, wegen
/// and the layer, and appends the audit entry. `workspacePath` is the file of `workspace`.
/// Throws UsageError (missing purpose for riec, bad extension), Error when the profile refuses.
MapExportResult exportMap(gis::Workspace& workspace, const std::string& workspacePath, const layers::ExportRequest& request,
                          const MapExportOptions& options);

}  // namespace riskmap::render
