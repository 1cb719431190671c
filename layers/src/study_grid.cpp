// SPDX-License-Identifier: GPL-3.0-or-later
// Building the study-area grid and counting incidents on it.
#include "riskmap/layers/study_grid.hpp"

#include "riskmap/core/error.hpp"
#include "riskmap/gis/spatial_query.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>

namespace riskmap::layers {
namespace {

std::string metres(double v)
{
    char buf[40];
    if (std::fabs(v - std::round(v)) < 1e-6) std::snprintf(buf, sizeof buf, "%.0f", std::round(v));
    else std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

gis::FeatureSet pointSet(const std::vector<core::stats::Point2>& points)
{
    std::vector<gis::FeatureRow> rows(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        rows[i].fid = static_cast<std::int64_t>(i + 1);
        rows[i].wkb = gis::pointWkb({points[i].x, points[i].y});
    }
    return gis::FeatureSet::fromRows({}, std::move(rows));
}

}  // namespace

std::string StudyGrid::cellId(std::size_t k) const
{
    if (hexagons()) {
        const auto c = centre(k);
        return "H" + metres(std::round(c.x)) + "_" + metres(std::round(c.y));
    }
    const double x = spec.left + static_cast<double>(col(k)) * spec.cellSize;
    const double y = spec.top - static_cast<double>(row(k) + 1) * spec.cellSize;
    return metres(x) + "_" + metres(y);
}

gis::Wkb StudyGrid::polygon(std::size_t k) const
{
    if (hexagons()) {
        const auto corners = hex.corners(cells[k]);
        std::vector<gis::XY> ring;
        for (const auto& p : corners) ring.push_back({p.x, p.y});
        ring.push_back(ring.front());
        return gis::polygonWkb({ring});
    }
    const double x0 = spec.left + static_cast<double>(col(k)) * spec.cellSize;
    const double y1 = spec.top - static_cast<double>(row(k)) * spec.cellSize;
    const double x1 = x0 + spec.cellSize, y0 = y1 - spec.cellSize;
    return gis::polygonWkb({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}});
}

std::vector<double> StudyGrid::toFullGrid(std::span<const double> perCell) const
{
    std::vector<double> out(spec.cellCount(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t k = 0; k < cells.size() && k < perCell.size(); ++k) out[cells[k]] = perCell[k];
    return out;
}

std::vector<double> StudyGrid::rasterise(std::span<const double> perCell) const
{
    if (!hexagons()) return toFullGrid(perCell);
    std::vector<double> out(spec.cellCount(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t r = 0; r < spec.rows; ++r)
        for (std::size_t c = 0; c < spec.cols; ++c)
            if (auto k = cellAt(spec.centre(c, r)); k && *k < perCell.size()) out[spec.index(c, r)] = perCell[*k];
    return out;
}

std::optional<std::size_t> StudyGrid::cellAt(core::stats::Point2 p) const
{
    std::optional<std::size_t> index;
    if (hexagons()) {
        index = hex.cellAt(p);
    } else {
        const double c = std::floor((p.x - spec.left) / spec.cellSize);
        const double r = std::floor((spec.top - p.y) / spec.cellSize);
        if (c >= 0 && r >= 0 && c < static_cast<double>(spec.cols) && r < static_cast<double>(spec.rows))
            index = spec.index(static_cast<std::size_t>(c), static_cast<std::size_t>(r));
    }
    if (!index) return std::nullopt;
    auto it = std::lower_bound(cells.begin(), cells.end(), *index);
    if (it == cells.end() || *it != *index) return std::nullopt;
    return static_cast<std::size_t>(it - cells.begin());
}

std::vector<std::vector<std::size_t>> StudyGrid::neighboursWithin(double distance) const
{
    std::vector<std::vector<std::size_t>> out(cells.size());
    auto position = [&](std::size_t index) -> std::optional<std::size_t> {
        auto it = std::lower_bound(cells.begin(), cells.end(), index);
        if (it == cells.end() || *it != index) return std::nullopt;
        return static_cast<std::size_t>(it - cells.begin());
    };
    for (std::size_t k = 0; k < cells.size(); ++k) {
        if (hexagons()) {
            for (std::size_t j : hex.within(cells[k], distance))
                if (auto q = position(j)) out[k].push_back(*q);
        } else {
            const auto c = centre(k);
            const auto reach = static_cast<long>(std::floor(distance / spec.cellSize + 1e-9));
            const long c0 = static_cast<long>(col(k)), r0 = static_cast<long>(row(k));
            for (long r = r0 - reach; r <= r0 + reach; ++r)
                for (long cc = c0 - reach; cc <= c0 + reach; ++cc) {
                    if (r < 0 || cc < 0 || r >= static_cast<long>(spec.rows) || cc >= static_cast<long>(spec.cols)) continue;
                    const auto q = spec.centre(static_cast<std::size_t>(cc), static_cast<std::size_t>(r));
                    if ((q.x - c.x) * (q.x - c.x) + (q.y - c.y) * (q.y - c.y) > distance * distance * (1 + 1e-12) + 1e-9) continue;
                    if (auto j = position(spec.index(static_cast<std::size_t>(cc), static_cast<std::size_t>(r)))) out[k].push_back(*j);
                }
        }
    }
    return out;
}

gis::FeatureSet StudyGrid::centres() const
{
    std::vector<core::stats::Point2> points(cells.size());
    for (std::size_t k = 0; k < cells.size(); ++k) points[k] = centre(k);
    return pointSet(points);
}

StudyGrid studyGridOver(const gis::FeatureSet& area, double cellSize, core::Feedback& feedback, CellShape shape)
{
    if (!(cellSize > 0) || !std::isfinite(cellSize)) throw InputError("raster: celgrootte moet groter dan 0 zijn");
    double xmin = std::numeric_limits<double>::infinity(), ymin = xmin, xmax = -xmin, ymax = -xmin;
    for (std::size_t i = 0; i < area.size(); ++i) {
        if (!area.hasGeometry(i) || area.area(i) <= 0) continue;
        const auto b = area.envelope(i);
        xmin = std::min(xmin, b.xmin), ymin = std::min(ymin, b.ymin);
        xmax = std::max(xmax, b.xmax), ymax = std::max(ymax, b.ymax);
    }
    if (!(xmax > xmin && ymax > ymin)) throw InputError("raster: het studiegebied bevat geen vlakken");
    StudyGrid grid;
    grid.spec.cellSize = cellSize;
    grid.spec.left = std::floor(xmin / cellSize) * cellSize;
    grid.spec.top = std::ceil(ymax / cellSize) * cellSize;
    grid.spec.cols = static_cast<std::size_t>(std::ceil((xmax - grid.spec.left) / cellSize));
    grid.spec.rows = static_cast<std::size_t>(std::ceil((grid.spec.top - ymin) / cellSize));

    grid.shape = shape;

    // Every cell centre of the envelope is a point subject; the ones inside a polygon are kept.
    std::vector<core::stats::Point2> all;
    if (shape == CellShape::Hexagon) {
        grid.hex = core::stats::hexGridOver(xmin, ymin, xmax, ymax, cellSize);
        all.resize(grid.hex.cellCount());
        for (std::size_t i = 0; i < all.size(); ++i) all[i] = grid.hex.centre(i);
    } else {
        all.resize(grid.spec.cellCount());
        for (std::size_t r = 0; r < grid.spec.rows; ++r)
            for (std::size_t c = 0; c < grid.spec.cols; ++c) all[grid.spec.index(c, r)] = grid.spec.centre(c, r);
    }
    const gis::FeatureSet centres = pointSet(all);
    std::vector<std::uint8_t> inside(all.size(), 0);
    feedback.beginStage("rastercellen in het studiegebied", all.size());
    tbb::enumerable_thread_specific<gis::SpatialQuery> queries;
    std::mutex errorMutex;
    std::string firstError;
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, all.size(), 1024), [&](const tbb::blocked_range<std::size_t>& range) {
        if (feedback.isCancelled()) return;
        try {
            auto& q = queries.local();
            for (std::size_t i = range.begin(); i != range.end(); ++i)
                if (q.setSubject(centres, i)) inside[i] = q.containingSubjectPointOnSurface(area).empty() ? 0 : 1;
        } catch (const std::exception& e) {
            std::lock_guard lock(errorMutex);
            if (firstError.empty()) firstError = e.what();
            feedback.cancel();
        }
        feedback.advance(range.size());
    });
    if (!firstError.empty()) throw GeosError("raster over het studiegebied: " + firstError);
    feedback.checkCancelled();
    for (std::size_t i = 0; i < inside.size(); ++i)
        if (inside[i]) grid.cells.push_back(i);
    return grid;
}

StudyGrid buildStudyGrid(gis::SpatialiteDb& db, double cellSize, core::Feedback& feedback, CellShape shape)
{
    for (const char* layer : {"studiegebied", "percelen"}) {
        if (!db.tableExists(layer) || db.queryInt(std::string("SELECT count(*) FROM ") + layer).value_or(0) == 0) continue;
        feedback.beginStage(std::string(layer) + " inlezen");
        const auto area = gis::FeatureSet::load(db, layer);
        StudyGrid grid = studyGridOver(area, cellSize, feedback, shape);
        grid.areaLayer = layer;
        return grid;
    }
    throw InputError("raster: geen laag 'studiegebied' of 'percelen' in de werkruimte");
}

std::vector<core::stats::Point2> incidentsInWindow(gis::SpatialiteDb& db, const core::Date& reference, int years)
{
    std::vector<core::stats::Point2> out;
    if (!db.tableExists("incidenten")) return out;
    const auto set = gis::FeatureSet::load(db, "incidenten", {"datum"});
    const std::int64_t ref = std::chrono::sys_days(reference).time_since_epoch().count();
    core::Date start{reference.year() - std::chrono::years(years), reference.month(), reference.day()};
    if (!start.ok()) start = core::Date{start.year() / start.month() / std::chrono::last};
    const std::int64_t from = std::chrono::sys_days(start).time_since_epoch().count();
    for (std::size_t i = 0; i < set.size(); ++i) {
        if (!set.hasGeometry(i)) continue;
        const auto d = gis::fieldDays(set.value(i, 0));
        if (!d || *d <= from || *d > ref) continue;
        const auto b = set.envelope(i);
        out.push_back({b.xmin, b.ymin});
    }
    return out;
}

std::vector<double> countPerCell(const StudyGrid& grid, std::span<const core::stats::Point2> points)
{
    std::vector<double> counts(grid.cells.size(), 0.0);
    for (const auto& p : points)
        if (auto k = grid.cellAt(p)) counts[*k] += 1.0;
    return counts;
}

}  // namespace riskmap::layers
