// SPDX-License-Identifier: GPL-3.0-or-later
// Reading the risk engine's settings from the project file.
#include "riskmap/layers/engine_settings.hpp"

#include "riskmap/layers/sector_settings.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/core/text.hpp"
#include "riskmap/core/sbi.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace riskmap::layers {
namespace {


std::string where(const std::string& path, const std::string& key) { return "projectbestand " + path + ": " + key; }

std::vector<std::string> stringList(const toml::node& node, const std::string& key, const std::string& path)
{
    std::vector<std::string> out;
    if (auto s = node.value<std::string>()) return {*s};
    const toml::array* list = node.as_array();
    if (!list) throw UsageError(where(path, key) + ": verwacht tekst of een lijst van teksten");
    for (const auto& item : *list) {
        if (auto s = item.value<std::string>()) out.push_back(*s);
        else if (auto i = item.value<std::int64_t>()) out.push_back(std::to_string(*i));
        else throw UsageError(where(path, key) + ": verwacht een lijst van teksten");
    }
    return out;
}

std::vector<std::string> sbiList(const toml::node& node, const std::string& key, const std::string& path)
{
    std::vector<std::string> out;
    for (const auto& s : stringList(node, key, path)) {
        auto code = core::normalizeSbiCode(s);
        if (!code) throw UsageError(where(path, key) + ": '" + s + "' is geen SBI-code of -voorvoegsel");
        out.push_back(*code);
    }
    return out;
}

double number(const toml::node& node, const std::string& key, const std::string& path)
{
    if (auto d = node.value<double>()) return *d;
    throw UsageError(where(path, key) + ": verwacht een getal");
}

void readFilters(const toml::node* node, AttributeFilter::Op op, const std::string& key, const std::string& path,
                 IndicatorSpec& spec)
{
    if (!node) return;
    const toml::table* t = node->as_table();
    if (!t) throw UsageError(where(path, key) + ": verwacht een tabel { veld = waarde }");
    for (const auto& [field, value] : *t) {
        AttributeFilter f;
        f.op = op;
        f.field = std::string(field.str());
        const std::string fieldKey = key + "." + f.field;
        if (op == AttributeFilter::Op::Greater) f.number = number(value, fieldKey, path);
        else f.values = stringList(value, fieldKey, path);
        spec.filters.push_back(std::move(f));
    }
}

IndicatorSpec readIndicator(const toml::table& t, const std::string& key, const std::string& path)
{
    static const std::set<std::string> known = {"name", "kind", "layer", "distance", "cap", "where", "contains",
                                                "not_contains", "min", "date_field", "years", "active", "sbi",
                                                "exclude_sbi", "aggregate", "field", "min_area", "label", "weight"};
    for (const auto& [k, v] : t)
        if (!known.count(std::string(k.str())))
            throw UsageError(where(path, key + "." + std::string(k.str())) + ": onbekende sleutel");
    IndicatorSpec spec;
    auto name = t["name"].value<std::string>();
    if (!name || name->empty()) throw UsageError(where(path, key + ".name") + ": naam ontbreekt");
    for (char c : *name)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            throw UsageError(where(path, key + ".name") + ": '" + *name + "' mag alleen letters, cijfers en _ bevatten");
    spec.name = *name;
    const std::string k = key + " ('" + spec.name + "')";
    auto kindWord = t["kind"].value<std::string>();
    if (!kindWord) throw UsageError(where(path, k + ".kind") + ": soort ontbreekt; kies uit " + indicatorKindList());
    auto kind = parseIndicatorKind(*kindWord);
    if (!kind)
        throw UsageError(where(path, k + ".kind") + ": onbekende soort '" + *kindWord + "'; kies uit " + indicatorKindList());
    spec.kind = *kind;
    auto layer = t["layer"].value<std::string>();
    if (!layer || layer->empty()) throw UsageError(where(path, k + ".layer") + ": laag ontbreekt");
    spec.layer = *layer;
    if (const toml::node* d = t.get("distance")) {
        spec.distance = number(*d, k + ".distance", path);
        if (!(spec.distance >= 0) || !std::isfinite(spec.distance))
            throw UsageError(where(path, k + ".distance") + ": afstand mag niet negatief zijn");
    } else if (spec.kind == IndicatorKind::CountWithin || spec.kind == IndicatorKind::KernelDensity ||
               spec.kind == IndicatorKind::VacantFarmWithin) {
        throw UsageError(where(path, k + ".distance") + ": afstand ontbreekt (verplicht voor " + *kindWord + ")");
    }
    if (spec.kind == IndicatorKind::KernelDensity && spec.distance <= 0)
        throw UsageError(where(path, k + ".distance") + ": bandbreedte moet groter dan 0 zijn");
    if (const toml::node* c = t.get("cap")) {
        spec.cap = number(*c, k + ".cap", path);
        if (!(*spec.cap >= 0)) throw UsageError(where(path, k + ".cap") + ": afstand mag niet negatief zijn");
    }
    readFilters(t.get("where"), AttributeFilter::Op::Equals, k + ".where", path, spec);
    readFilters(t.get("contains"), AttributeFilter::Op::Contains, k + ".contains", path, spec);
    readFilters(t.get("not_contains"), AttributeFilter::Op::NotContains, k + ".not_contains", path, spec);
    readFilters(t.get("min"), AttributeFilter::Op::Greater, k + ".min", path, spec);
    if (auto df = t["date_field"].value<std::string>()) spec.dateField = *df;
    if (const toml::node* y = t.get("years")) {
        auto v = y->value<std::int64_t>();
        if (!v || *v <= 0) throw UsageError(where(path, k + ".years") + ": verwacht een positief aantal jaren");
        spec.years = static_cast<int>(*v);
        if (spec.dateField.empty() && spec.kind != IndicatorKind::VacantFarmArea &&
            spec.kind != IndicatorKind::VacantFarmWithin)
            throw UsageError(where(path, k + ".date_field") + ": 'years' vraagt om een datumveld");
    }
    if (const toml::node* a = t.get("active")) {
        auto v = a->value<bool>();
        if (!v) throw UsageError(where(path, k + ".active") + ": verwacht true of false");
        spec.activeOnly = *v;
    }
    if (const toml::node* s = t.get("sbi")) {
        if (s->value<std::string>() == std::optional<std::string>("risky")) spec.sbiRisky = true;
        else spec.sbiPrefixes = sbiList(*s, k + ".sbi", path);
    }
    if (const toml::node* s = t.get("exclude_sbi")) spec.sbiExcludePrefixes = sbiList(*s, k + ".exclude_sbi", path);
    if (auto a = t["aggregate"].value<std::string>()) {
        if (*a != "count" && *a != "sum")
            throw UsageError(where(path, k + ".aggregate") + ": kies 'count' of 'sum'");
        spec.aggregate = *a;
    }
    if (auto f = t["field"].value<std::string>()) spec.field = *f;
    if (spec.aggregate == "sum" && spec.field.empty())
        throw UsageError(where(path, k + ".field") + ": 'sum' vraagt om een veld");
    if (const toml::node* m = t.get("min_area")) spec.minArea = number(*m, k + ".min_area", path);
    if (auto l = t["label"].value<std::string>()) spec.label = *l;
    if (const toml::node* w = t.get("weight")) spec.weight = number(*w, k + ".weight", path);
    if (spec.kind == IndicatorKind::VacantFarmArea || spec.kind == IndicatorKind::VacantFarmWithin) {
        if (spec.years == 0) spec.years = 3;
        if (spec.sbiPrefixes.empty()) spec.sbiPrefixes = {"01"};
    }
    return spec;
}

std::string jsonList(const std::vector<std::string>& v)
{
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + core::jsonQuote(v[i]);
    return out + "]";
}

}  // namespace

