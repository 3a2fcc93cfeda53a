// engine.h — the public face of the kmdf-dma-sim engine: one Simulator = one bus, its RAM and device regions, one
// system DMA controller and its device FIFO ports, advanced cycle by cycle (in skipped idle spans) by runUntil.
//
// Behaviour sources: TIMING.md (the cycle rules; THE SPEC), ARCHITECTURE.md "The engine", KMDF-SYSTEM-DMA.md D.7/D.2.
// What this engine adds where TIMING.md is silent: native/core/TIMING-NOTES.md.
//
// Threading/instances: no globals; one Simulator is single-threaded; many may run in parallel threads.
// Determinism: the same sequence of calls gives the same results and event lists, always.
//
// Time: cycle() is a bus-clock cycle count. It moves only inside runUntil/runFor. A call made at cycle t takes effect
// from cycle t+1 (TIMING.md "Counting"). Every cycle argument must be <= kMaxCycle (2^53-1): ERR_OUT_OF_RANGE.
//
// Run stop rule (deterministic): a run processes every activity of a cycle, in (cycle, priority, sequence) order,
// before it looks at stop conditions. It returns
//   - Interrupt: when any interrupt line ROSE during cycle c: cycle() == c, every activity of cycle c done;
//   - Timer:     when a schedule()d timer fired at cycle c (same: cycle c completed);
//   - Target:    when cycle() reached the target with all of its activities done;
//   - BufferFull: when the caller's buffer is full and more records are waiting. This may stop in the middle of
//     a cycle; the waiting records are kept and delivered first by the next run call, which also finishes the cycle.
// Precedence when several hold at once: BufferFull > Interrupt > Timer > Target. A stop on Interrupt/Timer at c
// with target > c simply returns early; call again to go on. runUntil(cycle()) returns at once (after delivering
// waiting records / finishing a cycle interrupted by BufferFull).
// buf == nullptr with capacity == 0 discards records (never BufferFull); buf == nullptr with capacity > 0 is
// ERR_INVALID_ARGUMENT.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "dma_types.h"
#include "error_codes.h"
#include "event.h"
#include "ntstatus.h"
#include "options.h"
#include "perturbation.h"
#include "port_types.h"
#include "trace_recorder.h"

namespace dmasim {

enum class StopReason : uint32_t { Target = 0, Interrupt = 1, Timer = 2, BufferFull = 3 };

struct RunResult {
  uint64_t cycle = 0;
  StopReason stoppedBy = StopReason::Target;
  uint32_t eventCount = 0;  // records written into the caller's buffer by this call
};

struct RegionInfo {
  uint64_t base = 0;
  uint64_t size = 0;
  uint32_t readWait = 0;
  uint32_t writeWait = 0;
  bool isFifoPort = false;
  uint32_t portId = 0;  // when isFifoPort
};

// Work counters since construction (benchmarks; no behavioural meaning).
struct EngineStats {
  // Calendar entries dispatched (incl. stale ones) + steps done inline (FIFO beats, 8237 bytes, soc burst ends);
  // bursts done by a block fast path count nothing. Work done: differs with SimOptions.fastPaths.
  uint64_t activities = 0;
  uint64_t records = 0;     // EventRecords produced
  uint64_t deviceElements = 0;  // device-side FIFO elements (all ports)
  uint64_t dmaBeats = 0;        // soc beats + 8237 bytes, all channels
};

class Engine;  // internal

class Simulator {
 public:
  // Throws ERR_OUT_OF_RANGE / ERR_INVALID_ARGUMENT naming the bad options field.
  explicit Simulator(const SimOptions& options);
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  const SimOptions& options() const;
  uint64_t cycle() const;

  // ---------------- memory bus ----------------
  // RAM region [base, base+size): size in [1..2^32], zero-filled, no wrap, no overlap with any region
  // (ERR_REGION_OVERLAP; zero size is ERR_INVALID_ARGUMENT, size > 2^32 ERR_OUT_OF_RANGE), waits [0..1e6].
  // Returns the region id (0, 1, 2, ... shared numbering with FIFO port regions).
  uint32_t addMemory(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait);
  // Stable pointer to a RAM region's bytes for the Simulator's lifetime (never reallocated). ERR_NOT_MEMORY for a
  // FIFO port region, ERR_OUT_OF_RANGE for a bad id.
  uint8_t* memoryBytes(uint32_t regionId);
  uint32_t regionCount() const;
  RegionInfo regionInfo(uint32_t regionId) const;
  // Debug access: no time, no side effects. The whole range must be RAM (possibly spanning adjacent RAM regions):
  // an unmapped byte -> ERR_UNMAPPED_ADDRESS, a FIFO port byte -> ERR_NOT_MEMORY (ports are never peeked).
  // len 0 is allowed (no-op). Wrapping ranges -> ERR_OUT_OF_RANGE.
  void peek(uint64_t address, uint64_t length, uint8_t* out) const;
  void poke(uint64_t address, const uint8_t* data, uint64_t length);
  // A DMA beat whose bytes include `address` is a bus error (channel Error, ChannelError event c=1). Any address;
  // at most 2^20 faults (ERR_OUT_OF_RANGE).
  void injectBusFault(uint64_t address);
  void clearBusFaults();

