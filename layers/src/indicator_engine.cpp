// SPDX-License-Identifier: GPL-3.0-or-later
// The indicator engine: layers loaded once into memory, per-indicator masks, parcels in parallel.
#include "riskmap/layers/indicator_engine.hpp"

#include "riskmap/core/address_key.hpp"
#include "riskmap/core/error.hpp"
#include "riskmap/core/sbi.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/gis/layer_reader.hpp"
#include "riskmap/gis/masked_targets.hpp"
#include "riskmap/gis/point_grid.hpp"
#include "riskmap/gis/raster_registration.hpp"
#include "riskmap/gis/spatial_query.hpp"
#include "riskmap/gis/zonal_stats.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <numbers>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace riskmap::layers {
namespace {

using gis::FeatureMask;
using gis::FeatureSet;

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::int64_t toDays(const core::Date& d) { return std::chrono::sys_days(d).time_since_epoch().count(); }

/// The reference date minus whole years (29 February falls back to the 28th).
std::int64_t yearsBefore(const core::Date& ref, int years)
{
    core::Date start{ref.year() - std::chrono::years(years), ref.month(), ref.day()};
    if (!start.ok()) start = core::Date{start.year() / start.month() / std::chrono::last};
    return toDays(start);
}

/// A field of a layer, or a UsageError naming the indicator.
std::size_t requireField(const FeatureSet& set, const IndicatorSpec& spec, const std::string& field)
{
    auto idx = set.columnIndex(field);
    if (!idx)
        throw UsageError("indicator '" + spec.name + "': laag '" + spec.layer + "' heeft geen veld '" + field + "'");
    return *idx;
}

bool containsText(const gis::FieldValue& v, const std::string& needle)
{
    // Text compared in place: masks test every feature of a layer, copies would cost more than the test.
    if (const auto* text = std::get_if<std::string>(&v)) return core::containsIgnoreCase(*text, needle);
    return core::containsIgnoreCase(gis::fieldText(v), needle);
}

/// Vacant farm buildings are found through the registrations (vestigingen) that ended at their
/// addresses (verblijfsobjecten): two layers read besides the indicator's own.
const char* const kFarmRegistrations = "vestigingen";
const char* const kFarmAddresses = "verblijfsobjecten";

bool isVacantFarm(const IndicatorSpec& spec)
{
    return spec.kind == IndicatorKind::VacantFarmArea || spec.kind == IndicatorKind::VacantFarmWithin;
}

/// The features of the indicator's layer that pass its filters (attributes, dates, activity, SBI).
FeatureMask buildMask(const FeatureSet& set, const IndicatorSpec& spec, const EngineSettings& settings,
                      const core::Date& reference)
{
    const std::int64_t ref = toDays(reference);
    struct Compiled { const AttributeFilter* f; std::size_t col; };
    std::vector<Compiled> filters;
    for (const auto& f : spec.filters) filters.push_back({&f, requireField(set, spec, f.field)});
    std::optional<std::size_t> dateCol, startCol, endCol, sbiCol;
    if (spec.years > 0 && !spec.dateField.empty()) dateCol = requireField(set, spec, spec.dateField);
    if (spec.activeOnly) {
        startCol = requireField(set, spec, "datum_inschrijving");
        endCol = requireField(set, spec, "datum_uitschrijving");
    }
    // For vacant farm buildings the SBI prefixes select the ended registrations, not the panden.
    const bool vacantFarm = isVacantFarm(spec);
    const bool sbi = !vacantFarm &&
                     (spec.sbiRisky || !spec.sbiPrefixes.empty() || !spec.sbiExcludePrefixes.empty());
    if (sbi) sbiCol = requireField(set, spec, "sbi_code");
    const std::int64_t windowStart = spec.years > 0 ? yearsBefore(reference, spec.years) : 0;

    FeatureMask mask(set.size(), 1);
    // Each feature on its own (the set is only read): in parallel.
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, set.size(), 4096), [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
            bool keep = true;
            for (const auto& c : filters) {
                const auto& v = set.value(i, c.col);
                switch (c.f->op) {
                case AttributeFilter::Op::Equals: {
                    const std::string text = gis::fieldText(v);
                    keep = std::find(c.f->values.begin(), c.f->values.end(), text) != c.f->values.end();
                    break;
                }
                case AttributeFilter::Op::Contains:
                    keep = std::any_of(c.f->values.begin(), c.f->values.end(), [&](const auto& s) { return containsText(v, s); });
                    break;
                case AttributeFilter::Op::NotContains:
                    keep = std::none_of(c.f->values.begin(), c.f->values.end(), [&](const auto& s) { return containsText(v, s); });
                    break;
                case AttributeFilter::Op::Greater: {
                    auto n = gis::fieldNumber(v);
                    keep = n && *n > c.f->number;
                    break;
                }
                }
                if (!keep) break;
            }
            if (keep && dateCol) {
                auto d = gis::fieldDays(set.value(i, *dateCol));
                keep = d && *d > windowStart && *d <= ref;
            }
            if (keep && spec.activeOnly) {
                auto start = gis::fieldDays(set.value(i, *startCol));
                auto end = gis::fieldDays(set.value(i, *endCol));
                keep = (!start || *start <= ref) && (!end || *end > ref);
            }
            if (keep && sbiCol) {
                const std::string code = gis::fieldText(set.value(i, *sbiCol));
                if (spec.sbiRisky) keep = core::matchesAnyPrefix(code, settings.riskyPrefixes);
                if (keep && !spec.sbiPrefixes.empty()) keep = core::matchesAnyPrefix(code, spec.sbiPrefixes);
                if (keep && !spec.sbiExcludePrefixes.empty()) keep = !core::matchesAnyPrefix(code, spec.sbiExcludePrefixes);
            }
            mask[i] = keep ? 1 : 0;
        }
    });
    return mask;
}

