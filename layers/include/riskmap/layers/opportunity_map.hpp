// SPDX-License-Identifier: GPL-3.0-or-later
// The gelegenheidskaart: opportunity factors, score and class per grid cell, with incident KDE and Gi* beside it.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/gis/workspace.hpp"
#include "riskmap/layers/indicator_engine.hpp"
#include "riskmap/layers/opportunity_settings.hpp"
#include "riskmap/layers/previous_run.hpp"
#include "riskmap/layers/study_grid.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace riskmap::layers {

/// Everything computed per kept cell (vectors indexed like StudyGrid::cells).
struct OpportunityGrid {
    StudyGrid grid;
    IndicatorTable factors;                        ///< factor values at the cell centres
    std::vector<std::vector<double>> contributions; ///< [factor][cell]: |w|·normalised value (0 when empty)
    std::vector<double> score;                     ///< gelegenheid_score = Σ contributions
    std::vector<int> klasse;                       ///< gelegenheid_klasse 1..classes
    std::vector<double> breaks;                    ///< class upper bounds
    std::vector<double> incidents;                 ///< incidents in the window per cell
    std::vector<double> kde;                       ///< events per km² (NaN when no bandwidth could be set)
    std::vector<double> giZ, giP;                  ///< NaN when no Gi* was computed
    std::vector<int> giBin;
    std::size_t incidentCount = 0;                 ///< incidents in the window (anywhere)
    double bandwidth = 0;                          ///< KDE bandwidth used (m); 0 when none
    bool bandwidthSuggested = false;               ///< true: from k-NN distances, not the project file
    double hotspotDistance = 0;                    ///< Gi* band used (m); 0 when none
    std::string note;                              ///< Dutch: why KDE/Gi* are empty, if they are
};

/// Computes the grid without writing anything. Throws InputError without a study area or parcels,
/// UsageError for a factor on a missing layer it needs, CancelledError.
OpportunityGrid computeOpportunityGrid(gis::Workspace& workspace, const OpportunitySettings& settings,
                                       const core::Date& reference, core::Feedback& feedback);

struct OpportunityMapReport {
    std::string runId;
    std::int64_t cells = 0;
    std::vector<std::int64_t> classCounts;  ///< cells per class 1..k
    std::size_t incidents = 0;
    double bandwidth = 0;
    bool bandwidthSuggested = false;
    double hotspotDistance = 0;
    std::int64_t hotCells = 0, coldCells = 0;  ///< gi_bin > 0 and < 0
    std::string geotiffPath;
    std::string note;
    std::map<std::string, double> seconds;  ///< per step and "totaal"
    ClassChanges changes;                   ///< class moves per cel_id since the previous gelegenheidskaart
};

/// Builds the grid and replaces the layer `gelegenheidskaart` (cell polygons; columns
/// opportunityColumns()), writes the GeoTIFF opportunityGeoTiffPath() with the bands
/// gelegenheid_score, gelegenheid_klasse, kde, gi_z (Float32, nodata −9999 outside the study area;
/// always square pixels of the cell size: with hexagons each pixel takes the hexagon holding its centre)
/// and records the run in rk_runs (kind `gelegenheidskaart`). Throws as computeOpportunityGrid,
/// GdalError when the GeoTIFF cannot be written.
OpportunityMapReport buildOpportunityMap(gis::Workspace& workspace, const OpportunitySettings& settings,
                                         const core::Date& reference, core::Feedback& feedback);

/// The columns of `gelegenheidskaart` besides fid and geom: cel_id, each factor, `bijdrage_<factor>` for
/// each, gelegenheid_score, gelegenheid_klasse, n_incidenten, kde, gi_z, gi_p, gi_bin, run_id.
/// gi_p is the p-value that decided gi_bin (the BH-adjusted one when [hotspots] fdr is on).
std::vector<std::string> opportunityColumns(const OpportunitySettings& settings);

/// `<workspace>.cache/gelegenheidskaart.tif` (the cache folder beside the workspace, DESIGN.md).
std::string opportunityGeoTiffPath(const std::string& workspacePath);

}  // namespace riskmap::layers
