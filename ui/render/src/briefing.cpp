// SPDX-License-Identifier: GPL-3.0-or-later
// The driehoek briefing: reads only aggregates, through the driehoek export policy, and logs itself.
#include "riskmap/render/briefing.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/audit_log.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/sha256.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/render/layer_style.hpp"
#include "riskmap/render/map_decorations.hpp"
#include "riskmap/render/map_pdf.hpp"
#include "riskmap/render/page_flow.hpp"
#include "riskmap/render/page_sink.hpp"
#include "riskmap/render/snapshot.hpp"

#include <QDate>
#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace riskmap::render {

namespace {

constexpr double kMargin = kPageMargin;
constexpr double kBannerH = kBannerHeight;

std::string quoted(const std::string& name) { return "\"" + name + "\""; }

/// The policy the driehoek gets for a layer, or nullopt when the layer is absent.
/// Throws when the profile refuses it: the briefing never reads what the driehoek may not have.
std::optional<layers::ExportPolicy> policyFor(gis::Workspace& ws, const std::string& layer)
{
    const auto record = ws.layer(layer);
    if (!record || !ws.db().tableExists(layer)) return std::nullopt;
    return layers::decideExportPolicy(layers::Profile::Driehoek, *record, gis::layerColumns(ws.db(), layer));
}

bool allowed(const layers::ExportPolicy& policy, const std::string& column)
{
    return std::find(policy.columns.begin(), policy.columns.end(), column) != policy.columns.end();
}

std::string where(const layers::ExportPolicy& policy)
{
    return policy.rowFilter.empty() ? std::string() : " WHERE " + policy.rowFilter;
}

/// Reads the number array after `"key":[` in a JSON text (our own run reports).
std::vector<double> jsonNumbers(const std::string& json, const std::string& key)
{
    std::vector<double> out;
    const auto at = json.find("\"" + key + "\":[");
    if (at == std::string::npos) return out;
    std::istringstream in(json.substr(at + key.size() + 4, json.find(']', at) - at - key.size() - 4));
    std::string item;
    while (std::getline(in, item, ',')) {
        try {
            out.push_back(std::stod(item));
        } catch (...) {
        }
    }
    return out;
}

/// The object text after `"key":{` (flat objects only).
std::string jsonObject(const std::string& json, const std::string& key)
{
    const auto at = json.find("\"" + key + "\":{");
    if (at == std::string::npos) return {};
    const auto start = at + key.size() + 4;
    return json.substr(start, json.find('}', start) - start);
}

std::string jsonString(const std::string& json, const std::string& key)
{
    const auto at = json.find("\"" + key + "\":\"");
    if (at == std::string::npos) return {};
    const auto start = at + key.size() + 4;
    return json.substr(start, json.find('"', start) - start);
}

/// Dutch words for the opportunity factors (DOMAIN.md); the name itself for unknown ones.
std::string factorWords(const std::string& factor)
{
    static const std::map<std::string, std::string> words = {
        {"vab_250m", "leegkomende agrarische panden (VAB)"},
        {"afstand_oprit_m", "nabij snelwegoprit"},
        {"afstand_woning_m", "ver van woningen"},
        {"n_adressen_500m", "weinig adressen rondom"},
        {"n_risico_vestigingen_250m", "veel risicobranches"},
        {"in_bedrijventerrein", "op een bedrijventerrein"},
        {"in_vakantiepark", "op een vakantiepark"}};
    const auto it = words.find(factor);
    return it == words.end() ? factor : it->second;
}

QString q(const std::string& s) { return QString::fromStdString(s); }

struct ClassCounts {
    std::string runId, startedAt;
    std::vector<double> classes;
};

/// The class counts of the runs of `kind`, oldest first.
std::vector<ClassCounts> runHistory(gis::SpatialiteDb& db, const std::string& kind)
{
    std::vector<ClassCounts> out;
    if (!db.tableExists("rk_runs")) return out;
    auto st = db.prepare("SELECT run_id, started_at, coalesce(report, '') FROM rk_runs WHERE kind = ? ORDER BY started_at, run_id");
    st.bind(1, kind);
    while (st.step()) out.push_back({st.columnText(0), st.columnText(1), jsonNumbers(st.columnText(2), "classes")});
    return out;
}

}  // namespace

