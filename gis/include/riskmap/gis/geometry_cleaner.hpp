// SPDX-License-Identifier: GPL-3.0-or-later
// Per-row geometry checks of an import: NaN, empty, family, reprojection,
// RD domain, validity (GEOS MakeValid) and promotion to multi.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace riskmap::gis {

class CrsTransformer;

enum class GeomFamily { Point, Line, Polygon };

/// The RD New domain outside which a geometry is refused (DESIGN.md).
struct RdDomain {
    double xmin = -7000, ymin = 289000, xmax = 300000, ymax = 629000;
};

struct CleanedGeometry {
    enum class Status { Ok, Repaired, Rejected };
    Status status = Status::Ok;
    std::string reason;               ///< Dutch, for the report (repair or rejection)
    std::vector<unsigned char> wkb;   ///< 2D ISO WKB in EPSG:28992 when not rejected
    double area = 0.0;                ///< for polygons, m²
};

/// Not thread-safe: one per thread (owns a GEOS context).
class GeometryCleaner {
public:
    /// `transform` may be null (source already RD New).
    GeometryCleaner(GeomFamily family, bool multi, const CrsTransformer* transform, RdDomain domain = {});
    ~GeometryCleaner();
    GeometryCleaner(const GeometryCleaner&) = delete;
    GeometryCleaner& operator=(const GeometryCleaner&) = delete;

    /// Cleans one geometry given as (2D or 3D) WKB.
    CleanedGeometry clean(const std::vector<unsigned char>& wkb);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// The family of a WKB geometry type code, for checks before cleaning.
std::string geomFamilyName(GeomFamily family);

}  // namespace riskmap::gis
