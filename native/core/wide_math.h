// wide_math.h — the unsigned integer operations C++20 leaves to the compiler: a 64x64 -> 128-bit product, a
// 128/64 floor division, checked 64-bit add and multiply, and a trailing-zero count. Every form a compiler may offer
// sits in dmasim::wide (GCC/Clang builtins and unsigned __int128, MSVC's _umul128 / _udiv128 / __umulh /
// _BitScanForward, and exact portable C++), so native/core/checks/check_wide_math.cpp can compare each one this
// compiler has on the same edge values; the engine calls the unprefixed functions at the bottom, which pick the
// fastest form at compile time. All forms give identical results (the check proves it for each build).
#pragma once

#include <bit>
#include <cstdint>

#if defined(_MSC_VER) || defined(__MINGW64__)
#include <intrin.h>
#endif

#if defined(__SIZEOF_INT128__)
#define DMASIM_HAVE_INT128 1
#endif
#if defined(__GNUC__) || defined(__clang__)
#define DMASIM_HAVE_GNU_BUILTINS 1
#endif
// _umul128 and _BitScanForward: MSVC on x64, and mingw-w64's <intrin.h> (so a mingw build runs this form too).
#if (defined(_MSC_VER) || defined(__MINGW64__)) && (defined(_M_X64) || defined(__x86_64__)) && !defined(_M_ARM64EC)
#define DMASIM_HAVE_UMUL128 1
#define DMASIM_HAVE_BITSCAN 1
#endif
// _udiv128: MSVC x64 only (Visual Studio 2019 and newer); mingw-w64 has no such intrinsic.
#if defined(_MSC_VER) && !defined(__clang__) && defined(_M_X64) && _MSC_VER >= 1920
#define DMASIM_HAVE_UDIV128 1
#endif
// __umulh: MSVC on ARM64 (the high half of the product; the low half is the plain product).
#if defined(_MSC_VER) && defined(_M_ARM64)
#define DMASIM_HAVE_UMULH 1
#define DMASIM_HAVE_BITSCAN 1
#endif

namespace dmasim {

/** An unsigned 128-bit value as two halves (hi * 2^64 + lo). */
struct U128 {
  uint64_t hi;
  uint64_t lo;
  friend constexpr bool operator==(const U128&, const U128&) = default;
};

inline constexpr uint64_t kU64Max = ~uint64_t{0};

namespace wide {

// ---- exact portable C++ (any compiler) ------------------------------------------------------------------------
/** a * b by 32-bit halves. */
constexpr U128 mulPortable(uint64_t a, uint64_t b) {
  const uint64_t aL = a & 0xFFFFFFFFu, aH = a >> 32, bL = b & 0xFFFFFFFFu, bH = b >> 32;
  const uint64_t ll = aL * bL, lh = aL * bH, hl = aH * bL, hh = aH * bH;
  const uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);  // < 3 * 2^32: no overflow
  return U128{hh + (lh >> 32) + (hl >> 32) + (mid >> 32), (ll & 0xFFFFFFFFu) | (mid << 32)};
}

/** floor(n / d) by shift-subtract long division, or kU64Max when the quotient needs more than 64 bits. d != 0. */
constexpr uint64_t divPortable(U128 n, uint64_t d) {
  if (n.hi >= d) return kU64Max;  // quotient >= 2^64
  uint64_t rem = n.hi, q = 0;      // invariant: rem < d
  for (int i = 63; i >= 0; --i) {
    const bool carry = (rem >> 63) != 0;  // rem * 2 would need 65 bits: then it surely exceeds d
    rem = (rem << 1) | ((n.lo >> i) & 1u);
    if (carry || rem >= d) {
      rem -= d;
      q |= uint64_t{1} << i;
    }
  }
  return q;
}

constexpr bool mulOverflowPortable(uint64_t a, uint64_t b, uint64_t* out) {
  *out = a * b;  // wraps modulo 2^64, as the builtin stores
  return a != 0 && b > kU64Max / a;
}

constexpr bool addOverflowPortable(uint64_t a, uint64_t b, uint64_t* out) {
  *out = a + b;
  return *out < a;
}

/** Trailing zero bits of x; 32 for 0 (what std::countr_zero returns). */
constexpr int ctzPortable(uint32_t x) {
  if (x == 0) return 32;
  int n = 0;
  while ((x & 1u) == 0) {
    x >>= 1;
    ++n;
  }
  return n;
}

constexpr int ctzStd(uint32_t x) { return std::countr_zero(x); }

// ---- unsigned __int128 (GCC, Clang, mingw-w64 on 64-bit targets) -----------------------------------------------
#if defined(DMASIM_HAVE_INT128)
__extension__ typedef unsigned __int128 u128_native;
constexpr U128 mulInt128(uint64_t a, uint64_t b) {
  const u128_native p = static_cast<u128_native>(a) * b;
  return U128{static_cast<uint64_t>(p >> 64), static_cast<uint64_t>(p)};
}
constexpr uint64_t divInt128(U128 n, uint64_t d) {
  const u128_native q = ((static_cast<u128_native>(n.hi) << 64) | n.lo) / d;
  return (q >> 64) ? kU64Max : static_cast<uint64_t>(q);
}
#endif

// ---- GCC / Clang builtins ----------------------------------------------------------------------------------------
#if defined(DMASIM_HAVE_GNU_BUILTINS)
inline bool mulOverflowBuiltin(uint64_t a, uint64_t b, uint64_t* out) { return __builtin_mul_overflow(a, b, out); }
inline bool addOverflowBuiltin(uint64_t a, uint64_t b, uint64_t* out) { return __builtin_add_overflow(a, b, out); }
inline int ctzBuiltin(uint32_t x) { return x == 0 ? 32 : __builtin_ctz(x); }  // the builtin is undefined for 0
#endif

// ---- MSVC intrinsics -------------------------------------------------------------------------------------------
#if defined(DMASIM_HAVE_UMUL128)
inline U128 mulUmul128(uint64_t a, uint64_t b) {
  unsigned long long hi = 0;
  const unsigned long long lo = _umul128(a, b, &hi);
  return U128{hi, lo};
}
#endif
#if defined(DMASIM_HAVE_UMULH)
inline U128 mulUmulh(uint64_t a, uint64_t b) { return U128{__umulh(a, b), a * b}; }
#endif
#if defined(DMASIM_HAVE_UDIV128)
inline uint64_t divUdiv128(U128 n, uint64_t d) {
  if (n.hi >= d) return kU64Max;  // _udiv128 faults (#DE) when the quotient does not fit
  unsigned long long rem = 0;
  return _udiv128(n.hi, n.lo, d, &rem);
}
#endif
#if defined(DMASIM_HAVE_BITSCAN)
inline int ctzBitScan(uint32_t x) {
  unsigned long index = 0;
  return _BitScanForward(&index, x) ? static_cast<int>(index) : 32;
}
#endif

}  // namespace wide

