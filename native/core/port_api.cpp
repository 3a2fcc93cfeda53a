// port_api.cpp — Simulator verbs for device FIFO ports: creation (validation, region mapping), the setters a
// driver's register writes flip (effective from cycle()+1), rx data in, tx data out, status, fault injection.
// Behaviour source: port_types.h; ARCHITECTURE.md "Device ports"; TIMING.md "Counting" (a call at t acts from t+1).
#include <algorithm>
#include <cstring>
#include <string>

#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint32_t kMaxPorts = 1024;
constexpr uint32_t kMaxPortDepth = 65536;
constexpr size_t kMaxPattern = size_t{1} << 20;
constexpr uint64_t kMaxRxPending = uint64_t{1} << 30;
constexpr size_t kMaxPendingFaults = 4096;

bool validWidth(uint32_t w) { return w == 1 || w == 2 || w == 4 || w == 8; }

FifoPort& portRef(Engine& e, uint32_t port) {
  if (port >= e.ports.size()) throw SimError(err::kOutOfRange, "port " + std::to_string(port) + " out of range");
  return e.ports[port];
}
}  // namespace

uint32_t Simulator::addFifoPort(const FifoPortOptions& o) {
  Engine& e = *engine_;
  if (e.ports.size() >= kMaxPorts) throw SimError(err::kOutOfRange, "too many ports (max 1024)");
  if (o.direction != PortDirection::Rx && o.direction != PortDirection::Tx)
    throw SimError(err::kInvalidArgument, "direction must be Rx or Tx");
  if (!validWidth(o.elementWidth)) throw SimError(err::kInvalidArgument, "elementWidth must be 1, 2, 4 or 8");
  if (o.address % o.elementWidth) throw SimError(err::kBadAlignment, "address must be a multiple of elementWidth");
  if (o.depth < 1 || o.depth > kMaxPortDepth) throw SimError(err::kOutOfRange, "depth must be in [1..65536]");
  if (o.rateDenominator < 1 || o.rateDenominator > (uint64_t{1} << 32))
    throw SimError(err::kOutOfRange, "rateDenominator must be in [1..2^32]");
  if (o.rateNumerator < o.rateDenominator || o.rateNumerator > kMaxCycle)
    throw SimError(err::kOutOfRange, "rateNumerator must be in [rateDenominator..2^53-1] (at most one element per cycle)");
  if (o.requestLine != kNoLine && o.requestLine >= e.opt.requestLines)
    throw SimError(err::kOutOfRange, "requestLine out of range");
  if (o.requestLine != kNoLine && e.reqDriver[o.requestLine] != kNoLine)
    throw SimError(err::kRequestLineBusy, "requestLine " + std::to_string(o.requestLine) + " is already driven by port " +
                                              std::to_string(e.reqDriver[o.requestLine]));
  if (o.watermark < 1 || o.watermark > o.depth) throw SimError(err::kOutOfRange, "watermark must be in [1..depth]");
  if (o.requestRule != RequestRule::Burst && o.requestRule != RequestRule::Single)
    throw SimError(err::kInvalidArgument, "requestRule must be Burst or Single");
  if (o.idleTimeout > kMaxCycle) throw SimError(err::kOutOfRange, "idleTimeout must be <= 2^53-1");
  if (o.rxSource != RxSource::Pattern && o.rxSource != RxSource::Appended)
    throw SimError(err::kInvalidArgument, "rxSource must be Pattern or Appended");
  if (o.direction == PortDirection::Rx && o.rxSource == RxSource::Pattern && o.pattern.empty())
    throw SimError(err::kInvalidArgument, "pattern must be nonempty for a Pattern rx source");
  if (o.pattern.size() > kMaxPattern) throw SimError(err::kOutOfRange, "pattern must be <= 1 MiB");
  if (o.interruptLine != kNoLine && o.interruptLine >= e.opt.interruptLines)
    throw SimError(err::kOutOfRange, "interruptLine out of range");
  if (o.interruptMask & ~kPortIrqAllBits) throw SimError(err::kInvalidArgument, "interruptMask has unknown bits");
  if (o.interruptThreshold > o.depth) throw SimError(err::kOutOfRange, "interruptThreshold must be <= depth");
  uint32_t id = static_cast<uint32_t>(e.ports.size());
  uint32_t region = e.bus.addPort(o.address, o.elementWidth, o.readWait, o.writeWait, id);
  FifoPort fp;
  fp.o = o;
  fp.regionId = region;
  fp.ring.assign(o.depth, 0);
  fp.rateQ = o.rateNumerator / o.rateDenominator;
  fp.rateR = o.rateNumerator % o.rateDenominator;
  e.ports.push_back(std::move(fp));
  e.sched.ports.addPort();
  if (o.requestLine != kNoLine) e.reqDriver[o.requestLine] = id;
  FifoPort& p = e.ports.back();
  if (o.deviceEnable) {
    if (o.direction == PortDirection::Tx && !o.txStreaming) {
      p.idleEmpty = true;  // an empty transmitter idles until data arrives
    } else {
      e.portRestart(p, e.now);
    }
  }
  if (e.traceOn()) [[unlikely]] e.tracePortAdded(id);
  e.portNudge(id);
  return id;
}

