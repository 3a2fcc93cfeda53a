// muldiv.h — floor(a * b / c) for 64-bit operands with an exact 128-bit intermediate, portable.
// Used for device element times: element k at E + floor(k * num / den) (no drift over millions of elements).
#pragma once

#include <cstdint>

namespace dmasim {

// Returns floor(a*b/c), or ~0 when the quotient does not fit 64 bits. c must be nonzero.
inline uint64_t mulDivFloor(uint64_t a, uint64_t b, uint64_t c) {
#if defined(__GNUC__) || defined(__clang__)
  uint64_t p64;
  if (!__builtin_mul_overflow(a, b, &p64)) return c == 1 ? p64 : p64 / c;  // fits 64 bits (one division at most)
#else
  if (b == 0 || a <= ~uint64_t{0} / b) return a * b / c;  // fits 64 bits: plain division
#endif
#if defined(__SIZEOF_INT128__)
  unsigned __int128 p = static_cast<unsigned __int128>(a) * b;
  unsigned __int128 q = p / c;
  return (q >> 64) ? ~uint64_t{0} : static_cast<uint64_t>(q);
#else
  // 64x64 -> 128 multiply by halves, then shift-subtract division.
  uint64_t aL = a & 0xFFFFFFFFu, aH = a >> 32, bL = b & 0xFFFFFFFFu, bH = b >> 32;
  uint64_t ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
  uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
  uint64_t lo = (ll & 0xFFFFFFFFu) | (mid << 32);
  uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  if (hi >= c) return ~uint64_t{0};
  uint64_t rem = hi, q = 0;
  for (int i = 63; i >= 0; --i) {
    bool carry = (rem >> 63) != 0;
    rem = (rem << 1) | ((lo >> i) & 1u);
    if (carry || rem >= c) {
      rem -= c;
      q |= uint64_t{1} << i;
    }
  }
  return q;
#endif
}

}  // namespace dmasim