double defaultWeight(const std::string& indicator)
{
    static const std::map<std::string, double> weights = {
        {"n_risico_vestigingen_250m", 1.0}, {"afstand_oprit_m", -0.5},     {"aandeel_bedrijventerrein", 0.5},
        {"n_panden", 0.25},                 {"n_panden_buiten_gebruik", 1.0}, {"opp_overig_m2", 0.5},
        {"afstand_woning_m", 1.0},          {"n_incidenten_500m_3j", 1.5}, {"opp_vab_m2", 1.5},
        {"max_bedrijven_per_adres", 1.0},   {"n_adressen_500m", -0.5},     {"in_vakantiepark", 0.5},
        {"luchtfoto_gemiddelde", 0.0}};
    auto it = weights.find(indicator);
    return it == weights.end() ? 1.0 : it->second;
}

EngineSettings EngineSettings::defaults()
{
    EngineSettings s;
    // One default list for the importer's reports and the engine (sector_settings.hpp).
    for (const auto& code : defaultRiskySectors())
        if (auto digits = core::normalizeSbiCode(code)) s.riskyPrefixes.push_back(*digits);
    s.indicators = defaultIndicators();
    return s;
}

EngineSettings EngineSettings::fromToml(const toml::table& root, const std::string& path)
{
    EngineSettings s = defaults();
    if (const toml::node* sectors = root.get("sectors")) {
        const toml::table* t = sectors->as_table();
        if (!t) throw UsageError(where(path, "[sectors]") + ": verwacht een tabel");
        if (const toml::node* risky = t->get("risky")) s.riskyPrefixes = sbiList(*risky, "[sectors].risky", path);
    }
    if (const toml::node* list = root.get("indicators")) {
        const toml::array* a = list->as_array();
        if (!a) throw UsageError(where(path, "indicators") + ": verwacht [[indicators]]-tabellen");
        int n = 0;
        for (const auto& entry : *a) {
            ++n;
            const std::string key = "[[indicators]] nr. " + std::to_string(n);
            const toml::table* t = entry.as_table();
            if (!t) throw UsageError(where(path, key) + ": verwacht een tabel");
            IndicatorSpec spec = readIndicator(*t, key, path);
            auto same = std::find_if(s.indicators.begin(), s.indicators.end(),
                                     [&](const IndicatorSpec& x) { return x.name == spec.name; });
            if (same != s.indicators.end()) {
                if (!same->builtIn)
                    throw UsageError(where(path, key + ".name") + ": indicator '" + spec.name + "' komt twee keer voor");
                *same = std::move(spec);
            } else {
                s.indicators.push_back(std::move(spec));
            }
        }
    }
    if (const toml::node* weights = root.get("weights")) {
        const toml::table* t = weights->as_table();
        if (!t) throw UsageError(where(path, "[weights]") + ": verwacht een tabel");
        for (const auto& [k, v] : *t) {
            const std::string name(k.str());
            if (std::none_of(s.indicators.begin(), s.indicators.end(), [&](const auto& x) { return x.name == name; }))
                throw UsageError(where(path, "[weights]." + name) + ": geen indicator met die naam");
            s.weights[name] = number(v, "[weights]." + name, path);
        }
    }
    if (const toml::node* scoring = root.get("scoring")) {
        const toml::table* t = scoring->as_table();
        if (!t) throw UsageError(where(path, "[scoring]") + ": verwacht een tabel");
        if (const toml::node* n = t->get("normalisation")) {
            auto w = n->value<std::string>();
            if (w == std::optional<std::string>("rank")) s.normalisation = Normalisation::Rank;
            else if (w == std::optional<std::string>("zscore")) s.normalisation = Normalisation::ZScore;
            else throw UsageError(where(path, "[scoring].normalisation") + ": kies 'rank' of 'zscore'");
        }
        if (const toml::node* c = t->get("classes")) {
            auto v = c->value<std::int64_t>();
            if (!v || *v < 2 || *v > 10) throw UsageError(where(path, "[scoring].classes") + ": verwacht 2 tot 10");
            s.classes = static_cast<int>(*v);
        }
    }
    return s;
}

