// SPDX-License-Identifier: GPL-3.0-or-later
// GEOS context with a message-storing error handler.
#include "geos_context.hpp"

#include <cstdarg>
#include <cstdio>

namespace riskmap::gis {
namespace {

void storeMessage(const char* message, void* userdata)
{
    // Never throw across the C callback: only keep the text.
    *static_cast<std::string*>(userdata) = message ? message : "";
}

}  // namespace

GeosContext::GeosContext() : m_handle(GEOS_init_r())
{
    GEOSContext_setErrorMessageHandler_r(m_handle, storeMessage, &m_lastError);
    GEOSContext_setNoticeMessageHandler_r(m_handle, nullptr, nullptr);
}

GeosContext::~GeosContext() { GEOS_finish_r(m_handle); }

}  // namespace riskmap::gis