/// The address columns of a layer, resolved once (absent ones stay empty).
struct AddressColumns {
    explicit AddressColumns(const FeatureSet& set)
        : postcode(set.columnIndex("postcode")), number(set.columnIndex("huisnummer")),
          letter(set.columnIndex("huisletter")), addition(set.columnIndex("toevoeging"))
    {
    }
    std::optional<std::size_t> postcode, number, letter, addition;
};

std::string featureAddressKey(const FeatureSet& set, const AddressColumns& cols, std::size_t i)
{
    auto text = [&](const std::optional<std::size_t>& idx) {
        return idx ? gis::fieldText(set.value(i, *idx)) : std::string();
    };
    return addressKey(text(cols.postcode), text(cols.number), text(cols.letter), text(cols.addition));
}

const char* const kAddressColumns[] = {"postcode", "huisnummer", "huisletter", "toevoeging"};

/// The attribute columns each layer must be read with for these indicators (the rest is never
/// read: at scale M and up that halves reading time and memory).
std::map<std::string, std::set<std::string>> neededColumns(const std::vector<IndicatorSpec>& specs)
{
    std::map<std::string, std::set<std::string>> out;
    for (const auto& spec : specs) {
        if (spec.kind == IndicatorKind::RasterZonal) continue;
        auto& cols = out[spec.layer];
        for (const auto& f : spec.filters) cols.insert(f.field);
        if (spec.years > 0 && !spec.dateField.empty()) cols.insert(spec.dateField);
        if (spec.activeOnly) cols.insert({"datum_inschrijving", "datum_uitschrijving"});
        const bool vacantFarm = isVacantFarm(spec);
        if (!vacantFarm && (spec.sbiRisky || !spec.sbiPrefixes.empty() || !spec.sbiExcludePrefixes.empty()))
            cols.insert("sbi_code");
        if (spec.kind == IndicatorKind::ContainedAggregate && spec.aggregate == "sum") cols.insert(spec.field);
        if (spec.kind == IndicatorKind::MaxPerAddress) cols.insert(std::begin(kAddressColumns), std::end(kAddressColumns));
        if (vacantFarm) {
            cols.insert({"oppervlakte", "gebruiksdoel", "status", "pand_id"});
            auto& vest = out[kFarmRegistrations];
            vest.insert({"sbi_code", "datum_uitschrijving"});
            vest.insert(std::begin(kAddressColumns), std::end(kAddressColumns));
            auto& vbo = out[kFarmAddresses];
            vbo.insert("pand_id");
            vbo.insert(std::begin(kAddressColumns), std::end(kAddressColumns));
        }
    }
    return out;
}

