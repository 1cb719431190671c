// SPDX-License-Identifier: GPL-3.0-or-later
// Export profile rules.
#include "riskmap/layers/export_profile.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"

#include <algorithm>

namespace riskmap::layers {
namespace {

/// Columns that identify a person, company, address or parcel, or hold free
/// text typed by analysts: never in a driehoek export.
const std::set<std::string>& identifyingColumns()
{
    static const std::set<std::string> names = {
        "perceel_id", "pand_id", "vbo_id", "vestigingsnummer", "kvk_nummer", "handelsnaam", "postcode", "huisnummer",
        "huisletter", "toevoeging", "straat", "woonplaats", "incident_id", "adres", "toelichting", "motivering",
        "auteur", "verklaring", "bevinding", "vervolg", "categorie", "naam_eigenaar", "zone_id", "controle_id"};
    return names;
}

std::string bannerFor(Profile profile, const std::string& classification)
{
    switch (profile) {
    case Profile::Riec: return "Vertrouwelijk — uitsluitend RIEC-partners";
    case Profile::Driehoek: return "Intern — geaggregeerd, voor de driehoek (geen persoonsgegevens)";
    case Profile::Partner: return "Vertrouwelijk — uitsluitend voor de deelnemende partner van deze controle";
    case Profile::Analist:
        return classification == "openbaar" ? "Intern — team OOV" : "Vertrouwelijk — uitsluitend team OOV";
    }
    return "";
}

}  // namespace

std::optional<Profile> parseProfile(const std::string& name)
{
    const std::string n = core::toLower(name);
    if (n == "analist") return Profile::Analist;
    if (n == "riec") return Profile::Riec;
    if (n == "driehoek") return Profile::Driehoek;
    if (n == "partner") return Profile::Partner;
    return std::nullopt;
}

std::string toString(Profile profile)
{
    switch (profile) {
    case Profile::Analist: return "analist";
    case Profile::Riec: return "riec";
    case Profile::Driehoek: return "driehoek";
    case Profile::Partner: return "partner";
    }
    return "analist";
}

bool isCountColumn(const std::string& c)
{
    return core::startsWith(c, "n_") || core::startsWith(c, "aantal") || c == "kde_n";
}

bool profileRequiresPurpose(Profile profile) { return profile == Profile::Riec; }

int builtInSuppression(Profile profile) { return profile == Profile::Driehoek ? 5 : 0; }

bool isRowLevelLayer(const std::string& layer)
{
    static const std::set<std::string> rowLevel = {
        "percelen", "panden", "verblijfsobjecten", "vestigingen", "incidenten", "risico_percelen", "risico_adressen",
        "controle_adressen", "bevindingen", "onbekende_bebouwing"};
    return rowLevel.count(layer) > 0;
}

ExportPolicy decideExportPolicy(Profile profile, const gis::LayerRecord& layer, const std::vector<std::string>& columns,
                                const std::optional<std::string>& partnerControl)
{
    ExportPolicy policy;
    policy.profile = profile;
    policy.classification = layer.classification;
    policy.banner = bannerFor(profile, layer.classification);
    const bool hasRubricering = std::find(columns.begin(), columns.end(), "rubricering") != columns.end();
    const std::string refuse = "export van laag '" + layer.name + "' met profiel '" + toString(profile) + "' geweigerd: ";

    switch (profile) {
    case Profile::Riec:
        policy.columns = columns;
        break;
    case Profile::Analist:
        // Police data stay in their compartment: only the RIEC profile carries them.
        if (layer.classification == "politiegegevens")
            throw Error(refuse + "de laag bevat politiegegevens (Wpg); alleen profiel 'riec' mag die bevatten");
        policy.columns = columns;
        if (hasRubricering) policy.rowFilter = "coalesce(rubricering, '') <> 'politiegegevens'";
        break;
    case Profile::Driehoek:
        if (isRowLevelLayer(layer.name) || layer.classification == "politiegegevens")
            throw Error(refuse + "de driehoek krijgt alleen aggregaten (cellen van minstens 500 m, zones, "
                                 "bedrijventerreinen), geen gegevens per adres, bedrijf, perceel of persoon");
        for (const auto& c : columns) {
            if (identifyingColumns().count(c)) policy.dropped.push_back(c);
            else policy.columns.push_back(c);
            if (isCountColumn(c)) policy.countColumns.insert(c);
        }
        policy.suppressCountsBelow = builtInSuppression(profile);
        if (hasRubricering) policy.rowFilter = "coalesce(rubricering, '') <> 'politiegegevens'";
        break;
    case Profile::Partner: {
        if (layer.name != "controle_adressen" && layer.name != "controles")
            throw Error(refuse + "een partner krijgt alleen de adressenlijst van één controle");
        if (!partnerControl) throw UsageError(refuse + "geef de controle (--control ID)");
        static const std::set<std::string> partnerColumns = {"controle_id", "jaar", "volgnummer", "datum", "gebied",
                                                             "partners", "vbo_id", "adres", "postcode", "huisnummer",
                                                             "huisletter", "toevoeging", "woning", "volgorde"};
        for (const auto& c : columns) {
            if (partnerColumns.count(c)) policy.columns.push_back(c);
            else policy.dropped.push_back(c);
        }
        // The value is bound by the caller; the filter is a fixed text (never pasted input).
        policy.rowFilter = "controle_id = :control";
        break;
    }
    }
    return policy;
}

}  // namespace riskmap::layers
