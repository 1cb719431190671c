// SPDX-License-Identifier: GPL-3.0-or-later
// The square-cell grid over the study area shared by the gelegenheidskaart and the RTM, and the incidents on it.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/grid.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/wkb.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace riskmap::layers {

/// A GridSpec aligned to multiples of the cell size in RD New (so cell ids stay the same between
/// runs) over the study area's envelope, and the cells kept: those whose centre lies inside it.
struct StudyGrid {
    core::stats::GridSpec spec;
    std::vector<std::size_t> cells;  ///< grid indices (GridSpec order, ascending) of the kept cells
    std::string areaLayer;           ///< the layer that decided inside: studiegebied, else percelen

    std::size_t size() const { return cells.size(); }
    std::size_t col(std::size_t k) const { return cells[k] % spec.cols; }
    std::size_t row(std::size_t k) const { return cells[k] / spec.cols; }
    core::stats::Point2 centre(std::size_t k) const { return spec.centre(col(k), row(k)); }
    /// `<x>_<y>` of the cell's south-west corner in metres, e.g. `150100_449600`.
    std::string cellId(std::size_t k) const;
    /// The cell square as a WKB polygon.
    gis::Wkb polygon(std::size_t k) const;
    /// Per kept cell → per grid cell (GridSpec order), NaN outside the study area.
    std::vector<double> toFullGrid(std::span<const double> perCell) const;
    /// The kept cells' centres as point features (feature k = cell k), subjects for computeIndicators.
    gis::FeatureSet centres() const;
};

/// The grid over `area` (polygons): cells of `cellSize` whose centre lies strictly inside one of them.
/// Throws InputError when the area is empty or the cell size is not positive; CancelledError.
StudyGrid studyGridOver(const gis::FeatureSet& area, double cellSize, core::Feedback& feedback);

/// The grid over the workspace's `studiegebied`, or over `percelen` when there is no study area.
/// Throws InputError when neither layer exists or holds polygons.
StudyGrid buildStudyGrid(gis::SpatialiteDb& db, double cellSize, core::Feedback& feedback);

/// Incident locations dated in (reference − years, reference] (undated ones are left out);
/// empty without an `incidenten` layer.
std::vector<core::stats::Point2> incidentsInWindow(gis::SpatialiteDb& db, const core::Date& reference, int years);

/// Incidents per kept cell (points outside the kept cells count nowhere; a point on a cell edge
/// belongs to the cell east or south of it: cells are [left, right) × (bottom, top]).
std::vector<double> countPerCell(const StudyGrid& grid, std::span<const core::stats::Point2> points);

}  // namespace riskmap::layers
