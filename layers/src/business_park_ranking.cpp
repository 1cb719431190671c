// SPDX-License-Identifier: GPL-3.0-or-later
// Business park signals and ranking.
#include "riskmap/layers/business_park_ranking.hpp"

#include "riskmap/core/sbi.hpp"
#include "riskmap/core/stats/classify.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/layers/indicator_engine.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

namespace riskmap::layers {
namespace {

using gis::FeatureSet;

std::int64_t toDays(const core::Date& d) { return std::chrono::sys_days(d).time_since_epoch().count(); }

std::string text(const FeatureSet& set, std::size_t i, const char* column)
{
    auto idx = set.columnIndex(column);
    return idx ? gis::fieldText(set.value(i, *idx)) : std::string();
}

std::optional<std::int64_t> days(const FeatureSet& set, std::size_t i, const char* column)
{
    auto idx = set.columnIndex(column);
    return idx ? gis::fieldDays(set.value(i, *idx)) : std::nullopt;
}

std::string addressOf(const FeatureSet& set, std::size_t i)
{
    return addressKey(text(set, i, "postcode"), text(set, i, "huisnummer"), text(set, i, "huisletter"),
                      text(set, i, "toevoeging"));
}

std::optional<FeatureSet> loadIfPresent(gis::SpatialiteDb& db, const std::string& table)
{
    if (!db.tableExists(table)) return std::nullopt;
    return FeatureSet::load(db, table);
}

void writeLayer(gis::Workspace& ws, const FeatureSet& parks, const std::vector<std::size_t>& order,
                const std::vector<BusinessParkSignals>& signals, const std::string& runId)
{
    const std::vector<gis::ColumnDef> columns = {
        {"terrein_id", "TEXT"}, {"naam", "TEXT"}, {"gemeente", "TEXT"}, {"n_vestigingen", "INTEGER"},
        {"n_risico_vestigingen", "INTEGER"}, {"aandeel_risico", "REAL"}, {"n_panden", "INTEGER"},
        {"n_verzamelgebouwen", "INTEGER"}, {"n_bedrijfsadressen", "INTEGER"}, {"n_leegstaand", "INTEGER"},
        {"aandeel_leegstand", "REAL"}, {"n_inschrijvingen_3j", "INTEGER"}, {"n_uitschrijvingen_3j", "INTEGER"},
        {"verloop", "REAL"}, {"anoniem", "INTEGER"}, {"afstand_oprit_m", "REAL"}, {"n_controles_historie", "INTEGER"},
        {"score", "REAL"}, {"rang", "INTEGER"}, {"run_id", "TEXT"}};
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);
    gis::Transaction tx(ws.db());
    ws.createLayerTable("risico_bedrijventerreinen", columns, "MULTIPOLYGON");
    gis::LayerWriter writer(ws.db(), "risico_bedrijventerreinen", names, true);
    for (std::size_t i : order) {
        const auto& s = signals[i];
        std::vector<gis::FieldValue> v = {
            s.terreinId, s.naam, s.gemeente, s.vestigingen, s.risicoVestigingen, s.aandeelRisico, s.panden,
            s.verzamelgebouwen, s.bedrijfsadressen, s.leegstaand, s.aandeelLeegstand, s.inschrijvingen3j,
            s.uitschrijvingen3j, s.verloop, std::int64_t{s.anoniem ? 1 : 0},
            s.afstandOpritM ? gis::FieldValue{*s.afstandOpritM} : gis::FieldValue{}, s.controlesHistorie, s.score,
            s.rang, runId};
        writer.insert(v, parks.wkb(i));
    }
    ws.ensureSpatialIndex("risico_bedrijventerreinen");
    gis::LayerRecord record;
    record.name = "risico_bedrijventerreinen";
    record.kind = "output";
    record.geometryType = "MULTIPOLYGON";
    record.classification = "intern";
    record.legalBasis = "Afgeleid (risicokaart); AVG art. 6 lid 1 sub e";
    record.featureCount = static_cast<std::int64_t>(order.size());
    record.updatedAt = core::nowIsoUtc();
    ws.registerLayer(record);
    tx.commit();
}

}  // namespace

