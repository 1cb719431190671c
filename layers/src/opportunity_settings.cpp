// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the gelegenheidskaart and RTM settings from the project file.
#include "riskmap/layers/opportunity_settings.hpp"

#include "riskmap/core/error.hpp"
#include "run_record.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace riskmap::layers {
namespace {

std::string where(const std::string& path, const std::string& key) { return "projectbestand " + path + ": " + key; }

const toml::table* section(const toml::table& root, const char* name, const std::string& path,
                           const std::set<std::string>& known)
{
    const toml::node* node = root.get(name);
    if (!node) return nullptr;
    const toml::table* t = node->as_table();
    if (!t) throw UsageError(where(path, std::string("[") + name + "]") + ": verwacht een tabel");
    for (const auto& [k, v] : *t)
        if (!known.count(std::string(k.str())))
            throw UsageError(where(path, std::string("[") + name + "]." + std::string(k.str())) + ": onbekende sleutel");
    return t;
}

double positive(const toml::table& t, const char* key, const std::string& label, const std::string& path)
{
    auto v = t[key].value<double>();
    if (!v || !std::isfinite(*v) || *v <= 0) throw UsageError(where(path, label) + ": verwacht een getal groter dan 0");
    return *v;
}

int positiveInt(const toml::table& t, const char* key, const std::string& label, const std::string& path)
{
    auto v = t[key].value<std::int64_t>();
    if (!v || *v < 1 || *v > 1000) throw UsageError(where(path, label) + ": verwacht een positief geheel getal");
    return static_cast<int>(*v);
}

bool flag(const toml::table& t, const char* key, const std::string& label, const std::string& path)
{
    auto v = t[key].value<bool>();
    if (!v) throw UsageError(where(path, label) + ": verwacht true of false");
    return *v;
}

}  // namespace

std::vector<IndicatorSpec> defaultOpportunityFactors()
{
    using K = IndicatorKind;
    using Op = AttributeFilter::Op;
    std::vector<IndicatorSpec> all;
    auto add = [&](std::string name, K kind, std::string layer, std::string label) -> IndicatorSpec& {
        IndicatorSpec s;
        s.name = std::move(name);
        s.kind = kind;
        s.layer = std::move(layer);
        s.label = std::move(label);
        s.builtIn = true;
        all.push_back(std::move(s));
        return all.back();
    };
    {
        auto& s = add("vab_250m", K::VacantFarmWithin, "panden", "{} leegstaande agrarische gebouwen binnen 250 m");
        s.distance = 250;
        s.years = 3;
        s.sbiPrefixes = {"01"};
    }
    add("afstand_oprit_m", K::DistanceToNearest, "opritten", "{} tot de dichtstbijzijnde snelwegoprit");
    {
        auto& s = add("afstand_woning_m", K::NearestOther, "panden", "{} tot de dichtstbijzijnde woning");
        s.cap = 2000;
        s.filters.push_back({Op::Contains, "gebruiksdoel", {"woonfunctie"}, 0});
    }
    add("n_adressen_500m", K::CountWithin, "verblijfsobjecten", "slechts {} adressen binnen 500 m").distance = 500;
    {
        auto& s = add("n_risico_vestigingen_250m", K::CountWithin, "vestigingen", "{} risicovolle bedrijven binnen 250 m");
        s.distance = 250;
        s.activeOnly = true;
        s.sbiRisky = true;
    }
    add("in_bedrijventerrein", K::PointIn, "bedrijventerreinen", "op een bedrijventerrein");
    add("in_vakantiepark", K::PointIn, "vakantieparken", "op een vakantiepark");
    return all;
}

double defaultOpportunityWeight(const std::string& factor)
{
    static const std::map<std::string, double> weights = {
        {"vab_250m", 1.5},           {"afstand_oprit_m", -0.5},    {"afstand_woning_m", 1.0},
        {"n_adressen_500m", -0.5},   {"n_risico_vestigingen_250m", 1.0}, {"in_bedrijventerrein", 0.5},
        {"in_vakantiepark", 0.5}};
    auto it = weights.find(factor);
    return it == weights.end() ? 1.0 : it->second;
}

OpportunitySettings OpportunitySettings::defaults(const EngineSettings& engine)
{
    OpportunitySettings s;
    s.factors = defaultOpportunityFactors();
    s.normalisation = engine.normalisation;
    s.classes = engine.classes;
    s.riskyPrefixes = engine.riskyPrefixes;
    return s;
}

