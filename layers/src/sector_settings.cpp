// SPDX-License-Identifier: GPL-3.0-or-later
// Reading `[sectors]` and expanding risky prefixes over SBI 2008 and 2025.
#include "riskmap/layers/sector_settings.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/layers/sbi_reference.hpp"

#include <fstream>
#include <sstream>

namespace riskmap::layers {
namespace {

std::string readWholeFile(const std::string& path, const std::string& where)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw UsageError(where + ": bestand '" + path + "' bestaat niet of is niet leesbaar");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::string fileKey(const toml::table& sectors, const char* key, const ProjectFile& project)
{
    const toml::node* node = sectors.get(key);
    if (!node) return {};
    auto value = node->value<std::string>();
    if (!value) throw UsageError(project.path + ": [sectors]." + key + ": verwacht een bestandsnaam (tekst)");
    return project.resolve(*value);
}

}  // namespace

const std::vector<std::string>& defaultRiskySectors()
{
    static const std::vector<std::string> list = {
        "4511", "4519", "4520",  // car trade and repair, incl. washing (45.20.5)
        "7711",                  // car rental and lease
        "4941", "5210",          // road haulage, storage
        "3831", "4677",          // dismantling, scrap and waste wholesale
        "9602",                  // barbers, beauty, nail studios
        "56102",                 // fast food, takeaway
        "6810", "6820",          // trade in and letting of own real estate
        "6420", "70102",         // holdings
    };
    return list;
}

std::vector<std::string> SectorSettings::riskySectorPrefixes() const
{
    return correspondence.expandPrefixes(risky, version);
}

bool SectorSettings::knownCode(std::string_view digits) const
{
    if (sbi2008Catalogue().known(digits)) return true;
    if (sbi2025 && sbi2025->known(digits)) return true;
    return !correspondence.to2025(digits).empty() || !correspondence.to2008(digits).empty();
}

SectorSettings readSectorSettings(const ProjectFile& project)
{
    SectorSettings settings;
    settings.risky = defaultRiskySectors();
    const toml::node* node = project.root.get("sectors");
    if (!node) return settings;
    const toml::table* sectors = node->as_table();
    if (!sectors) throw UsageError(project.path + ": 'sectors' moet een tabel zijn ([sectors])");
    const std::string where = project.path + ": [sectors]";

    if (const toml::node* risky = sectors->get("risky")) {
        const toml::array* list = risky->as_array();
        if (!list) throw UsageError(where + ".risky: verwacht een lijst van SBI-codes, bijv. [\"4511\", \"45.19\"]");
        settings.risky.clear();
        for (const auto& item : *list) {
            auto code = item.value<std::string>();
            if (!code) throw UsageError(where + ".risky: elke SBI-code als tekst tussen aanhalingstekens (voorloopnullen!)");
            if (!core::normalizeSbiCode(*code))
                throw UsageError(where + ".risky: '" + *code + "' is geen SBI-code (2 tot 6 cijfers, punten mogen)");
            settings.risky.push_back(*code);
        }
    }
    if (const toml::node* version = sectors->get("version")) {
        std::string text;
        if (auto s = version->value<std::string>()) text = *s;
        else if (auto i = version->value<int64_t>()) text = std::to_string(*i);
        if (text == "2008") settings.version = core::SbiVersion::Sbi2008;
        else if (text == "2025") settings.version = core::SbiVersion::Sbi2025;
        else throw UsageError(where + ".version: verwacht \"2008\" of \"2025\"");
    }
    settings.correspondenceFile = fileKey(*sectors, "correspondence", project);
    if (!settings.correspondenceFile.empty()) {
        try {
            settings.correspondence = core::SbiCorrespondence::fromCsv(readWholeFile(settings.correspondenceFile, where));
        } catch (const InputError& e) {
            throw UsageError(where + ".correspondence '" + settings.correspondenceFile + "': " + e.what());
        }
    }
    settings.sbi2025File = fileKey(*sectors, "sbi2025", project);
    if (!settings.sbi2025File.empty()) {
        try {
            settings.sbi2025 = core::SbiCatalogue::fromCsv(readWholeFile(settings.sbi2025File, where));
        } catch (const InputError& e) {
            throw UsageError(where + ".sbi2025 '" + settings.sbi2025File + "': " + e.what());
        }
    }
    return settings;
}

std::vector<std::string> riskySectorPrefixes(const ProjectFile& project)
{
    return readSectorSettings(project).riskySectorPrefixes();
}

}  // namespace riskmap::layers
