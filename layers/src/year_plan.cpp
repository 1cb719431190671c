// SPDX-License-Identifier: GPL-3.0-or-later
// The year plan: candidates, exact selection, seeded samples, routes, partners and the output layers.
#include "riskmap/layers/year_plan.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/geos_ops.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/layer_writer.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/layers/address_risk.hpp"
#include "riskmap/layers/control_history.hpp"
#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/plan_settings_record.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>

namespace riskmap::layers {
namespace {

namespace pl = core::planner;
using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string fmt(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string mostCommon(const std::vector<std::string>& values)
{
    std::map<std::string, int> count;
    for (const auto& v : values)
        if (!v.empty()) ++count[v];
    std::string best;
    int n = 0;
    for (const auto& [v, c] : count)
        if (c > n) best = v, n = c;
    return best;
}

// ---- addresses -------------------------------------------------------------------------------

std::vector<PlanAddress> loadAddresses(gis::SpatialiteDb& db, const gis::FeatureSet& set)
{
    (void)db;
    std::vector<PlanAddress> out(set.size());
    auto col = [&](const char* n) {
        auto c = set.columnIndex(n);
        if (!c) throw InputError(std::string("risico_adressen mist kolom ") + n + ": bouw de risicokaart opnieuw");
        return *c;
    };
    const auto vbo = col("vbo_id"), adres = col("adres"), gemeente = col("gemeente"), risk = col("risico_adres"),
               score = col("risico_score"), woon = col("woonfunctie"), vab = col("vab"), sbi = col("sbi_codes");
    for (std::size_t i = 0; i < set.size(); ++i) {
        auto& a = out[i];
        a.vboId = gis::fieldText(set.value(i, vbo));
        a.adres = gis::fieldText(set.value(i, adres));
        a.gemeente = gis::fieldText(set.value(i, gemeente));
        a.risk = gis::fieldNumber(set.value(i, risk)).value_or(0.0);
        a.score = gis::fieldNumber(set.value(i, score)).value_or(0.0);
        a.dwelling = gis::fieldNumber(set.value(i, woon)).value_or(0.0) > 0;
        a.vab = gis::fieldNumber(set.value(i, vab)).value_or(0.0) > 0;
        for (auto& c : core::split(gis::fieldText(set.value(i, sbi)), ','))
            if (!core::trim(c).empty()) a.sbiCodes.push_back(core::trim(c));
        const auto box = set.envelope(i);
        a.x = box.xmin;
        a.y = box.ymin;
    }
    return out;
}

/// Addresses of `polygons` feature-by-feature: the points inside each polygon.
std::vector<std::vector<std::size_t>> addressesInPolygons(const gis::FeatureSet& polygons, const gis::FeatureSet& points)
{
    std::vector<std::vector<std::size_t>> out(polygons.size());
    gis::SpatialQuery q;
    for (std::size_t i = 0; i < polygons.size(); ++i)
        if (q.setSubject(polygons, i)) out[i] = q.containedInSubject(points);
    return out;
}

// ---- rural clusters --------------------------------------------------------------------------

struct UnionFind {
    std::vector<std::size_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t a)
    {
        while (parent[a] != a) a = parent[a] = parent[parent[a]];
        return a;
    }
    void unite(std::size_t a, std::size_t b)
    {
        a = find(a), b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

/// Single-linkage groups of parcels whose envelope centres lie within `distance`; a group with
/// more addresses than `maxAddresses` is split again at half the distance (down to 100 m), so a
/// chain of farms does not grow into a whole municipality.
void clusterParcels(const std::vector<std::size_t>& parcels, const std::vector<std::pair<double, double>>& centre,
                    const std::vector<std::size_t>& addressCount, double distance, std::size_t maxAddresses,
                    std::vector<std::vector<std::size_t>>& out)
{
    UnionFind uf(parcels.size());
    std::map<std::pair<long long, long long>, std::vector<std::size_t>> grid;
    auto cell = [&](std::size_t k) {
        const auto& c = centre[parcels[k]];
        return std::make_pair(static_cast<long long>(std::floor(c.first / distance)),
                              static_cast<long long>(std::floor(c.second / distance)));
    };
    for (std::size_t k = 0; k < parcels.size(); ++k) grid[cell(k)].push_back(k);
    for (std::size_t k = 0; k < parcels.size(); ++k) {
        const auto [cx, cy] = cell(k);
        for (long long dx = -1; dx <= 1; ++dx)
            for (long long dy = -1; dy <= 1; ++dy) {
                auto it = grid.find({cx + dx, cy + dy});
                if (it == grid.end()) continue;
                for (std::size_t m : it->second) {
                    if (m <= k) continue;
                    const auto& a = centre[parcels[k]];
                    const auto& b = centre[parcels[m]];
                    if (std::hypot(a.first - b.first, a.second - b.second) <= distance) uf.unite(k, m);
                }
            }
    }
    std::map<std::size_t, std::vector<std::size_t>> groups;
    for (std::size_t k = 0; k < parcels.size(); ++k) groups[uf.find(k)].push_back(parcels[k]);
    for (auto& [root, members] : groups) {
        std::size_t n = 0;
        for (std::size_t p : members) n += addressCount[p];
        if (n > maxAddresses && distance > 100.0 && members.size() > 1)
            clusterParcels(members, centre, addressCount, distance / 2.0, maxAddresses, out);
        else
            out.push_back(members);
    }
}

void addRuralClusters(gis::SpatialiteDb& db, const PlannerSettings& settings, const std::vector<PlanAddress>& addresses,
                      const gis::FeatureSet& addressSet, YearPlan& plan)
{
    const auto columns = gis::layerColumns(db, "risico_percelen");
    std::vector<std::string> wanted{"perceel_id", "gemeente", "risico_klasse"};
    const bool hasPark = std::find(columns.begin(), columns.end(), "aandeel_bedrijventerrein") != columns.end();
    if (hasPark) wanted.emplace_back("aandeel_bedrijventerrein");
    const auto parcels = gis::FeatureSet::load(db, "risico_percelen", wanted, true);
    // Village and business-park parcels are not "buitengebied".
    std::unordered_map<std::string, std::string> landUse;
    if (db.tableExists("percelen")) {
        auto stmt = db.prepare("SELECT perceel_id, landgebruik FROM percelen");
        while (stmt.step()) landUse[stmt.columnText(0)] = stmt.columnText(1);
    }
    std::unordered_map<std::string, std::size_t> parcelIndex;
    for (std::size_t i = 0; i < parcels.size(); ++i) parcelIndex[gis::fieldText(parcels.value(i, 0))] = i;
    std::vector<std::vector<std::size_t>> parcelAddresses(parcels.size());
    const auto perceelCol = addressSet.columnIndex("perceel_id");
    for (std::size_t a = 0; a < addresses.size() && perceelCol; ++a) {
        auto it = parcelIndex.find(gis::fieldText(addressSet.value(a, *perceelCol)));
        if (it != parcelIndex.end()) parcelAddresses[it->second].push_back(a);
    }
    std::vector<std::size_t> high;
    std::vector<std::pair<double, double>> centre(parcels.size());
    std::vector<std::size_t> counts(parcels.size());
    for (std::size_t i = 0; i < parcels.size(); ++i) {
        const auto b = parcels.envelope(i);
        centre[i] = {(b.xmin + b.xmax) / 2, (b.ymin + b.ymax) / 2};
        counts[i] = parcelAddresses[i].size();
        const auto klasse = gis::fieldNumber(parcels.value(i, 2)).value_or(0);
        if (klasse < settings.clusterMinClass) continue;
        if (hasPark && gis::fieldNumber(parcels.value(i, 3)).value_or(0) >= 0.5) continue;
        const auto lu = landUse.find(gis::fieldText(parcels.value(i, 0)));
        if (lu != landUse.end() && (lu->second == "wonen" || lu->second == "bedrijf")) continue;
        high.push_back(i);
    }
    std::vector<std::vector<std::size_t>> clusters;
    clusterParcels(high, centre, counts, settings.clusterDistance, static_cast<std::size_t>(settings.maxClusterAddresses), clusters);
    std::sort(clusters.begin(), clusters.end());  // deterministic numbering
    int number = 0;
    for (const auto& members : clusters) {
        PlanTarget t;
        t.kind = pl::TargetKind::RuralCluster;
        std::vector<std::string> municipalities;
        std::vector<gis::Wkb> parts;
        for (std::size_t p : members) {
            t.addresses.insert(t.addresses.end(), parcelAddresses[p].begin(), parcelAddresses[p].end());
            municipalities.push_back(gis::fieldText(parcels.value(p, 1)));
            parts.push_back(parcels.wkb(p));
        }
        if (t.addresses.size() < 10) {
            ++plan.clustersTooSmall;
            continue;
        }
        std::sort(t.addresses.begin(), t.addresses.end());
        t.municipality = mostCommon(municipalities);
        std::vector<std::string> places;
        for (std::size_t a : t.addresses) {
            const auto comma = addresses[a].adres.rfind(' ');
            places.push_back(comma == std::string::npos ? std::string() : addresses[a].adres.substr(comma + 1));
        }
        t.id = "cluster-" + std::to_string(++number);
        t.name = "buitengebied " + mostCommon(places) + " (" + std::to_string(members.size()) + " percelen)";
        t.area = gis::asMultiPolygon(gis::unionOf(parts));
        plan.targets.push_back(std::move(t));
    }
}

// ---- road graph ------------------------------------------------------------------------------

struct WkbCursor {
    const std::vector<unsigned char>& b;
    std::size_t pos = 0;
    bool little = true;
    std::uint32_t u32()
    {
        if (pos + 4 > b.size()) throw InputError("ongeldige WKB in laag wegen");
        std::uint32_t v;
        std::memcpy(&v, b.data() + pos, 4);
        if (!little) v = __builtin_bswap32(v);
        pos += 4;
        return v;
    }
    double f64()
    {
        if (pos + 8 > b.size()) throw InputError("ongeldige WKB in laag wegen");
        std::uint64_t v;
        std::memcpy(&v, b.data() + pos, 8);
        if (!little) v = __builtin_bswap64(v);
        pos += 8;
        double d;
        std::memcpy(&d, &v, 8);
        return d;
    }
};

void readLines(WkbCursor& c, std::vector<std::vector<gis::XY>>& out)
{
    c.little = c.b.at(c.pos++) == 1;
    const std::uint32_t type = c.u32() % 1000;
    if (type == 2) {
        std::vector<gis::XY> line(c.u32());
        for (auto& p : line) p.x = c.f64(), p.y = c.f64();
        out.push_back(std::move(line));
    } else if (type == 5) {
        const std::uint32_t n = c.u32();
        for (std::uint32_t i = 0; i < n; ++i) readLines(c, out);
    }
}

pl::RoadGraph loadRoads(gis::SpatialiteDb& db)
{
    pl::RoadGraph graph;
    if (!db.tableExists("wegen")) return graph;
    std::map<std::pair<long long, long long>, std::size_t> nodeIndex;
    auto node = [&](const gis::XY& p) {
        const auto key = std::make_pair(std::llround(p.x * 2), std::llround(p.y * 2));  // 0.5 m snapping
        auto [it, inserted] = nodeIndex.emplace(key, graph.nodes.size());
        if (inserted) graph.nodes.push_back({p.x, p.y});
        return it->second;
    };
    gis::LayerReader reader(db, "wegen", {"weg_id"});
    gis::FeatureRow row;
    std::vector<std::vector<gis::XY>> lines;
    while (reader.next(row)) {
        if (row.wkb.empty()) continue;
        lines.clear();
        WkbCursor c{row.wkb};
        readLines(c, lines);
        for (const auto& line : lines)
            for (std::size_t i = 1; i < line.size(); ++i) {
                const std::size_t a = node(line[i - 1]), b = node(line[i]);
                if (a != b)
                    graph.edges.push_back({a, b, std::hypot(line[i].x - line[i - 1].x, line[i].y - line[i - 1].y)});
            }
    }
    return graph;
}

}  // namespace

YearPlan planYear(gis::Workspace& ws, int year, const PlannerSettings& settings, core::Feedback& feedback)
{
    auto& db = ws.db();
    YearPlan plan;
    plan.year = year;
    plan.seed = settings.seed;
    plan.controls = settings.controls;
    plan.addressesPerControl = settings.addressesPerControl;
    plan.randomShare = settings.randomShare;
    auto t0 = Clock::now();
    if (!db.tableExists("risico_adressen")) {
        if (!db.tableExists("risico_percelen"))
            throw InputError("laag 'risico_percelen' ontbreekt: bouw eerst de risicokaart (riskmap build)");
        const auto reference = defaultReferenceDate(db).value_or(core::todayUtc());
        buildAddressRisk(ws, EngineSettings::defaults().riskyPrefixes, reference, feedback);
    }

    // The calendar's DTSTAMP: a time recorded with the inputs, never the clock (see YearPlan).
    plan.inputsStampedAt = std::to_string(year - 1) + "-12-01T00:00:00Z";
    if (const auto risk = ws.layer("risico_percelen"); risk && risk->updatedAt.size() >= 19)
        plan.inputsStampedAt = risk->updatedAt.substr(0, 19) + "Z";

    feedback.beginStage("kandidaten bepalen");
    const auto addressSet = gis::FeatureSet::load(db, "risico_adressen");
    plan.addresses = loadAddresses(db, addressSet);

    if (db.tableExists("bedrijventerreinen")) {
        const auto parks = gis::FeatureSet::load(db, "bedrijventerreinen", {"terrein_id", "naam", "gemeente"}, true);
        const auto inside = addressesInPolygons(parks, addressSet);
        for (std::size_t i = 0; i < parks.size(); ++i) {
            if (inside[i].size() < 10) continue;
            PlanTarget t;
            t.kind = pl::TargetKind::BusinessPark;
            t.id = gis::fieldText(parks.value(i, 0));
            t.name = gis::fieldText(parks.value(i, 1));
            t.municipality = gis::fieldText(parks.value(i, 2));
            t.addresses = inside[i];
            t.area = gis::asMultiPolygon(parks.wkb(i));
            plan.targets.push_back(std::move(t));
        }
    }
    addRuralClusters(db, settings, plan.addresses, addressSet, plan);
    if (db.tableExists("risicozones")) {
        const auto cols = gis::layerColumns(db, "risicozones");
        const bool hasStatus = std::find(cols.begin(), cols.end(), "status") != cols.end();
        const auto zones = gis::FeatureSet::load(db, "risicozones", {}, true);
        const auto inside = addressesInPolygons(zones, addressSet);
        for (std::size_t i = 0; i < zones.size(); ++i) {
            auto value = [&](const char* c) {
                auto k = zones.columnIndex(c);
                return k ? gis::fieldText(zones.value(i, *k)) : std::string();
            };
            if (hasStatus && value("status") != "actief") continue;
            if (inside[i].size() < 10) continue;
            std::vector<std::string> municipalities;
            for (std::size_t a : inside[i]) municipalities.push_back(plan.addresses[a].gemeente);
            PlanTarget t;
            t.kind = pl::TargetKind::RiskZone;
            t.id = value("zone_id").empty() ? "zone-" + std::to_string(zones.fid(i)) : value("zone_id");
            t.name = value("naam").empty() ? t.id : value("naam");
            t.municipality = mostCommon(municipalities);
            t.addresses = inside[i];
            t.area = gis::asMultiPolygon(zones.wkb(i));
            plan.targets.push_back(std::move(t));
        }
    }

    // History: the latest earlier control touching any address of a target.
    const auto past = readPastControls(db, year);
    std::unordered_map<std::string, core::Date> lastControlOf;
    for (const auto& c : past)
        for (const auto& v : c.vboIds) {
            auto [it, inserted] = lastControlOf.emplace(v, c.date);
            if (!inserted && it->second < c.date) it->second = c.date;
        }

    pl::SampleSettings sampleSettings;
    sampleSettings.visits = settings.addressesPerControl;
    sampleSettings.randomShare = settings.randomShare;
    pl::SampleSettings topOnly = sampleSettings;
    topOnly.randomShare = 0.0;
    auto candidateAddresses = [&](const PlanTarget& t) {
        std::vector<pl::CandidateAddress> out;
        for (std::size_t a : t.addresses) out.push_back({plan.addresses[a].vboId, plan.addresses[a].risk, plan.addresses[a].dwelling});
        return out;
    };
    auto profiles = [&](const std::vector<std::size_t>& idx) {
        std::vector<pl::AddressProfile> out;
        for (std::size_t a : idx) {
            pl::AddressProfile p;
            p.sbiCodes = plan.addresses[a].sbiCodes;
            if (plan.addresses[a].dwelling) p.flags.emplace_back("woning");
            if (plan.addresses[a].vab) p.flags.emplace_back("vab");
            out.push_back(std::move(p));
        }
        return out;
    };
    const core::Date firstDay{std::chrono::year(year), std::chrono::January, std::chrono::day(1)};
    for (const auto& t : plan.targets) {
        pl::SelectionCandidate c;
        c.id = t.id;
        c.name = t.name;
        c.municipality = t.municipality;
        c.kind = t.kind;
        const auto cand = candidateAddresses(t);
        c.risk = pl::expectedRiskCovered(cand, sampleSettings);
        for (std::size_t a : t.addresses)
            if (auto it = lastControlOf.find(plan.addresses[a].vboId); it != lastControlOf.end())
                if (!c.lastControl || *c.lastControl < it->second) c.lastControl = it->second;
        if (c.lastControl && pl::addMonths(*c.lastControl, settings.repeatMonths) > firstDay) ++plan.targetsRecentlyControlled;
        // Partner needs from the addresses the risk ranking will surely take.
        const auto top = pl::drawSample(cand, topOnly);
        std::vector<std::size_t> idx;
        for (const auto& s : top.addresses) idx.push_back(t.addresses[s.index]);
        c.partners = pl::partnerNeeds(pl::proposePartners(profiles(idx), settings.rules));
        plan.problem.candidates.push_back(std::move(c));
    }
    plan.candidateSeconds = since(t0);

    plan.problem.partners = settings.partners;
    plan.problem.days = pl::weekdaysOfYear(year);
    plan.problem.blackouts = pl::blackoutPeriods(year, settings.blackouts);
    plan.problem.settings.controls = settings.controls;
    plan.problem.settings.minWeeksApart = settings.minWeeksApart;
    plan.problem.settings.repeatMonths = settings.repeatMonths;
    plan.problem.settings.spread = settings.spread;
    plan.problem.settings.minMunicipalities = settings.minMunicipalities;

    feedback.beginStage("jaarplan oplossen (ILP)");
    auto t1 = Clock::now();
    plan.selection = pl::selectControls(plan.problem);
    plan.solveSeconds = since(t1);

    feedback.beginStage("steekproef, route en partners per controle");
    auto t2 = Clock::now();
    const auto roads = loadRoads(db);
    int number = 0;
    for (std::size_t k = 0; k < plan.selection.plan.controls.size(); ++k) {
        const auto& pc = plan.selection.plan.controls[k];
        PlannedDay day;
        day.number = ++number;
        day.controlId = std::to_string(year) + "-" + std::to_string(day.number);
        day.date = pc.date;
        day.target = pc.candidate;
        day.seed = pl::controlSeed(settings.seed, year, day.number);
        const PlanTarget& target = plan.targets[pc.candidate];
        pl::SampleSettings ss = sampleSettings;
        ss.seed = day.seed;
        day.sample = pl::drawSample(candidateAddresses(target), ss);
        std::vector<pl::RoutePoint> stops;
        std::vector<std::size_t> sampled;
        for (const auto& s : day.sample.addresses) {
            sampled.push_back(target.addresses[s.index]);
            stops.push_back({plan.addresses[sampled.back()].x, plan.addresses[sampled.back()].y});
        }
        day.route = pl::planRoute(stops, settings.start, roads, settings.route);
        for (std::size_t o : day.route.order) {
            day.visits.push_back(sampled[o]);
            day.reasons.push_back(day.sample.addresses[o].reason);
        }
        const auto proposals = pl::proposePartners(profiles(day.visits), settings.rules);
        day.visitPartners.assign(day.visits.size(), {});
        day.partners = settings.alwaysPartners;
        for (const auto& p : proposals) {
            if (std::find(day.partners.begin(), day.partners.end(), p.partner) == day.partners.end())
                day.partners.push_back(p.partner);
            for (std::size_t a : p.addresses) day.visitPartners[a].push_back(p.partner);
            day.partnerReasons.push_back(p.partner + ": " + core::join(p.reasons, ", ") + " (" +
                                         std::to_string(p.addresses.size()) + " adressen)");
        }
        day.capacityProblems = pl::capacityProblems(proposals, settings.partners);
        const auto& explanation = plan.selection.explanations.at(k);
        day.motivation = explanation.text + " Steekproef (seed " + std::to_string(day.seed) + "): " +
                         std::to_string(day.sample.addresses.size()) + " adressen, gedekt risico " +
                         fmt(day.sample.riskCovered, 2) + ", " + std::to_string(day.sample.dwellings) + " woningen." +
                         (day.partnerReasons.empty() ? "" : " Partners: " + core::join(day.partnerReasons, "; ") + ".");
        plan.days.push_back(std::move(day));
    }
    plan.routeSeconds = since(t2);
    return plan;
}

void writePlanLayers(gis::Workspace& ws, const YearPlan& plan)
{
    auto& db = ws.db();
    const std::vector<gis::ColumnDef> controlColumns{
        {"controle_id", "TEXT"}, {"jaar", "INTEGER"},   {"volgnummer", "INTEGER"}, {"datum", "TEXT"},
        {"gebied", "TEXT"},      {"soort", "TEXT"},      {"gemeente", "TEXT"},      {"partners", "TEXT"},
        {"motivering", "TEXT"},  {"risico", "REAL"},     {"seed", "TEXT"},          {"route_km", "REAL"},
        {"ondergrens_km", "REAL"}, {"duur_min", "REAL"}};
    const std::vector<gis::ColumnDef> addressColumns{
        {"controle_id", "TEXT"}, {"vbo_id", "TEXT"}, {"adres", "TEXT"},    {"risico_score", "REAL"},
        {"reden", "TEXT"},       {"woning", "INTEGER"}, {"volgorde", "INTEGER"}, {"partners", "TEXT"}};
    auto names = [](const std::vector<gis::ColumnDef>& cols) {
        std::vector<std::string> out;
        for (const auto& c : cols) out.push_back(c.name);
        return out;
    };
    gis::Transaction tx(db);
    if (!db.tableExists("controles")) ws.createLayerTable("controles", controlColumns, "MULTIPOLYGON");
    if (!db.tableExists("controle_adressen")) ws.createLayerTable("controle_adressen", addressColumns, "POINT");
    {
        auto del = db.prepare("DELETE FROM controle_adressen WHERE controle_id IN (SELECT controle_id FROM controles WHERE jaar = ?)");
        del.bind(1, static_cast<std::int64_t>(plan.year));
        del.run();
        auto delControls = db.prepare("DELETE FROM controles WHERE jaar = ?");
        delControls.bind(1, static_cast<std::int64_t>(plan.year));
        delControls.run();
    }
    gis::LayerWriter controls(db, "controles", names(controlColumns), true);
    gis::LayerWriter visits(db, "controle_adressen", names(addressColumns), true);
    for (const auto& day : plan.days) {
        const auto& target = plan.targets[day.target];
        controls.insert({day.controlId, static_cast<std::int64_t>(plan.year), static_cast<std::int64_t>(day.number),
                         core::formatIsoDate(day.date), target.name, pl::targetKindName(target.kind), target.municipality,
                         core::join(day.partners, ", "), day.motivation, plan.problem.candidates[day.target].risk,
                         std::to_string(day.seed), day.route.lengthMetres / 1000.0, day.route.lowerBoundMetres / 1000.0,
                         day.route.totalMinutes},
                        target.area);
        for (std::size_t v = 0; v < day.visits.size(); ++v) {
            const auto& a = plan.addresses[day.visits[v]];
            visits.insert({day.controlId, a.vboId, a.adres, a.score, std::string(pl::reasonName(day.reasons[v])),
                           static_cast<std::int64_t>(a.dwelling ? 1 : 0), static_cast<std::int64_t>(v + 1),
                           core::join(day.visitPartners[v], ", ")},
                          gis::pointWkb({a.x, a.y}));
        }
    }
    ws.ensureSpatialIndex("controles");
    ws.ensureSpatialIndex("controle_adressen");
    for (const char* name : {"controles", "controle_adressen"}) {
        gis::ProvenanceRecord prov;
        prov.layer = name;
        prov.action = "build";
        prov.sourcePath = ws.path();
        prov.startedAt = prov.finishedAt = core::nowIsoUtc();
        prov.rowsRead = prov.rowsImported = ws.countRows(name);
        prov.user = gis::currentUser();
        gis::LayerRecord record;
        record.name = name;
        record.kind = "output";
        record.geometryType = std::string(name) == "controles" ? "MULTIPOLYGON" : "POINT";
        record.classification = "vertrouwelijk";
        record.legalBasis = "Jaarplan integrale controles " + std::to_string(plan.year) + " (seed " +
                            std::to_string(plan.seed) + "); RIEC-convenant";
        record.featureCount = prov.rowsImported;
        record.updatedAt = prov.finishedAt;
        record.provenanceId = ws.addProvenance(prov);
        ws.registerLayer(record);
    }
    writePlanSettings(db, {plan.year, plan.controls, plan.addressesPerControl, plan.randomShare, plan.seed,
                           core::nowIsoUtc(), gis::currentUser()});
    tx.commit();
}

}  // namespace riskmap::layers
