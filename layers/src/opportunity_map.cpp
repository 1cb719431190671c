// SPDX-License-Identifier: GPL-3.0-or-later
// Computing and writing the gelegenheidskaart.
#include "riskmap/layers/opportunity_map.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/stats/classify.hpp"
#include "riskmap/core/stats/getis_ord.hpp"
#include "riskmap/core/stats/kde.hpp"
#include "riskmap/gis/bulk_load.hpp"
#include "riskmap/gis/grid_raster_writer.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/layers/previous_run.hpp"
#include "run_record.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <sstream>

namespace riskmap::layers {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// |w| · normalised(sign(w)·x): a negative weight makes low values risky. Empty values contribute 0.
std::vector<double> contribution(const std::vector<std::optional<double>>& values, double weight, Normalisation how)
{
    std::vector<double> x(values.size(), kNaN);
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i]) x[i] = weight < 0 ? -*values[i] : *values[i];
    std::vector<double> out = how == Normalisation::Rank ? core::stats::rankNormalise(x) : core::stats::zScoreNormalise(x);
    for (double& v : out) v = std::isfinite(v) ? std::fabs(weight) * v : 0.0;
    return out;
}

}  // namespace

std::vector<std::string> opportunityColumns(const OpportunitySettings& settings)
{
    std::vector<std::string> c{"cel_id"};
    for (const auto& f : settings.factors) c.push_back(f.name);
    for (const auto& f : settings.factors) c.push_back("bijdrage_" + f.name);
    for (const char* n : {"gelegenheid_score", "gelegenheid_klasse", "n_incidenten", "kde", "gi_z", "gi_p", "gi_bin", "run_id",
                          "vorige_score", "verschil_score", "vorige_klasse", "vorige_run_id"})
        c.emplace_back(n);
    return c;
}

std::string opportunityGeoTiffPath(const std::string& workspacePath)
{
    return workspacePath + ".cache/gelegenheidskaart.tif";
}

OpportunityGrid computeOpportunityGrid(gis::Workspace& ws, const OpportunitySettings& settings,
                                       const core::Date& reference, core::Feedback& feedback)
{
    auto& db = ws.db();
    OpportunityGrid out;
    out.grid = buildStudyGrid(db, settings.cellSize, feedback, settings.cellShape);
    const std::size_t n = out.grid.size();
    const gis::FeatureSet centres = out.grid.centres();
    out.factors = computeIndicators(db, centres, settings.factorEngineSettings(), reference, feedback);

    feedback.beginStage("gelegenheidsscore");
    out.score.assign(n, 0.0);
    for (const auto& spec : out.factors.specs) {
        const std::size_t k = out.contributions.size();
        out.contributions.push_back(contribution(out.factors.values[k], settings.weight(spec.name), settings.normalisation));
        for (std::size_t i = 0; i < n; ++i) out.score[i] += out.contributions[k][i];
    }
    out.klasse.assign(n, 1);
    if (n > 0) {
        out.breaks = settings.breaks == ClassBreaks::Jenks ? core::stats::jenksBreaks(out.score, settings.classes)
                                                           : core::stats::quantileBreaks(out.score, settings.classes);
        for (std::size_t i = 0; i < n; ++i) out.klasse[i] = core::stats::classOf(out.score[i], out.breaks);
    }

    feedback.beginStage("incidenten: kerndichtheid en hotspots");
    const auto points = incidentsInWindow(db, reference, settings.incidentYears);
    out.incidentCount = points.size();
    out.incidents = countPerCell(out.grid, points);
    out.kde.assign(n, kNaN);
    out.giZ.assign(n, kNaN);
    out.giP.assign(n, kNaN);
    out.giBin.assign(n, 0);
    if (settings.bandwidth) {
        out.bandwidth = *settings.bandwidth;
    } else if (points.size() > static_cast<std::size_t>(settings.kdeNeighbours)) {
        try {
            out.bandwidth = core::stats::suggestBandwidth(points, settings.kdeNeighbours);
            out.bandwidthSuggested = true;
        } catch (const InputError& e) {
            out.note = std::string("geen bandbreedte voor de kerndichtheid: ") + e.what();
        }
    } else {
        out.note = "te weinig incidenten (" + std::to_string(points.size()) + ") om een bandbreedte voor te stellen; "
                   "geef [kde] bandwidth op";
    }
    if (out.bandwidth > 0 && n > 0 && out.grid.hexagons()) {
        std::vector<core::stats::Point2> sites(n);
        for (std::size_t k = 0; k < n; ++k) sites[k] = out.grid.centre(k);
        out.kde = core::stats::quarticDensityAt(sites, points, out.bandwidth, {}, &feedback);
    } else if (out.bandwidth > 0 && n > 0) {
        const auto density = core::stats::quarticDensity(out.grid.spec, points, out.bandwidth, {}, &feedback);
        for (std::size_t k = 0; k < n; ++k) out.kde[k] = density[out.grid.cells[k]];
    }
    out.hotspotDistance = settings.hotspotDistance.value_or(out.bandwidth);
    if (out.hotspotDistance > 0 && n > 0) {
        core::stats::GiStarOptions gi;
        gi.distance = out.hotspotDistance;
        gi.fdr = settings.fdr;
        if (out.grid.hexagons()) {
            // The same inclusive centre-to-centre band; a band of one hexagon width (1.0746·cell
            // size) is exactly the cell and its six adjacent hexagons.
            const auto r = core::stats::getisOrdGiStar(out.incidents, out.grid.neighboursWithin(gi.distance), gi.fdr);
            out.giZ = r.z;
            out.giP = r.pAdjusted;
            out.giBin.assign(r.bin.begin(), r.bin.end());
        } else {
            const auto full = out.grid.toFullGrid(out.incidents);
            const auto r = core::stats::getisOrdGiStar(out.grid.spec, full, gi);
            for (std::size_t k = 0; k < n; ++k) {
                const std::size_t c = out.grid.cells[k];
                out.giZ[k] = r.z[c];
                out.giP[k] = r.pAdjusted[c];
                out.giBin[k] = r.bin[c];
            }
        }
    }
    feedback.checkCancelled();
    return out;
}

