// engine_impl.h — the internal Engine behind dmasim::Simulator: it owns the scheduler, bus, lines, ports and the
// controller's channels. Its members are implemented by topic in separate files:
//   engine.cpp          Simulator facade, option validation, lines
//   irq_sources.cpp     device-driven interrupt sources (addInterruptSource / setInterruptSource)
//   run_loop.cpp        runUntil and the dispatch of scheduler entries
//   port_device.cpp     device ports: ticks, request rule, interrupts, DMA beats on a port
//   port_api.cpp        port creation, setters, data in/out, fault injection
//   controller_api.cpp  the HAL verbs: program, configure, flush, handleInterrupt, readDmaCounter, cancel
//   controller_irq.cpp  channel interrupts and the controller interrupt line
//   arbiter.cpp         readiness and arbitration (fixed, round-robin, rotating)
//   soc_service.cpp     profile soc bursts (TIMING.md rules 3-7), including the memory-to-memory block fast path and
//                       the inline service (a burst's steps done at once while each is the calendar's next activity)
//   soc_device_fast_path.cpp  the block fast path for peripheral channels (RAM device region, quiet tx port)
//   soc_round_robin_path.cpp  the block path for several memory-to-memory channels under round robin
//   soc_paced_path.cpp  the block path for a request-paced tx stream (one burst per device request, k periods at once)
//   i8237_service.cpp   profile i8237 S-state services
//   trace_capture.cpp   the hardware trace's capture helpers (what each signal records, and when)
//   trace_api.cpp       traceStart / traceStop / traceRead on the Simulator facade
#pragma once

#include <cstdint>
#include <vector>

#include "bus.h"
#include "channel.h"
#include "engine.h"
#include "event_sink.h"
#include "fifo_port.h"
#include "perturbation.h"
#include "scheduler.h"
#include "trace_recorder.h"

namespace dmasim {

inline constexpr uint64_t kNever = ~uint64_t{0};
inline constexpr int kAfterWrapped = 1;
inline constexpr int kAfterTerminal = 2;
inline constexpr uint32_t kCancelStopFlag = 0x80000000u;  // ServiceEnd id flag: a cancel with no burst in progress

class Engine {
 public:
  explicit Engine(const SimOptions& o);

  // ---- state ----
  SimOptions opt;
  uint64_t now = 0;
  Scheduler sched;
  EventSink sink;
  Bus bus;
  std::vector<FifoPort> ports;
  std::vector<Channel> ch;

  // hardware timing perturbation for exploration (perturbation.h), off by default
  Perturber perturb;

  // request lines
  std::vector<uint8_t> reqLevel;
  std::vector<uint64_t> reqRise;  // the cycle of the last rise, plus the perturbation's jitter drawn for it
  std::vector<uint64_t> reqGen;
  std::vector<uint32_t> reqDriver;  // port driving the line or kNoLine

  // interrupt lines: number of asserted sources per line
  std::vector<uint32_t> irqCount;
  bool ctrlIrq = false;
  // device-driven interrupt sources (addInterruptSource): their line and level
  std::vector<uint32_t> srcLine;
  std::vector<uint8_t> srcLevel;

  // bus / arbiter
  bool busOwned = false;
  uint32_t busOwner = 0;
  uint64_t busGen = 0;
  bool haveLastEnd = false;
  uint64_t busLastEnd = 0;
  uint32_t lastGranted = 0;
  uint64_t arbScheduledAt = kNever;
  bool arbitrating = false;  // guards inline arbitration against recursion

  // run state
  bool running = false;
  uint64_t runTarget = 0;
  bool irqRose = false;
  bool timerFired = false;

  // work counters (EngineStats)
  uint64_t statActivities = 0;
  uint64_t statBeats = 0;

