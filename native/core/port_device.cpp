// port_device.cpp — the device side of a FIFO port and its DMA side: element ticks from the exact rational rate,
// rx source / tx sink, overrun / underrun, aging timeout, injected faults and stalls, the request rule and the
// device interrupt output.
// Behaviour source: port_types.h (the documented rules), TIMING.md rule 5 (request rule; over-long bursts count a
// DMA overflow/underflow, the element is dropped or reads as zero), ARCHITECTURE.md "Device ports".
#include <algorithm>
#include <cstring>

#include "bytes_le.h"
#include "engine_impl.h"
#include "muldiv.h"

namespace dmasim {

void Engine::portRestart(FifoPort& fp, uint64_t epoch) {
  fp.active = true;
  fp.idleEmpty = false;
  fp.idleSource = false;
  fp.epoch = epoch;
  fp.tickIndex = 0;
  fp.tickQ = 0;
  fp.tickR = 0;
  portComputeNextTick(fp);
}

inline void Engine::portComputeNextTick(FifoPort& fp) {  // inline: runs once per device element
  if (!fp.active) {
    fp.nextTick = kNever;
    return;
  }
  ++fp.tickIndex;
  const uint64_t den = fp.o.rateDenominator;
  fp.tickQ += fp.rateQ;
  fp.tickR += fp.rateR;
  if (fp.tickR >= den) {
    fp.tickR -= den;
    ++fp.tickQ;
  }
  if (fp.stallAtElement.empty() && fp.stallAtCycle.empty()) {  // portRetime without stalls, inline
    fp.nextTick = (fp.tickQ > kMaxCycle || fp.epoch > kMaxCycle - fp.tickQ) ? kNever : fp.epoch + fp.tickQ;
    return;
  }
  portRetime(fp);
}

void Engine::portRetime(FifoPort& fp) {
  const uint32_t p = static_cast<uint32_t>(&fp - ports.data());
  for (;;) {
    // Stall of element k: the epoch moves, so element k and all later ones are delayed.
    if (!fp.stallAtElement.empty()) {
      auto se = fp.stallAtElement.find(fp.deviceElements);
      if (se != fp.stallAtElement.end()) {
        uint64_t n = se->second;
        fp.stallAtElement.erase(se);
        fp.epoch = (kMaxCycle - fp.epoch < n) ? kMaxCycle : fp.epoch + n;
        sink.emit(now, EventKind::PortStall, p, static_cast<uint32_t>(n), static_cast<uint32_t>(n >> 32));
        if (traceOn()) [[unlikely]] tracePulse(TraceKind::PortFault, p, 2);
        continue;
      }
    }
    uint64_t t = (fp.tickQ > kMaxCycle || fp.epoch > kMaxCycle - fp.tickQ) ? kNever : fp.epoch + fp.tickQ;
    // Stall starting at a cycle: the first tick at or after it is pushed back.
    if (t != kNever && !fp.stallAtCycle.empty() && fp.stallAtCycle.begin()->first <= t) {
      uint64_t n = fp.stallAtCycle.begin()->second;
      fp.stallAtCycle.erase(fp.stallAtCycle.begin());
      fp.epoch = (kMaxCycle - fp.epoch < n) ? kMaxCycle : fp.epoch + n;
      sink.emit(now, EventKind::PortStall, p, static_cast<uint32_t>(n), static_cast<uint32_t>(n >> 32));
      if (traceOn()) [[unlikely]] tracePulse(TraceKind::PortFault, p, 2);
      continue;
    }
    fp.nextTick = t;
    return;
  }
}

void Engine::portTickRx(uint32_t p) {
  FifoPort& fp = ports[p];
  uint32_t w = fp.width();
  uint64_t v;
  if (fp.o.rxSource == RxSource::Appended) {
    if (fp.rxAvail() < w) {
      fp.active = false;
      fp.idleSource = true;
      fp.nextTick = kNever;
      return;
    }
    v = loadLe(fp.rxData.data() + fp.rxRead, w);
    fp.rxRead += w;
    if (fp.rxRead == fp.rxData.size()) {
      fp.rxData.clear();
      fp.rxRead = 0;
    } else if (fp.rxRead > (1u << 20) && fp.rxRead * 2 > fp.rxData.size()) {
      fp.rxData.erase(fp.rxData.begin(), fp.rxData.begin() + static_cast<std::ptrdiff_t>(fp.rxRead));
      fp.rxRead = 0;
    }
  } else {
    const size_t n = fp.o.pattern.size();
    if (fp.patternPos + w <= n) {
      v = loadLe(fp.o.pattern.data() + fp.patternPos, w);
      fp.patternPos += w;
      if (fp.patternPos == n) fp.patternPos = 0;
    } else {
      uint8_t b[8];
      for (uint32_t i = 0; i < w; ++i) b[i] = fp.o.pattern[(fp.patternPos + i) % n];
      fp.patternPos = (fp.patternPos + w) % n;
      v = loadLe(b, w);
    }
  }
  uint64_t k = fp.deviceElements++;
  const uint32_t status0 = fp.status;
  const bool flagged = !fp.errorAt.empty() && fp.errorAt.erase(k);
  if (flagged) {
    fp.status |= kPortStatusError;
    ++fp.errors;
    sink.emit(now, EventKind::PortErrorFlag, p, static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32));
  }
  if (fp.level == fp.depth()) {
    ++fp.overruns;
    fp.status |= kPortStatusOverrun;
    sink.emit(now, EventKind::PortOverrun, p, static_cast<uint32_t>(fp.overruns));
  } else {
    fp.push(v);
    if (traceOn()) [[unlikely]] tr(fp.nextTick, TraceKind::PortLevel, p, fp.level);  // the tick's own cycle
  }
  if (traceOn() && (flagged || fp.status != status0)) [[unlikely]] traceTickFault(p, fp.nextTick, flagged, status0);
  // The tick's own cycle (== now unless the tick was applied lazily, which happens only with idleTimeout 0).
  fp.lastArrival = fp.nextTick;
  if (fp.o.idleTimeout) fp.idleDeadline = (kMaxCycle - now < fp.o.idleTimeout) ? kNever : now + fp.o.idleTimeout;
}

