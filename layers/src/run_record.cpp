// SPDX-License-Identifier: GPL-3.0-or-later
// Recording runs: ids, input checksums, classification and the rk_runs row.
#include "run_record.hpp"

#include "riskmap/core/dates.hpp"

#include "riskmap/layers/layer_schema.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "riskmap/core/text.hpp"

namespace riskmap::layers::detail {

std::string jsonText(const std::string& s) { return core::jsonQuote(s); }

std::string jsonNumber(double v)
{
    if (!std::isfinite(v)) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string inputChecksums(gis::Workspace& ws, const std::vector<std::string>& layers)
{
    std::ostringstream o;
    o << "{";
    bool first = true;
    for (const auto& layer : layers) {
        auto history = ws.provenance(layer);
        std::vector<std::string> sums;
        for (const auto& p : history) {
            if (p.action == "import" || p.action == "drop") sums.clear();
            if ((p.action == "import" || p.action == "append") && !p.sha256.empty()) sums.push_back(p.sha256);
        }
        o << (first ? "" : ",") << jsonText(layer) << ":{\"rows\":" << ws.countRows(layer) << ",\"sha256\":[";
        for (std::size_t i = 0; i < sums.size(); ++i) o << (i ? "," : "") << jsonText(sums[i]);
        o << "]}";
        first = false;
    }
    o << "}";
    return o.str();
}

std::string registerOutputLayer(gis::Workspace& ws, const std::string& name, const std::string& geometryType,
                                std::int64_t rows, const std::vector<std::string>& inputs, const std::string& what,
                                const std::string& runId, const std::string& startedAt)
{
    const std::string finishedAt = core::nowIsoUtc();
    gis::ProvenanceRecord prov;
    prov.layer = name;
    prov.action = "build";
    prov.sourcePath = ws.path();
    prov.startedAt = startedAt;
    prov.finishedAt = finishedAt;
    prov.rowsRead = prov.rowsImported = rows;
    prov.user = gis::currentUser();
    prov.toolVersion = RISKMAP_VERSION;
    gis::LayerRecord record;
    record.name = name;
    record.kind = "output";
    record.geometryType = geometryType;
    record.classification = strictestClassification(ws, inputs);
    record.legalBasis = "Afgeleid uit de invoerlagen (" + what + ", run " + runId + ")";
    record.featureCount = rows;
    record.updatedAt = finishedAt;
    record.provenanceId = ws.addProvenance(prov);
    ws.registerLayer(record);
    return finishedAt;
}

std::string strictestClassification(gis::Workspace& ws, const std::vector<std::string>& layers)
{
    Classification level = Classification::Openbaar;
    for (const auto& l : layers) {
        if (auto rec = ws.layer(l)) {
            if (auto c = parseClassification(rec->classification); c && *c > level) level = *c;
        }
    }
    return toString(level);
}

std::string newRunId(gis::SpatialiteDb& db, const std::string& prefix, const std::string& startedAt)
{
    const std::int64_t previousRuns = db.queryInt("SELECT count(*) FROM rk_runs").value_or(0);
    std::string stamp = startedAt;
    std::erase_if(stamp, [](char c) { return c == '-' || c == ':'; });
    return prefix + "-" + stamp + "-" + std::to_string(previousRuns + 1);
}

std::string timingsJson(const std::map<std::string, double>& seconds)
{
    std::ostringstream timings;
    timings.precision(6);
    timings << "{";
    bool first = true;
    for (const auto& [k, v] : seconds) {
        timings << (first ? "" : ",") << jsonText(k) << ":" << v;
        first = false;
    }
    timings << "}";
    return timings.str();
}

void insertRun(gis::SpatialiteDb& db, const RunRow& row)
{
    auto run = db.prepare("INSERT INTO rk_runs(run_id, kind, started_at, finished_at, parameters, inputs, model_version,"
                          " timings, report) VALUES (?,?,?,?,?,?,?,?,?)");
    run.bind(1, row.runId).bind(2, row.kind).bind(3, row.startedAt).bind(4, row.finishedAt);
    run.bind(5, row.parameters).bind(6, row.inputs).bind(7, RISKMAP_MODEL_VERSION).bind(8, row.timings);
    run.bind(9, row.report);
    run.run();
}

}  // namespace riskmap::layers::detail
