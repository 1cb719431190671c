// SPDX-License-Identifier: GPL-3.0-or-later
// Mapping tables read from TOML.
#include "riskmap/layers/field_mapping.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/layers/layer_schema.hpp"

#include <toml++/toml.h>

#include <sstream>

namespace riskmap::layers {
namespace {

FieldRule parseRule(const toml::node& node, const std::string& where)
{
    FieldRule rule;
    if (auto s = node.value<std::string>()) {
        rule.sources.push_back(*s);
        return rule;
    }
    const toml::table* t = node.as_table();
    if (!t) throw UsageError(where + ": verwacht een veldnaam of een tabel {concat=[...]} / {value=...} / {geometry=\"area\"}");
    if (const auto* concat = t->get_as<toml::array>("concat")) {
        for (const auto& part : *concat) {
            auto s = part.value<std::string>();
            if (!s) throw UsageError(where + ".concat: alleen veldnamen (tekst) toegestaan");
            rule.sources.push_back(*s);
        }
        if (rule.sources.empty()) throw UsageError(where + ".concat: lege lijst");
        if (auto sep = (*t)["separator"].value<std::string>()) rule.separator = *sep;
    } else if (auto value = (*t)["value"].value<std::string>()) {
        rule.constant = *value;
    } else if (auto geometry = (*t)["geometry"].value<std::string>()) {
        if (*geometry != "area") throw UsageError(where + ".geometry: alleen \"area\" wordt ondersteund");
        rule.geometryArea = true;
    } else if (auto field = (*t)["field"].value<std::string>()) {
        rule.sources.push_back(*field);
    } else {
        throw UsageError(where + ": onbekende regel (gebruik concat, value, field of geometry)");
    }
    if (auto prefix = (*t)["strip_prefix"].value<std::string>()) rule.stripPrefix = *prefix;
    if (const toml::node* pad = t->get("pad")) {
        auto width = pad->value<int64_t>();
        if (!width || *width < 1 || *width > 32) throw UsageError(where + ".pad: verwacht een breedte 1..32");
        rule.padDigits = static_cast<int>(*width);
    }
    return rule;
}

}  // namespace

MappingSet MappingSet::fromFile(const std::string& path)
{
    try {
        return fromTable(toml::parse_file(path), path);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << path << " regel " << e.source().begin.line << ": " << e.description();
        throw UsageError("mapping " + where.str());
    }
}

MappingSet MappingSet::fromText(const std::string& text, const std::string& origin)
{
    try {
        return fromTable(toml::parse(text, origin), origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << origin << " regel " << e.source().begin.line << ": " << e.description();
        throw UsageError("mapping " + where.str());
    }
}

MappingSet MappingSet::fromTable(const toml::table& root, const std::string& origin)
{
    MappingSet set;
    const toml::table* mapping = root["mapping"].as_table();
    if (!mapping) return set;
    for (const auto& [key, node] : *mapping) {
        const std::string layerName(key.str());
        const std::string where = origin + ": [mapping." + layerName + "]";
        const LayerSchema* schema = findLayerSchema(layerName);
        if (!schema) throw UsageError(where + ": onbekende laag '" + layerName + "'");
        const toml::table* t = node.as_table();
        if (!t) throw UsageError(where + ": verwacht een tabel");
        LayerMapping lm;
        lm.canonical = layerName;
        for (const auto& [fkey, fnode] : *t) {
            const std::string name(fkey.str());
            if (name == "source_layer") {
                if (auto s = fnode.value<std::string>()) lm.sourceLayers.push_back(*s);
                else if (const auto* arr = fnode.as_array())
                    for (const auto& a : *arr)
                        if (auto s2 = a.value<std::string>()) lm.sourceLayers.push_back(*s2);
                continue;
            }
            if (!schema->field(name))
                throw UsageError(where + ": laag '" + layerName + "' heeft geen veld '" + name + "'");
            lm.fields[name] = parseRule(fnode, where + "." + name);
        }
        set.m_layers[layerName] = std::move(lm);
    }
    return set;
}

void MappingSet::merge(const MappingSet& other)
{
    for (const auto& [name, lm] : other.m_layers) m_layers[name] = lm;
}

std::optional<std::string> MappingSet::canonicalFor(const std::string& sourceLayer) const
{
    for (const auto& [name, lm] : m_layers)
        for (const auto& s : lm.sourceLayers)
            if (s == sourceLayer) return name;
    if (findLayerSchema(sourceLayer)) return sourceLayer;
    return std::nullopt;
}

const LayerMapping* MappingSet::forCanonical(const std::string& canonical) const
{
    const auto it = m_layers.find(canonical);
    return it == m_layers.end() ? nullptr : &it->second;
}

std::string MappingSet::describe() const
{
    std::vector<std::string> parts;
    for (const auto& [name, lm] : m_layers) {
        std::string s = name;
        if (!lm.sourceLayers.empty()) s += "←" + core::join(lm.sourceLayers, "|");
        std::vector<std::string> fields;
        for (const auto& [f, rule] : lm.fields) {
            if (rule.constant) fields.push_back(f + "='" + *rule.constant + "'");
            else if (rule.geometryArea) fields.push_back(f + "=oppervlakte(geom)");
            else fields.push_back(f + "=" + core::join(rule.sources, "+"));
        }
        if (!fields.empty()) s += " {" + core::join(fields, ", ") + "}";
        parts.push_back(s);
    }
    return core::join(parts, "; ");
}

std::optional<std::size_t> resolveSourceField(const std::string& name, const std::vector<std::string>& sourceFields,
                                              const std::vector<std::string>& canonicalNames)
{
    for (std::size_t i = 0; i < sourceFields.size(); ++i)
        if (sourceFields[i] == name) return i;
    const std::string lower = core::toLower(name);
    for (std::size_t i = 0; i < sourceFields.size(); ++i)
        if (core::toLower(sourceFields[i]) == lower) return i;
    // Shapefile (dBase) cuts field names to 10 characters.
    if (lower.size() > 10) {
        const std::string cut = lower.substr(0, 10);
        int sameCut = 0;
        for (const auto& c : canonicalNames)
            if (core::toLower(c).substr(0, 10) == cut) ++sameCut;
        if (sameCut == 1)
            for (std::size_t i = 0; i < sourceFields.size(); ++i)
                if (core::toLower(sourceFields[i]) == cut) return i;
    }
    return std::nullopt;
}

}  // namespace riskmap::layers
