// controller_api.cpp — the controller's public verbs, i.e. the HAL controller-extension function table
// (ValidateRequestLineBinding, QueryMaxFragments, ProgramChannel, ConfigureChannel, FlushChannel, ReadDmaCounter,
// CancelTransfer) plus the engine-only memory-to-memory program and the status snapshot.
// Behaviour source: KMDF-SYSTEM-DMA.md D.7 and D.1/D.2; dma_types.h (validation order, function table);
// TIMING.md rule 7 (cancel) and "Counting" (a call at t acts from t+1).
#include <string>

#include "engine_impl.h"

namespace dmasim {

namespace {
bool validWidth(uint32_t w) { return w == 1 || w == 2 || w == 4 || w == 8; }
std::string hex(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}
}  // namespace

uint32_t Engine::checkChannel(uint32_t c, const char* what) const {
  if (c >= opt.channels)
    throw SimError(err::kOutOfRange, std::string(what) + " " + std::to_string(c) + " out of range (channels: " +
                                         std::to_string(opt.channels) + ")");
  return c;
}

void Engine::setState(uint32_t c, ChannelState s) {
  Channel& k = ch[c];
  if (k.state == s) return;
  ChannelState old = k.state;
  k.state = s;
  sink.emit(now, EventKind::ChannelState, c, static_cast<uint32_t>(s), static_cast<uint32_t>(old));
  if (traceOn()) [[unlikely]] {
    tr(now, TraceKind::ChannelState, c, static_cast<uint32_t>(s));
    tracePhase(c, now + 1);
  }
}

bool Simulator::validateRequestLineBinding(uint32_t requestLine, uint32_t channel) const {
  const Engine& e = *engine_;
  if (channel >= e.opt.channels || requestLine >= e.opt.requestLines) return false;
  if (e.opt.profile == Profile::I8237) return requestLine == channel;
  return true;
}

uint32_t Simulator::queryMaxFragments(uint32_t channel, uint32_t hint) const {
  engine_->checkChannel(channel, "channel");
  uint32_t m = engine_->opt.maxFragments;
  return (hint && hint < m) ? hint : m;
}

void Simulator::programChannel(const ProgramRequest& r) {
  Engine& e = *engine_;
  e.checkChannel(r.channel, "channel");
  Channel& k = e.ch[r.channel];
  if (k.running() || k.pairSlave) throw SimError(err::kDmaChannelBusy, "channel " + std::to_string(r.channel) + " is busy");
  if (r.requestLine >= e.opt.requestLines) throw SimError(err::kOutOfRange, "requestLine out of range");
  for (uint32_t i = 0; i < e.opt.channels; ++i)
    if (i != r.channel && e.ch[i].heldLine == r.requestLine)
      throw SimError(err::kRequestLineBusy, "requestLine " + std::to_string(r.requestLine) + " is held by channel " +
                                                std::to_string(i));
  if (!validWidth(r.width)) throw SimError(err::kInvalidArgument, "width must be 1, 2, 4 or 8");
  if (e.opt.profile == Profile::I8237 && r.width != 1) throw SimError(err::kInvalidArgument, "width must be 1 on i8237");
  if (r.direction != Direction::MemoryToDevice && r.direction != Direction::DeviceToMemory)
    throw SimError(err::kInvalidArgument, "direction must be MemoryToDevice or DeviceToMemory");
  if (r.sg.empty()) throw SimError(err::kInvalidArgument, "sg must not be empty");
  if (r.sg.size() > e.opt.maxFragments)
    throw SimError(err::kTooManyFragments, "sg has " + std::to_string(r.sg.size()) + " elements, max " +
                                               std::to_string(e.opt.maxFragments));
  uint64_t total = 0;
  for (size_t i = 0; i < r.sg.size(); ++i) {
    const SgElement& s = r.sg[i];
    auto at = [i] { return "sg[" + std::to_string(i) + "]"; };  // only for a message
    if (s.length == 0) throw SimError(err::kInvalidArgument, at() + ".length must be nonzero");
    if (s.address % r.width || s.length % r.width)
      throw SimError(err::kBadAlignment, at() + " address/length must be multiples of width " + std::to_string(r.width));
    if (!e.bus.ramCovers(s.address, s.length))
      throw SimError(err::kSgOutsideMemory, at() + " [" + hex(s.address) + ", +" + hex(s.length) + ") is not inside RAM");
    total += s.length;  // each length < 2^64 and the covered RAM is < 2^44: no overflow before the check below
    if (total > 0xFFFFFFFFull) throw SimError(err::kOutOfRange, "total sg length must be <= 0xFFFFFFFF");
  }
  uint32_t reg = e.bus.find(r.deviceAddress);
  if (reg == kNoRegion) throw SimError(err::kUnmappedAddress, "deviceAddress " + hex(r.deviceAddress) + " is not mapped");
  if (r.deviceAddress % r.width) throw SimError(err::kBadAlignment, "deviceAddress must be a multiple of width");
  const Region& rg = e.bus.region(reg);
  uint32_t port = kNoLine;
  if (rg.isPort) {
    port = rg.portId;
    if (e.ports[port].o.elementWidth != r.width)
      throw SimError(err::kWidthMismatch, "deviceAddress is a FIFO port with element width " +
                                              std::to_string(e.ports[port].o.elementWidth) + ", program width " +
                                              std::to_string(r.width));
  }
  if (r.deviceAddress + r.width - 1 > rg.base + rg.size - 1)
    throw SimError(err::kUnmappedAddress, "deviceAddress + width runs past its region");
  if (k.watermark && (k.watermark % r.width || k.watermark > e.opt.fifoDepth * r.width))
    throw SimError(err::kInvalidArgument, "watermark " + std::to_string(k.watermark) +
                                              " (SET_WATERMARK) does not fit width " + std::to_string(r.width));
  // Accept.
  e.dropInterrupts(r.channel);
  k.mem2mem = false;
  k.sg = r.sg;
  k.deviceAddress = r.deviceAddress;
  k.devicePort = port;
  k.direction = r.direction;
  k.width = r.width;
  k.lastWidth = r.width;
  k.demand = r.demandMode;
  k.loop = r.loop;
  k.line = r.requestLine;
  k.total = total;
  k.sgIndex = 0;
  k.sgOffset = 0;
  k.iterWritten = k.bytesWritten = k.iterations = k.sinceNotify = 0;
  k.errorAddress = 0;
  k.cancelReport = false;
  e.setState(r.channel, ChannelState::Running);
  e.requestArbitrate(e.now + 1);
}

void Simulator::programMemoryToMemory(const MemToMemRequest& r) {
  Engine& e = *engine_;
  e.checkChannel(r.channel, "channel");
  bool i8237 = e.opt.profile == Profile::I8237;
  if (i8237 && r.channel != 0) throw SimError(err::kInvalidArgument, "channel must be 0 on i8237 (channel 0 -> 1 pair)");
  Channel& k = e.ch[r.channel];
  if (k.running() || k.pairSlave) throw SimError(err::kDmaChannelBusy, "channel " + std::to_string(r.channel) + " is busy");
  if (i8237 && e.ch[1].running()) throw SimError(err::kDmaChannelBusy, "channel 1 is busy");
  if (!validWidth(r.width)) throw SimError(err::kInvalidArgument, "width must be 1, 2, 4 or 8");
  if (i8237 && r.width != 1) throw SimError(err::kInvalidArgument, "width must be 1 on i8237");
  if (r.length == 0) throw SimError(err::kInvalidArgument, "length must be nonzero");
  if (r.length > 0xFFFFFFFFull) throw SimError(err::kOutOfRange, "length must be <= 0xFFFFFFFF");
  if (r.source % r.width || r.destination % r.width || r.length % r.width)
    throw SimError(err::kBadAlignment, "source, destination and length must be multiples of width");
  if (!e.bus.ramCovers(r.source, r.length)) throw SimError(err::kSgOutsideMemory, "source range is not inside RAM");
  if (!e.bus.ramCovers(r.destination, r.length))
    throw SimError(err::kSgOutsideMemory, "destination range is not inside RAM");
  if (r.burst > e.opt.fifoDepth) throw SimError(err::kOutOfRange, "burst must be 0 or in [1..fifoDepth]");
  e.dropInterrupts(r.channel);
  k.mem2mem = true;
  k.sg.assign(1, SgElement{r.source, r.length});
  k.m2mDestination = r.destination;
  k.m2mBurst = r.burst;
  k.lastWidth = r.width;
  k.devicePort = kNoLine;
  k.direction = Direction::MemoryToDevice;
  k.width = r.width;
  k.demand = false;
  k.loop = false;
  k.total = r.length;
  k.sgIndex = 0;
  k.sgOffset = 0;
  k.iterWritten = k.bytesWritten = k.iterations = k.sinceNotify = 0;
  k.errorAddress = 0;
  k.cancelReport = false;
  if (i8237) {
    e.ch[1].pairSlave = true;
    e.setState(1, ChannelState::Running);
  }
  e.setState(r.channel, ChannelState::Running);
  e.requestArbitrate(e.now + 1);
}

NTSTATUS Simulator::configureChannel(uint32_t channel, uint32_t fn, uint64_t value) {
  Engine& e = *engine_;
  e.checkChannel(channel, "channel");
  Channel& k = e.ch[channel];
  if (k.running() || k.pairSlave) return kStatusInvalidDeviceState;
  bool soc = e.opt.profile == Profile::Soc;
  switch (fn) {
    case configure_fn::kSetWatermark: {
      if (!soc) return kStatusNotImplemented;
      uint64_t w = k.lastWidth ? k.lastWidth : 0;
      uint64_t maxBytes = uint64_t{e.opt.fifoDepth} * (w ? w : 8);
      if (value > maxBytes || (w && value % w)) return kStatusInvalidParameter;
      k.watermark = static_cast<uint32_t>(value);
      return kStatusSuccess;
    }
    case configure_fn::kSetNotificationThreshold:
      if (!soc) return kStatusNotImplemented;
      if (value > 0xFFFFFFFFull) return kStatusInvalidParameter;
      k.notifyThreshold = static_cast<uint32_t>(value);
      return kStatusSuccess;
    case configure_fn::kAcquireRequestLine: {
      if (value >= e.opt.requestLines) return kStatusInvalidParameter;
      uint32_t line = static_cast<uint32_t>(value);
      for (uint32_t i = 0; i < e.opt.channels; ++i)
        if (i != channel && e.ch[i].heldLine == line) return kStatusDeviceBusy;
      k.heldLine = line;
      return kStatusSuccess;
    }
    case configure_fn::kReleaseRequestLine:
      if (value >= e.opt.requestLines || k.heldLine != value) return kStatusInvalidParameter;
      k.heldLine = kNoLine;
      return kStatusSuccess;
    case configure_fn::kSetBurstLength:
      if (!soc) return kStatusNotImplemented;
      if (value < 1 || value > e.opt.fifoDepth) return kStatusInvalidParameter;
      k.burstLength = static_cast<uint32_t>(value);
      return kStatusSuccess;
    case configure_fn::kSetPriority:
      if (!soc) return kStatusNotImplemented;
      if (value > 255) return kStatusInvalidParameter;
      k.priority = static_cast<uint32_t>(value);
      return kStatusSuccess;
    case configure_fn::kI8237SetMode:
      if (soc) return kStatusNotImplemented;
      if (value > i8237_mode::kAuto) return kStatusInvalidParameter;
      k.i8237Mode = value;
      return kStatusSuccess;
    default:
      return kStatusNotImplemented;
  }
}

void Simulator::flushChannel(uint32_t channel) {
  Engine& e = *engine_;
  e.checkChannel(channel, "channel");
  auto flushOne = [&](uint32_t c) {
    Channel& k = e.ch[c];
    if (k.inService) {
      if (e.traceOn()) [[unlikely]] e.traceFlushBurst(c);
      k.inService = false;
      ++k.svcGen;  // the burst on the bus moves no more data; the bus is released at its scheduled end
      if (e.opt.profile == Profile::I8237 && e.busOwned && e.busOwner == c) e.releaseBus(e.now);
    }
    ++k.svcGen;
    e.dropInterrupts(c);
    k.cancelReport = false;
    k.sgIndex = 0;
    k.sgOffset = 0;
    k.iterWritten = k.total;  // readDmaCounter of an idle channel is 0
    k.pairSlave = false;
    e.setState(c, ChannelState::Idle);
  };
  if (e.opt.profile == Profile::I8237 && channel == 0 && e.ch[0].mem2mem && e.ch[1].pairSlave) flushOne(1);
  if (e.ch[channel].pairSlave) return;  // channel 1 follows channel 0's memory-to-memory transfer
  flushOne(channel);
}

uint32_t Simulator::readDmaCounter(uint32_t channel) const {
  const Engine& e = *engine_;
  e.checkChannel(channel, "channel");
  const Channel& k = e.ch[channel];
  if (k.state == ChannelState::Idle || k.total < k.iterWritten) return 0;
  return static_cast<uint32_t>(k.total - k.iterWritten);
}

bool Simulator::cancelTransfer(uint32_t channel) {
  Engine& e = *engine_;
  e.checkChannel(channel, "channel");
  Channel& k = e.ch[channel];
  if (k.state != ChannelState::Running || k.pairSlave) return false;
  bool report = k.raised == 0;
  k.cancelReport = report;
  e.setState(channel, ChannelState::Stopping);
  if (!k.inService) {
    // No burst in progress: the channel stops at t+1.
    e.sched.push(e.now + 1, Act::ServiceEnd, channel | kCancelStopFlag, k.svcGen);
  }
  return report;
}

ChannelStatus Simulator::channelStatus(uint32_t channel) const {
  const Engine& e = *engine_;
  e.checkChannel(channel, "channel");
  const Channel& k = e.ch[channel];
  ChannelStatus s;
  s.state = k.state;
  s.remaining = readDmaCounter(channel);
  s.bytesWritten = k.bytesWritten;
  s.loopIterations = k.iterations;
  s.pendingInterrupts = k.raised;
  s.errorAddress = k.errorAddress;
  s.serviceInProgress = k.inService;
  s.requestLine = k.line;
  s.width = k.width;
  s.burstLength = k.burstLength;
  s.watermark = k.watermark;
  s.notificationThreshold = k.notifyThreshold;
  s.priority = k.priority;
  return s;
}

}  // namespace dmasim