  // ---- hardware trace (trace_capture.cpp). Off unless traceStart: every capture point is one `traceOn()` test,
  // and while it is on the block fast paths (socFastPath, socDeviceFastPath) step aside, so every burst goes
  // through the capture points of the general path (same behaviour: options.h fastPaths).
  TraceRecorder trace;
  std::vector<uint64_t> traceGrantSeq;  // per channel: the recorder's sequence number at its last grant
  std::vector<uint32_t> traceBursts;    // per channel: bursts granted since the trace started
  std::vector<uint8_t> traceSeen;       // per request line: the RequestSeen value last recorded
  bool traceOn() const { return trace.active; }
  void tr(uint64_t at, TraceKind k, uint32_t entity, uint32_t value) { trace.put(now, at, k, entity, value); }
  // `value` for the current cycle, 0 again from the next (terminal count, faults).
  void tracePulse(TraceKind k, uint32_t entity, uint32_t value) {
    tr(now, k, entity, value);
    tr(now + 1, k, entity, 0);
  }
  void traceBegin(const TraceOptions& o);  // start + snapshot of every signal
  void tracePhase(uint32_t c, uint64_t at);
  void traceSocGrant(uint32_t c);
  void traceI8237Grant(uint32_t c, uint64_t start);
  void traceServiceEnd(uint32_t c, uint64_t end);
  void traceRequestLine(uint32_t line, bool level);
  void traceRequestSeen(uint32_t line);
  void traceFlushBurst(uint32_t c);
  void tracePortAdded(uint32_t p);
  void tracePortStatus(uint32_t p, uint64_t at) { tr(at, TraceKind::PortStatus, p, ports[p].status); }
  // A device tick at `at` raised an injected error flag (a PortFault pulse) and/or changed the status bits.
  void traceTickFault(uint32_t p, uint64_t at, bool flagged, uint32_t status0) {
    if (flagged) {
      tr(at, TraceKind::PortFault, p, 1);
      tr(at + 1, TraceKind::PortFault, p, 0);
    }
    if (ports[p].status != status0) tracePortStatus(p, at);
  }

  // ---- lines (engine.cpp) ----
  bool requestSeen(uint32_t line, uint64_t at) const {
    return reqLevel[line] && reqRise[line] + opt.requestLatency <= at;
  }
  void setRequestLine(uint32_t line, bool level, uint32_t port);
  void changeIrqSource(uint32_t line, bool assert);

  // ---- run (run_loop.cpp) ----
  RunResult runUntil(uint64_t target, EventRecord* buf, size_t cap);
  void dispatch(const SchedEntry& e);
  // Last cycle up to which work may be done ahead of the calendar (exclusive of the next entry).
  uint64_t aheadLimit() const;

  // ---- ports (port_device.cpp) ----
  void portWake(uint32_t p);
  // Apply device ticks due up to now (lazy ticks). Inline check: most calls (one per DMA beat) find none due.
  void portSync(uint32_t p) {
    const FifoPort& fp = ports[p];
    if (fp.active && fp.nextTick <= now) portSyncTicks(p);
  }
  void portSyncTicks(uint32_t p);
  uint64_t portObservableTick(const FifoPort& fp) const;
  void portReschedule(uint32_t p);
  void portEvaluate(uint32_t p);
  void portComputeNextTick(FifoPort& fp);  // advance to the next tick index
  void portRetime(FifoPort& fp);           // recompute nextTick for the same index (stalls)
  void portRestart(FifoPort& fp, uint64_t epoch);
  // A DMA beat on a port. With `deferred` (socFifoBeats, fast paths on) the port's reschedule is left to the
  // caller, which sets *deferred and must portReschedule the port before its wake matters (socFifoBeats).
  uint64_t portDmaRead(uint32_t p, bool* deferred = nullptr);
  void portDmaWrite(uint32_t p, uint64_t value, bool* deferred = nullptr);
  // A cycle no later than the wake portReschedule would compute for the port now (its first observable tick is
  // at or after the next tick; the rx aging deadline, when it counts): while the next activity comes before it,
  // the port's exact wake cannot precede that activity.
  static uint64_t portWakeFloor(const FifoPort& fp) {
    uint64_t f = fp.active ? fp.nextTick : kNever;
    if (fp.o.direction == PortDirection::Rx && !fp.flushArmed && fp.level > 0 && fp.idleDeadline < f)
      f = fp.idleDeadline;
    return f;
  }
  bool portTxBeatQuiet(uint32_t p) const;
  void portTxQuietWrite(uint32_t p, uint64_t value);  // portDmaWrite at now for a beat portTxBeatQuiet allows
  uint32_t portTxQuietRun(uint32_t p, const uint8_t* data, uint32_t w, uint32_t n);
  // portTxQuietRun's conditions beside portTxBeatQuiet: one element per cycle, the device running with its next
  // tick now and a non-empty FIFO (so the level stays constant through the run), elements of the beat's width.
  bool portTxRunReady(const FifoPort& fp, uint32_t w, uint32_t n) const {
    return w == fp.width() && fp.rateQ == 1 && fp.rateR == 0 && fp.active && fp.nextTick == now && fp.level > 0 &&
           fp.tickQ <= kMaxCycle - n && fp.epoch <= kMaxCycle - (fp.tickQ + n);
  }
  void portTxRun(FifoPort& fp, const uint8_t* data, uint32_t w, uint32_t n);  // the run itself (portTxQuietRun)
  // The FIFO side of `count` elements pushed from data and as many sent at a constant level (no clock, no outputs).
  void portTxStream(FifoPort& fp, const uint8_t* data, uint32_t w, uint64_t count);
  // k quiet bursts of n one-cycle beats into a rate-1 tx port that is idle again at each burst's first beat
  // (soc_device_fast_path.cpp checks when); lastT0: the last burst's first beat cycle.
  void portTxIdleBursts(FifoPort& fp, const uint8_t* data, uint32_t w, uint64_t n, uint64_t k, uint64_t lastT0);
  void portTickRx(uint32_t p);
  void portTickTx(uint32_t p);
  void portNudge(uint32_t p);  // re-evaluate at now+1 (a setter call)

