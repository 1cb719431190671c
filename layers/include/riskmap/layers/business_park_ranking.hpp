// SPDX-License-Identifier: GPL-3.0-or-later
// `risico_bedrijventerreinen`: per business park the signals DOMAIN.md lists, and a ranking.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace riskmap::layers {

/// The signals of one business park (columns of risico_bedrijventerreinen).
struct BusinessParkSignals {
    std::string terreinId, naam, gemeente;
    std::int64_t vestigingen = 0;          ///< active establishments inside
    std::int64_t risicoVestigingen = 0;    ///< of which in a risky sector
    double aandeelRisico = 0;
    std::int64_t panden = 0;
    std::int64_t verzamelgebouwen = 0;     ///< panden with 2+ active establishments
    std::int64_t bedrijfsadressen = 0;     ///< addresses with industrial or office use
    std::int64_t leegstaand = 0;           ///< of which without an active establishment
    double aandeelLeegstand = 0;
    std::int64_t inschrijvingen3j = 0, uitschrijvingen3j = 0;
    double verloop = 0;                    ///< (started + ended in 3 years) / max(active, 1)
    bool anoniem = false;                  ///< no dwelling within 250 m
    std::optional<double> afstandOpritM;
    std::int64_t controlesHistorie = 0;    ///< earlier controls on the park (controles_historie)
    double score = 0;                      ///< mean of the rank-normalised signals, 0..1
    std::int64_t rang = 0;                 ///< 1 = highest score
};

/// Computes the signals for every park, ranks them and replaces the layer
/// `risico_bedrijventerreinen` (park polygon + columns + run_id). Returns the
/// parks in rank order. No bedrijventerreinen layer: returns empty, writes nothing.
std::vector<BusinessParkSignals> buildBusinessParkRanking(gis::Workspace& workspace,
                                                          const std::vector<std::string>& riskyPrefixes,
                                                          const core::Date& reference, const std::string& runId,
                                                          core::Feedback& feedback);

}  // namespace riskmap::layers
