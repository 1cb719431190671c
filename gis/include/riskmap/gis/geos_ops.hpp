// SPDX-License-Identifier: GPL-3.0-or-later
// Geometry operations on WKB values through GEOS (thread-local context, no GEOS types exposed).
#pragma once

#include "riskmap/gis/wkb.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace riskmap::gis {

/// Parses WKT; throws GeosError on malformed text.
Wkb wkbFromWkt(std::string_view wkt);
/// WKT with `decimals` digits after the point; throws GeosError on bad WKB.
std::string wktFromWkb(const Wkb& wkb, int decimals = 2);

/// Voronoi cells (polygons, in no particular order) of the seeds, extended to
/// cover `extent`. Throws GeosError.
std::vector<Wkb> voronoiCells(const std::vector<XY>& seeds, const Envelope& extent);

/// Area in squared CRS units (0 for points and lines). Throws GeosError.
double areaOf(const Wkb& wkb);
/// Bounding box. Throws GeosError (also for an empty geometry).
Envelope envelopeOf(const Wkb& wkb);
/// A point guaranteed inside a polygonal geometry. Throws GeosError.
XY pointOnSurfaceOf(const Wkb& wkb);
/// Empty when valid, otherwise GEOS' reason ("Self-intersection[x y]").
std::optional<std::string> invalidityReason(const Wkb& wkb);
/// Buffer with round joins; `flatEnds` gives flat line ends. Throws GeosError.
Wkb bufferOf(const Wkb& wkb, double distance, bool flatEnds = false, int quadrantSegments = 4);
/// Union of all geometries (polygonal inputs give a (Multi)Polygon). Throws GeosError.
Wkb unionOf(const std::vector<Wkb>& geometries);
/// The geometry shifted by (dx, dy). Throws GeosError.
Wkb translated(const Wkb& wkb, double dx, double dy);
/// The polygonal part of `wkb` as a MultiPolygon (empty MultiPolygon when none).
Wkb asMultiPolygon(const Wkb& wkb);
/// True when both intersect. Throws GeosError.
bool intersects(const Wkb& a, const Wkb& b);

/// A polygonal area prepared for many fast containment tests and clips.
/// Not thread-safe: use one per thread.
class PreparedArea {
public:
    /// Throws GeosError when `area` is not a readable geometry.
    explicit PreparedArea(const Wkb& area);
    ~PreparedArea();
    PreparedArea(PreparedArea&&) noexcept;
    PreparedArea& operator=(PreparedArea&&) noexcept;
    PreparedArea(const PreparedArea&) = delete;
    PreparedArea& operator=(const PreparedArea&) = delete;

    bool contains(const XY& p) const;
    /// True when `g` lies wholly inside (boundary touching allowed).
    bool covers(const Wkb& g) const;
    bool intersects(const Wkb& g) const;
    /// `g` ∩ area as a MultiPolygon; nullopt when nothing polygonal remains.
    std::optional<Wkb> clip(const Wkb& g) const;
    const Envelope& envelope() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace riskmap::gis
