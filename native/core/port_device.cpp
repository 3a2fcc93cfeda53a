// port_device.cpp — the device side of a FIFO port and its DMA side: element ticks from the exact rational rate,
// rx source / tx sink, overrun / underrun, aging timeout, injected faults and stalls, the request rule and the
// device interrupt output.
// Behaviour source: port_types.h (the documented rules), TIMING.md rule 5 (request rule; over-long bursts count a
// DMA overflow/underflow, the element is dropped or reads as zero), ARCHITECTURE.md "Device ports".
#include <algorithm>
#include <cstring>

#include "engine_impl.h"
#include "muldiv.h"

namespace dmasim {

namespace {
uint64_t loadLe(const uint8_t* p, uint32_t w) {
  uint64_t v = 0;
  for (uint32_t i = 0; i < w; ++i) v |= uint64_t{p[i]} << (8 * i);
  return v;
}
}  // namespace

void Engine::portRestart(FifoPort& fp, uint64_t epoch) {
  fp.active = true;
  fp.idleEmpty = false;
  fp.idleSource = false;
  fp.epoch = epoch;
  fp.tickIndex = 0;
  portComputeNextTick(fp);
}

void Engine::portComputeNextTick(FifoPort& fp) {
  if (!fp.active) {
    fp.nextTick = kNever;
    return;
  }
  ++fp.tickIndex;
  for (;;) {
    // Stall of element k: the epoch moves, so element k and all later ones are delayed.
    auto se = fp.stallAtElement.find(fp.deviceElements);
    if (se != fp.stallAtElement.end()) {
      uint64_t n = se->second;
      fp.stallAtElement.erase(se);
      fp.epoch = (kMaxCycle - fp.epoch < n) ? kMaxCycle : fp.epoch + n;
      sink.emit(now, EventKind::PortStall, static_cast<uint32_t>(&fp - ports.data()), static_cast<uint32_t>(n),
                static_cast<uint32_t>(n >> 32));
      continue;
    }
    uint64_t off = mulDivFloor(fp.tickIndex, fp.o.rateNumerator, fp.o.rateDenominator);
    uint64_t t = (off > kMaxCycle || fp.epoch > kMaxCycle - off) ? kNever : fp.epoch + off;
    // Stall starting at a cycle: the first tick at or after it is pushed back.
    if (t != kNever && !fp.stallAtCycle.empty() && fp.stallAtCycle.begin()->first <= t) {
      uint64_t n = fp.stallAtCycle.begin()->second;
      fp.stallAtCycle.erase(fp.stallAtCycle.begin());
      fp.epoch = (kMaxCycle - fp.epoch < n) ? kMaxCycle : fp.epoch + n;
      sink.emit(now, EventKind::PortStall, static_cast<uint32_t>(&fp - ports.data()), static_cast<uint32_t>(n),
                static_cast<uint32_t>(n >> 32));
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
    uint8_t b[8];
    size_t n = fp.o.pattern.size();
    for (uint32_t i = 0; i < w; ++i) b[i] = fp.o.pattern[(fp.patternPos + i) % n];
    fp.patternPos = (fp.patternPos + w) % n;
    v = loadLe(b, w);
  }
  uint64_t k = fp.deviceElements++;
  if (!fp.errorAt.empty() && fp.errorAt.erase(k)) {
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
  }
  if (fp.o.idleTimeout) fp.idleDeadline = (kMaxCycle - now < fp.o.idleTimeout) ? kNever : now + fp.o.idleTimeout;
}

void Engine::portTickTx(uint32_t p) {
  FifoPort& fp = ports[p];
  if (fp.level == 0) {
    if (fp.o.txStreaming) {
      ++fp.underruns;
      fp.status |= kPortStatusUnderrun;
      sink.emit(now, EventKind::PortUnderrun, p, static_cast<uint32_t>(fp.underruns));
    } else {
      fp.active = false;
      fp.idleEmpty = true;
      fp.nextTick = kNever;
    }
    return;
  }
  uint64_t v = fp.pop();
  uint32_t w = fp.width();
  if (fp.txData.size() - fp.txRead + w <= fp.o.txCaptureLimit) {
    for (uint32_t i = 0; i < w; ++i) fp.txData.push_back(static_cast<uint8_t>(v >> (8 * i)));
  } else {
    fp.txDropped += w;
  }
  uint64_t k = fp.deviceElements++;
  if (!fp.errorAt.empty() && fp.errorAt.erase(k)) {
    fp.status |= kPortStatusError;
    ++fp.errors;
    sink.emit(now, EventKind::PortErrorFlag, p, static_cast<uint32_t>(k), static_cast<uint32_t>(k >> 32));
  }
}

void Engine::portWake(uint32_t p) {
  FifoPort& fp = ports[p];
  while (fp.active && fp.nextTick <= now) {
    if (fp.o.direction == PortDirection::Rx)
      portTickRx(p);
    else
      portTickTx(p);
    if (fp.active) portComputeNextTick(fp);
  }
  if (fp.o.direction == PortDirection::Rx && !fp.flushArmed && fp.level > 0 && fp.idleDeadline <= now) {
    fp.flushArmed = true;
    sink.emit(now, EventKind::PortIdleTimeout, p, fp.level);
  }
  portEvaluate(p);
  portReschedule(p);
}

void Engine::portEvaluate(uint32_t p) {
  FifoPort& fp = ports[p];
  if (fp.level == 0) fp.flushArmed = false;
  // Request output.
  bool req = false;
  if (fp.o.dmaEnable) {
    if (fp.o.direction == PortDirection::Rx)
      req = fp.level >= fp.o.watermark || (fp.flushArmed && fp.level > 0);
    else
      req = fp.depth() - fp.level >= fp.o.watermark;
  }
  fp.reqOut = req;
  if (fp.o.requestLine != kNoLine) setRequestLine(fp.o.requestLine, req, p);
  // Device interrupt output.
  uint32_t m = fp.o.interruptMask;
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
  }
  if (irq && !fp.irqOut) {
    fp.irqOut = true;
    fp.irqLineDriven = line;
    changeIrqSource(line, true);
  }
}

void Engine::portReschedule(uint32_t p) {
  FifoPort& fp = ports[p];
  uint64_t wake = fp.active ? fp.nextTick : kNever;
  if (fp.o.direction == PortDirection::Rx && !fp.flushArmed && fp.level > 0 && fp.idleDeadline < wake)
    wake = fp.idleDeadline;
  if (wake != kNever && wake <= now) wake = now + 1;  // never schedule into the past
  if (wake == fp.scheduledWake) return;
  ++fp.wakeGen;
  fp.scheduledWake = wake;
  if (wake != kNever) sched.push(wake, Act::PortWake, p, fp.wakeGen);
}

void Engine::portNudge(uint32_t p) {
  FifoPort& fp = ports[p];
  if (fp.scheduledWake == now + 1) return;
  ++fp.wakeGen;
  fp.scheduledWake = now + 1;
  sched.push(now + 1, Act::PortWake, p, fp.wakeGen);
}

uint64_t Engine::portDmaRead(uint32_t p) {
  FifoPort& fp = ports[p];
  ++fp.dmaElements;
  uint64_t v = 0;
  if (fp.o.direction == PortDirection::Tx || fp.level == 0) {
    // Reading an empty rx FIFO (or a tx FIFO, which has nothing to give): a DMA underflow, reads as zero.
    ++fp.dmaUnderflows;
    fp.status |= kPortStatusDmaUnderflow;
    sink.emit(now, EventKind::PortDmaUnderflow, p, static_cast<uint32_t>(fp.dmaUnderflows));
  } else {
    v = fp.pop();
  }
  portEvaluate(p);
  portReschedule(p);
  return v;
}

void Engine::portDmaWrite(uint32_t p, uint64_t value) {
  FifoPort& fp = ports[p];
  ++fp.dmaElements;
  if (fp.o.direction == PortDirection::Rx || fp.level == fp.depth()) {
    ++fp.dmaOverflows;
    fp.status |= kPortStatusDmaOverflow;
    sink.emit(now, EventKind::PortDmaOverflow, p, static_cast<uint32_t>(fp.dmaOverflows));
  } else {
    fp.push(value);
    if (fp.idleEmpty && fp.o.deviceEnable) portRestart(fp, now);
  }
  portEvaluate(p);
  portReschedule(p);
}

}  // namespace dmasim
