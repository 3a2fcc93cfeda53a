// session.cpp — the harness's decoder: SimOptions from the first bytes, then one engine call per opcode (Session::step),
// each checked (invariants.h) and folded into a digest. Budgets (session.h) keep one input around a millisecond.
#include "session.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "byte_reader.h"
#include "engine.h"
#include "invariants.h"

namespace dmasim_fuzz {

namespace {

using namespace dmasim;

// FNV-1a over every outcome.
struct Digest {
  uint64_t h = 0xcbf29ce484222325ull;
  void bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
  }
  void u64(uint64_t v) { bytes(&v, sizeof v); }
  void str(const char* s) { bytes(s, std::strlen(s) + 1); }
};

SimOptions decodeOptions(ByteReader& in, bool fastPaths) {
  SimOptions o;
  const uint8_t shape = in.u8();
  o.fastPaths = fastPaths;
  if ((shape & 7) == 7) {
    o.profile = Profile::I8237;
    o.channels = 4;
  } else {
    o.channels = 1 + in.below(8);
  }
  o.requestLines = 1 + in.below(16);
  o.interruptLines = 1 + in.below(8);
  o.controllerInterruptLine = in.below(o.interruptLines);
  o.priority = (shape & 8) ? PriorityMode::RoundRobin : PriorityMode::Fixed;
  o.arbitrationCycles = in.below(4);
  o.burstSetup = in.below(4);
  o.interruptLatency = in.below(8);
  o.requestLatency = in.below(8);
  o.fifoDepth = 1 + in.below(32);
  o.defaultBurstLength = 1 + in.below(o.fifoDepth);
  o.maxFragments = 1 + in.below(16);
  o.holdLatency = in.below(4);
  o.compressedTiming = (shape & 16) != 0;
  o.rotatingPriority = (shape & 32) != 0;
  if ((shape & 0xC0) == 0xC0) {  // now and then one raw field, so the constructor's validation is fuzzed too
    switch (in.below(4)) {
      case 0: o.channels = in.u32(); break;
      case 1: o.fifoDepth = in.u32(); break;
      case 2: o.defaultBurstLength = in.u32(); break;
      default: o.interruptLatency = in.u32(); break;
    }
  }
  return o;
}

class Session {
 public:
  Session(const SimOptions& options, Digest& digest)
      : sim_(options), options_(options), digest_(digest), channels_(options.channels) {}

  void step(ByteReader& in);

 private:
  // Runs one engine call; a SimError is an expected outcome (its code goes into the digest), anything else escapes.
  template <typename F>
  bool attempt(F&& call) {
    try {
      call();
      digest_.u64(0);
      return true;
    } catch (const SimError& e) {
      digest_.str(e.code());
      return false;
    }
  }
  bool i8237() const { return options_.profile == Profile::I8237; }
  uint32_t width(ByteReader& in) { return i8237() && in.below(4) != 0 ? 1 : 1u << in.below(4); }
  uint64_t address(ByteReader& in, uint32_t align);
  uint64_t length(ByteReader& in, uint32_t align, uint64_t max) {
    uint64_t n = 1 + in.number() % max;
    if (align > 1 && in.below(8) != 0) n = std::max<uint64_t>(align, n - n % align);
    return n;
  }
  void run(ByteReader& in);
  RunResult runChecked(uint64_t target, EventRecord* buffer, size_t capacity);
  void addMemory(ByteReader& in);
  void addPort(ByteReader& in);
  void program(ByteReader& in);
  void memoryToMemory(ByteReader& in, bool verify);
  void portCall(ByteReader& in);
  void pokeAndPeek(ByteReader& in);
  void afterCall();

