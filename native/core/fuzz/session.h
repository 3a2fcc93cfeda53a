// session.h — one decoded run of the libFuzzer harness: a Simulator built from the input's first bytes, then one
// engine call per opcode until the input or the budgets (kMaxOps calls, kCycleBudget simulated cycles, kRamBudget
// bytes of RAM) run out. See fuzz_engine.cpp for what fails; the opcodes are in session.cpp (Session::step).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace dmasim_fuzz {

inline constexpr int kMaxOps = 256;
inline constexpr uint64_t kCycleBudget = uint64_t{1} << 16;
inline constexpr uint64_t kRamBudget = uint64_t{8} << 20;

// One decoded call: where its bytes start in the input, its first byte, and the digest after it.
struct OpTrace {
  size_t offset;
  uint8_t first;
  uint64_t digest;
};

// Runs the input against a fresh Simulator (SimOptions.fastPaths = fastPaths) and returns the digest of every
// outcome; with `trace`, also the digest after each call (to find the first call where two runs part).
// Aborts on a broken invariant or an exception other than dmasim::SimError.
uint64_t runSession(const uint8_t* data, size_t size, bool fastPaths, std::vector<OpTrace>* trace = nullptr);

}  // namespace dmasim_fuzz