std::vector<BusinessParkSignals> buildBusinessParkRanking(gis::Workspace& workspace,
                                                          const std::vector<std::string>& riskyPrefixes,
                                                          const core::Date& reference, const std::string& runId,
                                                          core::Feedback& feedback)
{
    auto& db = workspace.db();
    if (!db.tableExists("bedrijventerreinen")) return {};
    const FeatureSet parks = FeatureSet::load(db, "bedrijventerreinen", {}, true);
    auto vestigingen = loadIfPresent(db, "vestigingen");
    auto panden = loadIfPresent(db, "panden");
    auto adressen = loadIfPresent(db, "verblijfsobjecten");
    auto opritten = loadIfPresent(db, "opritten");
    auto history = loadIfPresent(db, "controles_historie");

    const std::int64_t ref = toDays(reference);
    const std::int64_t threeYears = toDays(core::Date{std::chrono::sys_days(reference) - std::chrono::days(3 * 365 + 1)});

    // Active establishments and the addresses where one is active.
    gis::FeatureMask active, risky;
    std::unordered_set<std::string> activeAddresses;
    if (vestigingen) {
        active.assign(vestigingen->size(), 0);
        risky.assign(vestigingen->size(), 0);
        for (std::size_t i = 0; i < vestigingen->size(); ++i) {
            const auto start = days(*vestigingen, i, "datum_inschrijving");
            const auto end = days(*vestigingen, i, "datum_uitschrijving");
            if ((!start || *start <= ref) && (!end || *end > ref)) {
                active[i] = 1;
                activeAddresses.insert(addressOf(*vestigingen, i));
                risky[i] = core::matchesAnyPrefix(text(*vestigingen, i, "sbi_code"), riskyPrefixes) ? 1 : 0;
            }
        }
    }
    gis::FeatureMask dwellings, businessUse;
    if (panden) {
        dwellings.assign(panden->size(), 0);
        for (std::size_t i = 0; i < panden->size(); ++i)
            dwellings[i] = text(*panden, i, "gebruiksdoel").find("woonfunctie") != std::string::npos ? 1 : 0;
    }
    if (adressen) {
        businessUse.assign(adressen->size(), 0);
        for (std::size_t i = 0; i < adressen->size(); ++i) {
            const std::string use = text(*adressen, i, "gebruiksdoel");
            businessUse[i] = (use.find("industriefunctie") != std::string::npos || use.find("kantoorfunctie") != std::string::npos) ? 1 : 0;
        }
    }

    if (panden) panden->preparePointsOnSurface();
    feedback.beginStage("bedrijventerreinen", parks.size());
    std::vector<BusinessParkSignals> signals(parks.size());
    gis::SpatialQuery query, pandQuery;
    for (std::size_t p = 0; p < parks.size(); ++p) {
        feedback.checkCancelled();
        auto& s = signals[p];
        s.terreinId = text(parks, p, "terrein_id");
        s.naam = text(parks, p, "naam");
        s.gemeente = text(parks, p, "gemeente");
        if (!query.setSubject(parks, p)) { feedback.advance(); continue; }
        if (vestigingen) {
            for (std::size_t i : query.containedInSubject(*vestigingen)) {
                const auto start = days(*vestigingen, i, "datum_inschrijving");
                const auto end = days(*vestigingen, i, "datum_uitschrijving");
                if (start && *start > threeYears && *start <= ref) ++s.inschrijvingen3j;
                if (end && *end > threeYears && *end <= ref) ++s.uitschrijvingen3j;
                if (!active[i]) continue;
                ++s.vestigingen;
                if (risky[i]) ++s.risicoVestigingen;
            }
            s.aandeelRisico = s.vestigingen ? static_cast<double>(s.risicoVestigingen) / static_cast<double>(s.vestigingen) : 0.0;
            s.verloop = static_cast<double>(s.inschrijvingen3j + s.uitschrijvingen3j) / static_cast<double>(std::max<std::int64_t>(s.vestigingen, 1));
        }
        if (panden) {
            for (std::size_t b : query.pointsOnSurfaceInSubject(*panden)) {
                ++s.panden;
                if (vestigingen && pandQuery.setSubject(*panden, b) && pandQuery.containedInSubject(*vestigingen, active).size() >= 2)
                    ++s.verzamelgebouwen;
            }
            s.anoniem = query.countWithin(*panden, 250.0, dwellings) == 0;
        }
        if (adressen) {
            for (std::size_t a : query.containedInSubject(*adressen, businessUse)) {
                ++s.bedrijfsadressen;
                if (!activeAddresses.count(addressOf(*adressen, a))) ++s.leegstaand;
            }
            s.aandeelLeegstand = s.bedrijfsadressen ? static_cast<double>(s.leegstaand) / static_cast<double>(s.bedrijfsadressen) : 0.0;
        }
        if (opritten) s.afstandOpritM = query.nearestDistance(*opritten);
        if (history) s.controlesHistorie = static_cast<std::int64_t>(query.within(*history, 0.0).size());
        feedback.advance();
    }

    // Score: the mean of rank-normalised signals (direction: higher = more opportunity).
    const std::size_t n = signals.size();
    std::vector<std::vector<double>> columns(6, std::vector<double>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const auto& s = signals[i];
        columns[0][i] = s.aandeelRisico;
        columns[1][i] = s.panden ? static_cast<double>(s.verzamelgebouwen) / static_cast<double>(s.panden) : 0.0;
        columns[2][i] = s.aandeelLeegstand;
        columns[3][i] = s.verloop;
        columns[4][i] = s.anoniem ? 1.0 : 0.0;
        columns[5][i] = s.afstandOpritM ? -*s.afstandOpritM : -1e9;  // nearer exit = more opportunity
    }
    std::vector<double> score(n, 0.0);
    for (const auto& c : columns) {
        const auto ranks = core::stats::rankNormalise(c);
        for (std::size_t i = 0; i < n; ++i) score[i] += ranks[i] / static_cast<double>(columns.size());
    }
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Ties broken by terrein_id so the ranking is reproducible.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return score[a] != score[b] ? score[a] > score[b] : signals[a].terreinId < signals[b].terreinId;
    });
    for (std::size_t r = 0; r < n; ++r) {
        signals[order[r]].score = score[order[r]];
        signals[order[r]].rang = static_cast<std::int64_t>(r + 1);
    }
    writeLayer(workspace, parks, order, signals, runId);
    std::vector<BusinessParkSignals> ranked;
    for (std::size_t i : order) ranked.push_back(signals[i]);
    return ranked;
}

}  // namespace riskmap::layers