void Engine::portTickTx(uint32_t p) {
  FifoPort& fp = ports[p];
  if (fp.level == 0) {
    if (fp.o.txStreaming) {
      ++fp.underruns;
      const uint32_t status0 = fp.status;
      fp.status |= kPortStatusUnderrun;
      sink.emit(now, EventKind::PortUnderrun, p, static_cast<uint32_t>(fp.underruns));
      if (traceOn() && fp.status != status0) [[unlikely]] tracePortStatus(p, fp.nextTick);
    } else {
      fp.active = false;
      fp.idleEmpty = true;
      fp.nextTick = kNever;
    }
    return;
  }
  fp.capture(fp.pop());
  if (traceOn()) [[unlikely]] tr(fp.nextTick, TraceKind::PortLevel, p, fp.level);  // the tick's own cycle
  uint64_t k = fp.deviceElements++;
  if (!fp.errorAt.empty() && fp.errorAt.erase(k)) {
    const uint32_t status0 = fp.status;
    fp.status |= kPortStatusError;
    ++fp.errors;
    sink.emit(now, EventKind::PortErrorFlag, p, static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32));
    if (traceOn()) [[unlikely]] traceTickFault(p, fp.nextTick, true, status0);
  }
}

void Engine::portSyncTicks(uint32_t p) {
  FifoPort& fp = ports[p];
  while (fp.active && fp.nextTick <= now) {
    if (fp.o.direction == PortDirection::Rx)
      portTickRx(p);
    else
      portTickTx(p);
    if (fp.active) portComputeNextTick(fp);
  }
}

void Engine::portWake(uint32_t p) {
  FifoPort& fp = ports[p];
  portSync(p);
  if (fp.o.direction == PortDirection::Rx && !fp.flushArmed && fp.level > 0 && fp.idleDeadline <= now) {
    fp.flushArmed = true;
    sink.emit(now, EventKind::PortIdleTimeout, p, fp.level);
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortFlush, p, 1);
  }
  portEvaluate(p);
  portReschedule(p);
}