OpportunitySettings OpportunitySettings::fromToml(const toml::table& root, const std::string& path,
                                                  const EngineSettings& engine)
{
    OpportunitySettings s = defaults(engine);
    if (const toml::table* t = section(root, "opportunity", path,
                                       {"cell_size", "cell_shape", "weights", "normalisation", "breaks", "incident_years"})) {
        if (t->get("cell_size")) {
            auto v = (*t)["cell_size"].value<double>();
            if (!v || !(*v >= 50 && *v <= 250))
                throw UsageError(where(path, "[opportunity].cell_size") + ": verwacht 50 tot 250 (meter)");
            s.cellSize = *v;
        }
        if (const toml::node* n = t->get("cell_shape")) {
            auto w = n->value<std::string>();
            if (w == std::optional<std::string>("square")) s.cellShape = CellShape::Square;
            else if (w == std::optional<std::string>("hexagon")) s.cellShape = CellShape::Hexagon;
            else throw UsageError(where(path, "[opportunity].cell_shape") + ": kies 'square' of 'hexagon'");
        }
        if (const toml::node* n = t->get("normalisation")) {
            auto w = n->value<std::string>();
            if (w == std::optional<std::string>("rank")) s.normalisation = Normalisation::Rank;
            else if (w == std::optional<std::string>("zscore")) s.normalisation = Normalisation::ZScore;
            else throw UsageError(where(path, "[opportunity].normalisation") + ": kies 'rank' of 'zscore'");
        }
        if (const toml::node* n = t->get("breaks")) {
            auto w = n->value<std::string>();
            if (w == std::optional<std::string>("quantiles")) s.breaks = ClassBreaks::Quantiles;
            else if (w == std::optional<std::string>("jenks")) s.breaks = ClassBreaks::Jenks;
            else throw UsageError(where(path, "[opportunity].breaks") + ": kies 'quantiles' of 'jenks'");
        }
        if (t->get("incident_years")) s.incidentYears = positiveInt(*t, "incident_years", "[opportunity].incident_years", path);
        if (const toml::node* w = t->get("weights")) {
            const toml::table* wt = w->as_table();
            if (!wt) throw UsageError(where(path, "[opportunity.weights]") + ": verwacht een tabel");
            for (const auto& [k, v] : *wt) {
                const std::string name(k.str());
                if (std::none_of(s.factors.begin(), s.factors.end(), [&](const auto& f) { return f.name == name; }))
                    throw UsageError(where(path, "[opportunity.weights]." + name) + ": geen gelegenheidsfactor met die naam");
                auto d = v.value<double>();
                if (!d || !std::isfinite(*d)) throw UsageError(where(path, "[opportunity.weights]." + name) + ": verwacht een getal");
                s.weights[name] = *d;
            }
        }
    }
    if (const toml::table* t = section(root, "kde", path, {"bandwidth", "k"})) {
        if (t->get("bandwidth")) s.bandwidth = positive(*t, "bandwidth", "[kde].bandwidth", path);
        if (t->get("k")) s.kdeNeighbours = positiveInt(*t, "k", "[kde].k", path);
    }
    if (const toml::table* t = section(root, "hotspots", path, {"distance", "fdr"})) {
        if (t->get("distance")) s.hotspotDistance = positive(*t, "distance", "[hotspots].distance", path);
        if (t->get("fdr")) s.fdr = flag(*t, "fdr", "[hotspots].fdr", path);
    }
    if (const toml::table* t = section(root, "rtm", path, {"enabled", "years", "min_incidents", "seed"})) {
        if (t->get("enabled")) s.rtmEnabled = flag(*t, "enabled", "[rtm].enabled", path);
        if (t->get("years")) s.rtmYears = positiveInt(*t, "years", "[rtm].years", path);
        if (t->get("min_incidents")) s.rtmMinIncidents = positive(*t, "min_incidents", "[rtm].min_incidents", path);
        if (t->get("seed")) s.rtmSeed = static_cast<std::uint64_t>(positiveInt(*t, "seed", "[rtm].seed", path));
    }
    return s;
}

double OpportunitySettings::weight(const std::string& factor) const
{
    if (auto it = weights.find(factor); it != weights.end()) return it->second;
    return defaultOpportunityWeight(factor);
}

EngineSettings OpportunitySettings::factorEngineSettings() const
{
    EngineSettings e = EngineSettings::defaults();
    e.riskyPrefixes = riskyPrefixes;
    e.indicators = factors;
    e.normalisation = normalisation;
    e.classes = classes;
    return e;
}

std::string OpportunitySettings::toJson() const
{
    using detail::jsonNumber;
    using detail::jsonText;
    std::ostringstream o;
    o << "{\"cell_size\":" << jsonNumber(cellSize)
      << ",\"cell_shape\":\"" << (cellShape == CellShape::Hexagon ? "hexagon" : "square") << "\",\"normalisation\":\""
      << (normalisation == Normalisation::Rank ? "rank" : "zscore") << "\",\"classes\":" << classes
      << ",\"breaks\":\"" << (breaks == ClassBreaks::Quantiles ? "quantiles" : "jenks")
      << "\",\"incident_years\":" << incidentYears << ",\"weights\":{";
    for (std::size_t i = 0; i < factors.size(); ++i)
        o << (i ? "," : "") << jsonText(factors[i].name) << ":" << jsonNumber(weight(factors[i].name));
    o << "},\"kde_bandwidth\":" << (bandwidth ? jsonNumber(*bandwidth) : "null") << ",\"kde_k\":" << kdeNeighbours
      << ",\"hotspot_distance\":" << (hotspotDistance ? jsonNumber(*hotspotDistance) : "null")
      << ",\"fdr\":" << (fdr ? "true" : "false") << ",\"rtm\":{\"enabled\":" << (rtmEnabled ? "true" : "false")
      << ",\"years\":" << rtmYears.value_or(incidentYears) << ",\"min_incidents\":" << jsonNumber(rtmMinIncidents)
      << ",\"seed\":" << rtmSeed << "}}";
    return o.str();
}

}  // namespace riskmap::layers
