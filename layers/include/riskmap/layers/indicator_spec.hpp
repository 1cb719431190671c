// SPDX-License-Identifier: GPL-3.0-or-later
// Indicators per parcel as declared in the project file ([[indicators]]), and the default set of DATA_MODEL.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

/// How an indicator is computed from its layer (the `kind` key).
enum class IndicatorKind {
    CountWithin,         ///< `count_within`: features within `distance` of the parcel (0 inside)
    DistanceToNearest,   ///< `distance_to_nearest`: distance to the nearest feature (optional `cap`)
    NearestOther,        ///< `nearest_other`: distance to the nearest feature not intersecting the parcel (isolation)
    AreaShare,           ///< `area_share`: area(parcel ∩ union of the layer) / area(parcel)
    ContainedAggregate,  ///< `contained_aggregate`: count or sum of `field` over features whose point on surface lies in the parcel
    PointIn,             ///< `point_in`: 1 when the parcel's point on surface lies in a feature of the layer, else 0
    MaxPerAddress,       ///< `max_per_address`: largest number of features at one address, of those inside the parcel
    VacantFarmArea,      ///< `vacant_farm_area`: area of vacant farm buildings (panden) on the parcel (DATA_MODEL.md)
    VacantFarmWithin,    ///< `vacant_farm_within`: vacant farm buildings (same definition) within `distance` of the subject
    KernelDensity,       ///< `kernel_density`: quartic kernel density (per km²) of the layer's points at the parcel's point on surface, bandwidth `distance`
    RasterZonal,         ///< `raster_zonal`: mean of band 1 of the most recent raster of the layer over the parcel (pixel centres inside)
};

/// The project-file spelling of a kind, and back (nullopt for an unknown word).
std::string toString(IndicatorKind kind);
std::optional<IndicatorKind> parseIndicatorKind(const std::string& word);
/// Every kind word, for error messages.
std::string indicatorKindList();

/// One attribute condition; all conditions of an indicator must hold.
struct AttributeFilter {
    enum class Op {
        Equals,       ///< `where = { status = "Pand buiten gebruik" }` (a list means any of them)
        Contains,     ///< `contains = { gebruiksdoel = "woonfunctie" }` (case-insensitive substring)
        NotContains,  ///< `not_contains = { ... }`
        Greater,      ///< `min = { oppervlakte = 200 }` (strictly greater)
    };
    Op op = Op::Equals;
    std::string field;
    std::vector<std::string> values;
    double number = 0;
};

struct IndicatorSpec {
    std::string name;                 ///< output column
    IndicatorKind kind = IndicatorKind::CountWithin;
    std::string layer;                ///< workspace layer it reads
    double distance = 0;              ///< metres (count_within, kernel_density)
    std::optional<double> cap;        ///< metres (distance kinds)
    std::vector<AttributeFilter> filters;
    std::string dateField;            ///< with `years`: only features dated in (reference − years, reference]
    int years = 0;
    bool activeOnly = false;          ///< `active = true`: registered on and not ended before the reference date
    bool sbiRisky = false;            ///< `sbi = "risky"`: sbi_code in the project's risky sectors
    std::vector<std::string> sbiPrefixes;         ///< `sbi = ["01"]`
    std::vector<std::string> sbiExcludePrefixes;  ///< `exclude_sbi = ["01"]`
    std::string aggregate = "count";  ///< contained_aggregate: `count` or `sum`
    std::string field;                ///< contained_aggregate sum: the summed field (footprint area when NULL)
    double minArea = 200;             ///< vacant_farm_area: minimum building size in m²
    std::string label;                ///< Dutch words for explanations; `{}` is replaced by the value
    std::optional<double> weight;     ///< its own weight (the `[weights]` table wins)
    bool builtIn = false;             ///< part of the default set

    /// True for kinds whose value is a whole number (counts, flags).
    bool integerValued() const;
};

/// The default indicator set of DATA_MODEL.md, with the risky sectors applied through `sbi = "risky"`.
std::vector<IndicatorSpec> defaultIndicators();

}  // namespace riskmap::layers