/// Counts within a distance use a PointGrid when about this many points or more lie within reach of a
/// parcel (a kTypicalParcelM square widened by the distance); fewer: the R-tree.
constexpr double kGridAbovePoints = 32;
constexpr double kTypicalParcelM = 100;

/// Whether a count is worth an R-tree of its own: when the filters leave out a quarter of the layer or
/// more (the layer's own tree serves the rest).
bool worthOwnIndex(const FeatureMask& mask)
{
    const auto kept = static_cast<std::size_t>(std::count(mask.begin(), mask.end(), std::uint8_t{1}));
    return kept * 4 <= mask.size() * 3;
}

/// One indicator made ready for the parallel loop: its layer, mask and precomputed helpers.
struct Prepared {
    const IndicatorSpec* spec = nullptr;
    const FeatureSet* set = nullptr;    ///< nullptr: the column stays empty
    FeatureMask mask;
    std::unique_ptr<gis::PolygonUnion> unionParts;
    std::unique_ptr<gis::PointGrid> points;  ///< point layers of distance counts: counted in bulk
    /// Distance indicators, and counts of a filtered layer not counted from a grid: the features in the
    /// mask on their own.
    std::unique_ptr<gis::MaskedTargets> targets;
    std::vector<double> amounts;         ///< per feature: the summed value (sum aggregates, vacant farm area)
    std::vector<std::uint32_t> addressIds;  ///< per feature in the mask: its address as a number (max_per_address)
    std::vector<std::optional<double>> perParcel;  ///< raster_zonal: the value of each parcel, computed up front
    bool layerMissing = false;          ///< a built-in indicator whose layer is absent: reported, column empty
    std::vector<std::string> warnings;  ///< for the run report (merged in indicator order)
};

/// The layers the indicators read. Every entry exists from the start (empty until read): the thread
/// that reads fills one entry at a time, while tasks look up entries filled before (the map itself
/// never changes shape, so those look-ups are safe).
class LayerCache {
public:
    LayerCache(gis::SpatialiteDb& db, std::map<std::string, std::set<std::string>> columns)
        : m_db(db), m_columns(std::move(columns))
    {
        for (const auto& entry : m_columns) m_slots[entry.first];
    }
    /// Reads a layer the indicators named (nullptr when the workspace lacks it). One thread only.
    FeatureSet* read(const std::string& layer)
    {
        const auto t = Clock::now();
        Slot& slot = m_slots.at(layer);
        if (m_db.tableExists(layer)) slot.set = std::make_unique<FeatureSet>(loadIndicatorLayer(m_db, layer, m_columns[layer]));
        slot.seconds = since(t);
        slot.read = true;
        return slot.set.get();
    }
    /// A layer read before (nullptr when it does not exist); never reads: safe from several threads.
    const FeatureSet* loadedSet(const std::string& layer) const
    {
        auto it = m_slots.find(layer);
        if (it == m_slots.end() || !it->second.read) throw Error("interne fout: laag '" + layer + "' is niet vooraf gelezen");
        return it->second.set.get();
    }
    std::vector<std::string> loaded() const
    {
        std::vector<std::string> out;
        for (const auto& [name, slot] : m_slots)
            if (slot.set) out.push_back(name);
        return out;
    }
    /// The layers the indicators read, in name order.
    std::vector<std::string> layers() const
    {
        std::vector<std::string> out;
        for (const auto& entry : m_columns) out.push_back(entry.first);
        return out;
    }
    /// Seconds each layer took to read.
    std::map<std::string, double> readSeconds() const
    {
        std::map<std::string, double> out;
        for (const auto& [name, slot] : m_slots)
            if (slot.read) out[name] = slot.seconds;
        return out;
    }

private:
    struct Slot {
        std::unique_ptr<FeatureSet> set;
        bool read = false;
        double seconds = 0;
    };
    gis::SpatialiteDb& m_db;
    std::map<std::string, std::set<std::string>> m_columns;
    std::map<std::string, Slot> m_slots;
};

/// Size of a building for area sums: its `field` value, or the footprint when that is empty.
double amountOf(const FeatureSet& set, std::size_t i, std::optional<std::size_t> col)
{
    if (col) {
        if (auto v = gis::fieldNumber(set.value(i, *col))) return *v;
    }
    return set.area(i);
}

