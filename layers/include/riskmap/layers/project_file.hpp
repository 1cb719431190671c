// SPDX-License-Identifier: GPL-3.0-or-later
// The project file (TOML): sources to import, mappings, and later the model settings.
#pragma once

#include "riskmap/layers/field_mapping.hpp"

#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

/// One `[[sources]]` entry; paths already resolved against the project folder.
struct SourceEntry {
    std::string file;
    std::optional<std::string> layer;
    std::optional<std::string> sourceLayer;
    std::optional<std::string> crs;
    std::optional<int> year;
    std::optional<std::string> mappingFile;  ///< `mapping = "x.toml"`: overrides the project's mapping for this source
};

struct ProjectFile {
    std::string path;       ///< absolute path of the file
    std::string folder;     ///< its folder; relative paths resolve against it
    std::string name = "Risicokaart-project";
    std::vector<SourceEntry> sources;
    MappingSet mapping;     ///< `[mapping.*]` tables plus files named in `mappings = [...]`
    toml::table root;       ///< the whole document, for the modules that read their own tables

    /// Reads and checks a project file; throws UsageError naming file, line and key.
    static ProjectFile load(const std::string& path);
    /// Resolves a path relative to the project folder.
    std::string resolve(const std::string& relative) const;
};

}  // namespace riskmap::layers