// Lazy device ticks: a tick that changes nothing observable (no request or interrupt output change, no overrun,
// underrun, error flag or stall, no aging timer) is not put on the calendar; it is applied by portSync when the
// port is next touched (a DMA beat, an observable tick, the end of a run). Returns the number (1 = the tick at
// nextTick) of the first tick that may be observable.
uint64_t Engine::portObservableTick(const FifoPort& fp) const {
  if (fp.o.idleTimeout || !fp.stallAtElement.empty() || !fp.stallAtCycle.empty()) return 1;
  const uint64_t L = fp.level, D = fp.depth(), wm = fp.o.watermark;
  const uint32_t mask = fp.o.interruptLine == kNoLine ? 0 : fp.o.interruptMask;
  const uint64_t thr = fp.o.interruptThreshold;
  uint64_t m = kNever;
  if (fp.o.direction == PortDirection::Rx) {
    m = D - L + 1;  // the tick that overruns
    if (fp.o.dmaEnable && !fp.reqOut && L < wm) m = std::min(m, wm - L);
    if ((mask & kPortIrqLevel) && L < thr) m = std::min(m, thr - L);
    if ((mask & kPortIrqEmpty) && L == 0) m = 1;
  } else {
    if (fp.o.txStreaming) m = L + 1;  // the tick that underruns
    if (fp.o.dmaEnable && !fp.reqOut && L > D - wm) m = std::min(m, L - (D - wm));
    if ((mask & kPortIrqLevel) && L > thr) m = std::min(m, L - thr);
    if ((mask & kPortIrqEmpty) && L > 0) m = std::min(m, L);
  }
  if (!fp.errorAt.empty()) {
    auto it = fp.errorAt.lower_bound(fp.deviceElements);
    if (it != fp.errorAt.end()) m = std::min(m, *it - fp.deviceElements + 1);
  }
  return std::max<uint64_t>(m, 1);
}

void Engine::portEvaluate(uint32_t p) {
  FifoPort& fp = ports[p];
  if (fp.level == 0 && fp.flushArmed) {
    fp.flushArmed = false;
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortFlush, p, 0);
  }
  // Request output.
  bool req = false;
  if (fp.o.dmaEnable) {
    if (fp.o.direction == PortDirection::Rx)
      req = fp.level >= fp.o.watermark || (fp.flushArmed && fp.level > 0);
    else
      req = fp.depth() - fp.level >= fp.o.watermark;
  }
  // The port is its line's only driver, so the line's level always equals reqOut: no change, nothing to do.
  const bool reqChanged = req != fp.reqOut;
  fp.reqOut = req;
  if (reqChanged && fp.o.requestLine != kNoLine) setRequestLine(fp.o.requestLine, req, p);
  // Device interrupt output. None in play (no mask or no line) and none driven: nothing below can change.
  uint32_t m = fp.o.interruptMask;
  if ((m == 0 || fp.o.interruptLine == kNoLine) && !fp.irqOut) return;
  bool irq = false;
  if (m & kPortIrqLevel) {
    irq |= (fp.o.direction == PortDirection::Rx) ? fp.level >= fp.o.interruptThreshold
                                                 : fp.level <= fp.o.interruptThreshold;
  }
  if ((m & kPortIrqEmpty) && fp.level == 0) irq = true;
  if ((m & kPortIrqError) && (fp.status & kPortStatusError)) irq = true;
  constexpr uint32_t kOver = kPortStatusOverrun | kPortStatusUnderrun | kPortStatusDmaOverflow | kPortStatusDmaUnderflow;
  if ((m & kPortIrqOverrun) && (fp.status & kOver)) irq = true;
  uint32_t line = fp.o.interruptLine;
  if (line == kNoLine) irq = false;
  if (fp.irqOut && (!irq || fp.irqLineDriven != line)) {
    fp.irqOut = false;
    changeIrqSource(fp.irqLineDriven, false);
    fp.irqLineDriven = kNoLine;
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortIrq, p, 0);
  }
  if (irq && !fp.irqOut) {
    fp.irqOut = true;
    fp.irqLineDriven = line;
    changeIrqSource(line, true);
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortIrq, p, 1);
  }
}

void Engine::portReschedule(uint32_t p) {
  FifoPort& fp = ports[p];
  uint64_t wake = kNever;
  if (fp.active && fp.nextTick != kNever) {
    uint64_t m = portObservableTick(fp);
    if (m == 1) {
      wake = fp.nextTick;
    } else if (m != kNever) {
      uint64_t j = fp.tickIndex + m - 1;
      uint64_t off;
      if (j < fp.tickIndex) {
        off = kNever;
      } else if (fp.rateR == 0) {
        // Whole cycles per element: floor(j*num/den) = tickQ + (m-1)*rateQ, without the 128-bit division (this
        // runs after every DMA beat on a port).
        uint64_t add;
        if (mulOverflow(m - 1, fp.rateQ, &add) || addOverflow(fp.tickQ, add, &off)) off = kNever;
      } else {
        off = mulDivFloor(j, fp.o.rateNumerator, fp.o.rateDenominator);
      }
      wake = (off == kNever || off > kMaxCycle || fp.epoch > kMaxCycle - off) ? kNever : fp.epoch + off;
    }
  }
  if (fp.o.direction == PortDirection::Rx && !fp.flushArmed && fp.level > 0 && fp.idleDeadline < wake)
    wake = fp.idleDeadline;
  if (wake != kNever && wake <= now) wake = now + 1;  // never schedule into the past
  sched.ports.set(p, wake);
}