/// pand_ids at addresses whose agricultural registration ended in the window (vacant farm definition).
std::unordered_set<std::string> pandenWithEndedFarm(const LayerCache& cache, const IndicatorSpec& spec,
                                                    const core::Date& reference)
{
    std::unordered_set<std::string> out;
    const FeatureSet* vest = cache.loadedSet(kFarmRegistrations);
    const FeatureSet* vbo = cache.loadedSet(kFarmAddresses);
    if (!vest || !vbo) return out;
    const auto sbiCol = vest->columnIndex("sbi_code");
    const auto endCol = vest->columnIndex("datum_uitschrijving");
    const auto pandCol = vbo->columnIndex("pand_id");
    const AddressColumns vestAddress(*vest), vboAddress(*vbo);
    // Without a postcode no verblijfsobject has an address key, so none can match.
    if (!sbiCol || !endCol || !pandCol || !vboAddress.postcode) return out;
    const std::int64_t ref = toDays(reference);
    const std::int64_t start = yearsBefore(reference, spec.years);
    std::unordered_set<std::string> addresses, postcodes;
    for (std::size_t i = 0; i < vest->size(); ++i) {
        if (!core::matchesAnyPrefix(gis::fieldText(vest->value(i, *sbiCol)), spec.sbiPrefixes)) continue;
        auto end = gis::fieldDays(vest->value(i, *endCol));
        if (!end || *end <= start || *end > ref) continue;
        if (auto key = featureAddressKey(*vest, vestAddress, i); !key.empty()) {
            addresses.insert(key);
            postcodes.insert(key.substr(0, key.find('|')));  // the key starts with the normalised postcode
        }
    }
    if (addresses.empty()) return out;
    // Most verblijfsobjecten are at another postcode: only those at one of these get their full key.
    std::vector<std::uint8_t> hit(vbo->size(), 0);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, vbo->size(), 4096), [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
            const auto pc = core::normalizePostcode(gis::fieldText(vbo->value(i, *vboAddress.postcode)));
            if (!pc || !postcodes.count(*pc)) continue;
            hit[i] = addresses.count(featureAddressKey(*vbo, vboAddress, i)) ? 1 : 0;
        }
    });
    for (std::size_t i = 0; i < vbo->size(); ++i) {
        if (hit[i]) {
            const std::string pand = gis::fieldText(vbo->value(i, *pandCol));
            if (!pand.empty()) out.insert(pand);
        }
    }
    return out;
}

/// raster_zonal: the mean of band 1 of the most recent registered raster of the layer, per parcel
/// (empty where it covers none). A raster that cannot be read leaves the column empty with a warning,
/// so that one bad photo does not stop the whole build.
void prepareRaster(Prepared& p, gis::SpatialiteDb& db, const FeatureSet& parcels, core::Feedback& feedback)
{
    const IndicatorSpec& spec = *p.spec;
    p.perParcel.assign(parcels.size(), std::nullopt);
    std::vector<gis::RasterRecord> rasters;
    if (db.tableExists("rk_rasters")) rasters = gis::loadRasters(db, spec.layer);
    if (rasters.empty()) {
        if (!spec.builtIn)
            throw UsageError("[[indicators]] '" + spec.name + "'.layer: geen geregistreerde rasters in laag '" +
                             spec.layer + "'");
        p.layerMissing = true;
        return;
    }
    // Ordered by year: the last is the most recent (a year-less registration sorts first).
    const gis::RasterRecord& latest = rasters.back();
    if (latest.info.crs != "EPSG:28992") {
        p.warnings.push_back("indicator '" + spec.name + "': raster '" + latest.info.path + "' is niet in EPSG:28992 (" +
                                 latest.info.crs + "); kolom blijft leeg");
        return;
    }
    try {
        const auto stats = gis::zonalStatistics(latest.info.path, gis::zoneRingsOf(parcels), {}, &feedback);
        for (std::size_t i = 0; i < stats.size(); ++i) p.perParcel[i] = stats[i].mean();
    } catch (const CancelledError&) {
        throw;
    } catch (const Error& e) {
        p.warnings.push_back("indicator '" + spec.name + "': " + e.what() + "; kolom blijft leeg");
        p.perParcel.assign(parcels.size(), std::nullopt);
    }
}

bool usesPointsOnSurface(const IndicatorSpec& spec)
{
    return spec.kind == IndicatorKind::ContainedAggregate || spec.kind == IndicatorKind::VacantFarmArea;
}

