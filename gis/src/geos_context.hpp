// SPDX-License-Identifier: GPL-3.0-or-later
// RAII GEOS context and geometry handles; the error handler only stores the message.
#pragma once

#include <geos_c.h>

#include <memory>
#include <string>

namespace riskmap::gis {

/// A GEOS context whose last error/notice message can be read back.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;
    GEOSContextHandle_t handle() const { return m_handle; }
    const std::string& lastError() const { return m_lastError; }

private:
    GEOSContextHandle_t m_handle;
    std::string m_lastError;
};

struct GeosGeomDeleter {
    GEOSContextHandle_t ctx;
    void operator()(GEOSGeometry* g) const { if (g) GEOSGeom_destroy_r(ctx, g); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeomDeleter>;

inline GeosGeometryPtr makeGeosPtr(const GeosContext& ctx, GEOSGeometry* g)
{
    return GeosGeometryPtr(g, GeosGeomDeleter{ctx.handle()});
}

}  // namespace riskmap::gis