OpportunityMapReport buildOpportunityMap(gis::Workspace& ws, const OpportunitySettings& settings,
                                         const core::Date& reference, core::Feedback& feedback)
{
    using detail::jsonNumber;
    using detail::jsonText;
    const auto started = Clock::now();
    const std::string startedAt = core::nowIsoUtc();
    auto& db = ws.db();
    OpportunityMapReport report;

    auto t = Clock::now();
    const OpportunityGrid g = computeOpportunityGrid(ws, settings, reference, feedback);
    report.seconds["berekenen"] = since(t);
    report.cells = static_cast<std::int64_t>(g.grid.size());
    report.incidents = g.incidentCount;
    report.bandwidth = g.bandwidth;
    report.bandwidthSuggested = g.bandwidthSuggested;
    report.hotspotDistance = g.hotspotDistance;
    report.note = g.note;

    t = Clock::now();
    feedback.beginStage("gelegenheidskaart schrijven", g.grid.size());
    report.runId = detail::newRunId(db, "grid", startedAt);
    std::vector<gis::ColumnDef> columns{{"cel_id", "TEXT"}};
    for (const auto& s : g.factors.specs) columns.push_back({s.name, s.integerValued() ? "INTEGER" : "REAL"});
    for (const auto& s : g.factors.specs) columns.push_back({"bijdrage_" + s.name, "REAL"});
    for (auto [name, type] : {std::pair{"gelegenheid_score", "REAL"}, {"gelegenheid_klasse", "INTEGER"},
                              {"n_incidenten", "INTEGER"}, {"kde", "REAL"}, {"gi_z", "REAL"}, {"gi_p", "REAL"},
                              {"gi_bin", "INTEGER"}, {"run_id", "TEXT"}, {"vorige_score", "REAL"},
                              {"verschil_score", "REAL"}, {"vorige_klasse", "INTEGER"}, {"vorige_run_id", "TEXT"}})
        columns.push_back({name, type});
    std::vector<std::string> names;
    for (const auto& c : columns) names.push_back(c.name);

    auto number = [](double v) -> gis::FieldValue {
        if (!std::isfinite(v)) return std::monostate{};
        return v;
    };
    gis::Transaction tx(db);
    // Read before createLayerTable drops the old layer; matched on cel_id (a changed grid gives new cells).
    PreviousRun previous = PreviousRun::read(db, "gelegenheidskaart", "cel_id", "gelegenheid_score", "gelegenheid_klasse");
    ws.createLayerTable("gelegenheidskaart", columns, "POLYGON");
    gis::BulkLoad bulk(db, "gelegenheidskaart");  // per-row geometry triggers off until finish()
    gis::LayerWriter writer(db, "gelegenheidskaart", names, true);
    report.classCounts.assign(static_cast<std::size_t>(settings.classes), 0);
    std::vector<gis::FieldValue> row;
    for (std::size_t i = 0; i < g.grid.size(); ++i) {
        row.clear();
        row.emplace_back(g.grid.cellId(i));
        for (std::size_t k = 0; k < g.factors.specs.size(); ++k) {
            const auto& v = g.factors.values[k][i];
            if (!v) row.emplace_back();
            else if (g.factors.specs[k].integerValued()) row.emplace_back(static_cast<std::int64_t>(std::llround(*v)));
            else row.emplace_back(*v);
        }
        for (std::size_t k = 0; k < g.contributions.size(); ++k) row.emplace_back(g.contributions[k][i]);
        row.emplace_back(g.score[i]);
        row.emplace_back(static_cast<std::int64_t>(g.klasse[i]));
        row.emplace_back(static_cast<std::int64_t>(std::llround(g.incidents[i])));
        row.push_back(number(g.kde[i]));
        row.push_back(number(g.giZ[i]));
        row.push_back(number(g.giP[i]));
        row.emplace_back(static_cast<std::int64_t>(g.giBin[i]));
        row.emplace_back(report.runId);
        const std::string cellId = g.grid.cellId(i);
        const PreviousValue* old = previous.find(cellId);
        appendPreviousColumns(row, old, g.score[i]);
        previous.count(cellId, g.klasse[i], report.changes);
        writer.insert(row, g.grid.polygon(i));
        if (g.klasse[i] >= 1 && g.klasse[i] <= settings.classes) ++report.classCounts[static_cast<std::size_t>(g.klasse[i] - 1)];
        if (g.giBin[i] > 0) ++report.hotCells;
        if (g.giBin[i] < 0) ++report.coldCells;
        feedback.advance();
        if (i % 1024 == 0) feedback.checkCancelled();
    }
    previous.finish(report.changes);
    feedback.beginStage("gelegenheidskaart: geometrieën controleren");
    bulk.finish();
    feedback.beginStage("gelegenheidskaart: ruimtelijke index");
    ws.ensureSpatialIndex("gelegenheidskaart");
    report.seconds["laag_schrijven"] = since(t);

    t = Clock::now();
    feedback.beginStage("GeoTIFF schrijven");
    report.geotiffPath = opportunityGeoTiffPath(ws.path());
    gis::GridRasterSpec rs;
    rs.width = static_cast<int>(g.grid.spec.cols);
    rs.height = static_cast<int>(g.grid.spec.rows);
    rs.left = g.grid.spec.left;
    rs.top = g.grid.spec.top;
    rs.cellSize = g.grid.spec.cellSize;
    auto band = [&](const char* name, const std::vector<double>& perCell) {
        gis::GridBand b{name, {}};
        const auto full = g.grid.rasterise(perCell);
        b.values.assign(full.begin(), full.end());
        return b;
    };
    std::vector<double> klasse(g.klasse.begin(), g.klasse.end());
    if (g.grid.size() > 0)
        gis::writeGridGeoTiff(report.geotiffPath, rs,
                              {band("gelegenheid_score", g.score), band("gelegenheid_klasse", klasse), band("kde", g.kde),
                               band("gi_z", g.giZ)});
    report.seconds["geotiff"] = since(t);
    report.seconds["totaal"] = since(started);
    feedback.beginStage("gelegenheidskaart: vastleggen");

    // computeIndicators lists percelen as its subjects; here the subjects are cell centres.
    std::vector<std::string> used = g.factors.layersUsed;
    std::erase(used, std::string("percelen"));
    used.push_back(g.grid.areaLayer);
    if (db.tableExists("incidenten")) used.push_back("incidenten");
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());

    const std::string finishedAt =
        detail::registerOutputLayer(ws, "gelegenheidskaart", "POLYGON", report.cells, used, "gelegenheidskaart", report.runId, startedAt);

    std::ostringstream summary;
    summary << "{\"reference_date\":" << jsonText(core::formatIsoDate(reference)) << ",\"cells\":" << report.cells
            << ",\"area_layer\":" << jsonText(g.grid.areaLayer) << ",\"grid\":{\"shape\":\""
            << (g.grid.hexagons() ? "hexagon" : "square") << "\",\"left\":" << jsonNumber(g.grid.spec.left)
            << ",\"top\":" << jsonNumber(g.grid.spec.top) << ",\"cell_size\":" << jsonNumber(g.grid.spec.cellSize)
            << ",\"cols\":" << g.grid.spec.cols << ",\"rows\":" << g.grid.spec.rows << "},\"incidents\":" << report.incidents
            << ",\"kde_bandwidth\":" << jsonNumber(report.bandwidth)
            << ",\"kde_bandwidth_suggested\":" << (report.bandwidthSuggested ? "true" : "false")
            << ",\"kde_k\":" << settings.kdeNeighbours << ",\"gi_distance\":" << jsonNumber(report.hotspotDistance)
            << ",\"fdr\":" << (settings.fdr ? "true" : "false") << ",\"breaks\":[";
    for (std::size_t c = 0; c < g.breaks.size(); ++c) summary << (c ? "," : "") << jsonNumber(g.breaks[c]);
    summary << "],\"classes\":[";
    for (std::size_t c = 0; c < report.classCounts.size(); ++c) summary << (c ? "," : "") << report.classCounts[c];
    summary << "],\"hot_cells\":" << report.hotCells << ",\"cold_cells\":" << report.coldCells
            << ",\"geotiff\":" << jsonText(report.geotiffPath) << ",\"note\":" << jsonText(report.note) << "}";
    detail::insertRun(db, {report.runId, "gelegenheidskaart", startedAt, finishedAt,
                           "{\"reference_date\":" + jsonText(core::formatIsoDate(reference)) +
                               ",\"settings\":" + settings.toJson() + "}",
                           detail::inputChecksums(ws, used), detail::timingsJson(report.seconds), summary.str()});
    tx.commit();
    return report;
}

}  // namespace riskmap::layers
