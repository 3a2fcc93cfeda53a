// check_wide_math.cpp — every form of wide_math.h this compiler has (portable C++, unsigned __int128, GCC/Clang
// builtins, MSVC / mingw-w64 intrinsics) gives the same answer, and mulDivFloor (the engine's form) agrees with them:
// on every combination of the edge values 0, 1, 2^32±1, 2^53−1, 2^63, 2^64−1 and friends, with divisors that do and
// do not divide the product, on a table of answers computed outside C++, and on a deterministic pseudo-random sweep.
#include <cstdio>

#include "check.h"
#include "muldiv.h"
#include "wide_math.h"

using namespace dmasim;

namespace {

constexpr uint64_t kEdges[] = {
    0, 1, 2, 3, 7,
    0xFFFFFFFFull, 0x100000000ull, 0x100000001ull,                  // 2^32 - 1, 2^32, 2^32 + 1
    (1ull << 53) - 1, 1ull << 53, (1ull << 53) + 1,                 // 2^53 - 1 (the largest exact JS integer), ...
    1000000007ull, 1000000000000000000ull,                          // a prime rate numerator, 10^18
    (1ull << 63) - 1, 1ull << 63, kU64Max - 1, kU64Max,             // 2^63 - 1, 2^63, 2^64 - 2, 2^64 - 1
};

// floor(a * b / c) computed with Python's integers (saturated to kU64Max where it does not fit 64 bits).
struct Known {
  uint64_t a, b, c, q;
};
constexpr Known kKnown[] = {
    {kU64Max, kU64Max, kU64Max, kU64Max},                          // divides: the quotient is exactly 2^64 - 1
    {kU64Max, 2, 2, kU64Max},                                      // divides
    {kU64Max, 2, 3, 12297829382473034410ull},                      // does not divide
    {kU64Max, kU64Max, 1, kU64Max},                                // saturates
    {kU64Max, kU64Max, kU64Max - 1, kU64Max},                      // saturates by one
    {(1ull << 53) - 1, (1ull << 53) - 1, (1ull << 53) - 1, (1ull << 53) - 1},
    {(1ull << 53) - 1, (1ull << 53) + 1, 1ull << 50, 0xFFFFFFFFFFFFFFull},
    {(1ull << 53) - 1, (1ull << 53) + 1, (1ull << 53) - 1, (1ull << 53) + 1},
    {0x100000001ull, 0xFFFFFFFFull, 7, 2635249153387078802ull},
    {0x100000001ull, 0xFFFFFFFFull, kU64Max, 1},
    {0x100000001ull, 0x100000001ull, 0x100000001ull, 0x100000001ull},
    {1ull << 63, 2, kU64Max, 1},
    {kU64Max, 1000000007ull, 1000000007ull, kU64Max},              // exactly 2^64 - 1, not saturated
    {kU64Max, 1000000007ull, 1000000009ull, 0xFFFFFFF768FA0D37ull},
    {kU64Max, kU64Max - 1, kU64Max, kU64Max - 1},
    {(1ull << 63) + 1, (1ull << 63) - 1, 1ull << 63, (1ull << 63) - 1},
    {0x0123456789ABCDEFull, 0xFEDCBA9876543210ull, 0xFFFFFFFF00000001ull, 0x0121FA00AE99D142ull},
};

// The portable forms are constexpr: some answers are proved at compile time too.
static_assert(wide::mulPortable(kU64Max, kU64Max) == U128{kU64Max - 1, 1});
static_assert(wide::divPortable(U128{1, kU64Max - 1}, 3) == 12297829382473034410ull);
static_assert(wide::divPortable(U128{kU64Max - 1, 1}, kU64Max) == kU64Max);
static_assert(wide::ctzPortable(0) == 32 && wide::ctzPortable(8) == 3 && wide::ctzStd(0x80000000u) == 31);

int compared = 0;

// The forms this build compares (the test of each platform reads this line).
constexpr const char* kFormsCompared = "portable std::countr_zero"
#if defined(DMASIM_HAVE_INT128)
                                       " __int128"
#endif
#if defined(DMASIM_HAVE_GNU_BUILTINS)
                                       " builtins"
#endif
#if defined(DMASIM_HAVE_UMUL128)
                                       " _umul128"
#endif
#if defined(DMASIM_HAVE_UDIV128)
                                       " _udiv128"
#endif
#if defined(DMASIM_HAVE_UMULH)
                                       " __umulh"
#endif
#if defined(DMASIM_HAVE_BITSCAN)
                                       " _BitScanForward"
#endif
    ;

void checkProduct(uint64_t a, uint64_t b) {
  const U128 ref = wide::mulPortable(a, b);
  CHECK(mul128(a, b) == ref, "mul128(%llu, %llu)", (unsigned long long)a, (unsigned long long)b);
#if defined(DMASIM_HAVE_INT128)
  CHECK(wide::mulInt128(a, b) == ref, "mulInt128(%llu, %llu)", (unsigned long long)a, (unsigned long long)b);
#endif
#if defined(DMASIM_HAVE_UMUL128)
  CHECK(wide::mulUmul128(a, b) == ref, "mulUmul128(%llu, %llu)", (unsigned long long)a, (unsigned long long)b);
#endif
#if defined(DMASIM_HAVE_UMULH)
  CHECK(wide::mulUmulh(a, b) == ref, "mulUmulh(%llu, %llu)", (unsigned long long)a, (unsigned long long)b);
#endif
  uint64_t outRef = 0, out = 0;
  const bool overflowRef = wide::mulOverflowPortable(a, b, &outRef);
  CHECK_EQ(overflowRef, ref.hi != 0);
  CHECK_EQ(outRef, ref.lo);
  CHECK_EQ(mulOverflow(a, b, &out), overflowRef);
  CHECK_EQ(out, outRef);
#if defined(DMASIM_HAVE_GNU_BUILTINS)
  CHECK_EQ(wide::mulOverflowBuiltin(a, b, &out), overflowRef);
  CHECK_EQ(out, outRef);
#endif
  const bool addRef = wide::addOverflowPortable(a, b, &outRef);
  CHECK_EQ(addRef, a > kU64Max - b);
  CHECK_EQ(addOverflow(a, b, &out), addRef);
  CHECK_EQ(out, outRef);
#if defined(DMASIM_HAVE_GNU_BUILTINS)
  CHECK_EQ(wide::addOverflowBuiltin(a, b, &out), addRef);
  CHECK_EQ(out, outRef);
#endif
  ++compared;
}

/** floor(a * b / c) by the portable forms only: the reference every other form must match. */
uint64_t referenceMulDiv(uint64_t a, uint64_t b, uint64_t c) {
  uint64_t lo = 0;
  if (!wide::mulOverflowPortable(a, b, &lo)) return lo / c;
  return wide::divPortable(wide::mulPortable(a, b), c);
}

void checkQuotient(uint64_t a, uint64_t b, uint64_t c) {
  const U128 p = wide::mulPortable(a, b);
  const uint64_t ref = wide::divPortable(p, c);
  CHECK_EQ(div128Saturating(p, c), ref);
#if defined(DMASIM_HAVE_INT128)
  CHECK_EQ(wide::divInt128(p, c), ref);
#endif
#if defined(DMASIM_HAVE_UDIV128)
  CHECK_EQ(wide::divUdiv128(p, c), ref);
#endif
  CHECK_EQ(mulDivFloor(a, b, c), referenceMulDiv(a, b, c));
  ++compared;
}

void checkCtz(uint32_t x) {
  const int ref = wide::ctzPortable(x);
  CHECK_EQ(wide::ctzStd(x), ref);
  CHECK_EQ(countTrailingZeros(x), ref);
#if defined(DMASIM_HAVE_GNU_BUILTINS)
  CHECK_EQ(wide::ctzBuiltin(x), ref);
#endif
#if defined(DMASIM_HAVE_BITSCAN)
  CHECK_EQ(wide::ctzBitScan(x), ref);
#endif
  ++compared;
}

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

int main() {
  std::printf("check_wide_math: engine forms: %s\n", kWideMathForms);
  std::printf("check_wide_math: compared forms: %s\n", kFormsCompared);
  for (const Known& k : kKnown) {
    CHECK(mulDivFloor(k.a, k.b, k.c) == k.q, "mulDivFloor(%llu, %llu, %llu) = %llu, expected %llu",
          (unsigned long long)k.a, (unsigned long long)k.b, (unsigned long long)k.c,
          (unsigned long long)mulDivFloor(k.a, k.b, k.c), (unsigned long long)k.q);
    CHECK_EQ(referenceMulDiv(k.a, k.b, k.c), k.q);
    checkQuotient(k.a, k.b, k.c);
  }
  for (uint64_t a : kEdges) {
    for (uint64_t b : kEdges) {
      checkProduct(a, b);
      for (uint64_t c : kEdges)
        if (c != 0) checkQuotient(a, b, c);
      // Divisors that divide the product exactly: each factor, and each factor times a small number.
      if (a != 0) checkQuotient(a, b, a);
      if (b != 0) checkQuotient(a, b, b);
      if (a != 0 && a <= kU64Max / 3) checkQuotient(a, b, a * 3);
    }
  }
  for (int bit = 0; bit < 32; ++bit) {
    checkCtz(1u << bit);
    checkCtz((1u << bit) | 0x80000000u);
    checkCtz(~0u << bit);
  }
  checkCtz(0);
  uint64_t state = 0x6B6D64662D646D61ull;  // fixed seed: the sweep is the same on every run and every compiler
  for (int i = 0; i < 200000; ++i) {
    // Random widths, so products fall on both sides of 2^64 and quotients on both sides of saturation.
    const uint64_t a = splitmix64(state) >> (splitmix64(state) % 64);
    const uint64_t b = splitmix64(state) >> (splitmix64(state) % 64);
    uint64_t c = splitmix64(state) >> (splitmix64(state) % 64);
    if (c == 0) c = 1;
    checkProduct(a, b);
    checkQuotient(a, b, c);
    checkCtz(static_cast<uint32_t>(a));
  }
  std::printf("check_wide_math: %d comparisons\n", compared);
  return chk::finish("check_wide_math");
}
