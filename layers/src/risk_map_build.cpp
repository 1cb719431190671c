// SPDX-License-Identifier: GPL-3.0-or-later
// The build step: read, compute, score, write, record.
#include "riskmap/layers/risk_map_build.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/bulk_load.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/layer_schema.hpp"
#include "riskmap/layers/previous_run.hpp"
#include "riskmap/layers/risk_scoring.hpp"
#include "run_record.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>

namespace riskmap::layers {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

using detail::inputChecksums;
using detail::jsonText;
using detail::strictestClassification;

}  // namespace

std::vector<std::string> riskParcelColumns(const EngineSettings& settings)
{
    std::vector<std::string> columns{"perceel_id", "gemeente"};
    for (const auto& s : settings.indicators) columns.push_back(s.name);
    for (const char* c : {"risico_score", "risico_klasse", "verklaring", "run_id", "vorige_score", "verschil_score",
                          "vorige_klasse", "vorige_run_id"})
        columns.emplace_back(c);
    return columns;
}

RiskBuildReport buildRiskMap(gis::Workspace& ws, const EngineSettings& settings, std::optional<core::Date> referenceDate,
                             core::Feedback& feedback)
{
    const auto started = Clock::now();
    const std::string startedAt = core::nowIsoUtc();
    RiskBuildReport report;
    auto& db = ws.db();
    if (!db.tableExists("percelen"))
        throw InputError("laag 'percelen' ontbreekt in " + ws.path() + ": importeer eerst de percelen");

    if (!referenceDate) referenceDate = defaultReferenceDate(db);
    if (!referenceDate) {
        // No dated layer at all: then no indicator depends on the date.
        referenceDate = core::todayUtc();
        report.referenceDateGuessed = true;
    }
    report.referenceDate = core::formatIsoDate(*referenceDate);

    auto t = Clock::now();
    feedback.beginStage("percelen inlezen");
    const auto parcels = gis::FeatureSet::load(db, "percelen", {"perceel_id", "gemeente"}, true);
    report.seconds["percelen_lezen"] = since(t);

    t = Clock::now();
    const IndicatorTable table = computeIndicators(db, parcels, settings, *referenceDate, feedback);
    report.seconds["indicatoren"] = since(t);
    for (const auto& [stage, secs] : table.seconds) report.seconds["indicatoren_" + stage] = secs;
    report.missingLayers = table.missingLayers;
    report.warnings = table.warnings;

    t = Clock::now();
    feedback.beginStage("risicoscores en klassen");
    const auto scores = scoreParcels(table, settings);
    report.seconds["scores"] = since(t);

    t = Clock::now();
    feedback.beginStage("risico_percelen schrijven", parcels.size());
    const std::int64_t previousRuns = db.queryInt("SELECT count(*) FROM rk_runs").value_or(0);
    std::string stamp = startedAt;
    std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
    report.runId = "build-" + stamp + "-" + std::to_string(previousRuns + 1);

    std::string geometryType = "MULTIPOLYGON";
    if (auto rec = ws.layer("percelen"); rec && !rec->geometryType.empty()) geometryType = rec->geometryType;
    std::vector<gis::ColumnDef> columns{{"perceel_id", "TEXT"}, {"gemeente", "TEXT"}};
    for (const auto& s : table.specs) columns.push_back({s.name, s.integerValued() ? "INTEGER" : "REAL"});
    columns.push_back({"risico_score", "REAL"});
    columns.push_back({"risico_klasse", "INTEGER"});
    columns.push_back({"verklaring", "TEXT"});
    columns.push_back({"run_id", "TEXT"});
    // Change since the previous run (actualiseren): NULL on the first run and for new parcels.
    columns.push_back({"vorige_score", "REAL"});
    columns.push_back({"verschil_score", "REAL"});
    columns.push_back({"vorige_klasse", "INTEGER"});
    columns.push_back({"vorige_run_id", "TEXT"});
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);

    gis::Transaction tx(db);
    // Read before createLayerTable drops the old layer.
    PreviousRun previous = PreviousRun::read(db, "risico_percelen", "perceel_id", "risico_score", "risico_klasse");
    ws.createLayerTable("risico_percelen", columns, geometryType);
    gis::BulkLoad bulk(db, "risico_percelen");  // per-row geometry triggers off until finish()
    gis::LayerWriter writer(db, "risico_percelen", names, true);
    report.classCounts.assign(static_cast<std::size_t>(settings.classes), 0);
    std::vector<gis::FieldValue> row;
    for (std::size_t i = 0; i < parcels.size(); ++i) {
        row.clear();
        row.push_back(parcels.value(i, 0));
        row.push_back(parcels.value(i, 1));
        for (std::size_t k = 0; k < table.specs.size(); ++k) {
            const auto& v = table.values[k][i];
            if (!v) row.emplace_back();
            else if (table.specs[k].integerValued()) row.emplace_back(static_cast<std::int64_t>(std::llround(*v)));
            else row.emplace_back(*v);
        }
        row.emplace_back(scores[i].score);
        row.emplace_back(static_cast<std::int64_t>(scores[i].klasse));
        row.emplace_back(scores[i].verklaring);
        row.emplace_back(report.runId);
        const auto& id = parcels.value(i, 0);
        const std::optional<std::string> idText =
            std::holds_alternative<std::monostate>(id) ? std::nullopt : std::optional(gis::fieldText(id));
        const PreviousValue* old = idText ? previous.find(*idText) : nullptr;
        appendPreviousColumns(row, old, scores[i].score);
        if (idText) previous.count(*idText, scores[i].klasse, report.changes);
        writer.insert(row, parcels.wkb(i));
        ++report.classCounts[static_cast<std::size_t>(scores[i].klasse - 1)];
        feedback.advance();
        if (i % 1024 == 0) feedback.checkCancelled();
    }
    previous.finish(report.changes);
    // The steps after the rows take minutes at scale L; name them so the progress is not silent.
    feedback.beginStage("risico_percelen: geometrieën controleren");
    bulk.finish();
    feedback.beginStage("risico_percelen: ruimtelijke index");
    ws.ensureSpatialIndex("risico_percelen");
    feedback.beginStage("risico_percelen: vastleggen");
    report.parcels = static_cast<std::int64_t>(parcels.size());
    report.seconds["schrijven"] = since(t);
    report.seconds["totaal"] = since(started);

    const std::string finishedAt = detail::registerOutputLayer(ws, "risico_percelen", geometryType, report.parcels,
                                                               table.layersUsed, "risicokaart", report.runId, startedAt);

    std::ostringstream summary;
    summary << "{\"reference_date\":" << jsonText(report.referenceDate)
            << ",\"reference_date_guessed\":" << (report.referenceDateGuessed ? "true" : "false")
            << ",\"parcels\":" << report.parcels << ",\"classes\":[";
    for (std::size_t c = 0; c < report.classCounts.size(); ++c) summary << (c ? "," : "") << report.classCounts[c];
    summary << "],\"missing_layers\":[";
    for (std::size_t m = 0; m < report.missingLayers.size(); ++m) summary << (m ? "," : "") << jsonText(report.missingLayers[m]);
    summary << "]}";
    auto run = db.prepare("INSERT INTO rk_runs(run_id, kind, started_at, finished_at, parameters, inputs, model_version,"
                          " timings, report) VALUES (?,?,?,?,?,?,?,?,?)");
    run.bind(1, report.runId).bind(2, "build").bind(3, startedAt).bind(4, finishedAt);
    run.bind(5, "{\"reference_date\":" + jsonText(report.referenceDate) + ",\"settings\":" + settings.toJson() + "}");
    run.bind(6, inputChecksums(ws, table.layersUsed)).bind(7, RISKMAP_MODEL_VERSION).bind(8, detail::timingsJson(report.seconds));
    run.bind(9, summary.str());
    run.run();
    tx.commit();
    return report;
}

}  // namespace riskmap::layers