void Engine::portNudge(uint32_t p) {
  sched.ports.set(p, now + 1);
}

uint64_t Engine::portDmaRead(uint32_t p, bool* deferred) {
  portSync(p);
  FifoPort& fp = ports[p];
  ++fp.dmaElements;
  uint64_t v = 0;
  if (fp.o.direction == PortDirection::Tx || fp.level == 0) {
    // Reading an empty rx FIFO (or a tx FIFO, which has nothing to give): a DMA underflow, reads as zero.
    ++fp.dmaUnderflows;
    const uint32_t status0 = fp.status;
    fp.status |= kPortStatusDmaUnderflow;
    sink.emit(now, EventKind::PortDmaUnderflow, p, static_cast<uint32_t>(fp.dmaUnderflows));
    if (traceOn() && fp.status != status0) [[unlikely]] tracePortStatus(p, now);
  } else {
    v = fp.pop();
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortLevel, p, fp.level);
  }
  portEvaluate(p);
  if (deferred) {
    *deferred = true;
    return v;
  }
  portReschedule(p);
  return v;
}

// Quiet beat: a tx port already requesting, with room for this element that keeps the request up, no injected
// faults or stalls, no streaming underruns, no device interrupt output in play and no wake on the calendar. Then
// portEvaluate changes nothing (the request stays up, the interrupt output stays low) and portReschedule computes
// "no observable tick" for a port that is not on the calendar (a no-op), so only the lazy ticks, the push and a
// transmitter restart remain: the same state and records as the full path of portDmaWrite.
bool Engine::portTxBeatQuiet(uint32_t p) const {
  const FifoPort& fp = ports[p];
  return fp.o.direction == PortDirection::Tx && fp.o.dmaEnable && fp.reqOut &&
         uint64_t{fp.level} + 1 + fp.o.watermark <= fp.depth() && !fp.o.txStreaming && !fp.irqOut &&
         (fp.o.interruptMask == 0 || fp.o.interruptLine == kNoLine) && fp.o.idleTimeout == 0 && fp.errorAt.empty() &&
         fp.stallAtElement.empty() && fp.stallAtCycle.empty() && sched.ports.when(p) == kNever;
}

uint32_t Engine::portTxQuietRun(uint32_t p, const uint8_t* data, uint32_t w, uint32_t n) {
  // n DMA beats at cycles now, now+1, ..., now+n-1 into a tx port whose device takes one element per cycle with
  // its next tick at `now` and a non-empty FIFO: every cycle the tick sends the oldest element, then the beat pushes
  // one, so the level never changes and each beat is a quiet beat (portTxBeatQuiet holds for all of them when it
  // holds for the first). Same result as n portDmaWrite calls, done in blocks: at a constant level L the device
  // sends the L elements in the FIFO, then data[0 .. n-L-1]; data[max(0, n-L) .. n-1] stay in the FIFO.
  if (n == 0 || !portTxBeatQuiet(p) || !portTxRunReady(ports[p], w, n)) return 0;
  portTxRun(ports[p], data, w, n);
  return n;
}

void Engine::portTxRun(FifoPort& fp, const uint8_t* data, uint32_t w, uint32_t n) {
  portTxStream(fp, data, w, n);
  fp.tickIndex += n;
  fp.tickQ += n;  // rateQ 1, rateR 0: tickR never changes
  fp.nextTick = fp.epoch + fp.tickQ;
}

void Engine::portTxStream(FifoPort& fp, const uint8_t* data, uint32_t w, uint64_t count) {
  // `count` elements pushed (data's, in order) and as many sent, the level L the same before and after: in FIFO
  // order the device sends the L elements in the FIFO, then data[0 .. count-L-1]; data[max(0, count-L) .. count-1]
  // stay in the FIFO. (The caller knows no push found the FIFO full and no tick found it empty.)
  const uint64_t D = fp.depth(), L = fp.level;
  const uint64_t old = std::min(L, count);
  uint64_t at = fp.head;
  for (uint64_t i = 0; i < old; ++i) {
    fp.capture(fp.ring[at]);
    if (++at == D) at = 0;
  }
  // The sent part of data, into the sink as it is (an element's bytes are data's bytes, little-endian).
  fp.captureBlock(data, (count - old) * w);
  // The FIFO's new contents; slots of elements pushed and sent within the run are never read, so not written.
  at = (fp.head + L + (count - old)) % D;
  for (uint64_t i = count - old; i < count; ++i) {
    fp.ring[at] = loadLe(data + i * w, w);
    if (++at == D) at = 0;
  }
  fp.head = static_cast<uint32_t>((fp.head + count) % D);
  fp.deviceElements += count;
  fp.dmaElements += count;
}

