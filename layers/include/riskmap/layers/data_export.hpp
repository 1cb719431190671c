// SPDX-License-Identifier: GPL-3.0-or-later
// `riskmap export`: a layer to a file through an export profile, with metadata, style and an audit entry.
#pragma once

#include "riskmap/core/delimited_text.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/layer_export.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/export_profile.hpp"
#include "riskmap/layers/profile_settings.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace riskmap::layers {

struct ExportRequest {
    std::string layer;
    std::string outPath;                 ///< the format follows from the extension
    Profile profile = Profile::Analist;
    std::optional<std::string> purpose;  ///< doelbinding; required for riec, else defaults to the profile name
    std::optional<std::string> control;  ///< partner: the control whose address list is exported
    core::CsvDialect csvDialect = core::CsvDialect::Rfc4180;
    ProfileSettings profiles;            ///< tightenings from the project file (empty: built-in profiles)
};

struct ExportResult {
    std::int64_t rows = 0;               ///< rows (cells for a GeoTIFF) written
    ExportPolicy policy;
    gis::ExportFormat format = gis::ExportFormat::GeoPackage;
    std::string metadataFile;            ///< the sidecar `<file>.metadata.json`; empty for GeoPackage and GeoTIFF
    gis::AuditEntry audit;               ///< the entry appended for this export
};

/// The only way layer rows leave the workspace: decides the policy of the profile (tightened by
/// the project file), writes exactly what it allows, and appends the audit entry; the file appears
/// under its name only when the entry is committed. Throws UsageError for a bad request (unknown
/// extension, missing purpose or control), Error when the profile refuses the layer, GdalError.
ExportResult exportLayer(gis::Workspace& workspace, const ExportRequest& request);

/// The grid GeoTIFF of a grid layer (e.g. gelegenheidskaart): `<workspace>.cache/<layer>.tif`, when it exists.
std::optional<std::string> gridGeoTiffFor(gis::Workspace& workspace, const std::string& layer);

}  // namespace riskmap::layers
