// SPDX-License-Identifier: GPL-3.0-or-later
// Vector import that loses nothing: every row imported, repaired or rejected
// with its reason; a refused or failed import leaves the workspace as it was.
#pragma once

#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/crs_transform.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/field_mapping.hpp"

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
    bool append = false;
    MappingSet mapping;
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
};

/// Imports files into a workspace in one transaction. Throws InputError
/// (file refused) or UsageError; on any throw nothing is changed.
std::vector<LayerImportReport> importFiles(gis::Workspace& workspace, const ImportRequest& request,
                                           core::Feedback& feedback);

/// The folder beside a workspace where rejected rows are written.
std::string rejectedFolder(const std::string& workspacePath);

}  // namespace riskmap::layers
