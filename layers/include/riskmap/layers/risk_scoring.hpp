// SPDX-License-Identifier: GPL-3.0-or-later
// Expert-weight scoring of parcels: normalised indicators, score, class 1..k and the reasons in Dutch.
#pragma once

#include "riskmap/layers/engine_settings.hpp"
#include "riskmap/layers/indicator_engine.hpp"

#include <string>
#include <vector>

namespace riskmap::layers {

struct ParcelScore {
    double score = 0;
    int klasse = 1;
    std::string verklaring;             ///< the three largest positive contributions, in words
    std::vector<double> contributions;  ///< per indicator, in IndicatorTable::specs order
};

/// Scores every parcel: each indicator normalised (rank: share of parcels with a lower value, or the
/// higher for a negative weight; z-score: signed by the weight), times |weight|, summed.
/// Empty values and indicators that are the same everywhere contribute 0.
std::vector<ParcelScore> scoreParcels(const IndicatorTable& table, const EngineSettings& settings);

/// Quantile classes 1..classes: breaks at the i/classes quantiles (nearest rank) of the scores;
/// a score gets 1 + the number of breaks it exceeds. Stand-in until core/stats class breaks land.
std::vector<int> quantileClasses(const std::vector<double>& scores, int classes);

/// One indicator value in Dutch words ("3 risicovolle bedrijven binnen 250 m", "2,1 km tot de
/// dichtstbijzijnde woning").
std::string describeIndicator(const IndicatorSpec& spec, double value);

/// Dutch number formatting: decimal comma, thousands point.
std::string formatDutchNumber(double value, int decimals);

}  // namespace riskmap::layers