/// The layers an indicator reads: its own, and for vacant farm buildings the registrations and
/// addresses behind them.
std::set<std::string> inputLayers(const IndicatorSpec& spec)
{
    std::set<std::string> out{spec.layer};
    if (isVacantFarm(spec)) out.insert({kFarmRegistrations, kFarmAddresses});
    return out;
}

/// One non-raster indicator made ready from the loaded layers (only reads the cache: safe side by side).
Prepared prepare(const IndicatorSpec& spec, const LayerCache& cache, const EngineSettings& settings,
                 const core::Date& reference)
{
    Prepared p;
    p.spec = &spec;
    const FeatureSet* set = cache.loadedSet(spec.layer);
    if (!set) {
        if (!spec.builtIn)
            throw UsageError("[[indicators]] '" + spec.name + "'.layer: laag '" + spec.layer +
                             "' bestaat niet in de werkruimte");
        p.layerMissing = true;
        return p;
    }
    p.set = set;
    p.mask = buildMask(*set, spec, settings, reference);
    switch (spec.kind) {
    case IndicatorKind::CountWithin:
        if (spec.distance > 0) {
            // Bands a sixth of the distance high: a dozen or so bucket look-ups per query; the fringe of
            // points to test one by one is kept thin by the subject's vertices (measured at scale M, with
            // the per-point test free of branches: an eighth 8 % slower, a quarter or a sixteenth more).
            p.points = std::make_unique<gis::PointGrid>(*set, p.mask, spec.distance / 6);
            // Sparse points (a few dozen within reach of a parcel) are found faster through the R-tree:
            // the bands' look-ups would cost more than the points they count (incidents at scale M: 3x).
            const double reach = 2 * spec.distance + kTypicalParcelM;
            if (!p.points->usable() || p.points->pointsPerSquareMetre() * reach * reach < kGridAbovePoints) p.points.reset();
        }
        if (!p.points && worthOwnIndex(p.mask)) p.targets = std::make_unique<gis::MaskedTargets>(*set, p.mask);
        break;
    case IndicatorKind::DistanceToNearest:
    case IndicatorKind::NearestOther:
        p.targets = std::make_unique<gis::MaskedTargets>(*set, p.mask, true);
        break;
    case IndicatorKind::AreaShare:
        // Overlapping features must not count twice: the share is of the dissolved union.
        p.unionParts = std::make_unique<gis::PolygonUnion>(*set, p.mask);
        break;
    case IndicatorKind::ContainedAggregate:
    case IndicatorKind::VacantFarmArea:
    case IndicatorKind::VacantFarmWithin: {
        const bool vacantFarm = isVacantFarm(spec);
        std::optional<std::size_t> col;
        if (vacantFarm) {
            col = set->columnIndex("oppervlakte");
            const std::size_t doel = requireField(*set, spec, "gebruiksdoel");
            const std::size_t status = requireField(*set, spec, "status");
            const std::size_t pandId = requireField(*set, spec, "pand_id");
            const auto ended = pandenWithEndedFarm(cache, spec, reference);
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, set->size(), 4096), [&](const tbb::blocked_range<std::size_t>& range) {
                for (std::size_t i = range.begin(); i != range.end(); ++i) {
                    if (!p.mask[i]) continue;
                    // Cheapest test first; the pand_id looked up without a copy where it is text.
                    auto vacant = [&] {
                        if (gis::fieldText(set->value(i, status)) == "Pand buiten gebruik") return true;
                        const auto& id = set->value(i, pandId);
                        if (const auto* text = std::get_if<std::string>(&id)) return ended.count(*text) > 0;
                        return ended.count(gis::fieldText(id)) > 0;
                    };
                    p.mask[i] = (amountOf(*set, i, col) > spec.minArea && !containsText(set->value(i, doel), "woonfunctie") &&
                                 vacant())
                                    ? 1
                                    : 0;
                }
            });
        } else if (spec.aggregate == "sum") {
            col = requireField(*set, spec, spec.field);
        }
        p.amounts.resize(set->size(), 1.0);
        if (vacantFarm || spec.aggregate == "sum")
            tbb::parallel_for(tbb::blocked_range<std::size_t>(0, set->size(), 4096), [&](const tbb::blocked_range<std::size_t>& range) {
                for (std::size_t i = range.begin(); i != range.end(); ++i) p.amounts[i] = amountOf(*set, i, col);
            });
        // Vacant farm buildings are a handful among all buildings.
        if (spec.kind == IndicatorKind::VacantFarmWithin && worthOwnIndex(p.mask))
            p.targets = std::make_unique<gis::MaskedTargets>(*set, p.mask);
        break;
    }
    case IndicatorKind::MaxPerAddress: {
        std::vector<std::string> keys(set->size());
        const AddressColumns address(*set);
        tbb::parallel_for(tbb::blocked_range<std::size_t>(0, set->size(), 4096), [&](const tbb::blocked_range<std::size_t>& range) {
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
                if (!p.mask[i]) continue;  // never counted
                keys[i] = featureAddressKey(*set, address, i);
                if (keys[i].empty()) {
                    // Without an address, a feature is its own address (its location).
                    const auto b = set->envelope(i);
                    keys[i] = "@" + gis::fieldText(b.xmin) + "," + gis::fieldText(b.ymin);
                }
            }
        });
        // Equal keys, equal numbers: per parcel, counting numbers needs no strings nor map.
        std::unordered_map<std::string, std::uint32_t> ids;
        p.addressIds.assign(set->size(), 0);
        for (std::size_t i = 0; i < set->size(); ++i)
            if (p.mask[i]) p.addressIds[i] = ids.try_emplace(std::move(keys[i]), static_cast<std::uint32_t>(ids.size())).first->second;
        break;
    }
    default: break;
    }
    return p;
}

