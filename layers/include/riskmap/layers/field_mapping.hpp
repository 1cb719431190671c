// SPDX-License-Identifier: GPL-3.0-or-later
// Mappings from real downloads (BRK, BAG, IBIS, KvK...) to canonical layers and fields.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace riskmap::layers {

/// How one canonical field is filled from a source row.
struct FieldRule {
    std::vector<std::string> sources;    ///< one source field, or several to concatenate
    std::string separator = "-";          ///< between concatenated parts
    std::optional<std::string> constant;  ///< a fixed value instead of a source field
    bool geometryArea = false;            ///< the area of the (cleaned) geometry, m²
    int padDigits = 0;                    ///< left-pad numeric ids with zeros to this width
    std::string stripPrefix;              ///< removed from the start of the value (e.g. "NL.IMBAG.Pand.")
};

/// The mapping of one canonical layer.
struct LayerMapping {
    std::string canonical;
    std::vector<std::string> sourceLayers;  ///< source layer names that feed it
    std::map<std::string, FieldRule> fields;
};

/// All mappings of a project file or mapping file (tables `[mapping.<layer>]`).
class MappingSet {
public:
    /// Reads `[mapping.*]` tables from a TOML file; throws UsageError naming
    /// the file and key on a bad table, an unknown layer or an unknown field.
    static MappingSet fromFile(const std::string& path);
    /// Same, from TOML text (`origin` names it in errors).
    static MappingSet fromText(const std::string& text, const std::string& origin);

    void merge(const MappingSet& other);
    bool empty() const { return m_layers.empty(); }
    /// The canonical layer a source layer maps to, by mapping or by its own name.
    std::optional<std::string> canonicalFor(const std::string& sourceLayer) const;
    const LayerMapping* forCanonical(const std::string& canonical) const;
    /// A one-line description for provenance ("percelen←perceel; ...").
    std::string describe() const;

    /// Same, from a parsed TOML document (a project file's root table).
    static MappingSet fromTable(const toml::table& root, const std::string& origin);

private:
    std::map<std::string, LayerMapping> m_layers;
};

/// Finds the source field feeding canonical field `name`: exact, then
/// case-insensitive, then the Shapefile 10-character cut when unambiguous
/// among `canonicalNames`. Returns the index in `sourceFields` or nullopt.
std::optional<std::size_t> resolveSourceField(const std::string& name, const std::vector<std::string>& sourceFields,
                                              const std::vector<std::string>& canonicalNames);

}  // namespace riskmap::layers