  // ---------------- DMA controller: the HAL controller-extension table (KMDF-SYSTEM-DMA.md D.7) -------------
  // soc: true iff line < requestLines and channel < channels. i8237: iff line == channel (< 4). Never throws.
  bool validateRequestLineBinding(uint32_t requestLine, uint32_t channel) const;
  // min(options.maxFragments, hint ? hint : maxFragments). ERR_OUT_OF_RANGE for a bad channel.
  uint32_t queryMaxFragments(uint32_t channel, uint32_t maxFragmentsHint) const;
  // See ProgramRequest in dma_types.h for validation and semantics. The line <-> channel binding is the HAL's
  // business (validateRequestLineBinding); programChannel does not re-check it.
  void programChannel(const ProgramRequest& request);
  // See the function table in dma_types.h. Returns an NTSTATUS (ntstatus.h).
  NTSTATUS configureChannel(uint32_t channel, uint32_t functionNumber, uint64_t value);
  // Back to Idle, ready for the next program; drops its unreported interrupts (the line may fall: event at cycle()).
  // On a Running/Stopping channel it stops at once without an interrupt; a burst already on the bus still
  // occupies the bus to its end but moves no more data (TODO(accuracy): abort timing).
  void flushChannel(uint32_t channel);
  // Reports one raised, visible interrupt per call, lowest channel first, per channel in the order Completion,
  // Error, Cancelled; clears it. Returns false when none remain. The controller line is high while any visible
  // interrupt is unreported; a fall is recorded as an InterruptLine event at cycle().
  bool handleInterrupt(InterruptReport& out);
  // Whether handleInterrupt would report something now (no side effects).
  bool interruptPending() const;
  // Bytes not yet written to the destination: of the whole transfer, or of the current iteration when looping.
  // Idle: 0. Updated per beat for FIFO destinations, per completed burst for memory destinations
  // (i8237: per byte). ERR_OUT_OF_RANGE for a bad channel.
  uint32_t readDmaCounter(uint32_t channel) const;
  // TIMING.md rule 7. If the channel is Running: the burst in progress (or already granted) finishes, then the channel
  // stops (state Cancelled, a ChannelState event). Returns true iff it was Running with no interrupt raised and
  // unreported; then a Cancelled interrupt is raised at the stop cycle (visible interruptLatency later): the HAL
  // completes the transfer as DmaCancelled from that interrupt. The stop cycle is the last cycle of the burst in
  // progress (i8237: the current byte), or t+1 for a call at t with no burst in progress. If that last burst
  // reaches terminal count the channel completes instead (Complete, Completion interrupt). Returns false (no extra
  // interrupt; the channel still stops) when an interrupt was pending, and false with no effect when not Running
  // (or i8237 channel 1 held by a memory-to-memory transfer).
  bool cancelTransfer(uint32_t channel);
  // Engine-only. See MemToMemRequest.
  void programMemoryToMemory(const MemToMemRequest& request);
  ChannelStatus channelStatus(uint32_t channel) const;

  // ---------------- lines ----------------
  bool interruptLineLevel(uint32_t line) const;  // ERR_OUT_OF_RANGE
  bool requestLineLevel(uint32_t line) const;    // raw level; ERR_OUT_OF_RANGE

  // ---------------- device-driven interrupt sources ----------------
  // An interrupt output of a device model written outside the engine (a TS register block: a UART receive timeout,
  // an SPI end-of-frame). Each source drives one line and is OR'ed with every other source on it (ports, the
  // controller, other sources). A new source is low. Lines are counted, so the same line may have many sources.
  // Returns the source id (0, 1, ...); line < interruptLines (ERR_OUT_OF_RANGE); at most 4096 sources.
  uint32_t addInterruptSource(uint32_t line);
  // Sets the source's level at cycle() itself (no latency, no t+1: it is the device's output pin, as a port's
  // interrupt output). Setting the level it already has does nothing. When the line's OR changes, an InterruptLine
  // record at cycle() is produced (delivered first by the next run); a rise also makes the next run call return at
  // once with StopReason::Interrupt at cycle() (the run stop rule: a line rose during cycle()). Bad id:
  // ERR_OUT_OF_RANGE. (After a BufferFull stop, the rest of the cycle in progress runs first, then the stop.)
  void setInterruptSource(uint32_t source, bool level);
  bool interruptSourceLevel(uint32_t source) const;  // ERR_OUT_OF_RANGE
  uint32_t interruptSourceCount() const;