/// Reads the vector layers one after another. As soon as a layer is in, its points on surface and every
/// indicator whose layers are all in are made ready in tasks beside the reading (which leaves part of a
/// core idle); an indicator's mask and index only read the cache. Fills `prepared` (all but rasters) and
/// the stages lagen_lezen, punten_op_oppervlak and voorbereiden (what is left once everything is read);
/// throws the first error in layer order, then indicator order.
void readAndPrepare(const std::vector<IndicatorSpec>& specs, LayerCache& cache, const EngineSettings& settings,
                    const core::Date& reference, core::Feedback& feedback, std::vector<Prepared>& prepared,
                    std::map<std::string, double>& seconds)
{
    const std::size_t count = specs.size();
    std::vector<std::exception_ptr> errors(count);
    auto t = Clock::now();
    std::map<std::string, std::exception_ptr> layerErrors;
    std::mutex secondsMutex;
    double posSeconds = 0;
    std::set<std::string> read;
    std::vector<bool> started(count, false);
    tbb::task_group tasks;
    auto startReady = [&] {
        for (std::size_t k = 0; k < count; ++k) {
            const auto& spec = specs[k];
            if (started[k] || spec.kind == IndicatorKind::RasterZonal) continue;
            const auto inputs = inputLayers(spec);
            if (!std::all_of(inputs.begin(), inputs.end(), [&](const std::string& l) { return read.count(l) > 0; })) continue;
            started[k] = true;
            tasks.run([&, k] {
                try {
                    prepared[k] = prepare(specs[k], cache, settings, reference);
                } catch (...) {
                    errors[k] = std::current_exception();
                }
            });
        }
    };
    try {
        for (const auto& layer : cache.layers()) {
            feedback.beginStage("laag " + layer + " lezen");
            feedback.checkCancelled();
            FeatureSet* set = cache.read(layer);
            const bool pos = set && std::any_of(specs.begin(), specs.end(), [&](const IndicatorSpec& spec) {
                return spec.kind != IndicatorKind::RasterZonal && spec.layer == layer && usesPointsOnSurface(spec);
            });
            if (pos) {
                std::exception_ptr* error = &layerErrors[layer];  // map nodes stay put while others are added
                tasks.run([&, set, error] {
                    try {
                        const auto start = Clock::now();
                        set->preparePointsOnSurface();
                        std::lock_guard lock(secondsMutex);
                        posSeconds += since(start);
                    } catch (...) {
                        *error = std::current_exception();
                    }
                });
            }
            read.insert(layer);
            startReady();
        }
    } catch (...) {
        tasks.cancel();
        tasks.wait();
        throw;
    }
    seconds["lagen_lezen"] = since(t);
    t = Clock::now();
    feedback.beginStage("indicatoren voorbereiden");
    tasks.wait();
    if (posSeconds > 0) seconds["punten_op_oppervlak"] = posSeconds;
    // Whichever thread met an error first: the same message every run.
    for (const auto& [layer, e] : layerErrors)
        if (e) std::rethrow_exception(e);
    for (const auto& e : errors)
        if (e) std::rethrow_exception(e);
    feedback.checkCancelled();
    seconds["voorbereiden"] = since(t);
}

