// trace_recorder.h — the hardware trace: a bounded ring of fixed 16-byte records (cycle, signal, value) that the
// engine writes at its capture points while tracing is on, plus each signal's value at the start of the kept window.
// Off by default; every capture point is one test of `active` (engine_impl.h traceOn()).
//
// Behaviour source: ARCHITECTURE.md "Trace" (capture where the event happens; bounded ring, filters, triggers) and
// issue 10. What each signal means and when it changes: trace_capture.cpp and docs/tracing.md.
//
// Record layout (little-endian host layout, what lib/sim/trace-records.ts decodes):
//   offset 0 u64 cycle | 8 u32 signal | 12 u32 value        signal = (TraceKind << 16) | entity
// A record says "from cycle `cycle` on, signal has `value`". Several records of one signal may carry the same cycle
// (the last one written is the value at the end of that cycle). Records are kept in the order written, which is not
// cycle order: a granted burst writes its whole timeline (phases, beats, bus owner) at its grant, a lazily applied
// FIFO tick writes the tick's own, earlier cycle. Per signal, cycles never decrease. A void record (signal 0) is one
// withdrawn by voidChannelFuture (a flushed burst's future).
//
// Window: records whose cycle is before windowStart() are folded into the base values (base(), read with readBase)
// and dropped. windowStart is the trigger cycle (before the trigger fires: the current cycle, so only what lies
// ahead is kept), or with a ring of N cycles max(trigger, now - N).
// Cap: at most `capRecords` records are held. Without a ring, the first record that does not fit ends the
// recording (cut: nothing at or after cutCycle is complete). With a ring, the oldest records are folded to make room
// and completeFrom() says from which cycle on the window is complete.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace dmasim {

struct TraceRecord {
  uint64_t cycle;
  uint32_t signal;
  uint32_t value;
};
static_assert(sizeof(TraceRecord) == 16, "TraceRecord must be 16 bytes");

// Signal kinds (the high 16 bits of a signal id); the entity (low 16 bits) is the line, channel or port number.
enum class TraceKind : uint32_t {
  Void = 0,
  RequestRaw = 1,     // request line as the device drives it (0/1)
  RequestSeen = 2,    // the same line as the controller sees it, after the requestLatency synchroniser (0/1)
  ChannelState = 3,   // dmasim::ChannelState (programmed state)
  ChannelPhase = 4,   // TracePhase: what the channel does in this cycle
  ChannelBurst = 5,   // bursts (services) granted so far, mod 2^16: changes at each burst's first cycle
  ChannelBeats = 6,   // beats of the burst in progress, 0 between bursts
  ChannelBeat = 7,    // 1 in each cycle in which a beat (8237: a byte) completes; low in setup and wait cycles
  ChannelTc = 8,      // 1 for the cycle of terminal count or a loop wrap
  ChannelIrq = 9,     // visible, unreported interrupt bits (1 << InterruptType)
  ChannelFault = 10,  // 1 injected bus fault / 2 unmapped address, for the cycle of the faulting beat
  BusBusy = 11,       // entity 0: a burst occupies the bus (0/1)
  BusOwner = 12,      // entity 0: the channel holding the bus (meaningful while BusBusy is 1)
  IrqLine = 13,       // interrupt line level (the OR of all its sources)
  PortLevel = 14,     // FIFO level in elements
  PortFlush = 15,     // rx idle-timeout flush armed (0/1)
  PortStatus = 16,    // sticky status bits (kPortStatus*)
  PortFault = 17,     // 1 injected error flag / 2 injected stall, for that cycle
  PortIrq = 18,       // the port's device interrupt output (0/1)
};
inline constexpr uint32_t kTraceKindCount = 19;

// Channel phases (TraceKind::ChannelPhase values).
enum class TracePhase : uint32_t {
  Idle = 0,          // not running (idle, complete, error, cancelled)
  Waiting = 1,       // running, waiting for its request to be seen
  Arbitrating = 2,   // ready (or granted) and waiting for its burst's first cycle
  Reading = 3,       // soc: address phase and beats of the read burst
  Writing = 4,       // soc: address phase and beats of the write burst
  Stopping = 5,      // cancelled with no burst in progress: the stop cycle
  Transferring = 6,  // i8237: fly-by bytes (S1 S2 S3 S4)
};

// Groups (bits of TraceOptions.groups): which kinds are recorded.
namespace trace_group {
inline constexpr uint32_t kRequest = 1u << 0;    // RequestRaw, RequestSeen
inline constexpr uint32_t kChannel = 1u << 1;    // ChannelState .. ChannelTc, ChannelFault
inline constexpr uint32_t kBus = 1u << 2;        // BusBusy, BusOwner
inline constexpr uint32_t kInterrupt = 1u << 3;  // IrqLine, ChannelIrq, PortIrq
inline constexpr uint32_t kPort = 1u << 4;       // PortLevel, PortFlush, PortStatus, PortFault
inline constexpr uint32_t kAll = 0x1Fu;
}  // namespace trace_group

uint32_t traceGroupOf(TraceKind k);

inline constexpr uint32_t traceSignal(TraceKind k, uint32_t entity) {
  return (static_cast<uint32_t>(k) << 16) | (entity & 0xFFFFu);
}