  Simulator sim_;
  SimOptions options_;
  Digest& digest_;
  std::vector<ChannelModel> channels_;
  std::vector<PortModel> ports_;
  uint64_t lastCycle_ = 0;
  uint64_t lastRecordCycle_ = 0;
  uint64_t cyclesLeft_ = kCycleBudget;
  uint64_t ramLeft_ = kRamBudget;
  uint64_t nextFreeBase_ = 0;  // above every region the harness placed
  bool exact_ = true;          // the last run did not stop on BufferFull (statuses are exact: engine.h portStatus)
  bool faults_ = false;        // bus faults are set
};

uint64_t Session::address(ByteReader& in, uint32_t align) {
  const uint32_t n = sim_.regionCount();
  const uint8_t mode = in.u8();
  if (n == 0 || (mode & 7) == 7) return in.number();  // anywhere
  const RegionInfo r = sim_.regionInfo(in.below(n));
  uint64_t a = r.base + in.number() % (r.size + 1);  // inside, or just past the end
  if (align > 1 && (mode & 8) == 0) a -= a % align;
  return a;
}

RunResult Session::runChecked(uint64_t target, EventRecord* buffer, size_t capacity) {
  const RunResult r = sim_.runUntil(target, buffer, capacity);
  FUZZ_INVARIANT(r.cycle == sim_.cycle(), "run result cycle != cycle()", r.cycle, sim_.cycle());
  FUZZ_INVARIANT(r.cycle >= lastCycle_, "run went back in time", r.cycle, lastCycle_);
  FUZZ_INVARIANT(r.cycle <= target, "run passed its target", r.cycle, target);
  if (r.stoppedBy == StopReason::Target) FUZZ_INVARIANT(r.cycle == target, "Target stop off the target", r.cycle, target);
  FUZZ_INVARIANT(r.eventCount <= capacity, "run filled more records than the buffer holds", r.eventCount, capacity);
  if (buffer == nullptr) {
    FUZZ_INVARIANT(r.stoppedBy != StopReason::BufferFull, "a discarding run stopped on BufferFull", 1, 0);
  } else {
    checkRecords(buffer, r.eventCount, r.cycle, lastRecordCycle_);
    digest_.bytes(buffer, r.eventCount * sizeof(EventRecord));
  }
  lastCycle_ = r.cycle;
  exact_ = r.stoppedBy != StopReason::BufferFull;
  digest_.u64(r.cycle);
  digest_.u64(static_cast<uint32_t>(r.stoppedBy));
  return r;
}

void Session::run(ByteReader& in) {
  static constexpr size_t kCapacities[] = {0, 1, 3, 64};
  EventRecord records[64];
  const size_t capacity = kCapacities[in.below(4)];
  const uint64_t now = sim_.cycle();
  const uint8_t how = in.u8();
  if ((how & 15) == 15) {  // a target past 2^53 - 1: ERR_OUT_OF_RANGE
    attempt([&] { sim_.runUntil(kMaxCycle + 1 + in.u32(), capacity ? records : nullptr, capacity); });
    return;
  }
  const uint64_t span = in.number() % (cyclesLeft_ + 1);
  cyclesLeft_ -= span;
  const uint64_t target = now + span;
  // Resume after BufferFull up to 64 times (how & 16: only once, leaving records waiting for the next call).
  for (int slice = 0; slice < ((how & 16) ? 1 : 64); ++slice) {
    RunResult r;
    if (!attempt([&] { r = runChecked(target, capacity ? records : nullptr, capacity); })) return;
    if (r.stoppedBy != StopReason::BufferFull) break;
  }
}

void Session::addMemory(ByteReader& in) {
  const uint8_t how = in.u8();
  uint64_t base;
  switch (how & 3) {
    case 0: base = address(in, 1); break;  // usually an overlap
    case 1: base = in.number(); break;
    default: base = nextFreeBase_ + 0x1000 * in.below(4); break;
  }
  uint64_t size;
  if ((how & 0x30) == 0x30) {
    size = in.flag() ? 0 : (uint64_t{1} << 32) + 1 + in.u8();  // ERR_INVALID_ARGUMENT / ERR_OUT_OF_RANGE
  } else {
    size = (how & 0x40) ? uint64_t{1} << (8 + in.below(13)) : 1 + in.number() % 0x10000;
    if (size > ramLeft_) return;  // the budget, decided before the call (both sessions decide alike)
  }
  const uint32_t readWait = in.below(8) == 0 ? in.u32() : in.below(3);
  const uint32_t writeWait = in.below(3);
  if (attempt([&] { sim_.addMemory(base, size, readWait, writeWait); })) {
    ramLeft_ -= size;
    nextFreeBase_ = std::max(nextFreeBase_, (base + size + 0xFFF) & ~uint64_t{0xFFF});
  }
}

void Session::addPort(ByteReader& in) {
  FifoPortOptions p;
  p.direction = in.flag() ? PortDirection::Tx : PortDirection::Rx;
  p.elementWidth = 1u << in.below(4);
  p.address = in.flag() ? 0x4000'0000ull + 0x100 * sim_.portCount() : address(in, p.elementWidth);
  p.depth = 1 + in.below(64);
  p.readWait = in.below(3);
  p.writeWait = in.below(3);
  p.rateDenominator = 1 + in.below(4);
  p.rateNumerator = in.below(16) == 0 ? in.number() : p.rateDenominator + in.below(16);
  p.requestLine = in.below(8) == 0 ? kNoLine : in.below(options_.requestLines + 1);
  p.watermark = 1 + in.below(p.depth);
  p.requestRule = in.flag() ? RequestRule::Single : RequestRule::Burst;
  p.dmaEnable = in.flag();
  p.deviceEnable = in.below(4) != 0;
  p.txStreaming = in.flag();
  p.idleTimeout = in.below(4) == 0 ? in.number() % 1000 : 0;
  p.rxSource = in.flag() ? RxSource::Appended : RxSource::Pattern;
  size_t got = 0;
  const uint8_t* pattern = in.take(in.below(17), got);  // 0 bytes: ERR_INVALID_ARGUMENT for a Pattern rx port
  p.pattern.assign(pattern, pattern + got);
  p.interruptLine = in.below(4) == 0 ? kNoLine : in.below(options_.interruptLines + 1);
  p.interruptMask = in.below(16);
  p.interruptThreshold = in.below(p.depth + 1);
  p.txCaptureLimit = in.flag() ? in.number() % 4096 : uint64_t{1} << 20;
  uint32_t id = 0;
  if (attempt([&] { id = sim_.addFifoPort(p); })) {
    FUZZ_INVARIANT(id == ports_.size(), "port ids are not 0, 1, 2, ...", id, ports_.size());
    ports_.push_back(PortModel{p.direction, p.elementWidth, p.depth, 0});
  }
}

void Session::program(ByteReader& in) {
  ProgramRequest r;
  r.channel = in.below(options_.channels + 1);
  r.requestLine = in.below(options_.requestLines + 1);
  r.width = width(in);
  const uint32_t count = 1 + in.below(options_.maxFragments + 1);
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    SgElement e;
    e.address = address(in, r.width);
    e.length = length(in, r.width, 4096);
    total += e.length;
    r.sg.push_back(e);
  }
  r.deviceAddress = (!ports_.empty() && in.flag()) ? 0x4000'0000ull + 0x100 * in.below(static_cast<uint32_t>(ports_.size()))
                                                   : address(in, r.width);
  r.direction = in.flag() ? Direction::DeviceToMemory : Direction::MemoryToDevice;
  r.demandMode = in.flag();
  r.loop = in.below(4) == 0;
  if (attempt([&] { sim_.programChannel(r); })) channels_[r.channel] = ChannelModel{true, r.loop, total};
}