// ---- the forms the engine uses, chosen at compile time -----------------------------------------------------------
inline U128 mul128(uint64_t a, uint64_t b) {
#if defined(DMASIM_HAVE_INT128)
  return wide::mulInt128(a, b);
#elif defined(DMASIM_HAVE_UMUL128)
  return wide::mulUmul128(a, b);
#elif defined(DMASIM_HAVE_UMULH)
  return wide::mulUmulh(a, b);
#else
  return wide::mulPortable(a, b);
#endif
}

/** floor(n / d), or kU64Max when the quotient does not fit 64 bits. d must be nonzero. */
inline uint64_t div128Saturating(U128 n, uint64_t d) {
#if defined(DMASIM_HAVE_INT128)
  return wide::divInt128(n, d);
#elif defined(DMASIM_HAVE_UDIV128)
  return wide::divUdiv128(n, d);
#else
  return wide::divPortable(n, d);
#endif
}

/** *out = a * b modulo 2^64; true when the exact product does not fit 64 bits. */
inline bool mulOverflow(uint64_t a, uint64_t b, uint64_t* out) {
#if defined(DMASIM_HAVE_GNU_BUILTINS)
  return wide::mulOverflowBuiltin(a, b, out);
#else
  const U128 p = mul128(a, b);
  *out = p.lo;
  return p.hi != 0;
#endif
}

/** *out = a + b modulo 2^64; true when the exact sum does not fit 64 bits. */
inline bool addOverflow(uint64_t a, uint64_t b, uint64_t* out) {
#if defined(DMASIM_HAVE_GNU_BUILTINS)
  return wide::addOverflowBuiltin(a, b, out);
#else
  return wide::addOverflowPortable(a, b, out);
#endif
}

/** Trailing zero bits of x (32 for 0): std::countr_zero, which every C++20 library maps to tzcnt / bsf / rbit+clz. */
inline int countTrailingZeros(uint32_t x) { return wide::ctzStd(x); }

/** Names of the forms chosen above, for the check's report. */
inline constexpr const char* kWideMathForms =
#if defined(DMASIM_HAVE_INT128)
    "mul128=__int128 div128=__int128"
#elif defined(DMASIM_HAVE_UMUL128) && defined(DMASIM_HAVE_UDIV128)
    "mul128=_umul128 div128=_udiv128"
#elif defined(DMASIM_HAVE_UMUL128)
    "mul128=_umul128 div128=long-division"
#elif defined(DMASIM_HAVE_UMULH)
    "mul128=__umulh div128=long-division"
#else
    "mul128=32-bit-halves div128=long-division"
#endif
#if defined(DMASIM_HAVE_GNU_BUILTINS)
    " overflow=builtins"
#else
    " overflow=portable"
#endif
    " ctz=std::countr_zero";

}  // namespace dmasim
