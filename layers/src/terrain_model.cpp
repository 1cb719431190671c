// SPDX-License-Identifier: GPL-3.0-or-later
// RTM candidates on the grid, the fit, its report and the carry-over to parcels.
#include "riskmap/layers/terrain_model.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/geos_ops.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "heap_trim.hpp"
#include "run_record.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>
#include <sstream>

namespace riskmap::layers {
namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

const std::vector<double> kNear = {100, 150, 200, 250, 300, 350, 400, 450, 500};

std::string fmt(double v, const char* f = "%.3f")
{
    char buf[48];
    std::snprintf(buf, sizeof buf, f, v);
    return buf;
}

/// Area-weighted mean of the cell risk over the kept cells a parcel covers; NaN when none.
double parcelRisk(const gis::Wkb& parcel, const StudyGrid& grid, const std::vector<double>& fullRisk)
{
    const gis::PreparedArea area(parcel);
    const auto& env = area.envelope();
    const auto& s = grid.spec;
    const auto clampIndex = [](double v, std::size_t n) {
        return static_cast<std::size_t>(std::clamp(v, 0.0, static_cast<double>(n) - 1.0));
    };
    if (env.maxX < s.left || env.minY > s.top) return std::numeric_limits<double>::quiet_NaN();
    const std::size_t c0 = clampIndex(std::floor((env.minX - s.left) / s.cellSize), s.cols);
    const std::size_t c1 = clampIndex(std::floor((env.maxX - s.left) / s.cellSize), s.cols);
    const std::size_t r0 = clampIndex(std::floor((s.top - env.maxY) / s.cellSize), s.rows);
    const std::size_t r1 = clampIndex(std::floor((s.top - env.minY) / s.cellSize), s.rows);
    double weighted = 0, total = 0;
    for (std::size_t r = r0; r <= r1; ++r) {
        for (std::size_t c = c0; c <= c1; ++c) {
            const double risk = fullRisk[s.index(c, r)];
            if (!std::isfinite(risk)) continue;
            const double x0 = s.left + static_cast<double>(c) * s.cellSize, y1 = s.top - static_cast<double>(r) * s.cellSize;
            const gis::Wkb cell = gis::polygonWkb({{{x0, y1 - s.cellSize}, {x0 + s.cellSize, y1 - s.cellSize},
                                                    {x0 + s.cellSize, y1}, {x0, y1}, {x0, y1 - s.cellSize}}});
            double a = 0;
            if (area.covers(cell)) a = s.cellSize * s.cellSize;
            else if (auto clip = area.clip(cell)) a = gis::areaOf(*clip);
            weighted += a * risk;
            total += a;
        }
    }
    return total > 0 ? weighted / total : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

std::vector<core::stats::RtmCandidate> rtmCandidates(gis::SpatialiteDb& db, const StudyGrid& grid,
                                                     const OpportunitySettings& settings, const core::Date& reference,
                                                     core::Feedback& feedback)
{
    using K = IndicatorKind;
    const auto defaults = defaultOpportunityFactors();
    auto base = [&](const std::string& name) {
        return *std::find_if(defaults.begin(), defaults.end(), [&](const auto& f) { return f.name == name; });
    };
    // One indicator per (factor, distance); the operationalisations are derived from its values.
    struct Planned { std::string factor; std::string op; double distance; std::size_t column; };
    std::vector<IndicatorSpec> specs;
    std::vector<Planned> plan;
    auto addSpec = [&](IndicatorSpec s, const std::string& name, double distance) {
        s.name = name;
        s.distance = distance;
        specs.push_back(std::move(s));
        return specs.size() - 1;
    };
    for (double d : kNear) {
        const auto c = addSpec(base("vab_250m"), "vab_" + fmt(d, "%.0f"), d);
        plan.push_back({"vab", "nabijheid", d, c});
        plan.push_back({"vab", "dichtheid", d, c});
    }
    {
        const auto c = addSpec(base("afstand_oprit_m"), "oprit", 0);
        for (double d : {1000.0, 2000.0, 3000.0, 4000.0, 5000.0}) plan.push_back({"oprit", "nabijheid", d, c});
        plan.push_back({"oprit", "afstand_km", 0, c});
    }
    for (double d : kNear)
        plan.push_back({"adressen", "log_dichtheid", d, addSpec(base("n_adressen_500m"), "adressen_" + fmt(d, "%.0f"), d)});
    for (double d : kNear) {
        const auto c = addSpec(base("n_risico_vestigingen_250m"), "risicovest_" + fmt(d, "%.0f"), d);
        plan.push_back({"risicovolle_vestigingen", "nabijheid", d, c});
        plan.push_back({"risicovolle_vestigingen", "dichtheid", d, c});
    }
    for (const auto& [factor, layer] : {std::pair<std::string, std::string>{"bedrijventerrein", "bedrijventerreinen"},
                                        {"vakantiepark", "vakantieparken"}}) {
        for (double d : {0.0, 100.0, 200.0, 300.0, 400.0, 500.0}) {
            IndicatorSpec s;
            s.kind = K::CountWithin;
            s.layer = layer;
            s.builtIn = true;  // an absent layer leaves the column empty instead of failing
            plan.push_back({factor, "nabijheid", d, addSpec(s, factor + "_" + fmt(d, "%.0f"), d)});
        }
    }
    OpportunitySettings s = settings;
    s.factors = specs;
    const gis::FeatureSet centres = grid.centres();
    IndicatorTable table = computeIndicators(db, centres, s.factorEngineSettings(), reference, feedback);

    std::vector<core::stats::RtmCandidate> out;
    for (std::size_t k = 0; k < plan.size(); ++k) {
        const auto& p = plan[k];
        // The plan uses each indicator column in one run: free it after its last candidate,
        // so the indicator table and the candidates are not both held in full (GBs at scale L).
        struct Release {
            IndicatorTable& t;
            const std::vector<Planned>& plan;
            std::size_t k;
            ~Release()
            {
                if (k + 1 == plan.size() || plan[k + 1].column != plan[k].column)
                    std::vector<std::optional<double>>().swap(t.values[plan[k].column]);
            }
        } release{table, plan, k};
        const auto& col = table.values[p.column];
        if (std::any_of(col.begin(), col.end(), [](const auto& v) { return !v.has_value(); })) continue;  // absent layer
        core::stats::RtmCandidate c{p.factor, p.op, p.distance, std::vector<double>(col.size())};
        for (std::size_t i = 0; i < col.size(); ++i) {
            const double v = *col[i];
            if (p.op == "nabijheid") c.values[i] = p.factor == "oprit" ? (v <= p.distance ? 1.0 : 0.0) : (v > 0 ? 1.0 : 0.0);
            else if (p.op == "dichtheid") c.values[i] = v;
            else if (p.op == "log_dichtheid") c.values[i] = std::log1p(v);
            else c.values[i] = v / 1000.0;  // afstand_km
        }
        // A column that is the same in every cell cannot explain anything.
        if (std::all_of(c.values.begin(), c.values.end(), [&](double v) { return v == c.values.front(); })) continue;
        out.push_back(std::move(c));
    }
    return out;
}

std::string formatRtmReport(const core::stats::RtmReport& r)
{
    std::ostringstream o;
    o << "Risicoterreinmodel (RTM) op " << r.cells << " rastercellen, " << fmt(r.incidents, "%.0f") << " incidenten\n";
    o << "  " << r.message << '\n';
    if (!r.modelFitted) {
        o << "  Geen model: de expertgewichten bepalen de risicokaart.\n";
        return o.str();
    }
    o << "  model: " << (r.family == core::stats::GlmFamily::Poisson ? "Poisson" : "negatief binomiaal")
      << "  (BIC Poisson " << fmt(r.bicPoisson, "%.1f") << ", BIC negatief binomiaal " << fmt(r.bicNegativeBinomial, "%.1f")
      << ")\n";
    o << "  intercept " << fmt(r.intercept, "%.4f");
    if (r.family != core::stats::GlmFamily::Poisson) o << ", theta " << fmt(r.theta, "%.3f");
    o << ", log-likelihood " << fmt(r.logLikelihood, "%.1f") << ", AIC " << fmt(r.aic, "%.1f") << ", BIC "
      << fmt(r.bic, "%.1f") << '\n';
    o << "  factor                   operationalisatie  afstand   coef.      RRV   95%-interval      p\n";
    for (const auto& f : r.factors) {
        char line[256];
        std::snprintf(line, sizeof line, "  %-24s %-17s %7.0f %8.4f %8.3f   %.3f-%.3f  %8.2g\n", f.factor.c_str(),
                      f.operationalisation.c_str(), f.distance, f.coefficient, f.rrv, f.rrvLower, f.rrvUpper, f.pValue);
        o << line;
    }
    if (r.factors.empty()) o << "  (geen factor bleef over; de kaart is vlak)\n";
    o << "  na stap 1 (elastic net, " << r.folds << "-voudige kruisvalidatie):";
    for (const auto& c : r.candidatesAfterStep1) o << ' ' << c;
    o << '\n';
    return o.str();
}

std::string rtmReportJson(const core::stats::RtmReport& r, const std::string& text)
{
    using detail::jsonNumber;
    using detail::jsonText;
    std::ostringstream o;
    o << "{\"model_fitted\":" << (r.modelFitted ? "true" : "false") << ",\"message\":" << jsonText(r.message)
      << ",\"family\":\"" << (r.family == core::stats::GlmFamily::Poisson ? "poisson" : "negative_binomial")
      << "\",\"cells\":" << r.cells << ",\"incidents\":" << jsonNumber(r.incidents)
      << ",\"intercept\":" << jsonNumber(r.intercept) << ",\"theta\":" << jsonNumber(r.theta)
      << ",\"log_likelihood\":" << jsonNumber(r.logLikelihood) << ",\"aic\":" << jsonNumber(r.aic)
      << ",\"bic\":" << jsonNumber(r.bic) << ",\"bic_poisson\":" << jsonNumber(r.bicPoisson)
      << ",\"bic_negative_binomial\":" << jsonNumber(r.bicNegativeBinomial) << ",\"factors\":[";
    for (std::size_t i = 0; i < r.factors.size(); ++i) {
        const auto& f = r.factors[i];
        o << (i ? "," : "") << "{\"factor\":" << jsonText(f.factor) << ",\"operationalisation\":"
          << jsonText(f.operationalisation) << ",\"distance\":" << jsonNumber(f.distance)
          << ",\"coefficient\":" << jsonNumber(f.coefficient) << ",\"standard_error\":" << jsonNumber(f.standardError)
          << ",\"rrv\":" << jsonNumber(f.rrv) << ",\"rrv_lower\":" << jsonNumber(f.rrvLower)
          << ",\"rrv_upper\":" << jsonNumber(f.rrvUpper) << ",\"p\":" << jsonNumber(f.pValue) << "}";
    }
    o << "],\"folds\":" << r.folds << ",\"candidates_after_step1\":[";
    for (std::size_t i = 0; i < r.candidatesAfterStep1.size(); ++i) o << (i ? "," : "") << jsonText(r.candidatesAfterStep1[i]);
    o << "],\"tekst\":" << jsonText(text) << "}";
    return o.str();
}

std::string latestRtmReportText(gis::SpatialiteDb& db)
{
    return db.queryText("SELECT json_extract(report, '$.tekst') FROM rk_runs WHERE kind = 'rtm' "
                        "ORDER BY started_at DESC, rowid DESC LIMIT 1")
        .value_or("");
}

TerrainModelReport buildRiskTerrainModel(gis::Workspace& ws, const OpportunitySettings& settings,
                                         const core::Date& reference, core::Feedback& feedback)
{
    const auto started = Clock::now();
    const std::string startedAt = core::nowIsoUtc();
    auto& db = ws.db();
    TerrainModelReport report;

    auto t = Clock::now();
    const StudyGrid grid = buildStudyGrid(db, settings.cellSize, feedback);
    report.cells = grid.size();
    const auto points = incidentsInWindow(db, reference, settings.rtmYears.value_or(settings.incidentYears));
    const auto counts = countPerCell(grid, points);
    auto candidates = rtmCandidates(db, grid, settings, reference, feedback);
    detail::releaseFreedMemory();  // the indicator engine's working memory, GBs at scale L
    report.seconds["kandidaten"] = since(t);

    t = Clock::now();
    feedback.beginStage("risicoterreinmodel schatten");
    core::stats::RtmOptions options;
    options.minIncidents = settings.rtmMinIncidents;
    options.seed = settings.rtmSeed;
    // Isolation (few addresses) and distance to an oprit raise risk through a negative coefficient.
    options.positiveOnly = false;
    if (candidates.empty()) {
        report.model.cells = grid.size();
        report.model.message = "Geen kandidaatfactoren (lagen ontbreken); de expertgewichten bepalen de kaart.";
    } else {
        report.model = core::stats::fitRiskTerrainModelReleasing(candidates, counts, options, &feedback);
    }
    report.seconds["model"] = since(t);
    if (report.model.modelFitted) {
        report.seconds["model_kruisvalidatie"] = report.model.secondsScreening;
        report.seconds["model_bic_poisson"] = report.model.secondsBicPoisson;
        report.seconds["model_bic_negbin"] = report.model.secondsBicNegativeBinomial;
    }

    t = Clock::now();
    std::vector<double> fullRisk;
    if (report.model.modelFitted && !report.model.cellRisk.empty()) {
        const double lowest = *std::min_element(report.model.cellRisk.begin(), report.model.cellRisk.end());
        std::vector<double> risk(report.model.cellRisk);
        for (double& r : risk) r /= lowest;
        fullRisk = grid.toFullGrid(risk);
    }
    gis::Transaction tx(db);
    if (db.tableExists("risico_percelen")) {
        feedback.beginStage("risico_percelen inlezen");
        const auto parcels = gis::FeatureSet::load(db, "risico_percelen", {"perceel_id"}, true);
        std::vector<double> perParcel(parcels.size(), std::numeric_limits<double>::quiet_NaN());
        if (!fullRisk.empty()) {
            feedback.beginStage("rtm_risico per perceel", parcels.size());
            std::mutex errorMutex;
            std::string firstError;
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, parcels.size(), 64),
                              [&](const tbb::blocked_range<std::size_t>& range) {
                                  if (feedback.isCancelled()) return;
                                  try {
                                      for (std::size_t i = range.begin(); i != range.end(); ++i)
                                          if (!parcels.wkb(i).empty())
                                              perParcel[i] = parcelRisk(parcels.wkb(i), grid, fullRisk);
                                  } catch (const std::exception& e) {
                                      std::lock_guard lock(errorMutex);
                                      if (firstError.empty()) firstError = e.what();
                                      feedback.cancel();
                                  }
                                  feedback.advance(range.size());
                              });
            if (!firstError.empty()) throw GeosError("rtm_risico per perceel: " + firstError);
            feedback.checkCancelled();
        }
        bool hasColumn = false;
        {
            hasColumn = db.queryInt("SELECT count(*) FROM pragma_table_info('risico_percelen') WHERE name = 'rtm_risico'")
                            .value_or(0) > 0;
        }
        if (!hasColumn) db.exec("ALTER TABLE risico_percelen ADD COLUMN rtm_risico REAL");
        auto update = db.prepare("UPDATE risico_percelen SET rtm_risico = ? WHERE fid = ?");
        feedback.beginStage("rtm_risico opslaan", parcels.size());
        for (std::size_t i = 0; i < parcels.size(); ++i) {
            if (std::isfinite(perParcel[i])) {
                update.bind(1, perParcel[i]);
                ++report.parcelsWithRisk;
            } else {
                update.bind(1, nullptr);
            }
            update.bind(2, parcels.fid(i));
            update.run();
            update.reset();
            feedback.advance();
        }
    }
    report.seconds["percelen"] = since(t);
    report.seconds["totaal"] = since(started);

    feedback.beginStage("risicoterreinmodel vastleggen");
    report.text = formatRtmReport(report.model);
    report.runId = detail::newRunId(db, "rtm", startedAt);
    std::vector<std::string> used{"incidenten", "panden", "opritten", "verblijfsobjecten", "vestigingen",
                                  "bedrijventerreinen", "vakantieparken", grid.areaLayer};
    std::erase_if(used, [&](const std::string& l) { return !db.tableExists(l); });
    std::sort(used.begin(), used.end());
    used.erase(std::unique(used.begin(), used.end()), used.end());
    detail::insertRun(db, {report.runId, "rtm", startedAt, core::nowIsoUtc(),
                           "{\"reference_date\":" + detail::jsonText(core::formatIsoDate(reference)) +
                               ",\"settings\":" + settings.toJson() + "}",
                           detail::inputChecksums(ws, used), detail::timingsJson(report.seconds),
                           rtmReportJson(report.model, report.text)});
    tx.commit();
    return report;
}

}  // namespace riskmap::layers
