// SPDX-License-Identifier: GPL-3.0-or-later
// Indicator kinds and the default indicator set of DATA_MODEL.md.
#include "riskmap/layers/indicator_spec.hpp"

#include <array>
#include <utility>

namespace riskmap::layers {
namespace {

constexpr std::array<std::pair<IndicatorKind, const char*>, 11> kKinds{{
    {IndicatorKind::CountWithin, "count_within"},
    {IndicatorKind::DistanceToNearest, "distance_to_nearest"},
    {IndicatorKind::NearestOther, "nearest_other"},
    {IndicatorKind::AreaShare, "area_share"},
    {IndicatorKind::ContainedAggregate, "contained_aggregate"},
    {IndicatorKind::PointIn, "point_in"},
    {IndicatorKind::MaxPerAddress, "max_per_address"},
    {IndicatorKind::VacantFarmArea, "vacant_farm_area"},
    {IndicatorKind::VacantFarmWithin, "vacant_farm_within"},
    {IndicatorKind::KernelDensity, "kernel_density"},
    {IndicatorKind::RasterZonal, "raster_zonal"},
}};

}  // namespace

std::string toString(IndicatorKind kind)
{
    for (const auto& [k, w] : kKinds)
        if (k == kind) return w;
    return "?";
}

std::optional<IndicatorKind> parseIndicatorKind(const std::string& word)
{
    for (const auto& [k, w] : kKinds)
        if (word == w) return k;
    return std::nullopt;
}

std::string indicatorKindList()
{
    std::string out;
    for (const auto& [k, w] : kKinds) out += (out.empty() ? "" : ", ") + std::string(w);
    return out;
}

bool IndicatorSpec::integerValued() const
{
    switch (kind) {
    case IndicatorKind::CountWithin:
    case IndicatorKind::PointIn:
    case IndicatorKind::VacantFarmWithin:
    case IndicatorKind::MaxPerAddress: return true;
    case IndicatorKind::ContainedAggregate: return aggregate == "count";
    default: return false;
    }
}

std::vector<IndicatorSpec> defaultIndicators()
{
    using K = IndicatorKind;
    using Op = AttributeFilter::Op;
    std::vector<IndicatorSpec> all;
    auto add = [&](std::string name, K kind, std::string layer) -> IndicatorSpec& {
        IndicatorSpec s;
        s.name = std::move(name);
        s.kind = kind;
        s.layer = std::move(layer);
        s.builtIn = true;
        all.push_back(std::move(s));
        return all.back();
    };
    {
        auto& s = add("n_risico_vestigingen_250m", K::CountWithin, "vestigingen");
        s.distance = 250;
        s.activeOnly = true;
        s.sbiRisky = true;
        s.label = "{} risicovolle bedrijven binnen 250 m";
    }
    add("afstand_oprit_m", K::DistanceToNearest, "opritten").label = "{} tot de dichtstbijzijnde snelwegoprit";
    add("aandeel_bedrijventerrein", K::AreaShare, "bedrijventerreinen").label = "{} op een bedrijventerrein";
    add("n_panden", K::ContainedAggregate, "panden").label = "{} panden op het perceel";
    {
        auto& s = add("n_panden_buiten_gebruik", K::ContainedAggregate, "panden");
        s.filters.push_back({Op::Equals, "status", {"Pand buiten gebruik"}, 0});
        s.label = "{} panden buiten gebruik";
    }
    {
        auto& s = add("opp_overig_m2", K::ContainedAggregate, "panden");
        s.aggregate = "sum";
        s.field = "oppervlakte";
        s.filters.push_back({Op::Contains, "gebruiksdoel", {"overige gebruiksfunctie"}, 0});
        s.label = "{} bebouwing met overige gebruiksfunctie";
    }
    {
        auto& s = add("afstand_woning_m", K::NearestOther, "panden");
        s.cap = 2000;
        s.filters.push_back({Op::Contains, "gebruiksdoel", {"woonfunctie"}, 0});
        s.label = "{} tot de dichtstbijzijnde woning";
    }
    {
        auto& s = add("n_incidenten_500m_3j", K::CountWithin, "incidenten");
        s.distance = 500;
        s.dateField = "datum";
        s.years = 3;
        s.label = "{} incidenten binnen 500 m in de laatste 3 jaar";
    }
    {
        auto& s = add("opp_vab_m2", K::VacantFarmArea, "panden");
        s.years = 3;
        s.sbiPrefixes = {"01"};
        s.label = "leegstaande agrarische bebouwing van {}";
    }
    {
        auto& s = add("max_bedrijven_per_adres", K::MaxPerAddress, "vestigingen");
        s.activeOnly = true;
        s.sbiExcludePrefixes = {"01"};
        s.label = "{} bedrijven op één adres";
    }
    {
        auto& s = add("n_adressen_500m", K::CountWithin, "verblijfsobjecten");
        s.distance = 500;
        s.label = "slechts {} adressen binnen 500 m";
    }
    add("in_vakantiepark", K::PointIn, "vakantieparken").label = "ligt op een vakantiepark";
    add("luchtfoto_gemiddelde", K::RasterZonal, "luchtfoto").label = "gemiddelde luchtfotowaarde {}";
    return all;
}

}  // namespace riskmap::layers