void Session::memoryToMemory(ByteReader& in, bool verify) {
  MemToMemRequest r;
  r.channel = i8237() ? 0 : in.below(options_.channels + 1);
  r.width = width(in);
  r.source = address(in, r.width);
  r.destination = address(in, r.width);
  r.length = length(in, r.width, 4096);
  r.burst = in.below(options_.fifoDepth + 2);
  std::vector<uint8_t> before;
  if (verify) {
    // Only with nothing else moving and no fault set, into a destination apart from the source.
    if (faults_ || r.channel >= options_.channels) return;
    for (uint32_t c = 0; c < options_.channels; ++c) {
      const ChannelState s = sim_.channelStatus(c).state;
      if (s == ChannelState::Running || s == ChannelState::Stopping) return;
    }
    if (r.source < r.destination + r.length && r.destination < r.source + r.length) return;
    before.resize(r.length);
    if (!attempt([&] { sim_.peek(r.source, r.length, before.data()); })) return;
  }
  if (!attempt([&] { sim_.programMemoryToMemory(r); })) return;
  channels_[r.channel] = ChannelModel{true, false, r.length};
  if (!verify) return;
  while (sim_.channelStatus(r.channel).state == ChannelState::Running && cyclesLeft_ > 0) {
    const uint64_t span = std::min<uint64_t>(cyclesLeft_, 4096);
    cyclesLeft_ -= span;
    if (!attempt([&] { runChecked(sim_.cycle() + span, nullptr, 0); })) return;
  }
  if (sim_.channelStatus(r.channel).state != ChannelState::Complete) return;
  std::vector<uint8_t> after(r.length);
  sim_.peek(r.destination, r.length, after.data());
  FUZZ_INVARIANT(after == before, "memory-to-memory destination differs from the source", r.length, 0);
}

