// muldiv.h — floor(a * b / c) for 64-bit operands with an exact 128-bit intermediate, on any C++20 compiler.
// Used for device element times: element k at E + floor(k * num / den) (no drift over millions of elements).
// The 128-bit product and division come from wide_math.h, which picks __int128, MSVC's _umul128 / _udiv128 or exact
// portable C++ at compile time (native/core/checks/check_wide_math.cpp compares every form this compiler has).
#pragma once

#include <cstdint>

#include "wide_math.h"

namespace dmasim {

// Returns floor(a*b/c), or ~0 when the quotient does not fit 64 bits. c must be nonzero.
inline uint64_t mulDivFloor(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t p64;
  if (!mulOverflow(a, b, &p64)) return c == 1 ? p64 : p64 / c;  // fits 64 bits (one division at most)
  return div128Saturating(mul128(a, b), c);
}

}  // namespace dmasim