  // ---------------- device FIFO ports (port_types.h) ----------------
  // Returns the port id (0, 1, ...). Region ids and port ids are different numberings; regionInfo tells the port.
  uint32_t addFifoPort(const FifoPortOptions& options);
  uint32_t portCount() const;
  // Exact as of cycle() after a run that stopped on Target/Interrupt/Timer (after BufferFull: see TIMING-NOTES.md).
  PortStatus portStatus(uint32_t port) const;
  // Setters take effect from cycle()+1 (a driver's register write). Bad port id: ERR_OUT_OF_RANGE.
  void setPortDmaEnable(uint32_t port, bool enable);
  void setPortDeviceEnable(uint32_t port, bool enable);
  void setPortTxStreaming(uint32_t port, bool streaming);
  void setPortWatermark(uint32_t port, uint32_t watermark);                     // [1..depth]
  // rx only (ERR_INVALID_ARGUMENT for tx), cycles [0..2^53-1]; 0 = off. What happens to a countdown or an armed
  // flush: port_types.h "Idle timeout".
  void setPortIdleTimeout(uint32_t port, uint64_t cycles);
  void setPortInterrupt(uint32_t port, uint32_t line, uint32_t mask, uint32_t threshold);
  void clearPortStatus(uint32_t port, uint32_t mask);  // write-one-to-clear
  // rx Appended source only (ERR_INVALID_ARGUMENT otherwise); total pending <= 1 GiB.
  void appendRxData(uint32_t port, const uint8_t* data, uint64_t length);
  // tx sink: copy out up to `capacity` captured bytes (oldest first) and remove them; returns the count.
  uint64_t readTxData(uint32_t port, uint8_t* out, uint64_t capacity);
  void clearTxData(uint32_t port);
  // Fault injection (elementIndex counts device elements of the port from 0; at most 4096 pending per port).
  void injectPortError(uint32_t port, uint64_t elementIndex);
  void injectPortStall(uint32_t port, uint64_t elementIndex, uint64_t cycles);     // delays element k and after
  void injectPortStallAt(uint32_t port, uint64_t atCycle, uint64_t cycles);        // pauses the device at a cycle

  // ---------------- timers and running ----------------
  // A Timer event with `tag` at exactly `atCycle` (> cycle(), <= kMaxCycle); the run stops there.
  void schedule(uint64_t atCycle, uint32_t tag);
  // targetCycle in [cycle() .. kMaxCycle].
  RunResult runUntil(uint64_t targetCycle, EventRecord* buffer, size_t capacity);
  // runUntil(cycle() + cycles); cycle() + cycles must be <= kMaxCycle.
  RunResult runFor(uint64_t cycles, EventRecord* buffer, size_t capacity);

  // The record kinds runs store from now on: bit k = EventKind k (kAllRecordKinds, the default, is every kind).
  // Records of other kinds are still made and counted (stats().records) but never stored or delivered; records
  // already waiting keep. A bit outside kAllRecordKinds: ERR_INVALID_ARGUMENT.
  void setRecordMask(uint32_t mask);
  uint32_t recordMask() const;

  // Hardware timing perturbation for exploration (perturbation.h): request jitter, wait-state variation, bus load,
  // drawn from options.seed. Takes effect from cycle()+1; while any is on, the fast paths are off (options().fastPaths
  // reads false from then on). A draw outside its range: ERR_OUT_OF_RANGE / ERR_INVALID_ARGUMENT, nothing changed.
  void setPerturbation(const PerturbationOptions& options);

  EngineStats stats() const;

  // ---------------- hardware trace (trace_recorder.h; docs/tracing.md) ----------------
  // Off by default. traceStart (re)starts recording with a snapshot of every signal at cycle(); the options are
  // validated first (ERR_OUT_OF_RANGE / ERR_INVALID_ARGUMENT naming the field). Tracing changes no behaviour: events,
  // cycles, statuses and memory are the same with it on or off (the block fast paths step aside while it is on).
  void traceStart(const TraceOptions& options);
  void traceStop();      // records stay readable until the next traceStart
  void traceTrigger();   // fires a Manual trigger at cycle() (a software event JS names)
  TraceInfo traceInfo();
  // Copies held records from `offset` (0 = oldest) / the base values, as of cycle(); returns the count copied.
  size_t traceRead(uint64_t offset, TraceRecord* out, size_t capacity);
  size_t traceReadBase(uint64_t offset, TraceRecord* out, size_t capacity);

 private:
  std::unique_ptr<Engine> engine_;
};

}  // namespace dmasim