void Session::pokeAndPeek(ByteReader& in) {
  const uint64_t at = address(in, 1);
  size_t got = 0;
  const uint8_t* data = in.take(in.below(64) == 0 ? 4096 : in.below(64), got);
  if (!attempt([&] { sim_.poke(at, data, got); })) return;
  std::vector<uint8_t> back(got);
  sim_.peek(at, got, back.data());
  FUZZ_INVARIANT(got == 0 || std::memcmp(back.data(), data, got) == 0, "peek does not read back the poke", got, 0);
}

void Session::portCall(ByteReader& in) {
  const uint32_t port = in.below(static_cast<uint32_t>(ports_.size()) + 1);  // sometimes one past the last
  const bool known = port < ports_.size();
  switch (in.below(13)) {
    case 0: attempt([&] { sim_.setPortDmaEnable(port, in.flag()); }); break;
    case 1: attempt([&] { sim_.setPortDeviceEnable(port, in.flag()); }); break;
    case 2: attempt([&] { sim_.setPortTxStreaming(port, in.flag()); }); break;
    case 3: attempt([&] { sim_.setPortWatermark(port, in.below(70)); }); break;
    case 4: attempt([&] { sim_.setPortIdleTimeout(port, in.below(8) == 0 ? in.u64() : in.number() % 2000); }); break;
    case 5: {
      const uint32_t line = in.below(options_.interruptLines + 1);
      const uint32_t mask = in.below(32);
      const uint32_t threshold = in.below(70);
      attempt([&] { sim_.setPortInterrupt(port, line, mask, threshold); });
      break;
    }
    case 6: attempt([&] { sim_.clearPortStatus(port, in.u8()); }); break;
    case 7: {
      size_t got = 0;
      const uint8_t* data = in.take(in.below(200), got);
      attempt([&] { sim_.appendRxData(port, data, got); });
      break;
    }
    case 8: {
      std::vector<uint8_t> out(in.below(8) == 0 ? 0 : 1 + in.number() % 4096);
      uint64_t n = 0;
      if (attempt([&] { n = sim_.readTxData(port, out.data(), out.size()); }) && known) {
        FUZZ_INVARIANT(n <= out.size(), "readTxData returned more than the capacity", n, out.size());
        ports_[port].txTaken += n;
        digest_.bytes(out.data(), static_cast<size_t>(n));
      }
      break;
    }
    case 9: {
      const uint64_t held = known ? sim_.portStatus(port).txCapturedBytes : 0;
      if (attempt([&] { sim_.clearTxData(port); }) && known) ports_[port].txTaken += held;
      break;
    }
    case 10: attempt([&] { sim_.injectPortError(port, in.number()); }); break;
    case 11: {
      const uint64_t element = in.number();
      const uint64_t cycles = in.number() % 5000;
      attempt([&] { sim_.injectPortStall(port, element, cycles); });
      break;
    }
    default: {
      const uint64_t at = sim_.cycle() + in.number();
      const uint64_t cycles = in.number() % 5000;
      attempt([&] { sim_.injectPortStallAt(port, at, cycles); });
      break;
    }
  }
  if (known) {
    const PortStatus s = sim_.portStatus(port);
    for (uint64_t v : {uint64_t{s.level}, uint64_t{s.highWater}, uint64_t{s.status}, s.overruns, s.underruns,
                       s.dmaOverflows, s.dmaUnderflows, s.errors, s.deviceElements, s.dmaElements, s.rxPendingBytes,
                       s.txCapturedBytes, s.txCaptureDropped, uint64_t{s.requestAsserted}, uint64_t{s.interruptAsserted},
                       uint64_t{s.flushArmed}, uint64_t{s.deviceActive}}) {
      digest_.u64(v);
    }
  }
}

void Session::afterCall() {
  const uint64_t now = sim_.cycle();
  FUZZ_INVARIANT(now >= lastCycle_, "cycle() went back", now, lastCycle_);
  lastCycle_ = now;
  if (exact_) {
    checkPorts(sim_, ports_);
    checkChannels(sim_, channels_);
  }
}