std::optional<double> evaluate(const Prepared& p, gis::SpatialQuery& q, std::size_t parcel)
{
    const IndicatorSpec& spec = *p.spec;
    if (spec.kind == IndicatorKind::RasterZonal) return p.perParcel.empty() ? std::nullopt : p.perParcel[parcel];
    if (!p.set) return std::nullopt;
    const FeatureSet& set = *p.set;
    switch (spec.kind) {
    case IndicatorKind::CountWithin:
        if (p.points) return static_cast<double>(q.countWithin(*p.points, spec.distance));
        if (p.targets) return static_cast<double>(q.countWithin(*p.targets, spec.distance));
        return static_cast<double>(q.countWithin(set, spec.distance, p.mask));
    case IndicatorKind::DistanceToNearest:
        return q.nearestDistance(*p.targets, false, spec.cap);
    case IndicatorKind::NearestOther:
        return q.nearestDistance(*p.targets, true, spec.cap);
    case IndicatorKind::AreaShare: {
        const double area = q.subjectArea();
        if (area <= 0) return std::nullopt;
        return std::min(1.0, q.intersectionArea(*p.unionParts) / area);
    }
    case IndicatorKind::ContainedAggregate:
    case IndicatorKind::VacantFarmArea: {
        double sum = 0;
        for (std::size_t i : q.allPointsOnSurfaceInSubject(set))
            if (p.mask[i]) sum += p.amounts[i];
        return sum;
    }
    case IndicatorKind::VacantFarmWithin:
        if (p.targets) return static_cast<double>(q.countWithin(*p.targets, spec.distance));
        return static_cast<double>(q.countWithin(set, spec.distance, p.mask));
    case IndicatorKind::PointIn:
        return q.containingSubjectPointOnSurface(set, p.mask).empty() ? 0.0 : 1.0;
    case IndicatorKind::MaxPerAddress: {
        const auto hits = q.containedInSubject(set, p.mask);
        std::vector<std::uint32_t> ids;
        ids.reserve(hits.size());
        for (std::size_t i : hits) ids.push_back(p.addressIds[i]);
        std::sort(ids.begin(), ids.end());
        std::size_t best = 0;
        for (std::size_t a = 0; a < ids.size();) {
            std::size_t b = a;
            while (b < ids.size() && ids[b] == ids[a]) ++b;
            best = std::max(best, b - a);
            a = b;
        }
        return static_cast<double>(best);
    }
    case IndicatorKind::KernelDensity: {
        auto pos = q.subjectPointOnSurface();
        if (!pos) return std::nullopt;
        const double h = spec.distance;
        double sum = 0;
        for (std::size_t i : set.candidates({pos->first - h, pos->second - h, pos->first + h, pos->second + h})) {
            if (!p.mask.empty() && !p.mask[i]) continue;
            const auto b = set.envelope(i);
            const double d2 = (b.xmin - pos->first) * (b.xmin - pos->first) + (b.ymin - pos->second) * (b.ymin - pos->second);
            if (d2 >= h * h) continue;
            const double t = 1.0 - d2 / (h * h);
            sum += 3.0 / (std::numbers::pi * h * h) * t * t;
        }
        return sum * 1e6;  // per km²
    }
    case IndicatorKind::RasterZonal: break;  // answered above
    }
    return std::nullopt;
}

}  // namespace

std::string addressKey(const std::string& postcode, const std::string& huisnummer, const std::string& huisletter,
                       const std::string& toevoeging)
{
    auto pc = core::normalizePostcode(postcode);
    const std::string number = core::trim(huisnummer);
    if (!pc || number.empty()) return {};
    std::string letter = core::trim(huisletter), addition = core::trim(toevoeging);
    for (auto& c : letter) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (auto& c : addition) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return *pc + "|" + number + "|" + letter + "|" + addition;
}

