// SPDX-License-Identifier: GPL-3.0-or-later
// Loading the project file.
#include "riskmap/layers/project_file.hpp"

#include "riskmap/core/error.hpp"

#include <filesystem>
#include <sstream>

namespace riskmap::layers {
namespace {

std::optional<std::string> optionalString(const toml::table& t, const char* key, const std::string& where)
{
    const toml::node* node = t.get(key);
    if (!node) return std::nullopt;
    auto value = node->value<std::string>();
    if (!value) throw UsageError(where + "." + key + ": verwacht tekst");
    return value;
}

}  // namespace

ProjectFile ProjectFile::load(const std::string& path)
{
    if (!std::filesystem::exists(path)) throw UsageError("projectbestand '" + path + "' bestaat niet");
    ProjectFile project;
    project.path = std::filesystem::absolute(path).lexically_normal().string();
    project.folder = std::filesystem::path(project.path).parent_path().string();
    try {
        project.root = toml::parse_file(path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << "projectbestand '" << path << "' regel " << e.source().begin.line << ": " << e.description();
        throw UsageError(msg.str());
    }
    const toml::table& root = project.root;
    if (auto name = root["project"]["name"].value<std::string>()) project.name = *name;

    if (const toml::node* sources = root.get("sources")) {
        const toml::array* list = sources->as_array();
        if (!list) throw UsageError(path + ": 'sources' moet een lijst van tabellen zijn ([[sources]])");
        int index = 0;
        for (const auto& entry : *list) {
            ++index;
            const std::string where = path + ": [[sources]] nr. " + std::to_string(index);
            const toml::table* t = entry.as_table();
            if (!t) throw UsageError(where + ": verwacht een tabel");
            SourceEntry source;
            auto file = optionalString(*t, "file", where);
            if (!file) throw UsageError(where + ": sleutel 'file' ontbreekt");
            source.file = project.resolve(*file);
            source.layer = optionalString(*t, "layer", where);
            source.sourceLayer = optionalString(*t, "source_layer", where);
            source.crs = optionalString(*t, "crs", where);
            if (auto mapping = optionalString(*t, "mapping", where)) source.mappingFile = project.resolve(*mapping);
            if (const toml::node* year = t->get("year")) {
                auto y = year->value<int64_t>();
                if (!y) throw UsageError(where + ".year: verwacht een jaartal");
                source.year = static_cast<int>(*y);
            }
            project.sources.push_back(std::move(source));
        }
    }
    if (const toml::table* sample = root["sample"].as_table()) {
        const std::string where = path + ": [sample]";
        SampleSpec spec;
        spec.outDir = project.resolve(optionalString(*sample, "out", where).value_or("data"));
        spec.scale = optionalString(*sample, "scale", where).value_or("S");
        if (const toml::node* seed = sample->get("seed")) {
            auto v = seed->value<int64_t>();
            if (!v || *v < 0) throw UsageError(where + ".seed: verwacht een geheel getal ≥ 0");
            spec.seed = static_cast<std::uint64_t>(*v);
        }
        if (const toml::node* photos = sample->get("photos")) {
            auto v = photos->value<bool>();
            if (!v) throw UsageError(where + ".photos: verwacht true of false");
            spec.photos = *v;
        }
        if (auto b = optionalString(*sample, "boundaries", where)) spec.boundaries = project.resolve(*b);
        project.sample = spec;
    }
    project.mapping = MappingSet::fromTable(root, path);
    if (const toml::node* files = root.get("mappings")) {
        const toml::array* list = files->as_array();
        if (!list) throw UsageError(path + ": 'mappings' moet een lijst van bestandsnamen zijn");
        for (const auto& f : *list) {
            auto file = f.value<std::string>();
            if (!file) throw UsageError(path + ": 'mappings' bevat iets anders dan een bestandsnaam");
            project.mapping.merge(MappingSet::fromFile(project.resolve(*file)));
        }
    }
    return project;
}

std::string ProjectFile::resolve(const std::string& relative) const
{
    const std::filesystem::path p(relative);
    if (p.is_absolute()) return p.string();
    return (std::filesystem::path(folder) / p).lexically_normal().string();
}

}  // namespace riskmap::layers