void Engine::portTxIdleBursts(FifoPort& fp, const uint8_t* data, uint32_t w, uint64_t n, uint64_t k, uint64_t lastT0) {
  // k bursts of n beats (data: their k*n elements, in order) into a rate-1 tx port holding one element, each burst's
  // first beat at or after the tick that finds the FIFO empty. Per burst (portTxQuietWrite, then portTxRun): the
  // device sends the element it holds and idles; beat 0 restarts it at its cycle t0 (epoch t0, next tick t0+1); the
  // other beats each push one element as the device sends one, so one element is left, the device ticking next at
  // t0+n, before the next burst's first beat (a burst lasts at least n+1 cycles). Over the k bursts: the element held,
  // then every beat but the last, go to the sink; the last beat stays; the clock is the last burst's.
  fp.capture(fp.ring[fp.head]);
  const uint64_t sent = (k * n - 1) * w;  // data's bytes, sent in order
  fp.captureBlock(data, sent);
  fp.head = static_cast<uint32_t>((uint64_t{fp.head} + k * n) % fp.depth());  // k*n pops and pushes at level 1
  fp.ring[fp.head] = loadLe(data + sent, w);
  fp.deviceElements += k * n;
  fp.dmaElements += k * n;
  fp.active = true;
  fp.idleEmpty = false;
  fp.epoch = lastT0;
  fp.tickIndex = n;
  fp.tickQ = n;
  fp.tickR = 0;
  fp.nextTick = lastT0 + n;
}

void Engine::portDmaWrite(uint32_t p, uint64_t value, bool* deferred) {
  FifoPort& fp = ports[p];
  if (opt.fastPaths && portTxBeatQuiet(p)) {
    portTxQuietWrite(p, value);
    return;
  }
  portSync(p);
  ++fp.dmaElements;
  if (fp.o.direction == PortDirection::Rx || fp.level == fp.depth()) {
    ++fp.dmaOverflows;
    const uint32_t status0 = fp.status;
    fp.status |= kPortStatusDmaOverflow;
    sink.emit(now, EventKind::PortDmaOverflow, p, static_cast<uint32_t>(fp.dmaOverflows));
    if (traceOn() && fp.status != status0) [[unlikely]] tracePortStatus(p, now);
  } else {
    fp.push(value);
    if (traceOn()) [[unlikely]] tr(now, TraceKind::PortLevel, p, fp.level);
    if (fp.idleEmpty && fp.o.deviceEnable) portRestart(fp, now);
  }
  portEvaluate(p);
  if (deferred) {
    *deferred = true;
    return;
  }
  portReschedule(p);
}

void Engine::portTxQuietWrite(uint32_t p, uint64_t value) {
  FifoPort& fp = ports[p];
  // The lazy ticks due (portSyncTicks with portTickTx and portComputeNextTick, for a port with no injected
  // errors or stalls and no streaming: a tick on an empty FIFO idles the transmitter, no record is possible).
  while (fp.active && fp.nextTick <= now) {
    if (fp.level == 0) {
      fp.active = false;
      fp.idleEmpty = true;
      fp.nextTick = kNever;
      break;
    }
    fp.capture(fp.pop());
    if (traceOn()) [[unlikely]] tr(fp.nextTick, TraceKind::PortLevel, p, fp.level);  // the tick's own cycle
    ++fp.deviceElements;
    ++fp.tickIndex;
    fp.tickQ += fp.rateQ;
    fp.tickR += fp.rateR;
    if (fp.tickR >= fp.o.rateDenominator) {
      fp.tickR -= fp.o.rateDenominator;
      ++fp.tickQ;
    }
    fp.nextTick = (fp.tickQ > kMaxCycle || fp.epoch > kMaxCycle - fp.tickQ) ? kNever : fp.epoch + fp.tickQ;
  }
  ++fp.dmaElements;
  fp.push(value);
  if (traceOn()) [[unlikely]] tr(now, TraceKind::PortLevel, p, fp.level);
  if (fp.idleEmpty && fp.o.deviceEnable) portRestart(fp, now);
}

}  // namespace dmasim
