// perturbation.h — hardware timing perturbation for exploration (issue 11 item 2): request-line jitter (extra
// synchroniser cycles per request rise), wait-state variation (extra wait cycles per beat of a burst, drawn per burst
// and per side) and bus load from another master (a background master — the CPU, another bus master — that asks for
// the bus every `period` cycles, holds it `cycles`, and wins arbitration while it waits). All drawn from one seeded
// splitmix64 generator per simulator, with integer arithmetic only, so a seed gives the same cycles on every platform
// and compiler. Off by default; while any is on the engine's fast paths are off (they have no behavioural effect, and
// they assume the fixed timing). The soc profile draws all three; the i8237 profile only the request jitter.
#pragma once

#include <cstdint>
#include <vector>

namespace dmasim {

// One distribution of cycle counts: Fixed a, Uniform [a, b], or Choice among `values`.
struct CycleDraw {
  enum Kind : uint32_t { Fixed = 0, Uniform = 1, Choice = 2 };
  uint32_t kind = Fixed;
  uint64_t a = 0;
  uint64_t b = 0;
  std::vector<uint64_t> values;

  bool isZero() const { return kind == Fixed && a == 0; }
  uint64_t maxValue() const;
};

struct PerturbationOptions {
  uint64_t seed = 0;
  CycleDraw requestJitter;  // [0..64] cycles
  CycleDraw waitStates;     // [0..16] cycles per beat
  bool busLoad = false;
  CycleDraw busPeriod;      // [1..1e6] cycles between the background master's requests
  CycleDraw busCycles;      // [0..1e4] cycles it holds the bus
};

// Throws SimError (ERR_OUT_OF_RANGE / ERR_INVALID_ARGUMENT) naming the field for a draw outside its range.
void validatePerturbation(const PerturbationOptions& o);

class Perturber {
 public:
  bool on() const { return on_; }
  void configure(const PerturbationOptions& o, uint64_t now);
  // Extra synchroniser cycles for a request rise.
  uint64_t requestJitter() { return on_ ? draw(o_.requestJitter) : 0; }
  // Extra wait cycles per beat of one side of a burst.
  uint64_t waitStates() { return on_ ? draw(o_.waitStates) : 0; }
  // The start of a channel's service granted at `start` (the bus free from `freeFrom`): later while the background
  // master holds the bus.
  uint64_t busLoadStart(uint64_t start, uint64_t freeFrom);

 private:
  uint64_t next();
  uint64_t draw(const CycleDraw& d);
  bool on_ = false;
  PerturbationOptions o_;
  uint64_t state_ = 0;
  uint64_t busNext_ = 0;  // when the background master next asks for the bus
};

}  // namespace dmasim