// Start triggers.
enum class TraceTrigger : uint32_t {
  Now = 0,    // record from the start call's cycle
  Cycle = 1,  // record from `cycle` on
  Event = 2,  // from the cycle of the first engine event of `eventKind` (EventKind number) whose source is `source`
              // (or any source with kTraceAnySource); line events (InterruptLine, RequestLine) trigger on a rise
  Manual = 3, // from the cycle of the first traceTrigger() call (a software event named by JS)
};
inline constexpr uint32_t kTraceAnySource = 0xFFFFFFFFu;

struct TraceOptions {
  uint32_t groups = trace_group::kAll;       // [0..kAll]
  uint64_t capRecords = uint64_t{1} << 20;   // [1..2^26]
  uint64_t ringCycles = 0;                   // 0 = no ring (keep from the trigger until the cap)
  TraceTrigger trigger = TraceTrigger::Now;
  uint64_t triggerCycle = 0;                 // Cycle
  uint32_t eventKind = 0;                    // Event: 1..15
  uint32_t eventSource = kTraceAnySource;    // Event
};
inline constexpr uint64_t kTraceMaxRecords = uint64_t{1} << 26;

struct TraceInfo {
  bool active = false;      // recording (started, not stopped, not cut)
  bool started = false;     // traceStart was called (records may be read)
  bool triggered = false;
  uint64_t triggerCycle = 0;
  uint64_t windowStart = 0; // the base values hold at this cycle
  uint64_t completeFrom = 0;// records are complete from this cycle (> windowStart after a ring dropped by its cap)
  bool cut = false;         // the cap ended the recording (no ring)
  uint64_t cutCycle = 0;    // first cycle not completely recorded (when cut)
  uint64_t records = 0;     // records held (incl. void ones)
  uint64_t written = 0;     // records written since the start
  uint64_t folded = 0;      // records folded into the base values (left the window)
  uint64_t capRecords = 0;
  uint32_t groups = 0;
};

class TraceRecorder {
 public:
  bool active = false;  // the one flag every capture point tests

  void start(const TraceOptions& o, uint64_t now);
  // Ends the recording at `now`: the window stays where it is from then on.
  void stop(uint64_t now) {
    if (active) stopCycle_ = now;
    active = false;
  }
  // The trigger fired: the window starts at cycle `at`. No-op when already triggered.
  void fire(uint64_t at);
  // Called by EventSink for every engine event while armed (not yet triggered, Event trigger). True once fired.
  bool onEvent(uint64_t now, uint32_t kind, uint32_t source, uint32_t a);
  bool wantsEvents() const { return active && !triggered_ && opt_.trigger == TraceTrigger::Event; }
  bool wants(TraceKind k) const { return (opt_.groups & traceGroupOf(k)) != 0; }

  // A signal's value from `cycle` on (engine cycle `now`). Filtered by group.
  void put(uint64_t now, uint64_t cycle, TraceKind k, uint32_t entity, uint32_t value) {
    if (!wants(k)) return;
    append(now, TraceRecord{cycle, traceSignal(k, entity), value});
  }
  // A base value (the snapshot taken at the start, or an entity that appears later).
  void setBase(TraceKind k, uint32_t entity, uint32_t value);
  // Withdraws the records written since sequence `since` of channel `c`'s phase / beat / beats signals whose cycle is
  // after `after` (a flushed burst moves no more data).
  void voidChannelFuture(uint32_t c, uint64_t since, uint64_t after);
  uint64_t written() const { return written_; }

  // Brings the window up to `now` (a cycle trigger that has been reached fires; records that left it fold).
  void sync(uint64_t now) {
    if (!started_) return;
    now = frozen(now);
    if (!triggered_ && opt_.trigger == TraceTrigger::Cycle && now >= opt_.triggerCycle) fire(opt_.triggerCycle);
    foldOld(now);
  }
  TraceInfo info(uint64_t now) const;
  // Copies up to `capacity` held records from logical index `offset` (0 = oldest) into `out`; returns the count.
  size_t read(uint64_t offset, TraceRecord* out, size_t capacity) const;
  // The base values (one record per signal, cycle = windowStart) from index `offset`; returns the count.
  size_t readBase(uint64_t offset, TraceRecord* out, size_t capacity, uint64_t now) const;
  size_t baseCount() const;

 private:
  uint64_t windowStart(uint64_t now) const;
  uint64_t frozen(uint64_t now) const { return active || now < stopCycle_ ? now : stopCycle_; }
  void append(uint64_t now, const TraceRecord& r);
  void fold(const TraceRecord& r);
  void foldOld(uint64_t now);
  TraceRecord& at(uint64_t i) { return buf_[(head_ + i) % cap_]; }
  const TraceRecord& at(uint64_t i) const { return buf_[(head_ + i) % cap_]; }

  TraceOptions opt_;
  bool started_ = false;
  bool triggered_ = false;
  uint64_t triggerCycle_ = 0;
  uint64_t startCycle_ = 0;
  uint64_t maxFolded_ = 0;        // the latest cycle folded into the base values
  uint64_t completeFrom_ = 0;
  bool cut_ = false;
  uint64_t stopCycle_ = ~uint64_t{0};
  uint64_t cutCycle_ = 0;
  std::unique_ptr<TraceRecord[]> buf_;  // capRecords records used as a ring (pages touched as they are written)
  uint64_t cap_ = 0;
  uint64_t head_ = 0;             // index of the oldest held record in buf_
  uint64_t count_ = 0;
  uint64_t written_ = 0;
  uint64_t folded_ = 0;
  // Base values per kind and entity; 0xFFFFFFFF = no value (the entity never appeared).
  std::vector<uint32_t> base_[kTraceKindCount];
};

}  // namespace dmasim