uint32_t Simulator::portCount() const { return static_cast<uint32_t>(engine_->ports.size()); }

PortStatus Simulator::portStatus(uint32_t port) const {
  const FifoPort& fp = portRef(*engine_, port);
  PortStatus s;
  s.level = fp.level;
  s.highWater = fp.highWater;
  s.status = fp.status;
  s.overruns = fp.overruns;
  s.underruns = fp.underruns;
  s.dmaOverflows = fp.dmaOverflows;
  s.dmaUnderflows = fp.dmaUnderflows;
  s.errors = fp.errors;
  s.deviceElements = fp.deviceElements;
  s.dmaElements = fp.dmaElements;
  s.rxPendingBytes = fp.rxAvail();
  s.txCapturedBytes = fp.txData.size() - fp.txRead;
  s.txCaptureDropped = fp.txDropped;
  s.requestAsserted = fp.reqOut;
  s.interruptAsserted = fp.irqOut;
  s.flushArmed = fp.flushArmed;
  s.deviceActive = fp.active;
  return s;
}

void Simulator::setPortDmaEnable(uint32_t port, bool enable) {
  portRef(*engine_, port).o.dmaEnable = enable;
  engine_->portNudge(port);
}

void Simulator::setPortDeviceEnable(uint32_t port, bool enable) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (fp.o.deviceEnable == enable) return;
  fp.o.deviceEnable = enable;
  if (!enable) {
    fp.active = false;
    fp.idleEmpty = false;
    fp.idleSource = false;
    fp.nextTick = kNever;
  } else if (fp.o.direction == PortDirection::Tx && !fp.o.txStreaming && fp.level == 0) {
    fp.idleEmpty = true;
  } else {
    e.portRestart(fp, e.now);
  }
  e.portNudge(port);
}

void Simulator::setPortTxStreaming(uint32_t port, bool streaming) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (fp.o.direction != PortDirection::Tx) throw SimError(err::kInvalidArgument, "txStreaming applies to Tx ports only");
  fp.o.txStreaming = streaming;
  if (streaming && fp.o.deviceEnable && !fp.active) e.portRestart(fp, e.now);
  e.portNudge(port);
}

void Simulator::setPortWatermark(uint32_t port, uint32_t watermark) {
  FifoPort& fp = portRef(*engine_, port);
  if (watermark < 1 || watermark > fp.depth()) throw SimError(err::kOutOfRange, "watermark must be in [1..depth]");
  fp.o.watermark = watermark;
  engine_->portNudge(port);
}

void Simulator::setPortIdleTimeout(uint32_t port, uint64_t cycles) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (fp.o.direction != PortDirection::Rx) throw SimError(err::kInvalidArgument, "idleTimeout applies to Rx ports only");
  if (cycles > kMaxCycle) throw SimError(err::kOutOfRange, "idleTimeout must be <= 2^53-1");
  e.portSync(port);  // elements due up to now have arrived (lazy ticks), so level and lastArrival are exact
  fp.o.idleTimeout = cycles;
  if (cycles == 0 || fp.level == 0 || fp.flushArmed) {
    // Off, nothing to age, or already armed (an armed flush stays armed until the FIFO is empty): no countdown.
    // The next element to arrive starts a countdown of the new length.
    fp.idleDeadline = kNever;
  } else {
    // A running (or, from 0, a starting) countdown keeps its reference, the last element's arrival; only its length
    // changes. A deadline already reached arms the flush at cycle()+1, like every setter.
    uint64_t d = (kMaxCycle - fp.lastArrival < cycles) ? kNever : fp.lastArrival + cycles;
    fp.idleDeadline = std::max(d, e.now + 1);
  }
  e.portNudge(port);
}

