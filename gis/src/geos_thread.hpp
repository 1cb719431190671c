// SPDX-License-Identifier: GPL-3.0-or-later
// The thread-local GEOS context with WKB helpers and RAII geometry handles (private to gis/).
#pragma once

#include "riskmap/gis/wkb.hpp"

#include <geos_c.h>

#include <memory>
#include <string>

namespace riskmap::gis {

/// One GEOS context per thread; the error handler only stores the message.
GEOSContextHandle_t geosContext();
/// The last message GEOS reported on this thread.
std::string geosLastError();

struct ThreadGeosGeometryDeleter {
    void operator()(GEOSGeometry* g) const { if (g) GEOSGeom_destroy_r(geosContext(), g); }
};
using ThreadGeosGeometryPtr = std::unique_ptr<GEOSGeometry, ThreadGeosGeometryDeleter>;

/// Reads WKB; throws GeosError.
ThreadGeosGeometryPtr geosFromWkb(const Wkb& wkb);
/// Writes little-endian 2D WKB; throws GeosError.
Wkb wkbFromGeos(const GEOSGeometry* g);

}  // namespace riskmap::gis