std::string suppressedCount(double count, int below)
{
    const auto n = std::llround(count);
    if (n > 0 && n < below) return "<" + std::to_string(below);
    return std::to_string(n);
}

std::vector<BriefBlock> aggregateBlocks(const std::string& workspacePath)
{
    auto ws = gis::Workspace::open(workspacePath, true);
    auto& db = ws.db();
    const auto policy = policyFor(ws, "gelegenheidskaart");
    if (!policy) return {};
    // Contributions are averaged per block to name the strongest factors in words.
    std::vector<std::string> factors;
    for (const auto& c : policy->columns)
        if (c.rfind("bijdrage_", 0) == 0) factors.push_back(c.substr(9));
    const std::string bs = std::to_string(kBriefBlockSize);
    std::string sql = "SELECT CAST(floor((MbrMinX(geom) + MbrMaxX(geom)) / 2 / " + bs + ") AS INTEGER) AS bx, "
                      "CAST(floor((MbrMinY(geom) + MbrMaxY(geom)) / 2 / " + bs + ") AS INTEGER) AS by_, "
                      "avg(gelegenheid_score), avg(gelegenheid_klasse), count(*), total(n_incidenten)";
    for (const auto& f : factors) sql += ", avg(" + quoted("bijdrage_" + f) + ")";
    sql += " FROM gelegenheidskaart" + where(*policy) + " GROUP BY bx, by_";
    std::vector<BriefBlock> blocks;
    std::vector<std::vector<double>> contributions;
    {
        auto st = db.prepare(sql);
        while (st.step()) {
            BriefBlock b;
            b.bx = st.columnInt(0);
            b.by = st.columnInt(1);
            b.meanScore = st.columnDouble(2);
            b.klasse = static_cast<int>(std::lround(st.columnDouble(3)));
            b.cells = st.columnInt(4);
            b.incidents = st.columnDouble(5);
            std::vector<double> c;
            for (std::size_t f = 0; f < factors.size(); ++f) c.push_back(st.isNull(int(6 + f)) ? 0 : st.columnDouble(int(6 + f)));
            blocks.push_back(b);
            contributions.push_back(std::move(c));
        }
    }
    const bool haveAreas = db.tableExists("studiegebied");
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        auto& b = blocks[i];
        std::vector<std::size_t> order(factors.size());
        for (std::size_t k = 0; k < order.size(); ++k) order[k] = k;
        std::sort(order.begin(), order.end(), [&](auto a, auto c) { return contributions[i][a] > contributions[i][c]; });
        std::string reasons;
        for (std::size_t k = 0; k < order.size() && k < 2; ++k) {
            if (contributions[i][order[k]] <= 0) break;
            reasons += (reasons.empty() ? "" : "; ") + factorWords(factors[order[k]]);
        }
        b.reasons = reasons.empty() ? "geen uitschieter in één factor" : reasons;
        if (haveAreas) {
            auto st = db.prepare("SELECT naam FROM studiegebied WHERE ST_Contains(geom, MakePoint(?, ?, 28992)) LIMIT 1");
            st.bind(1, (static_cast<double>(b.bx) + 0.5) * kBriefBlockSize);
            st.bind(2, (static_cast<double>(b.by) + 0.5) * kBriefBlockSize);
            if (st.step()) b.gemeente = st.columnText(0);
        }
    }
    std::sort(blocks.begin(), blocks.end(), [](const BriefBlock& a, const BriefBlock& b) {
        return a.meanScore != b.meanScore ? a.meanScore > b.meanScore : std::tie(a.bx, a.by) < std::tie(b.bx, b.by);
    });
    return blocks;
}

