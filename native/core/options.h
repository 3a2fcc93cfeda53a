// options.h — the complete construction options of a Simulator (profile, sizes, timing parameters).
//
// Behaviour source: TIMING.md (profile `soc` rules 1-7 and profile `i8237` table; defaults in brackets there) and
// issue 3. The TypeScript layer fills EVERY field (the initialisers below only repeat the documented defaults for C++
// checks); the engine validates ranges in the Simulator constructor and throws SimError(ERR_OUT_OF_RANGE /
// ERR_INVALID_ARGUMENT) naming the field.
#pragma once

#include <cstdint>

namespace dmasim {

// Largest cycle number a JS number holds exactly (2^53 - 1). Run targets and timer cycles above it are bad calls.
inline constexpr uint64_t kMaxCycle = (uint64_t{1} << 53) - 1;

enum class Profile : uint32_t {
  Soc = 0,    // AHB-style system DMA controller (PL080 / DesignWare class), TIMING.md "Profile soc"
  I8237 = 1,  // Intel 8237A / AMD Am9517A, TIMING.md "Profile i8237"
};

enum class PriorityMode : uint32_t {
  Fixed = 0,       // lowest SET_PRIORITY rank wins, ties by lower channel number (default rank = 0 for all)
  RoundRobin = 1,  // first ready channel after the one granted last, in channel-number order (ranks ignored)
};

// Validated ranges are given per field as [min..max].
struct SimOptions {
  Profile profile = Profile::Soc;
  uint32_t channels = 8;                 // soc [1..32]; i8237 must be exactly 4
  uint32_t requestLines = 32;            // M [1..1024]
  uint32_t interruptLines = 64;          // [1..1024]
  uint32_t controllerInterruptLine = 0;  // [0..interruptLines-1]

  // ---- soc profile (ignored by i8237 unless noted) ----
  PriorityMode priority = PriorityMode::Fixed;
  uint32_t arbitrationCycles = 1;   // [0..1e6] cost of arbitration when the bus was idle (rule 2)
  uint32_t burstSetup = 1;          // [0..1e6] per burst (rule 3)
  uint32_t interruptLatency = 1;    // [0..1e6] event -> controller line rise. ALSO used by i8237.
  uint32_t requestLatency = 2;      // [0..1e6] synchroniser: a request rise at c is seen at c+requestLatency.
                                    //   TIMING.md gives no default; 2 (a two-flop synchroniser) is ours. ALSO i8237.
  uint32_t defaultBurstLength = 4;  // [1..fifoDepth] beats; per channel changeable with SET_BURST_LENGTH
  uint32_t fifoDepth = 4;           // [1..256] channel FIFO depth in beats
  uint32_t maxFragments = 64;       // [1..65536] QueryMaxFragments answer / SG element limit

  // ---- i8237 profile ----
  uint32_t holdLatency = 1;        // [0..1e6] S0 cycles until HLDA
  bool compressedTiming = false;   // 2 cycles per byte (S2 S4) instead of 3; wait states ignored when on
  bool rotatingPriority = false;   // rotating priority (i8237 ignores `priority`)

  // ---- test / debug switch (both profiles) ----
  // [true] Take the engine's fast paths: the memory-to-memory block path (socFastPath), the peripheral block path
  // (socDeviceFastPath: memory-mapped device regions and quiet tx ports), the inline soc service (a burst's beats and
  // end done at once while each is the calendar's next activity) and the quiet tx-port paths (portTxBeatQuiet in
  // portDmaWrite, portTxQuietRun for soc write runs). false sends every beat and service through the general
  // per-beat path and the calendar instead. No behavioural effect: events, cycles, statuses, memory, captured bytes and
  // the stats records, deviceElements and dmaBeats are identical either way
  // (test/engine/95-fast-path-equivalence.test.ts, checks/check_fast_paths.cpp); only the work done (stats
  // activities, and speed) differs. Any value is valid.
  bool fastPaths = true;
};

}  // namespace dmasim
