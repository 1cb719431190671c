// SPDX-License-Identifier: GPL-3.0-or-later
// Reading `[planner]`.
#include "riskmap/layers/planner_settings.hpp"

#include "riskmap/core/error.hpp"

namespace riskmap::layers {
namespace {

using core::planner::DateRange;

[[noreturn]] void bad(const std::string& path, const std::string& key, const std::string& why)
{
    throw UsageError(path + ": [planner] " + key + ": " + why);
}

core::Date dateOf(const toml::node& node, const std::string& path, const std::string& key)
{
    if (auto d = node.value<toml::date>())
        return core::Date{std::chrono::year(d->year), std::chrono::month(d->month), std::chrono::day(d->day)};
    if (auto s = node.value<std::string>())
        if (auto d = core::parseDate(*s)) return *d;
    bad(path, key, "verwacht een datum (JJJJ-MM-DD)");
}

std::vector<DateRange> ranges(const toml::node* node, const std::string& path, const std::string& key)
{
    std::vector<DateRange> out;
    if (!node) return out;
    const toml::array* list = node->as_array();
    if (!list) bad(path, key, "verwacht een lijst van { name, first, last }");
    for (const auto& item : *list) {
        const toml::table* t = item.as_table();
        if (!t || !t->get("first") || !t->get("last")) bad(path, key, "elk element heeft first en last");
        DateRange r{dateOf(*t->get("first"), path, key), dateOf(*t->get("last"), path, key),
                    t->get("name") ? t->get("name")->value_or(std::string(key)) : key};
        if (r.last < r.first) bad(path, key, "'" + r.name + "' eindigt voor het begint");
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<std::string> strings(const toml::node* node, const std::string& path, const std::string& key)
{
    std::vector<std::string> out;
    if (!node) return out;
    const toml::array* list = node->as_array();
    if (!list) bad(path, key, "verwacht een lijst van teksten");
    for (const auto& item : *list) {
        if (auto s = item.value<std::string>()) out.push_back(*s);
        else if (auto i = item.value<std::int64_t>()) out.push_back(std::to_string(*i));
        else bad(path, key, "verwacht teksten");
    }
    return out;
}

template <typename T>
T number(const toml::table& t, const char* key, T fallback, const std::string& path)
{
    const toml::node* n = t.get(key);
    if (!n) return fallback;
    if (auto v = n->value<T>()) return *v;
    bad(path, key, "verwacht een getal");
}

}  // namespace

PlannerSettings PlannerSettings::fromToml(const toml::table& root, const std::string& path)
{
    PlannerSettings s;
    const toml::node* node = root.get("planner");
    if (!node) {
        s.rules = core::planner::defaultPartnerRules();
        return s;
    }
    const toml::table* t = node->as_table();
    if (!t) bad(path, "", "verwacht een tabel");
    s.controls = static_cast<int>(number<std::int64_t>(*t, "controls", s.controls, path));
    s.addressesPerControl = static_cast<int>(number<std::int64_t>(*t, "addresses_per_control", s.addressesPerControl, path));
    if (s.addressesPerControl < 10 || s.addressesPerControl > 25) bad(path, "addresses_per_control", "moet tussen 10 en 25 liggen");
    s.randomShare = number<double>(*t, "random_share", s.randomShare, path);
    if (s.randomShare < 0 || s.randomShare > 1) bad(path, "random_share", "moet tussen 0 en 1 liggen");
    s.minWeeksApart = static_cast<int>(number<std::int64_t>(*t, "min_weeks_apart", s.minWeeksApart, path));
    s.repeatMonths = static_cast<int>(number<std::int64_t>(*t, "repeat_months", s.repeatMonths, path));
    s.seed = static_cast<std::uint64_t>(number<std::int64_t>(*t, "seed", static_cast<std::int64_t>(s.seed), path));
    s.clusterDistance = number<double>(*t, "cluster_distance_m", s.clusterDistance, path);
    s.clusterMinClass = static_cast<int>(number<std::int64_t>(*t, "cluster_min_class", s.clusterMinClass, path));
    s.maxClusterAddresses = static_cast<int>(number<std::int64_t>(*t, "max_cluster_addresses", s.maxClusterAddresses, path));
    s.minMunicipalities = static_cast<int>(number<std::int64_t>(*t, "min_municipalities", 0, path));
    if (const toml::node* n = t->get("spread_municipalities")) {
        const std::string v = n->value_or(std::string("?"));
        if (v == "none" || v == "geen") s.spread = core::planner::MunicipalitySpread::None;
        else if (v == "one_per_municipality") s.spread = core::planner::MunicipalitySpread::AtMostOnePerMunicipality;
        else if (v == "at_least") s.spread = core::planner::MunicipalitySpread::AtLeastKMunicipalities;
        else bad(path, "spread_municipalities", "kies none, one_per_municipality of at_least");
    }
    s.blackouts.schoolHolidays = ranges(t->get("school_holidays"), path, "school_holidays");
    s.blackouts.userPeriods = ranges(t->get("blackouts"), path, "blackouts");
    if (const toml::node* n = t->get("turn_of_year")) s.blackouts.turnOfYear = n->value_or(true);
    if (t->get("always_partners")) s.alwaysPartners = strings(t->get("always_partners"), path, "always_partners");
    s.route.detourFactor = number<double>(*t, "detour_factor", s.route.detourFactor, path);
    s.route.speedKmh = number<double>(*t, "speed_kmh", s.route.speedKmh, path);
    s.route.minutesPerVisit = number<double>(*t, "minutes_per_visit", s.route.minutesPerVisit, path);
    if (const toml::node* n = t->get("start")) {
        const toml::array* a = n->as_array();
        if (!a || a->size() != 2 || !(*a)[0].value<double>() || !(*a)[1].value<double>())
            bad(path, "start", "verwacht [x, y] in RD New");
        s.start = core::planner::RoutePoint{*(*a)[0].value<double>(), *(*a)[1].value<double>()};
    }
    if (const toml::node* n = t->get("partners")) {
        const toml::array* a = n->as_array();
        if (!a) bad(path, "partners", "verwacht [[planner.partners]]");
        for (const auto& item : *a) {
            const toml::table* p = item.as_table();
            if (!p || !p->get("name")) bad(path, "partners", "elke partner heeft een name");
            core::planner::Partner partner;
            partner.name = p->get("name")->value_or(std::string());
            partner.capacityPerDay = static_cast<int>(number<std::int64_t>(*p, "capacity", 25, path));
            partner.availability = ranges(p->get("available"), path, "partners.available");
            s.partners.push_back(std::move(partner));
        }
    }
    if (const toml::node* n = t->get("rules")) {
        const toml::array* a = n->as_array();
        if (!a) bad(path, "rules", "verwacht [[planner.rules]]");
        for (const auto& item : *a) {
            const toml::table* r = item.as_table();
            if (!r || !r->get("partner")) bad(path, "rules", "elke regel heeft een partner");
            core::planner::PartnerRule rule;
            rule.partner = r->get("partner")->value_or(std::string());
            rule.sbiPrefixes = strings(r->get("sbi"), path, "rules.sbi");
            rule.flags = strings(r->get("flags"), path, "rules.flags");
            rule.reason = r->get("reason") ? r->get("reason")->value_or(std::string()) : rule.partner;
            s.rules.push_back(std::move(rule));
        }
    } else {
        s.rules = core::planner::defaultPartnerRules();
    }
    return s;
}

}  // namespace riskmap::layers
