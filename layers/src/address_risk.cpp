// SPDX-License-Identifier: GPL-3.0-or-later
// Builds `risico_adressen` from risico_percelen, verblijfsobjecten and vestigingen.
#include "riskmap/layers/address_risk.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/sbi.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/bulk_load.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/spatial_query.hpp"

#include <algorithm>
#include <limits>
#include <chrono>
#include <map>
#include <set>
#include <unordered_map>

namespace riskmap::layers {
namespace {

std::int64_t toDays(const core::Date& d) { return std::chrono::sys_days(d).time_since_epoch().count(); }

std::string upperNoSpace(const std::string& s)
{
    std::string out;
    for (char c : s)
        if (c != ' ') out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

/// postcode|huisnummer|huisletter|toevoeging, case and spaces ignored.
std::string addressKey(const gis::FeatureSet& set, std::size_t i, const std::vector<std::optional<std::size_t>>& cols)
{
    std::string key;
    for (const auto& c : cols) {
        if (c) {
            key += upperNoSpace(gis::fieldText(set.value(i, *c)));
        }
        key += '|';
    }
    return key;
}

struct CompanyStats {
    std::int64_t active = 0;
    std::int64_t risky = 0;
    std::int64_t started = 0;
    std::int64_t ended = 0;
    std::set<std::string> codes;
};

std::vector<std::optional<std::size_t>> addressColumns(const gis::FeatureSet& set)
{
    return {set.columnIndex("postcode"), set.columnIndex("huisnummer"), set.columnIndex("huisletter"),
            set.columnIndex("toevoeging")};
}

std::string text(const gis::FeatureSet& set, std::size_t i, const char* column)
{
    auto c = set.columnIndex(column);
    return c ? gis::fieldText(set.value(i, *c)) : std::string();
}

}  // namespace

double addressRisk(double parcelScore, std::int64_t riskyCompanies)
{
    return parcelScore * (1.0 + 0.25 * static_cast<double>(std::min<std::int64_t>(riskyCompanies, 4)));
}

AddressRiskReport buildAddressRisk(gis::Workspace& ws, const std::vector<std::string>& riskyPrefixes,
                                   const core::Date& referenceDate, core::Feedback& feedback)
{
    const auto started = std::chrono::steady_clock::now();
    auto& db = ws.db();
    if (!db.tableExists("risico_percelen"))
        throw InputError("laag 'risico_percelen' ontbreekt: bouw eerst de risicokaart (riskmap build)");
    if (!db.tableExists("verblijfsobjecten"))
        throw InputError("laag 'verblijfsobjecten' ontbreekt: importeer eerst de BAG-verblijfsobjecten");

    feedback.beginStage("risico_adressen: lagen inlezen");
    const auto parcelColumns = gis::layerColumns(db, "risico_percelen");
    std::vector<std::string> wanted{"perceel_id", "gemeente", "risico_score", "risico_klasse", "run_id"};
    const bool hasVab = std::find(parcelColumns.begin(), parcelColumns.end(), "opp_vab_m2") != parcelColumns.end();
    if (hasVab) wanted.emplace_back("opp_vab_m2");
    const auto parcels = gis::FeatureSet::load(db, "risico_percelen", wanted);
    const auto vbos = gis::FeatureSet::load(db, "verblijfsobjecten", {}, true);

    // Companies per address key.
    std::unordered_map<std::string, CompanyStats> companies;
    if (db.tableExists("vestigingen")) {
        const auto vest = gis::FeatureSet::load(db, "vestigingen");
        const auto cols = addressColumns(vest);
        const auto sbiCol = vest.columnIndex("sbi_code");
        const auto startCol = vest.columnIndex("datum_inschrijving");
        const auto endCol = vest.columnIndex("datum_uitschrijving");
        const std::int64_t ref = toDays(referenceDate);
        constexpr std::int64_t kNoDay = std::numeric_limits<std::int64_t>::min();
        const std::int64_t windowStart = toDays(core::Date{referenceDate.year() - std::chrono::years(3),
                                                           referenceDate.month(), std::chrono::day(1)});
        for (std::size_t i = 0; i < vest.size(); ++i) {
            auto& s = companies[addressKey(vest, i, cols)];
            // Plain day numbers with a "none" value (GCC 12 warned that an optional here might be read
            // uninitialised, wrongly).
            const std::int64_t begin = startCol ? gis::fieldDays(vest.value(i, *startCol)).value_or(kNoDay) : kNoDay;
            const std::int64_t end = endCol ? gis::fieldDays(vest.value(i, *endCol)).value_or(kNoDay) : kNoDay;
            if (begin != kNoDay && begin > windowStart && begin <= ref) ++s.started;
            if (end != kNoDay && end > windowStart && end <= ref) ++s.ended;
            const bool active = (begin == kNoDay || begin <= ref) && (end == kNoDay || end > ref);
            if (!active) continue;
            ++s.active;
            const std::string code = sbiCol ? gis::fieldText(vest.value(i, *sbiCol)) : std::string();
            if (!code.empty()) s.codes.insert(core::normalizeSbiCode(code).value_or(code));
            if (!code.empty() && core::matchesAnyPrefix(code, riskyPrefixes)) ++s.risky;
        }
    }

    const std::vector<gis::ColumnDef> columns{
        {"vbo_id", "TEXT"}, {"postcode", "TEXT"}, {"huisnummer", "INTEGER"}, {"huisletter", "TEXT"},
        {"toevoeging", "TEXT"}, {"straat", "TEXT"}, {"woonplaats", "TEXT"}, {"adres", "TEXT"},
        {"perceel_id", "TEXT"}, {"gemeente", "TEXT"}, {"risico_score", "REAL"}, {"risico_klasse", "INTEGER"},
        {"n_bedrijven", "INTEGER"}, {"n_risico_bedrijven", "INTEGER"}, {"n_inschrijvingen_3j", "INTEGER"},
        {"n_uitschrijvingen_3j", "INTEGER"}, {"woonfunctie", "INTEGER"}, {"vab", "INTEGER"}, {"sbi_codes", "TEXT"},
        {"risico_adres", "REAL"}, {"run_id", "TEXT"}};
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);