  // ---- controller (controller_*.cpp, arbiter.cpp) ----
  uint32_t checkChannel(uint32_t c, const char* what) const;
  void setState(uint32_t c, ChannelState s);
  void raiseInterrupt(uint32_t c, InterruptType t);
  void irqAssert(uint32_t c, uint64_t gen);
  void dropInterrupts(uint32_t c);
  void updateControllerLine();
  void requestArbitrate(uint64_t at);
  bool ready(uint32_t c) const;
  // ready() without the i8237 cascade-mode rule (all of it for soc): running, not in a service nor held as a
  // memory-to-memory pair's slave, and — in demand mode, unless memory-to-memory — its request seen now.
  bool readyIgnoringCascade(const Channel& k) const {
    if (k.state != ChannelState::Running || k.inService || k.pairSlave) return false;
    return k.mem2mem || !k.demand || requestSeen(k.line, now);
  }
  void arbitrate();
  void finishService(uint32_t c, uint64_t at);  // common bookkeeping after destination bytes landed
  // Advance the position by `bytes` written to the destination (iterWritten already counted by the caller);
  // handles notification, wrap and terminal count. Returns 0, kAfterWrapped or kAfterTerminal.
  int afterBeats(uint32_t c, uint64_t bytes);
  void stopWithError(uint32_t c, uint64_t address, bool injected);
  void completeStop(uint32_t c);
  void releaseBus(uint64_t at);

  // soc
  // Grants a burst starting at `start`. Returns true when the whole burst was done inline (fast paths) and ended at
  // now with the bus released: the caller arbitrates next (releaseBus's arbitration).
  bool socGrant(uint32_t c, uint64_t start);
  void socStep(uint32_t c, uint64_t gen);
  // FIFO beats from soc.fifoBeat on, the first one due now, inline while each is the calendar's next activity.
  // Returns true when all are done, false when the next one (and the burst's end) went on the calendar.
  bool socFifoBeats(uint32_t c);
  // The burst's end inline when it is the calendar's next activity (returns true: bus released at now, not yet
  // re-arbitrated), else queued. A no-op returning false when the end is already queued.
  bool socEndInline(uint32_t c);
  void queueServiceEnd(uint32_t c);
  // True when an activity `act` at `at` would be the very next thing the run loop does (nothing due before it, no
  // stop before it, no record waiting for buffer space): doing it inline is then the same as from the calendar.
  bool nextInline(uint64_t at, Act act) const;
  void socServiceEnd(uint32_t id, uint64_t gen);
  void finishSocService(uint32_t c);
  uint32_t socBeats(const Channel& k) const;
  bool socFastPath(uint32_t c, uint64_t& start);
  bool socDeviceFastPath(uint32_t c, uint64_t& start);  // soc_device_fast_path.cpp
  // A request-paced tx stream, k periods at once (soc_paced_path.cpp): true when it moved now and start on to a later
  // period's grant.
  bool socPacedPath(uint32_t c, uint64_t& start);
  // Rounds of memory-to-memory bursts under round robin, several channels ready (soc_round_robin_path.cpp).
  bool socRoundRobinPath(uint32_t c, uint64_t& start);
  // Bookkeeping after a block path's batch: `bytes` moved in `beats` beats, the bus held `cycles` cycles from `start`
  // (advanced past them).
  void socBatchDone(Channel& k, uint64_t bytes, uint64_t beats, uint64_t& start, uint64_t cycles);

  // i8237
  void i8237Grant(uint32_t c, uint64_t start);
  void i8237Step(uint32_t c, uint64_t gen);
  void i8237EndService(uint32_t c, uint64_t end);
  uint64_t i8237EffectiveMode(const Channel& k) const;
};

}  // namespace dmasim