double EngineSettings::weight(const IndicatorSpec& spec) const
{
    if (auto it = weights.find(spec.name); it != weights.end()) return it->second;
    if (spec.weight) return *spec.weight;
    return defaultWeight(spec.name);
}

std::string EngineSettings::toJson() const
{
    std::ostringstream o;
    o.precision(17);
    o << "{\"risky\":" << jsonList(riskyPrefixes) << ",\"normalisation\":\""
      << (normalisation == Normalisation::Rank ? "rank" : "zscore") << "\",\"classes\":" << classes
      << ",\"indicators\":[";
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        const auto& x = indicators[i];
        o << (i ? "," : "") << "{\"name\":" << core::jsonQuote(x.name) << ",\"kind\":\"" << toString(x.kind)
          << "\",\"layer\":" << core::jsonQuote(x.layer) << ",\"distance\":" << x.distance;
        if (x.cap) o << ",\"cap\":" << *x.cap;
        o << ",\"filters\":[";
        for (std::size_t f = 0; f < x.filters.size(); ++f) {
            const auto& flt = x.filters[f];
            static const char* ops[] = {"where", "contains", "not_contains", "min"};
            o << (f ? "," : "") << "{\"op\":\"" << ops[static_cast<int>(flt.op)] << "\",\"field\":" << core::jsonQuote(flt.field)
              << ",\"values\":" << jsonList(flt.values) << ",\"number\":" << flt.number << "}";
        }
        o << "],\"date_field\":" << core::jsonQuote(x.dateField) << ",\"years\":" << x.years
          << ",\"active\":" << (x.activeOnly ? "true" : "false") << ",\"sbi\":"
          << (x.sbiRisky ? std::string("\"risky\"") : jsonList(x.sbiPrefixes))
          << ",\"exclude_sbi\":" << jsonList(x.sbiExcludePrefixes) << ",\"aggregate\":" << core::jsonQuote(x.aggregate)
          << ",\"field\":" << core::jsonQuote(x.field) << ",\"min_area\":" << x.minArea << ",\"weight\":" << weight(x) << "}";
    }
    o << "]}";
    return o.str();
}

}  // namespace riskmap::layers
