// SPDX-License-Identifier: GPL-3.0-or-later
// Thread-local GEOS context with WKB reader and writer.
#include "geos_thread.hpp"

#include "riskmap/core/error.hpp"

#include <cstdarg>
#include <cstdio>

namespace riskmap::gis {

namespace {

struct ThreadContext {
    GEOSContextHandle_t handle = nullptr;
    GEOSWKBReader* reader = nullptr;
    GEOSWKBWriter* writer = nullptr;
    std::string lastError;

    ThreadContext()
    {
        handle = GEOS_init_r();
        GEOSContext_setErrorMessageHandler_r(handle, &ThreadContext::onError, this);
        reader = GEOSWKBReader_create_r(handle);
        writer = GEOSWKBWriter_create_r(handle);
        GEOSWKBWriter_setByteOrder_r(handle, writer, GEOS_WKB_NDR);
        GEOSWKBWriter_setOutputDimension_r(handle, writer, 2);
    }
    ~ThreadContext()
    {
        GEOSWKBReader_destroy_r(handle, reader);
        GEOSWKBWriter_destroy_r(handle, writer);
        GEOS_finish_r(handle);
    }
    ThreadContext(const ThreadContext&) = delete;
    ThreadContext& operator=(const ThreadContext&) = delete;

    // Called by GEOS: must not throw, only remember.
    static void onError(const char* message, void* userdata)
    {
        static_cast<ThreadContext*>(userdata)->lastError = message ? message : "";
    }
};

ThreadContext& threadContext()
{
    thread_local ThreadContext ctx;
    return ctx;
}

}  // namespace

GEOSContextHandle_t geosContext() { return threadContext().handle; }

std::string geosLastError() { return threadContext().lastError; }

ThreadGeosGeometryPtr geosFromWkb(const Wkb& wkb)
{
    auto& ctx = threadContext();
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx.handle, ctx.reader, wkb.data(), wkb.size());
    if (!g) throw GeosError("GEOS: cannot read WKB: " + ctx.lastError);
    return ThreadGeosGeometryPtr(g);
}

Wkb wkbFromGeos(const GEOSGeometry* g)
{
    auto& ctx = threadContext();
    std::size_t size = 0;
    unsigned char* buf = GEOSWKBWriter_write_r(ctx.handle, ctx.writer, g, &size);
    if (!buf) throw GeosError("GEOS: cannot write WKB: " + ctx.lastError);
    Wkb out(buf, buf + size);
    GEOSFree_r(ctx.handle, buf);
    return out;
}

}  // namespace riskmap::gis
