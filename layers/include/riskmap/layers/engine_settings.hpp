// SPDX-License-Identifier: GPL-3.0-or-later
// The risk engine's settings from the project file: sectors, indicators, weights, scoring.
#pragma once

#include "riskmap/layers/indicator_spec.hpp"

#include <map>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace riskmap::layers {

enum class Normalisation { Rank, ZScore };

/// Every key is optional; the defaults are documented at each member.
struct EngineSettings {
    /// `[sectors] risky = [...]`: SBI prefixes (digits or dotted: `45.11` == `4511`). Default:
    /// car trade/repair 451, 452; scrap/waste 3831, 4677; road transport 4941; storage 5210;
    /// takeaway horeca 5610; holdings 6420; real estate 6810; car rental 7711; hairdressers
    /// and beauty 9602; sauna/tanning 9604.
    std::vector<std::string> riskyPrefixes;
    /// The default set of DATA_MODEL.md, then every `[[indicators]]` entry (one with the name of
    /// a default replaces it).
    std::vector<IndicatorSpec> indicators;
    /// `[weights] name = w`: overrides; see defaultWeight().
    std::map<std::string, double> weights;
    /// `[scoring] normalisation = "rank" | "zscore"` (default rank).
    Normalisation normalisation = Normalisation::Rank;
    /// `[scoring] classes = 5` (quantile classes 1..classes).
    int classes = 5;

    /// The defaults only.
    static EngineSettings defaults();
    /// Reads `[sectors]`, `[[indicators]]`, `[weights]` and `[scoring]` from a parsed project file.
    /// Throws UsageError naming `path` and the key (unknown kind, negative distance, missing layer,
    /// a weight for no indicator, ...).
    static EngineSettings fromToml(const toml::table& root, const std::string& path);

    /// The weight of an indicator: `[weights]`, else its own `weight`, else the documented default.
    double weight(const IndicatorSpec& spec) const;
    /// The effective settings as JSON text (stored with the run).
    std::string toJson() const;
};

/// Documented default weights of the default set (others 1.0): n_risico_vestigingen_250m 1.0,
/// afstand_oprit_m −0.5 (nearer is riskier), aandeel_bedrijventerrein 0.5, n_panden 0.25,
/// n_panden_buiten_gebruik 1.0, opp_overig_m2 0.5, afstand_woning_m 1.0 (isolated is riskier),
/// n_incidenten_500m_3j 1.5, opp_vab_m2 1.5, max_bedrijven_per_adres 1.0, n_adressen_500m −0.5,
/// in_vakantiepark 0.5, luchtfoto_gemiddelde 0.
double defaultWeight(const std::string& indicator);

}  // namespace riskmap::layers
