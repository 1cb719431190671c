// SPDX-License-Identifier: GPL-3.0-or-later
// `risico_adressen`: the risk of every verblijfsobject, the planner's unit.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace riskmap::layers {

struct AddressRiskReport {
    std::int64_t addresses = 0;       ///< rows written
    std::int64_t inParcel = 0;        ///< addresses inside a scored parcel
    std::int64_t withCompanies = 0;   ///< addresses with at least one active vestiging
    double seconds = 0.0;
};

/// The risk of one address as the planner ranks it: the parcel's score, raised by a quarter
/// for every active risky company at the address (at most four), so that in a multi-tenant
/// building the unit with the car trader comes before the empty one.
double addressRisk(double parcelScore, std::int64_t riskyCompanies);

/// Replaces `risico_adressen` (point per verblijfsobject): vbo_id, the address fields and `adres`
/// (one line), perceel_id, gemeente, the parcel's risico_score and risico_klasse (the parcel
/// containing the point), n_bedrijven and n_risico_bedrijven (active vestigingen at the address,
/// matched on postcode + huisnummer + huisletter + toevoeging; risky = SBI prefix in
/// `riskyPrefixes`), n_inschrijvingen_3j / n_uitschrijvingen_3j (registrations started/ended in
/// the three years up to `referenceDate`), woonfunctie (0/1), vab (1 when the parcel has vacant farm
/// buildings), sbi_codes (active codes, comma-separated), risico_adres (addressRisk) and run_id.
/// Throws InputError without `risico_percelen` (run `riskmap build` first) or `verblijfsobjecten`.
AddressRiskReport buildAddressRisk(gis::Workspace& workspace, const std::vector<std::string>& riskyPrefixes,
                                   const core::Date& referenceDate, core::Feedback& feedback);

}  // namespace riskmap::layers