void Simulator::setPortInterrupt(uint32_t port, uint32_t line, uint32_t mask, uint32_t threshold) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (line != kNoLine && line >= e.opt.interruptLines) throw SimError(err::kOutOfRange, "line out of range");
  if (mask & ~kPortIrqAllBits) throw SimError(err::kInvalidArgument, "mask has unknown bits");
  if (threshold > fp.depth()) throw SimError(err::kOutOfRange, "threshold must be <= depth");
  fp.o.interruptLine = line;
  fp.o.interruptMask = mask;
  fp.o.interruptThreshold = threshold;
  e.portNudge(port);
}

void Simulator::clearPortStatus(uint32_t port, uint32_t mask) {
  FifoPort& fp = portRef(*engine_, port);
  const uint32_t status0 = fp.status;
  fp.status &= ~(mask & kPortStatusAllBits);
  if (engine_->traceOn() && fp.status != status0) [[unlikely]] engine_->tracePortStatus(port, engine_->now);
  engine_->portNudge(port);
}

void Simulator::appendRxData(uint32_t port, const uint8_t* data, uint64_t length) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (fp.o.direction != PortDirection::Rx || fp.o.rxSource != RxSource::Appended)
    throw SimError(err::kInvalidArgument, "appendRxData needs an Rx port with an Appended source");
  if (length == 0) return;
  if (!data) throw SimError(err::kInvalidArgument, "data must not be null");
  if (length > kMaxRxPending || fp.rxAvail() + length > kMaxRxPending)
    throw SimError(err::kOutOfRange, "pending rx data would exceed 1 GiB");
  try {
    fp.rxData.insert(fp.rxData.end(), data, data + length);
  } catch (const std::bad_alloc&) {
    throw SimError(err::kOutOfMemory, "cannot allocate rx data");
  }
  if (fp.idleSource && fp.o.deviceEnable) {
    e.portRestart(fp, e.now);
    e.portNudge(port);
  }
}

uint64_t Simulator::readTxData(uint32_t port, uint8_t* out, uint64_t capacity) {
  FifoPort& fp = portRef(*engine_, port);
  uint64_t avail = fp.txData.size() - fp.txRead;
  uint64_t n = std::min(avail, capacity);
  if (n && !out) throw SimError(err::kInvalidArgument, "out must not be null");
  if (n) std::memcpy(out, fp.txData.data() + fp.txRead, static_cast<size_t>(n));
  fp.txRead += n;
  if (fp.txRead == fp.txData.size()) {
    fp.txData.clear();
    fp.txRead = 0;
  }
  return n;
}

void Simulator::clearTxData(uint32_t port) {
  FifoPort& fp = portRef(*engine_, port);
  fp.txData.clear();
  fp.txRead = 0;
}

void Simulator::injectPortError(uint32_t port, uint64_t elementIndex) {
  FifoPort& fp = portRef(*engine_, port);
  if (fp.errorAt.size() >= kMaxPendingFaults) throw SimError(err::kOutOfRange, "too many pending port errors (4096)");
  fp.errorAt.insert(elementIndex);
}

void Simulator::injectPortStall(uint32_t port, uint64_t elementIndex, uint64_t cycles) {
  FifoPort& fp = portRef(*engine_, port);
  if (cycles > kMaxCycle) throw SimError(err::kOutOfRange, "cycles must be <= 2^53-1");
  if (fp.stallAtElement.size() >= kMaxPendingFaults) throw SimError(err::kOutOfRange, "too many pending stalls (4096)");
  fp.stallAtElement[elementIndex] += cycles;
  // The next element's tick may already be computed: recompute it so the stall applies to it.
  if (elementIndex == fp.deviceElements && fp.active && fp.nextTick != kNever) {
    engine_->portRetime(fp);
    engine_->portNudge(port);
  }
}

void Simulator::injectPortStallAt(uint32_t port, uint64_t atCycle, uint64_t cycles) {
  Engine& e = *engine_;
  FifoPort& fp = portRef(e, port);
  if (cycles > kMaxCycle) throw SimError(err::kOutOfRange, "cycles must be <= 2^53-1");
  if (atCycle <= e.now || atCycle > kMaxCycle) throw SimError(err::kOutOfRange, "atCycle must be in [cycle()+1 .. 2^53-1]");
  if (fp.stallAtCycle.size() >= kMaxPendingFaults) throw SimError(err::kOutOfRange, "too many pending stalls (4096)");
  fp.stallAtCycle.emplace(atCycle, cycles);
  // The already computed next tick may be at or after the stall: recompute it from the same index.
  if (fp.active && fp.nextTick != kNever && fp.nextTick >= atCycle) {
    e.portRetime(fp);
    e.portNudge(port);
  }
}

}  // namespace dmasim
