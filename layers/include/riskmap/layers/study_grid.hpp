// SPDX-License-Identifier: GPL-3.0-or-later
// The square- or hexagon-cell grid over the study area shared by the gelegenheidskaart and the RTM, and the incidents on it.
#pragma once

#include "riskmap/core/dates.hpp"
#include "riskmap/core/feedback.hpp"
#include "riskmap/core/stats/grid.hpp"
#include "riskmap/core/stats/hex_grid.hpp"
#include "riskmap/gis/feature_set.hpp"
#include "riskmap/gis/wkb.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace riskmap::layers {

/// `[opportunity] cell_shape`: squares (default) or pointy-topped hexagons of the same area.
enum class CellShape { Square, Hexagon };

/// A GridSpec aligned to multiples of the cell size in RD New (so cell ids stay the same between
/// runs) over the study area's envelope, and the cells kept: those whose centre lies inside it.
/// With hexagons, `hex` is the lattice (see core::stats::HexGridSpec: cell size = area-equivalent),
/// `cells` index it, and `spec` is the square raster of the same cell size over the envelope that
/// rasterise() fills for the GeoTIFF.
struct StudyGrid {
    CellShape shape = CellShape::Square;
    core::stats::GridSpec spec;
    core::stats::HexGridSpec hex;    ///< only with hexagons
    std::vector<std::size_t> cells;  ///< indices (GridSpec or HexGridSpec order, ascending) of the kept cells
    std::string areaLayer;           ///< the layer that decided inside: studiegebied, else percelen

    std::size_t size() const { return cells.size(); }
    bool hexagons() const { return shape == CellShape::Hexagon; }
    std::size_t col(std::size_t k) const { return cells[k] % (hexagons() ? hex.cols : spec.cols); }
    std::size_t row(std::size_t k) const { return cells[k] / (hexagons() ? hex.cols : spec.cols); }
    core::stats::Point2 centre(std::size_t k) const { return hexagons() ? hex.centre(cells[k]) : spec.centre(col(k), row(k)); }
    /// Squares: `<x>_<y>` of the cell's south-west corner in metres, e.g. `150100_449600`;
    /// hexagons: `H<x>_<y>` of the centre rounded to whole metres, e.g. `H150054_449631`.
    std::string cellId(std::size_t k) const;
    /// The cell square or hexagon as a WKB polygon.
    gis::Wkb polygon(std::size_t k) const;
    /// Squares only: per kept cell → per grid cell (GridSpec order), NaN outside the study area.
    std::vector<double> toFullGrid(std::span<const double> perCell) const;
    /// Per kept cell → per pixel of `spec` (GridSpec order): squares as toFullGrid; hexagons give each
    /// pixel the value of the kept hexagon containing the pixel centre (NaN where none).
    std::vector<double> rasterise(std::span<const double> perCell) const;
    /// The kept cell containing `p` (squares: [left, right) × (bottom, top]; hexagons: nearest
    /// centre), or nullopt when p lies in no kept cell.
    std::optional<std::size_t> cellAt(core::stats::Point2 p) const;
    /// Per kept cell, the kept cells whose centre lies within `distance` of its centre (itself
    /// included), ascending: the Gi* distance band on any cell shape.
    std::vector<std::vector<std::size_t>> neighboursWithin(double distance) const;
    /// The kept cells' centres as point features (feature k = cell k), subjects for computeIndicators.
    gis::FeatureSet centres() const;
};

/// The grid over `area` (polygons): cells of `cellSize` whose centre lies strictly inside one of them.
/// Throws InputError when the area is empty or the cell size is not positive; CancelledError.
StudyGrid studyGridOver(const gis::FeatureSet& area, double cellSize, core::Feedback& feedback,
                        CellShape shape = CellShape::Square);

/// The grid over the workspace's `studiegebied`, or over `percelen` when there is no study area.
/// Throws InputError when neither layer exists or holds polygons.
StudyGrid buildStudyGrid(gis::SpatialiteDb& db, double cellSize, core::Feedback& feedback,
                         CellShape shape = CellShape::Square);

/// Incident locations dated in (reference − years, reference] (undated ones are left out);
/// empty without an `incidenten` layer.
std::vector<core::stats::Point2> incidentsInWindow(gis::SpatialiteDb& db, const core::Date& reference, int years);

/// Incidents per kept cell (points outside the kept cells count nowhere; a point on a square's edge
/// belongs to the cell east or south of it: cells are [left, right) × (bottom, top]; see cellAt).
std::vector<double> countPerCell(const StudyGrid& grid, std::span<const core::stats::Point2> points);

}  // namespace riskmap::layers
