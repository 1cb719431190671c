// SPDX-License-Identifier: GPL-3.0-or-later
// Returning freed heap to the system between the memory-heavy steps of a build (private to layers).
#pragma once

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace riskmap::layers::detail {

/// glibc keeps the blocks a step freed in its heaps (one arena per worker thread); at scale L
/// that left GBs resident into the next step. A no-op elsewhere.
inline void releaseFreedMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

}  // namespace riskmap::layers::detail
