// SPDX-License-Identifier: GPL-3.0-or-later
// Reading and applying a municipality's profile tightenings.
#include "riskmap/layers/profile_settings.hpp"

#include "riskmap/core/error.hpp"

#include <algorithm>

namespace riskmap::layers {
namespace {

std::set<std::string> nameList(const toml::node& node, const std::string& where)
{
    const toml::array* list = node.as_array();
    if (!list) throw UsageError(where + ": verwacht een lijst van namen, bijv. [\"gemeente\"]");
    std::set<std::string> out;
    for (const auto& item : *list) {
        auto name = item.value<std::string>();
        if (!name) throw UsageError(where + ": elke naam als tekst tussen aanhalingstekens");
        out.insert(*name);
    }
    return out;
}

}  // namespace

ProfileSettings readProfileSettings(const ProjectFile& project)
{
    ProfileSettings settings;
    const toml::node* node = project.root.get("profiles");
    if (!node) return settings;
    const toml::table* profiles = node->as_table();
    if (!profiles) throw UsageError(project.path + ": 'profiles' moet een tabel zijn ([profiles.<naam>])");
    for (const auto& [key, value] : *profiles) {
        const std::string name(key.str());
        const std::string where = project.path + ": [profiles." + name + "]";
        const auto profile = parseProfile(name);
        if (!profile) throw UsageError(where + ": onbekend profiel; kies analist, riec, driehoek of partner");
        const toml::table* table = value.as_table();
        if (!table) throw UsageError(where + ": moet een tabel zijn");
        ProfileTightening t;
        for (const auto& [k, v] : *table) {
            const std::string field(k.str());
            const std::string at = where + "." + field;
            if (field == "drop_columns") t.dropColumns = nameList(v, at);
            else if (field == "allow_layers") t.allowLayers = nameList(v, at);
            else if (field == "deny_layers") t.denyLayers = nameList(v, at);
            else if (field == "count_columns") t.countColumns = nameList(v, at);
            else if (field == "suppress_counts_below") {
                auto n = v.value<int64_t>();
                if (!n || *n < 0 || *n > 1000) throw UsageError(at + ": verwacht een geheel getal 0…1000");
                if (*n < builtInSuppression(*profile))
                    throw UsageError(at + ": " + std::to_string(*n) + " is ruimer dan het profiel zelf (" +
                                     std::to_string(builtInSuppression(*profile)) +
                                     "); een gemeente mag een profiel alleen strenger maken");
                t.suppressCountsBelow = static_cast<int>(*n);
            } else if (field == "require_purpose") {
                auto b = v.value<bool>();
                if (!b) throw UsageError(at + ": verwacht true of false");
                if (!*b && profileRequiresPurpose(*profile))
                    throw UsageError(at + ": profiel '" + name +
                                     "' vraagt altijd een doel (doelbinding); een gemeente mag een profiel alleen strenger maken");
                t.requirePurpose = *b;
            } else {
                throw UsageError(at + ": onbekende sleutel; toegestaan zijn drop_columns, allow_layers, deny_layers, "
                                      "count_columns, suppress_counts_below en require_purpose (alleen aanscherpen)");
            }
        }
        settings[*profile] = std::move(t);
    }
    return settings;
}

void tightenPolicy(ExportPolicy& policy, const ProfileTightening& tightening, const std::string& layer)
{
    const std::string refuse = "export van laag '" + layer + "' met profiel '" + toString(policy.profile) +
                               "' geweigerd door het projectbestand: ";
    if (tightening.allowLayers && !tightening.allowLayers->count(layer))
        throw Error(refuse + "de laag staat niet in allow_layers");
    if (tightening.denyLayers.count(layer)) throw Error(refuse + "de laag staat in deny_layers");
    std::vector<std::string> kept;
    for (const auto& c : policy.columns) {
        if (tightening.dropColumns.count(c)) policy.dropped.push_back(c);
        else kept.push_back(c);
    }
    policy.columns = std::move(kept);
    policy.suppressCountsBelow = std::max(policy.suppressCountsBelow, tightening.suppressCountsBelow);
    if (policy.suppressCountsBelow > 0)
        for (const auto& c : policy.columns)
            if (isCountColumn(c)) policy.countColumns.insert(c);
    for (const auto& c : tightening.countColumns)
        if (std::find(policy.columns.begin(), policy.columns.end(), c) != policy.columns.end()) policy.countColumns.insert(c);
}

}  // namespace riskmap::layers
