// SPDX-License-Identifier: GPL-3.0-or-later
// Vector import that loses nothing: every row imported, repaired or rejected
// with its reason; a refused or failed import leaves the workspace as it was.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/crs_transform.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/field_mapping.hpp"
#include "riskmap/layers/sector_settings.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

struct ImportRequest {
    std::vector<std::string> files;
    std::optional<std::string> layer;        ///< --layer: import into this canonical layer
    std::optional<std::string> sourceLayer;  ///< --source-layer: read this layer of the file
    std::optional<std::string> crs;          ///< --crs: the CRS of sources without one
    std::optional<int> year;                 ///< --year: the year of an aerial photo (luchtfoto)
    bool append = false;
    MappingSet mapping;
    SectorSettings sectors;                  ///< known SBI codes (SBI 2025 list, correspondence)
};

struct LayerImportReport {
    std::string file;
    std::string sourceLayer;
    std::string layer;
    gis::CrsChoice crs;
    std::int64_t read = 0;
    std::int64_t imported = 0;   ///< clean rows
    std::int64_t repaired = 0;   ///< imported after a repair
    std::int64_t rejected = 0;
    std::string rejectedFile;
    std::string repairedFile;
    std::vector<std::string> warnings;
    double seconds = 0.0;
    std::string readingNote;              ///< CSV/Excel: how it was read (encoding, separator)
    std::int64_t geocodeAttempted = 0;    ///< rows without geometry looked up on their address
    std::int64_t geocoded = 0;            ///< of those, found (exact or without toevoeging)
    std::int64_t sbiUnknown = 0;          ///< sbi_code valid but in no known list (imported, warned)
    std::optional<gis::RasterInfo> raster;  ///< set for a registered aerial photo
    std::optional<int> year;
};

/// Imports files into a workspace in one transaction. Throws InputError
/// (file refused) or UsageError; on any throw nothing is changed.
///
/// CSV/TXT/TSV and XLSX/XLSM/ODS go through TableSource (Dutch pre-pass); everything else
/// through GDAL. Rows of `vestigingen`/`incidenten` without geometry are geocoded on their
/// address against the workspace's `verblijfsobjecten` (InputError when that layer is missing).
/// With `layer == "luchtfoto"` the files are rasters, registered (not copied) with `year`
/// (UsageError when it is missing).
std::vector<LayerImportReport> importFiles(gis::Workspace& workspace, const ImportRequest& request,
                                           core::Feedback& feedback);

/// The folder beside a workspace where rejected rows are written.
std::string rejectedFolder(const std::string& workspacePath);

}  // namespace riskmap::layers