FeatureSet loadIndicatorLayer(gis::SpatialiteDb& db, const std::string& layer, const std::set<std::string>& columns)
{
    // Only the columns that exist: an absent one is reported by the indicator that needs it.
    std::vector<std::string> present;
    for (const auto& c : gis::layerColumns(db, layer))
        if (columns.count(c)) present.push_back(c);
    // No attribute needed: still read one column, since an empty list would mean all of them.
    if (present.empty()) present.push_back("fid");
    return FeatureSet::load(db, layer, present);
}

std::map<std::string, std::set<std::string>> indicatorInputs(gis::SpatialiteDb& db, const EngineSettings& settings)
{
    auto all = neededColumns(settings.indicators);
    std::erase_if(all, [&](const auto& entry) { return !db.tableExists(entry.first); });
    return all;
}

std::optional<core::Date> defaultReferenceDate(gis::SpatialiteDb& db)
{
    std::optional<std::string> latest;
    if (db.tableExists("incidenten")) latest = db.queryText("SELECT max(datum) FROM incidenten");
    if (!latest && db.tableExists("vestigingen"))
        latest = db.queryText("SELECT max(max(coalesce(datum_inschrijving, '')), max(coalesce(datum_uitschrijving, ''))) "
                              "FROM vestigingen");
    if (!latest || latest->empty()) return std::nullopt;
    return core::parseDate(*latest);
}

IndicatorTable computeIndicators(gis::SpatialiteDb& db, const FeatureSet& parcels, const EngineSettings& settings,
                                 const core::Date& reference, core::Feedback& feedback)
{
    IndicatorTable table;
    table.specs = settings.indicators;
    LayerCache cache(db, neededColumns(table.specs));
    const std::size_t count = table.specs.size();
    std::vector<Prepared> prepared(count);
    // Rasters one by one (GDAL reads with its own progress), then the vector layers.
    for (std::size_t k = 0; k < count; ++k) {
        const auto& spec = table.specs[k];
        if (spec.kind != IndicatorKind::RasterZonal) continue;
        feedback.beginStage("raster " + spec.layer + " voor " + spec.name);
        feedback.checkCancelled();
        prepared[k].spec = &spec;
        prepareRaster(prepared[k], db, parcels, feedback);
    }
    readAndPrepare(table.specs, cache, settings, reference, feedback, prepared, table.seconds);
    for (const auto& p : prepared) {
        if (p.layerMissing && std::find(table.missingLayers.begin(), table.missingLayers.end(), p.spec->layer) ==
                                  table.missingLayers.end())
            table.missingLayers.push_back(p.spec->layer);
        table.warnings.insert(table.warnings.end(), p.warnings.begin(), p.warnings.end());
    }
    for (const auto& [layer, secs] : cache.readSeconds()) table.seconds["lezen_" + layer] = secs;
    table.layersUsed = cache.loaded();
    table.layersUsed.push_back("percelen");
    std::sort(table.layersUsed.begin(), table.layersUsed.end());
    table.layersUsed.erase(std::unique(table.layersUsed.begin(), table.layersUsed.end()), table.layersUsed.end());

    const std::size_t n = parcels.size();
    table.values.assign(prepared.size(), std::vector<std::optional<double>>(n));
    const auto t = Clock::now();
    feedback.beginStage("indicatoren per perceel", n);
    tbb::enumerable_thread_specific<gis::SpatialQuery> queries;
    std::mutex errorMutex;
    std::string firstError;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 64), [&](const tbb::blocked_range<std::size_t>& range) {
        if (feedback.isCancelled()) return;
        // Errors are kept and rethrown after the loop: exceptions never cross threads.
        try {
            gis::SpatialQuery& q = queries.local();
            for (std::size_t i = range.begin(); i != range.end(); ++i) {
                if (!q.setSubject(parcels, i)) continue;
                for (std::size_t k = 0; k < prepared.size(); ++k) table.values[k][i] = evaluate(prepared[k], q, i);
            }
        } catch (const std::exception& e) {
            std::lock_guard lock(errorMutex);
            if (firstError.empty()) firstError = e.what();
            feedback.cancel();
        }
        feedback.advance(range.size());
    });
    if (!firstError.empty()) throw GeosError("indicatoren berekenen: " + firstError);
    feedback.checkCancelled();
    table.seconds["per_perceel"] = since(t);
    return table;
}

}  // namespace riskmap::layers