void Session::step(ByteReader& in) {
  const uint32_t channel = in.below(options_.channels + 1);
  switch (in.below(20)) {
    case 0: addMemory(in); break;
    case 1: addPort(in); break;
    case 2: case 3: program(in); break;
    case 4: memoryToMemory(in, false); break;
    case 5: memoryToMemory(in, true); break;
    case 6: case 7: case 8: run(in); break;
    case 9: {
      static constexpr uint32_t kFunctions[] = {1, 2, 3, 4, 5, 6, 16, 7};
      const uint32_t fn = kFunctions[in.below(8)];
      const uint64_t value = in.number();
      NTSTATUS status = 0;
      if (attempt([&] { status = sim_.configureChannel(channel, fn, value); })) digest_.u64(static_cast<uint32_t>(status));
      break;
    }
    case 10:
      if (attempt([&] { sim_.flushChannel(channel); })) channels_[channel] = ChannelModel{};
      break;
    case 11: {
      bool accepted = false;
      if (attempt([&] { accepted = sim_.cancelTransfer(channel); })) digest_.u64(accepted);
      break;
    }
    case 12: {
      InterruptReport report;
      for (int i = 0; i < 64; ++i) {
        const bool pending = sim_.interruptPending();
        const bool reported = sim_.handleInterrupt(report);
        FUZZ_INVARIANT(pending == reported, "interruptPending() disagrees with handleInterrupt", pending, reported);
        if (!reported) break;
        FUZZ_INVARIANT(report.channel < options_.channels, "interrupt of a channel that does not exist", report.channel,
                       options_.channels);
        digest_.u64(report.channel);
        digest_.u64(static_cast<uint32_t>(report.type));
      }
      break;
    }
    case 13: {
      const uint64_t at = in.below(8) == 0 ? in.u64() : sim_.cycle() + 1 + in.number() % 100000;
      attempt([&] { sim_.schedule(at, in.u32()); });
      break;
    }
    case 14:
      if (in.below(4) == 0) {
        sim_.clearBusFaults();
        faults_ = false;
      } else if (attempt([&] { sim_.injectBusFault(address(in, 1)); })) {
        faults_ = true;
      }
      break;
    case 15: {
      std::vector<uint8_t> out(in.below(8) == 0 ? 4096 : in.below(64));
      const uint64_t at = address(in, 1);
      if (attempt([&] { sim_.peek(at, out.size(), out.data()); })) digest_.bytes(out.data(), out.size());
      break;
    }
    case 16: pokeAndPeek(in); break;
    case 17: if (!ports_.empty() || in.below(8) == 0) portCall(in); break;
    case 18: {
      uint32_t id = 0;
      const uint32_t line = in.below(options_.interruptLines + 1);
      if (in.below(4) == 0 || sim_.interruptSourceCount() == 0) {
        if (attempt([&] { id = sim_.addInterruptSource(line); })) digest_.u64(id);
      } else {
        const uint32_t source = in.below(sim_.interruptSourceCount() + 1);
        const bool level = in.flag();
        attempt([&] { sim_.setInterruptSource(source, level); });
      }
      break;
    }
    default: {  // queries
      ChannelStatus s;
      if (attempt([&] { s = sim_.channelStatus(channel); })) {
        digest_.u64(static_cast<uint32_t>(s.state));
        digest_.u64(s.remaining);
        digest_.u64(s.bytesWritten);
        digest_.u64(s.loopIterations);
        digest_.u64(s.pendingInterrupts);
        digest_.u64(s.errorAddress);
      }
      const uint32_t line = in.below(options_.interruptLines + 1);
      bool level = false;
      if (attempt([&] { level = sim_.interruptLineLevel(line); })) digest_.u64(level);
      if (attempt([&] { level = sim_.requestLineLevel(in.below(options_.requestLines + 1)); })) digest_.u64(level);
      uint32_t max = 0;
      if (attempt([&] { max = sim_.queryMaxFragments(channel, in.below(20)); })) digest_.u64(max);
      digest_.u64(sim_.validateRequestLineBinding(in.below(options_.requestLines + 1), channel));
      break;
    }
  }
  afterCall();
}

}  // namespace

uint64_t runSession(const uint8_t* data, size_t size, bool fastPaths, std::vector<OpTrace>* trace) {
  ByteReader in(data, size);
  Digest digest;
  const SimOptions options = decodeOptions(in, fastPaths);
  try {
    Session session(options, digest);
    for (int op = 0; op < kMaxOps && !in.empty(); ++op) {
      const size_t at = in.position();
      session.step(in);
      if (trace) trace->push_back(OpTrace{at, data[at], digest.h});
    }
  } catch (const SimError& e) {  // only the constructor's: every call inside a session is attempt()ed
    digest.str(e.code());
  }
  return digest.h;
}

}  // namespace dmasim_fuzz