    AddressRiskReport report;
    gis::Transaction tx(db);
    ws.createLayerTable("risico_adressen", columns, "POINT");
    gis::BulkLoad bulk(db, "risico_adressen");  // per-row geometry triggers off until finish()
    gis::LayerWriter writer(db, "risico_adressen", names, true);
    gis::SpatialQuery query;
    const auto cols = addressColumns(vbos);
    const auto numberCol = vbos.columnIndex("huisnummer");
    const auto useCol = vbos.columnIndex("gebruiksdoel");
    std::string runId;
    if (parcels.size() > 0) runId = gis::fieldText(parcels.value(0, 4));
    feedback.beginStage("risico_adressen berekenen", vbos.size());
    std::vector<gis::FieldValue> row;
    for (std::size_t i = 0; i < vbos.size(); ++i) {
        if (i % 1024 == 0) feedback.checkCancelled();
        feedback.advance();
        std::optional<std::size_t> parcel;
        if (query.setSubject(vbos, i)) {
            const auto hits = query.containingSubjectPointOnSurface(parcels);
            if (!hits.empty()) parcel = hits.front();
        }
        const auto it = companies.find(addressKey(vbos, i, cols));
        const CompanyStats none;
        const CompanyStats& s = it == companies.end() ? none : it->second;
        const std::string straat = text(vbos, i, "straat");
        const std::string number = numberCol ? gis::fieldText(vbos.value(i, *numberCol)) : std::string();
        std::string adres = straat + " " + number + text(vbos, i, "huisletter");
        if (auto t = text(vbos, i, "toevoeging"); !t.empty()) adres += "-" + t;
        adres += ", " + text(vbos, i, "postcode") + " " + text(vbos, i, "woonplaats");
        const bool dwelling = useCol && gis::fieldText(vbos.value(i, *useCol)).find("woonfunctie") != std::string::npos;
        const double score = parcel ? gis::fieldNumber(parcels.value(*parcel, 2)).value_or(0.0) : 0.0;
        const bool vab = parcel && hasVab && gis::fieldNumber(parcels.value(*parcel, 5)).value_or(0.0) > 0.0;

        row.clear();
        row.emplace_back(text(vbos, i, "vbo_id"));
        row.emplace_back(text(vbos, i, "postcode"));
        if (auto n = numberCol ? gis::fieldNumber(vbos.value(i, *numberCol)) : std::nullopt)
            row.emplace_back(static_cast<std::int64_t>(*n));
        else row.emplace_back();
        row.emplace_back(text(vbos, i, "huisletter"));
        row.emplace_back(text(vbos, i, "toevoeging"));
        row.emplace_back(straat);
        row.emplace_back(text(vbos, i, "woonplaats"));
        row.emplace_back(adres);
        if (parcel) {
            row.push_back(parcels.value(*parcel, 0));
            row.push_back(parcels.value(*parcel, 1));
            row.emplace_back(score);
            row.push_back(parcels.value(*parcel, 3));
            ++report.inParcel;
        } else {
            row.insert(row.end(), 4, gis::FieldValue{});
        }
        row.emplace_back(s.active);
        row.emplace_back(s.risky);
        row.emplace_back(s.started);
        row.emplace_back(s.ended);
        row.emplace_back(static_cast<std::int64_t>(dwelling ? 1 : 0));
        row.emplace_back(static_cast<std::int64_t>(vab ? 1 : 0));
        row.emplace_back(core::join(std::vector<std::string>(s.codes.begin(), s.codes.end()), ","));
        row.emplace_back(addressRisk(score, s.risky));
        row.emplace_back(runId);
        writer.insert(row, vbos.wkb(i));
        if (s.active > 0) ++report.withCompanies;
        ++report.addresses;
    }
    feedback.beginStage("risico_adressen: geometrieën controleren");
    bulk.finish();
    feedback.beginStage("risico_adressen: ruimtelijke index");
    ws.ensureSpatialIndex("risico_adressen");
    feedback.beginStage("risico_adressen: vastleggen");

    gis::ProvenanceRecord prov;
    prov.layer = "risico_adressen";
    prov.action = "build";
    prov.sourcePath = ws.path();
    prov.startedAt = prov.finishedAt = core::nowIsoUtc();
    prov.rowsRead = prov.rowsImported = report.addresses;
    prov.user = gis::currentUser();
    gis::LayerRecord record;
    record.name = "risico_adressen";
    record.kind = "output";
    record.geometryType = "POINT";
    // Company data (Handelsregister, intern) and the parcel risk (which may rest on police data):
    // never lower than vertrouwelijk.
    record.classification = "vertrouwelijk";
    record.legalBasis = "Afgeleid uit risico_percelen, verblijfsobjecten en vestigingen (run " + runId + ")";
    record.featureCount = report.addresses;
    record.updatedAt = prov.finishedAt;
    record.provenanceId = ws.addProvenance(prov);
    ws.registerLayer(record);
    tx.commit();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return report;
}

}  // namespace riskmap::layers