BriefReport writeBriefing(const std::string& workspacePath, const BriefOptions& options)
{
    if (options.profile != layers::Profile::Driehoek)
        throw UsageError("de briefing bestaat alleen in het profiel 'driehoek' (geaggregeerd, zonder persoonsgegevens)");
    const std::string date = options.date.empty() ? QDate::currentDate().toString(Qt::ISODate).toStdString() : options.date;

    auto ws = gis::Workspace::open(workspacePath, false);
    auto& db = ws.db();
    const auto gridPolicy = policyFor(ws, "gelegenheidskaart");
    if (!gridPolicy) throw Error("de workspace heeft geen gelegenheidskaart: draai eerst 'riskmap build'");
    const int below = gridPolicy->suppressCountsBelow;
    const QString banner = q(gridPolicy->banner);
    const auto parkPolicy = policyFor(ws, "risico_bedrijventerreinen");
    const auto zonePolicy = policyFor(ws, "risicozones");
    const auto controlPolicy = policyFor(ws, "controles");
    const std::string auditHash = gis::latestAuditHash(db);

    const auto blocks = aggregateBlocks(workspacePath);

    // Business parks in rank order, only with columns the driehoek may see.
    struct Park {
        std::string naam, gemeente, reasons;
        std::int64_t rang = 0;
    };
    std::vector<Park> parks;
    if (parkPolicy && allowed(*parkPolicy, "naam") && allowed(*parkPolicy, "rang")) {
        auto st = db.prepare("SELECT naam, coalesce(gemeente, ''), rang, aandeel_risico, aandeel_leegstand, verloop, anoniem, "
                             "n_vestigingen FROM risico_bedrijventerreinen" + where(*parkPolicy) + " ORDER BY rang");
        while (st.step()) {
            Park park{st.columnText(0), st.columnText(1), {}, st.columnInt(2)};
            std::vector<std::string> r;
            if (st.columnDouble(3) >= 0.15) r.push_back(std::to_string(std::lround(st.columnDouble(3) * 100)) + " % risicobranches");
            if (st.columnDouble(4) >= 0.10) r.push_back(std::to_string(std::lround(st.columnDouble(4) * 100)) + " % leegstand");
            if (st.columnDouble(5) >= 0.3) r.push_back("veel in- en uitschrijvingen");
            if (st.columnInt(6) != 0) r.push_back("anoniem (geen woning binnen 250 m)");
            r.push_back(suppressedCount(static_cast<double>(st.columnInt(7)), below) + " vestigingen");
            for (const auto& s : r) park.reasons += (park.reasons.empty() ? "" : ", ") + s;
            parks.push_back(park);
        }
    }
    std::vector<std::string> zones;
    if (zonePolicy) {
        const std::string col = allowed(*zonePolicy, "naam") ? "naam" : "NULL";
        auto st = db.prepare("SELECT coalesce(" + col + ", 'zone ' || fid) FROM risicozones" + where(*zonePolicy) + " ORDER BY fid");
        while (st.step()) zones.push_back(st.columnText(0));
    }

    // Planned controls: area and month, nothing else.
    std::vector<std::vector<QString>> controlRows;
    if (controlPolicy && allowed(*controlPolicy, "datum")) {
        const std::string area = allowed(*controlPolicy, "gebied") ? "coalesce(gebied, '')" : "''";
        auto st = db.prepare("SELECT substr(datum, 1, 7), " + area + ", count(*) FROM controles" + where(*controlPolicy) +
                             " GROUP BY 1, 2 ORDER BY 1, 2");
        static const char* months[] = {"januari", "februari", "maart",     "april",   "mei",      "juni",
                                       "juli",    "augustus", "september", "oktober", "november", "december"};
        while (st.step()) {
            const std::string ym = st.columnText(0);
            QString month = q(ym);
            if (ym.size() == 7) {
                const int m = std::atoi(ym.substr(5, 2).c_str());
                if (m >= 1 && m <= 12) month = QStringLiteral("%1 %2").arg(months[m - 1]).arg(q(ym.substr(0, 4)));
            }
            controlRows.push_back({month, q(st.columnText(1)), QString::number(st.columnInt(2))});
        }
    }

    // Key figures per municipality: aggregates of row-level layers, computed here and suppressed.
    struct Municipality {
        std::map<int, std::int64_t> parcelClasses;
        std::int64_t parks = 0;
        std::int64_t incidents = 0;
    };
    std::map<std::string, Municipality> municipalities;
    int classes = 5;
    if (db.tableExists("risico_percelen")) {
        auto st = db.prepare("SELECT coalesce(gemeente, 'onbekend'), risico_klasse, count(*) FROM risico_percelen "
                             "WHERE risico_klasse IS NOT NULL GROUP BY 1, 2");
        while (st.step()) {
            const int k = static_cast<int>(st.columnInt(1));
            classes = std::max(classes, k);
            municipalities[st.columnText(0)].parcelClasses[k] = st.columnInt(2);
        }
    }
    if (parkPolicy && allowed(*parkPolicy, "gemeente")) {
        auto st = db.prepare("SELECT coalesce(gemeente, 'onbekend'), count(*) FROM risico_bedrijventerreinen" + where(*parkPolicy) +
                             " GROUP BY 1");
        while (st.step()) municipalities[st.columnText(0)].parks = st.columnInt(1);
    }
    if (db.tableExists("incidenten") && db.tableExists("studiegebied")) {
        // Police-classified rows stay out, as in every driehoek export.
        const bool rubric = [&] {
            const auto cols = gis::layerColumns(db, "incidenten");
            return std::find(cols.begin(), cols.end(), "rubricering") != cols.end();
        }();
        auto st = db.prepare(std::string("SELECT s.naam, (SELECT count(*) FROM incidenten i WHERE ST_Within(i.geom, s.geom)") +
                             (rubric ? " AND coalesce(i.rubricering, '') <> 'politiegegevens'" : "") +
                             ") FROM studiegebied s");
        while (st.step()) municipalities[st.columnText(0)].incidents = st.columnInt(1);
    }

    // Run history: what changed since the previous opportunity map.
    const auto history = runHistory(db, "gelegenheidskaart");
    const auto parcelHistory = runHistory(db, "build");
    std::string gridParams, rtmMessage, modelVersion = RISKMAP_MODEL_VERSION, referenceDate;
    {
        auto st = db.prepare("SELECT coalesce(parameters, ''), coalesce(model_version, '') FROM rk_runs WHERE kind = "
                             "'gelegenheidskaart' ORDER BY started_at DESC, run_id DESC LIMIT 1");
        if (st.step()) {
            gridParams = st.columnText(0);
            if (!st.columnText(1).empty()) modelVersion = st.columnText(1);
        }
        auto rt = db.prepare("SELECT coalesce(report, '') FROM rk_runs WHERE kind = 'rtm' ORDER BY started_at DESC, run_id DESC LIMIT 1");
        if (rt.step()) rtmMessage = jsonString(rt.columnText(0), "message");
        referenceDate = jsonString(gridParams, "reference_date");
    }

    // ---- drawing -------------------------------------------------------------------------
    PageSink sink(options.outPath, Paper::A4, Orientation::Portrait, 150, "Briefing driehoek");
    const QSizeF size = sink.pageSize();
    const double contentW = size.width() - 2 * kMargin;
    const int pages = 3;
    const QString footer = QStringLiteral("Risicokaart %1 · gegenereerd %2 · profiel driehoek · %3 · audit-hash: %4")
                               .arg(q(modelVersion), q(date), QStringLiteral("Indicatief, geen bewijs"), q(auditHash));

    // Page 1: overview map of the 500 m blocks with business parks and zones.
    {
        QPainter& p = sink.beginPage();
        pageFrame(p, size, banner, footer, 1, pages);
        Flow flow(p, kMargin, kMargin + kBannerH + 10, contentW);
        p.setFont(documentFont(22, true));
        p.drawText(QRectF(kMargin, flow.y(), contentW, 30), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("Briefing driehoek — ondermijningsrisico"));
        flow.skip(32);
        flow.paragraph(QStringLiteral("Datum %1 · peildatum %2 · doel: %3")
                           .arg(q(date), q(referenceDate.empty() ? std::string("onbekend") : referenceDate),
                                q(options.purpose.empty() ? std::string("briefing driehoek") : options.purpose)));
        flow.paragraph(QStringLiteral(
            "De kaart toont de gelegenheidskaart samengevat in blokken van 500 × 500 m (gemiddelde score, klasse 1 = laag "
            "tot 5 = hoog), met de bedrijventerreinen en risicozones. Er staan geen adressen, namen of percelen in deze "
            "briefing."), 10.5);
        MapRenderer renderer(workspacePath);
        std::vector<std::string> names;
        for (const char* n : {"studiegebied", "risicozones", "risico_bedrijventerreinen"})
            if (db.tableExists(n) && ws.layer(n)) names.push_back(n);
        // Only the outline of the study area: the blocks carry the colour.
        auto layers = selectLayers(renderer.defaultLayers(), names);
        // Outlines only, so the blocks beneath stay readable.
        for (auto& l : layers) {
            l.style.kind = StyleKind::Single;
            l.style.symbol.brush = Qt::NoBrush;
            l.style.symbol.stroke = l.name == "studiegebied" ? QColor(40, 40, 40) : QColor(20, 60, 160);
            l.style.symbol.strokeWidth = l.name == "studiegebied" ? 1.2 : 2.5;
            l.style.fallbackLabel.clear();
            if (l.name == "risico_bedrijventerreinen") l.style.title = QStringLiteral("Bedrijventerrein");
            if (l.name == "risicozones") l.style.title = QStringLiteral("Risicozone");
        }
        std::optional<gis::Box> extent = renderer.fullExtent(layers);
        if (!blocks.empty()) {
            gis::Box b{1e18, 1e18, -1e18, -1e18};
            for (const auto& blk : blocks) {
                b.xmin = std::min(b.xmin, double(blk.bx) * kBriefBlockSize);
                b.ymin = std::min(b.ymin, double(blk.by) * kBriefBlockSize);
                b.xmax = std::max(b.xmax, double(blk.bx + 1) * kBriefBlockSize);
                b.ymax = std::max(b.ymax, double(blk.by + 1) * kBriefBlockSize);
            }
            extent = b;
        }
        if (!extent) throw Error("niets om op de overzichtskaart te tekenen");
        const gis::Box padded = paddedBox(*extent, 0.03, 0);
        const double mapBottom = size.height() - kMargin - kBannerH - 40;
        QRectF frame = fitFrame(QRectF(kMargin, flow.y() + 4, contentW, mapBottom - flow.y() - 4), padded);
        frame.moveTop(flow.y() + 4);  // directly under the text, not centred
        const auto& ramp = riskRamp();
        const MapView view = drawMapFrame(
            p, renderer, {}, frame, padded, 150, nullptr, [&](QPainter& painter, const MapView& v) {
                painter.save();
                painter.setPen(Qt::NoPen);
                painter.setOpacity(0.8);
                for (const auto& blk : blocks) {
                    const int k = std::clamp(blk.klasse, 1, 5);
                    const QPointF a = v.toPixel(double(blk.bx) * kBriefBlockSize, double(blk.by + 1) * kBriefBlockSize);
                    const QPointF c = v.toPixel(double(blk.bx + 1) * kBriefBlockSize, double(blk.by) * kBriefBlockSize);
                    painter.fillRect(QRectF(a, c), ramp[static_cast<std::size_t>(k - 1)]);
                }
                painter.restore();
            });
        // The vector layers on top of the blocks, in the same frame.
        drawMapFrame(p, renderer, layers, frame, padded, 150);
        (void)view;
        // Legend for the block classes, then the layers.
        p.save();
        p.setClipRect(frame);
        QRectF legend(frame.left() + 8, frame.top() + 8, 150, 20 + 16 * 5);
        p.fillRect(legend, QColor(255, 255, 255, 230));
        p.setFont(documentFont(10, true));
        p.drawText(QPointF(legend.left() + 6, legend.top() + 14), QStringLiteral("Blok 500 m, klasse"));
        p.setFont(documentFont(10));
        for (int k = 0; k < 5; ++k) {
            const double y = legend.top() + 20 + 16 * k;
            p.fillRect(QRectF(legend.left() + 6, y + 2, 18, 11), ramp[static_cast<std::size_t>(k)]);
            p.drawText(QPointF(legend.left() + 30, y + 12),
                           QStringLiteral("%1%2").arg(k + 1).arg(k == 0 ? " (laag)" : (k == 4 ? " (hoog)" : "")));
        }
        std::vector<RenderLayer> legendLayers;
        for (const auto& l : layers)
            if (l.name != "studiegebied") legendLayers.push_back(l);
        if (!legendLayers.empty()) drawLegend(p, QPointF(legend.left(), legend.bottom() + 6), legendLayers);
        drawNorthArrow(p, QRectF(frame.right() - 44, frame.top() + 8, 36, 48));
        const MapView logical(QPointF((padded.xmin + padded.xmax) / 2, (padded.ymin + padded.ymax) / 2),
                              (padded.xmax - padded.xmin) / frame.width(), QSize(int(frame.width()), int(frame.height())));
        drawScaleBar(p, logical, QPointF(frame.left() + 8, frame.bottom() - 8), 160);
        p.restore();
        p.setFont(documentFont(9));
        p.drawText(QRectF(kMargin, frame.bottom() + 2, contentW, 14), Qt::AlignLeft,
                   QStringLiteral("Coördinaten: RD New (EPSG:28992). Bronnen: BAG, KvK, BRK, incidentregistratie (geaggregeerd)."));
    }

    // Page 2: the ten highest-risk areas, business parks, and what changed.
    {
        QPainter& p = sink.beginPage();
        pageFrame(p, size, banner, footer, 2, pages);
        Flow flow(p, kMargin, kMargin + kBannerH + 10, contentW);
        flow.heading(QStringLiteral("De tien gebieden met het hoogste risico (blokken van 500 m)"));
        std::vector<std::vector<QString>> rows;
        for (std::size_t i = 0; i < blocks.size() && i < 10; ++i) {
            const auto& b = blocks[i];
            rows.push_back({QString::number(i + 1),
                            QStringLiteral("%1 (blok %2, %3)")
                                .arg(q(b.gemeente.empty() ? std::string("buiten gemeenten") : b.gemeente))
                                .arg(b.bx * std::int64_t(kBriefBlockSize) / 1000.0, 0, 'f', 1)
                                .arg(b.by * std::int64_t(kBriefBlockSize) / 1000.0, 0, 'f', 1),
                            QString::number(b.meanScore, 'f', 2), QString::number(b.klasse),
                            q(suppressedCount(b.incidents, below)), q(b.reasons)});
        }
        flow.table({"#", "Gebied (gemeente, RD km)", "Score", "Klasse", "Incidenten", "Waarom"}, rows,
                   {0.35, 3.1, 0.7, 0.7, 0.95, 4.2}, 9);
        flow.paragraph(QStringLiteral("Score: gemiddelde gelegenheidsscore van de 100 m-cellen in het blok. Incidenten: "
                                      "aantal in het blok; aantallen onder %1 staan als \"<%1\".")
                           .arg(below),
                       9);
        if (!parks.empty()) {
            flow.heading(QStringLiteral("Bedrijventerreinen naar risico"));
            std::vector<std::vector<QString>> pr;
            for (std::size_t i = 0; i < parks.size() && i < 10; ++i)
                pr.push_back({QString::number(parks[i].rang), q(parks[i].naam), q(parks[i].gemeente), q(parks[i].reasons)});
            flow.table({"Rang", "Bedrijventerrein", "Gemeente", "Signalen"}, pr, {0.6, 2.4, 1.8, 5.2}, 9.5);
        }
        if (!zones.empty()) {
            QString z;
            for (const auto& s : zones) z += (z.isEmpty() ? "" : ", ") + q(s);
            flow.heading(QStringLiteral("Risicozones"));
            flow.paragraph(z, 10);
        }
        flow.heading(QStringLiteral("Wat is er veranderd sinds de vorige run?"));
        auto describe = [&](const std::vector<ClassCounts>& runs, const QString& what) {
            if (runs.size() < 2 || runs[runs.size() - 2].classes.empty() || runs.back().classes.empty()) {
                flow.paragraph(QStringLiteral("%1: dit is de eerste run; er is nog niets om mee te vergelijken.").arg(what), 10.5);
                return;
            }
            const auto& a = runs[runs.size() - 2].classes;
            const auto& b = runs.back().classes;
            QString text = QStringLiteral("%1 (run %2 tegenover %3): ").arg(what, q(runs.back().runId), q(runs[runs.size() - 2].runId));
            for (std::size_t k = 0; k < std::max(a.size(), b.size()); ++k) {
                const double va = k < a.size() ? a[k] : 0, vb = k < b.size() ? b[k] : 0;
                const auto d = std::llround(vb - va);
                text += QStringLiteral("klasse %1: %2 (%3%4)").arg(k + 1).arg(std::llround(vb)).arg(d >= 0 ? "+" : "").arg(d);
                text += k + 1 < std::max(a.size(), b.size()) ? QStringLiteral("; ") : QStringLiteral(".");
            }
            flow.paragraph(text, 10.5);
        };
        describe(history, QStringLiteral("Gelegenheidskaart, cellen per klasse"));
        describe(parcelHistory, QStringLiteral("Risicokaart, percelen per klasse"));
    }

    // Page 3: planned controls, key figures, methods.
    {
        QPainter& p = sink.beginPage();
        pageFrame(p, size, banner, footer, 3, pages);
        Flow flow(p, kMargin, kMargin + kBannerH + 10, contentW);
        flow.heading(QStringLiteral("Geplande controles"));
        if (controlRows.empty()) flow.paragraph(QStringLiteral("Er zijn (nog) geen controles gepland in deze workspace."), 10.5);
        else flow.table({"Maand", "Gebied", "Controles"}, controlRows, {2, 5, 1.2}, 10);
        flow.heading(QStringLiteral("Kerncijfers per gemeente"));
        std::vector<QString> header{"Gemeente"};
        std::vector<double> weights{2.4};
        for (int k = 1; k <= classes; ++k) {
            header.push_back(QStringLiteral("Perc. kl. %1").arg(k));
            weights.push_back(1);
        }
        header.push_back("Bedr.terr.");
        header.push_back("Incidenten");
        weights.push_back(1);
        weights.push_back(1);
        std::vector<std::vector<QString>> rows;
        for (const auto& [name, m] : municipalities) {
            std::vector<QString> row{q(name)};
            for (int k = 1; k <= classes; ++k) {
                const auto it = m.parcelClasses.find(k);
                row.push_back(q(suppressedCount(it == m.parcelClasses.end() ? 0 : double(it->second), below)));
            }
            row.push_back(q(suppressedCount(double(m.parks), below)));
            row.push_back(q(suppressedCount(double(m.incidents), below)));
            rows.push_back(row);
        }
        flow.table(header, rows, weights, 9.5);
        flow.paragraph(QStringLiteral("Percelen per risicoklasse (1 = laag, 5 = hoog), bedrijventerreinen en incidenten "
                                      "(alle jaren in de workspace). Aantallen onder %1 staan als \"<%1\".")
                           .arg(below),
                       9);
        std::vector<QString> methods;
        const std::string weights2 = jsonObject(gridParams, "weights");
        if (!weights2.empty()) {
            QString w;
            std::istringstream in(weights2);
            std::string item;
            while (std::getline(in, item, ',')) {
                const auto colon = item.find(':');
                if (colon == std::string::npos) continue;
                std::string name = item.substr(0, colon);
                name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
                w += (w.isEmpty() ? "" : "; ") + q(factorWords(name)) + QStringLiteral(" (gewicht ") + q(item.substr(colon + 1)) + ")";
            }
            methods.push_back(QStringLiteral("Indicatoren van de gelegenheidskaart: ") + w + ".");
        }
        methods.push_back(QStringLiteral("Elke indicator wordt genormaliseerd (rangorde) en gewogen opgeteld; de klassen zijn "
                                         "kwintielen. Blokken van 500 m middelen de 100 m-cellen."));
        methods.push_back(QStringLiteral("Modelversie %1; peildatum %2.")
                              .arg(q(modelVersion), q(referenceDate.empty() ? std::string("onbekend") : referenceDate)));
        if (!rtmMessage.empty()) methods.push_back(QStringLiteral("Risk Terrain Modeling: ") + q(rtmMessage));
        methods.push_back(QStringLiteral("Indicatief, geen bewijs: de kaart wijst gebieden aan voor nader onderzoek, niet "
                                         "personen of bedrijven."));
        methods.push_back(QStringLiteral("Laatste audit-hash bij het maken van deze briefing: ") + q(auditHash));
        flow.box(QStringLiteral("Methode"), methods);
    }
    sink.finish();

    BriefReport report;
    report.files = sink.files();
    report.pages = sink.pageCount();
    report.printedAuditHash = auditHash;
    report.topBlocks.assign(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(10, blocks.size())));
    std::string details = "pagina's " + std::to_string(report.pages);
    if (std::filesystem::path(report.files.front()).extension() == ".pdf")
        details += ", sha256 " + gis::sha256File(report.files.front());
    gis::Transaction tx(db);
    const auto entry = gis::appendAudit(db, "brief", report.files.front(), "driehoek", options.purpose, details);
    tx.commit();
    report.auditSeq = entry.seq;
    return report;
}

}  // namespace riskmap::render
