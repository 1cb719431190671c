// SPDX-License-Identifier: GPL-3.0-or-later
// Settings of the gelegenheidskaart grid, its KDE/Gi* and the Risk Terrain Model from the project file.
#pragma once

#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/study_grid.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace riskmap::layers {

enum class ClassBreaks { Quantiles, Jenks };

/// Every key is optional; the default is documented at each member.
struct OpportunitySettings {
    /// `[opportunity] cell_size` in metres, 50–250 (default 100): square cells aligned to multiples
    /// of the size in RD New, kept when their centre lies in `studiegebied` (else in a parcel).
    double cellSize = 100.0;
    /// `[opportunity] cell_shape = "square" | "hexagon"` (default square). Hexagons are pointy-topped
    /// with the area of a square of `cell_size` (side 0.6204·cell_size, adjacent centres
    /// 1.0746·cell_size apart); factors, KDE and Gi* use the hexagon centres, the GeoTIFF stays a
    /// square raster of `cell_size` (each pixel the value of the hexagon holding its centre).
    /// The RTM is always fitted on squares (its parcel risk is area-weighted over square cells).
    CellShape cellShape = CellShape::Square;
    /// The opportunity factors, evaluated at each cell centre (no incident data): see defaultOpportunityFactors().
    std::vector<IndicatorSpec> factors;
    /// `[opportunity.weights] factor = w`; the sign is the direction (negative: a low value is risky).
    std::map<std::string, double> weights;
    /// `[opportunity] normalisation = "rank" | "zscore"` (default: `[scoring] normalisation`).
    Normalisation normalisation = Normalisation::Rank;
    /// `[scoring] classes` (default 5) and `[opportunity] breaks = "quantiles" | "jenks"` (default quantiles).
    int classes = 5;
    ClassBreaks breaks = ClassBreaks::Quantiles;
    /// `[opportunity] incident_years` (default 3): incidents dated in (reference − years, reference]
    /// feed the KDE, Gi* and the RTM counts.
    int incidentYears = 3;
    /// `[kde] bandwidth` in metres; default: suggested as the median distance to the k-th nearest
    /// incident, `[kde] k` (default 5).
    std::optional<double> bandwidth;
    int kdeNeighbours = 5;
    /// `[hotspots] distance` (Gi* distance band, metres; default the KDE bandwidth) and
    /// `[hotspots] fdr` (Benjamini–Hochberg correction, default false).
    std::optional<double> hotspotDistance;
    bool fdr = false;
    /// `[rtm] enabled` (default true), `[rtm] years` (default incident_years),
    /// `[rtm] min_incidents` (default 30: fewer, and the expert weights decide), `[rtm] seed` (CV folds, default 1).
    bool rtmEnabled = true;
    std::optional<int> rtmYears;
    double rtmMinIncidents = 30;
    std::uint64_t rtmSeed = 1;
    /// From `[sectors] risky` (the engine settings).
    std::vector<std::string> riskyPrefixes;

    /// The defaults, with the risky sectors, classes and normalisation of `engine`.
    static OpportunitySettings defaults(const EngineSettings& engine);
    /// Reads `[opportunity]`, `[opportunity.weights]`, `[kde]`, `[hotspots]` and `[rtm]`. Throws UsageError
    /// naming `path` and the key (cell size out of range, unknown factor or key, bad value).
    static OpportunitySettings fromToml(const toml::table& root, const std::string& path, const EngineSettings& engine);

    /// A factor's weight: `[opportunity.weights]`, else defaultOpportunityWeight().
    double weight(const std::string& factor) const;
    /// Engine settings whose indicators are the factors (for computeIndicators on cell centres).
    EngineSettings factorEngineSettings() const;
    /// The effective settings as JSON (stored with the run).
    std::string toJson() const;
};

/// The default factors (column names of `gelegenheidskaart`), evaluated at cell centres:
/// vab_250m (vacant farm buildings within 250 m), afstand_oprit_m, afstand_woning_m (isolation,
/// capped at 2000 m), n_adressen_500m, n_risico_vestigingen_250m, in_bedrijventerrein, in_vakantiepark.
std::vector<IndicatorSpec> defaultOpportunityFactors();

/// Default weights: vab_250m 1.5, afstand_oprit_m −0.5, afstand_woning_m 1.0, n_adressen_500m −0.5,
/// n_risico_vestigingen_250m 1.0, in_bedrijventerrein 0.5, in_vakantiepark 0.5.
double defaultOpportunityWeight(const std::string& factor);

}  // namespace riskmap::layers
