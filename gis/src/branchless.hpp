// SPDX-License-Identifier: GPL-3.0-or-later
// Minimum and maximum of two doubles (or two pairs of them) without a branch (private to gis).
#pragma once

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace riskmap::gis::detail {

// GCC compiles std::max(a, b) on doubles to a compare and a jump wherever signed zeros or NaN could make
// maxsd differ from it; in the hot loops of the spatial queries the operands fall either way and the
// jump is mispredicted half the time. These give the single instruction. For numbers (not NaN) the value
// is std::max's / std::min's, but for which of +0 and -0 comes back when the two are equal.

/// The larger of a and b (b when equal).
inline double maxOf(double a, double b)
{
#if defined(__SSE2__)
    return _mm_cvtsd_f64(_mm_max_sd(_mm_set_sd(a), _mm_set_sd(b)));
#else
    return std::max(a, b);
#endif
}

/// The smaller of a and b (b when equal).
inline double minOf(double a, double b)
{
#if defined(__SSE2__)
    return _mm_cvtsd_f64(_mm_min_sd(_mm_set_sd(a), _mm_set_sd(b)));
#else
    return std::min(a, b);
#endif
}

/// Two doubles side by side (GCC vector extensions: one SSE2 register on x86-64).
using Double2 = double __attribute__((vector_size(16)));

/// Lane by lane the larger (b where equal).
inline Double2 maxOf(Double2 a, Double2 b)
{
#if defined(__SSE2__)
    return reinterpret_cast<Double2>(_mm_max_pd(reinterpret_cast<__m128d>(a), reinterpret_cast<__m128d>(b)));
#else
    return a > b ? a : b;
#endif
}

/// Lane by lane the smaller (b where equal).
inline Double2 minOf(Double2 a, Double2 b)
{
#if defined(__SSE2__)
    return reinterpret_cast<Double2>(_mm_min_pd(reinterpret_cast<__m128d>(a), reinterpret_cast<__m128d>(b)));
#else
    return a < b ? a : b;
#endif
}

}  // namespace riskmap::gis::detail
