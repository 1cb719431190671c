// SPDX-License-Identifier: GPL-3.0-or-later
// The true incident-rate model: factors per 100 m cell and their coefficients (private to the sample module).
#pragma once

#include "sample_world.hpp"

#include <vector>

namespace riskmap::layers::sample {

/// log λ(cell, year) = β0 + β_vab·vab_250m + β_exit·afstand_oprit_km
///                     + β_addr·ln(1 + n_adressen_500m) + ln(hotspot multiplier)
struct IncidentCoefficients {
    double cellSize = 100.0;
    int years = 5;
    double vab250m = 1.4;         ///< a vacant farm building within 250 m of the cell centre
    double exitKm = -0.18;        ///< per km to the nearest motorway exit
    double logAddresses = -0.30;  ///< isolation: fewer addresses within 500 m, more incidents
    /// Expected incidents per cell per year (sets β0): ~900 in five years at S.
    double targetPerCellYear = 0.0068;
};

const IncidentCoefficients& incidentCoefficients();

struct CellFactors {
    XY centre;
    int vab250m = 0;
    double exitKm = 0.0;
    int addresses500m = 0;
};

/// The factors of every 100 m cell whose centre lies in the study area.
std::vector<CellFactors> incidentCellFactors(const TileWorld& world);
/// β·x without intercept and hot spots.
double linearPredictor(const CellFactors& f);
/// 1 + Σ amplitude·exp(−d²/2σ²).
double hotspotFactor(const std::vector<Hotspot>& hotspots, const XY& p);

}  // namespace riskmap::layers::sample
