// check_hostile.cpp — bad calls throw SimError with the documented code and nothing crashes, hangs or corrupts:
// out-of-range options, overlapping / zero / wrapping regions, huge and misaligned SG lists, cycles past 2^53-1,
// port options out of range; then a deterministic random barrage of calls (run it under ASan+UBSan).
#include <limits>

#include "check.h"

using namespace dmasim;

static void options() {
  auto bad = [](auto mutate, const char* code) {
    SimOptions o;
    mutate(o);
    chk::expectThrow(code, [&] { Simulator s{o}; }, "Simulator(options)");
  };
  bad([](SimOptions& o) { o.channels = 0; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.channels = 33; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.profile = Profile::I8237; o.channels = 8; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.profile = static_cast<Profile>(7); }, err::kInvalidArgument);
  bad([](SimOptions& o) { o.priority = static_cast<PriorityMode>(9); }, err::kInvalidArgument);
  bad([](SimOptions& o) { o.controllerInterruptLine = 64; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.fifoDepth = 0; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.fifoDepth = 257; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.defaultBurstLength = 5; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.arbitrationCycles = 1000001; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.requestLines = 0; }, err::kOutOfRange);
  bad([](SimOptions& o) { o.maxFragments = 0; }, err::kOutOfRange);
}

static void memory() {
  Simulator s{SimOptions{}};
  uint32_t r0 = s.addMemory(0x1000, 0x1000, 0, 0);
  CHECK_EQ(r0, 0u);
  EXPECT_THROW(err::kRegionOverlap, s.addMemory(0x1FFF, 0x10, 0, 0));
  EXPECT_THROW(err::kRegionOverlap, s.addMemory(0x0, 0x1001, 0, 0));
  EXPECT_THROW(err::kInvalidArgument, s.addMemory(0x9000, 0, 0, 0));
  EXPECT_THROW(err::kOutOfRange, s.addMemory(0x100000000ull, (1ull << 32) + 1, 0, 0));
  EXPECT_THROW(err::kOutOfRange, s.addMemory(~0ull - 0x10, 0x20, 0, 0));
  EXPECT_THROW(err::kOutOfRange, s.addMemory(0x9000, 0x10, 2000000, 0));
  EXPECT_THROW(err::kOutOfRange, s.memoryBytes(5));
  uint8_t b[16] = {};
  EXPECT_THROW(err::kUnmappedAddress, s.peek(0x0, 4, b));
  EXPECT_THROW(err::kUnmappedAddress, s.peek(0x1FFE, 4, b));
  EXPECT_THROW(err::kOutOfRange, s.peek(~0ull - 1, 4, b));
  EXPECT_THROW(err::kInvalidArgument, s.peek(0x1000, 4, nullptr));
  s.peek(0x1000, 0, nullptr);
  FifoPortOptions p;
  p.address = 0x3000;
  p.pattern = {1};
  s.addFifoPort(p);
  EXPECT_THROW(err::kNotMemory, s.peek(0x3000, 1, b));
  EXPECT_THROW(err::kNotMemory, s.memoryBytes(1));
  EXPECT_THROW(err::kRegionOverlap, s.addMemory(0x3000, 1, 0, 0));
  // A failing poke writes nothing.
  s.addMemory(0x2000, 0x10, 0, 0);
  uint8_t ones[32];
  std::memset(ones, 1, sizeof ones);
  EXPECT_THROW(err::kUnmappedAddress, s.poke(0x2008, ones, 16));
  s.peek(0x2008, 8, b);
  CHECK(b[0] == 0 && b[7] == 0, "no partial poke");
  s.poke(0x1FF8, ones, 16);  // spans two adjacent RAM regions
}

static void program() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);
  FifoPortOptions p;
  p.address = 0x30000;
  p.elementWidth = 2;
  p.pattern = {1};
  s.addFifoPort(p);
  auto base = [] {
    ProgramRequest r;
    r.channel = 0;
    r.requestLine = 0;
    r.sg = {{0x100, 64}};
    r.deviceAddress = 0x20000;
    r.width = 4;
    return r;
  };
  ProgramRequest r = base();
  r.channel = 8;
  EXPECT_THROW(err::kOutOfRange, s.programChannel(r));
  r = base();
  r.requestLine = 32;
  EXPECT_THROW(err::kOutOfRange, s.programChannel(r));
  r = base();
  r.width = 3;
  EXPECT_THROW(err::kInvalidArgument, s.programChannel(r));
  r = base();
  r.direction = static_cast<Direction>(5);
  EXPECT_THROW(err::kInvalidArgument, s.programChannel(r));
  r = base();
  r.sg.clear();
  EXPECT_THROW(err::kInvalidArgument, s.programChannel(r));
  r = base();
  r.sg.assign(65, SgElement{0x100, 4});
  EXPECT_THROW(err::kTooManyFragments, s.programChannel(r));
  r = base();
  r.sg = {{0x100, 0}};
  EXPECT_THROW(err::kInvalidArgument, s.programChannel(r));
  r = base();
  r.sg = {{0x102, 64}};
  EXPECT_THROW(err::kBadAlignment, s.programChannel(r));
  r = base();
  r.sg = {{0x100, 66}};
  EXPECT_THROW(err::kBadAlignment, s.programChannel(r));
  r = base();
  r.sg = {{0xFFF0, 0x20}};
  EXPECT_THROW(err::kSgOutsideMemory, s.programChannel(r));
  r = base();
  r.sg = {{~0ull - 3, 8}};
  EXPECT_THROW(err::kSgOutsideMemory, s.programChannel(r));
  r = base();
  r.sg = {{0x0, ~0ull - 3}};
  EXPECT_THROW(err::kSgOutsideMemory, s.programChannel(r));
  r = base();
  r.sg.assign(64, SgElement{0x0, 0x10000});  // 4 MiB total is fine ...
  s.programChannel(r);
  s.flushChannel(0);
  r.sg.assign(64, SgElement{0x0, 0x10000});
  r = base();
  r.deviceAddress = 0x40000;
  EXPECT_THROW(err::kUnmappedAddress, s.programChannel(r));
  r = base();
  r.deviceAddress = 0x30000;
  EXPECT_THROW(err::kWidthMismatch, s.programChannel(r));
  r = base();
  r.deviceAddress = 0x2000E;
  r.width = 2;
  r.sg = {{0x100, 2}};
  s.programChannel(r);
  EXPECT_THROW(err::kDmaChannelBusy, s.programChannel(r));
  EXPECT_THROW(err::kDmaChannelBusy, s.programMemoryToMemory(MemToMemRequest{0, 0, 0x100, 4, 4, 0}));
  CHECK_EQ(s.configureChannel(1, configure_fn::kAcquireRequestLine, 7), kStatusSuccess);
  r = base();
  r.channel = 2;
  r.requestLine = 7;
  EXPECT_THROW(err::kRequestLineBusy, s.programChannel(r));
  EXPECT_THROW(err::kOutOfRange, s.programMemoryToMemory(MemToMemRequest{3, 0, 0x100, 0x100000000ull, 4, 0}));
  EXPECT_THROW(err::kSgOutsideMemory, s.programMemoryToMemory(MemToMemRequest{3, 0xFFF0, 0x100, 0x20, 4, 0}));
  EXPECT_THROW(err::kBadAlignment, s.programMemoryToMemory(MemToMemRequest{3, 0x2, 0x100, 0x20, 4, 0}));
  EXPECT_THROW(err::kOutOfRange, s.programMemoryToMemory(MemToMemRequest{3, 0x0, 0x100, 0x20, 4, 5}));
  EXPECT_THROW(err::kInvalidArgument, s.programMemoryToMemory(MemToMemRequest{3, 0x0, 0x100, 0, 4, 0}));
  EXPECT_THROW(err::kOutOfRange, s.readDmaCounter(99));
  EXPECT_THROW(err::kOutOfRange, s.cancelTransfer(99));
  EXPECT_THROW(err::kOutOfRange, s.flushChannel(99));
  EXPECT_THROW(err::kOutOfRange, s.channelStatus(99));
  EXPECT_THROW(err::kOutOfRange, s.queryMaxFragments(99, 0));
  CHECK_EQ(s.queryMaxFragments(0, 0), 64u);
  CHECK_EQ(s.queryMaxFragments(0, 10), 10u);
  CHECK_EQ(s.queryMaxFragments(0, 1000), 64u);
  CHECK(!s.validateRequestLineBinding(32, 0), "line out of range");
  CHECK(!s.validateRequestLineBinding(0, 8), "channel out of range");
  CHECK(s.validateRequestLineBinding(31, 7), "soc: any");
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  Simulator t{o};
  CHECK(t.validateRequestLineBinding(2, 2) && !t.validateRequestLineBinding(2, 3), "i8237: line n <-> channel n");
  t.addMemory(0, 0x1000, 0, 0);
  EXPECT_THROW(err::kInvalidArgument, t.programMemoryToMemory(MemToMemRequest{1, 0, 0x100, 4, 1, 0}));
  EXPECT_THROW(err::kInvalidArgument, t.programMemoryToMemory(MemToMemRequest{0, 0, 0x100, 4, 2, 0}));
}

static void time() {
  Simulator s{SimOptions{}};
  EXPECT_THROW(err::kOutOfRange, s.runUntil(kMaxCycle + 1, nullptr, 0));
  EXPECT_THROW(err::kOutOfRange, s.runFor(kMaxCycle + 1, nullptr, 0));
  EXPECT_THROW(err::kInvalidArgument, s.runUntil(10, nullptr, 5));
  s.runUntil(100, nullptr, 0);
  EXPECT_THROW(err::kOutOfRange, s.runUntil(99, nullptr, 0));
  EXPECT_THROW(err::kOutOfRange, s.runFor(kMaxCycle, nullptr, 0));
  EXPECT_THROW(err::kOutOfRange, s.schedule(100, 1));
  EXPECT_THROW(err::kOutOfRange, s.schedule(kMaxCycle + 1, 1));
  s.schedule(kMaxCycle, 42);
  EventRecord e[4];
  auto r = s.runUntil(kMaxCycle, e, 4);
  CHECK(r.stoppedBy == StopReason::Timer && r.cycle == kMaxCycle && r.eventCount == 1 && e[0].source == 42,
        "timer at 2^53-1");
  r = s.runUntil(kMaxCycle, e, 4);
  CHECK(r.stoppedBy == StopReason::Target && r.cycle == kMaxCycle, "at the end of time");
}

static void portsHostile() {
  Simulator s{SimOptions{}};
  auto bad = [&](auto mutate, const char* code) {
    FifoPortOptions p;
    p.address = 0x3000;
    p.pattern = {1};
    mutate(p);
    chk::expectThrow(code, [&] { s.addFifoPort(p); }, "addFifoPort");
  };
  bad([](FifoPortOptions& p) { p.elementWidth = 3; }, err::kInvalidArgument);
  bad([](FifoPortOptions& p) { p.elementWidth = 4; p.address = 0x3002; }, err::kBadAlignment);
  bad([](FifoPortOptions& p) { p.depth = 0; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.depth = 70000; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.rateDenominator = 0; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.rateNumerator = 1; p.rateDenominator = 2; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.rateNumerator = kMaxCycle + 1; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.requestLine = 32; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.watermark = 0; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.watermark = 17; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.pattern.clear(); }, err::kInvalidArgument);
  bad([](FifoPortOptions& p) { p.interruptLine = 64; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.interruptMask = 0x100; }, err::kInvalidArgument);
  bad([](FifoPortOptions& p) { p.idleTimeout = kMaxCycle + 1; }, err::kOutOfRange);
  bad([](FifoPortOptions& p) { p.direction = static_cast<PortDirection>(3); }, err::kInvalidArgument);
  FifoPortOptions p;
  p.address = 0x3000;
  p.requestLine = 1;
  p.pattern = {1};
  CHECK_EQ(s.addFifoPort(p), 0u);
  p.address = 0x3001;
  EXPECT_THROW(err::kRequestLineBusy, s.addFifoPort(p));
  EXPECT_THROW(err::kOutOfRange, s.portStatus(1));
  EXPECT_THROW(err::kOutOfRange, s.setPortWatermark(0, 0));
  EXPECT_THROW(err::kInvalidArgument, s.appendRxData(0, nullptr, 4));  // Pattern source
  EXPECT_THROW(err::kInvalidArgument, s.setPortTxStreaming(0, true));  // rx port
  EXPECT_THROW(err::kOutOfRange, s.injectPortStallAt(0, 0, 5));
  EXPECT_THROW(err::kOutOfRange, s.setPortInterrupt(0, 64, 0, 0));
  uint8_t out[4];
  CHECK_EQ(s.readTxData(0, out, 4), 0u);
  // Huge stall and a port at the slowest rate: time still reaches the end without hanging.
  s.injectPortStall(0, 0, kMaxCycle);
  s.runUntil(kMaxCycle, nullptr, 0);
  CHECK_EQ(s.cycle(), kMaxCycle);
}

// Random barrage: every call with random (often absurd) arguments; only SimError may escape.
static void barrage() {
  uint64_t x = 0x9E3779B97F4A7C15ull;
  auto rnd = [&]() {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  auto val = [&]() -> uint64_t {
    switch (rnd() % 6) {
      case 0: return rnd() % 8;
      case 1: return rnd() % 0x40000;
      case 2: return ~0ull - rnd() % 16;
      case 3: return kMaxCycle - rnd() % 4;
      case 4: return (rnd() % 0x400) * 4;
      default: return rnd();
    }
  };
  for (int round = 0; round < 20; ++round) {
    SimOptions o;
    if (round % 4 == 3) {
      o.profile = Profile::I8237;
      o.channels = 4;
    }
    o.priority = round % 2 ? PriorityMode::RoundRobin : PriorityMode::Fixed;
    Simulator s{o};
    s.addMemory(0x0, 0x10000, rnd() % 3, rnd() % 3);
    s.addMemory(0x10000, 0x1000, 0, 0);
    std::vector<EventRecord> buf(16);
    uint64_t target = 0;
    for (int i = 0; i < 400; ++i) {
      try {
        switch (rnd() % 16) {
          case 0: {
            FifoPortOptions p;
            p.address = 0x20000 + (rnd() % 64) * 8;
            p.direction = static_cast<PortDirection>(rnd() % 2);
            p.elementWidth = 1u << (rnd() % 4);
            p.depth = 1 + rnd() % 32;
            p.rateNumerator = 1 + rnd() % 50;
            p.rateDenominator = 1 + rnd() % 3;
            if (p.rateNumerator < p.rateDenominator) p.rateNumerator = p.rateDenominator;
            p.requestLine = rnd() % 40;
            p.watermark = 1 + rnd() % p.depth;
            p.dmaEnable = rnd() % 2;
            p.txStreaming = rnd() % 2;
            p.idleTimeout = rnd() % 3 ? 0 : rnd() % 100;
            p.rxSource = static_cast<RxSource>(rnd() % 2);
            p.pattern = {1, 2, 3};
            p.interruptLine = rnd() % 70;
            p.interruptMask = rnd() % 16;
            p.interruptThreshold = rnd() % (p.depth + 1);
            s.addFifoPort(p);
            break;
          }
          case 1: case 2: {
            ProgramRequest r;
            r.channel = rnd() % 10;
            r.requestLine = rnd() % 34;
            size_t n = rnd() % 4;
            for (size_t k = 0; k <= n; ++k) r.sg.push_back({val() & ~7ull, (rnd() % 5 == 0) ? val() : 8 * (1 + rnd() % 64)});
            r.deviceAddress = rnd() % 2 ? 0x10000 + (rnd() % 16) * 8 : 0x20000 + (rnd() % 64) * 8;
            r.direction = static_cast<Direction>(rnd() % 2);
            r.width = 1u << (rnd() % 4);
            r.demandMode = rnd() % 2;
            r.loop = rnd() % 4 == 0;
            s.programChannel(r);
            break;
          }
          case 3: s.programMemoryToMemory(MemToMemRequest{uint32_t(rnd() % 9), val(), val(), val(), uint32_t(1u << (rnd() % 4)), uint32_t(rnd() % 6)}); break;
          case 4: s.configureChannel(rnd() % 9, rnd() % 20, val()); break;
          case 5: s.cancelTransfer(rnd() % 9); break;
          case 6: s.flushChannel(rnd() % 9); break;
          case 7: { InterruptReport ir; while (s.handleInterrupt(ir)) {} break; }
          case 8: s.readDmaCounter(rnd() % 9); break;
          case 9: s.injectBusFault(val()); break;
          case 10: s.setPortDmaEnable(rnd() % 4, rnd() % 2); break;
          case 11: { uint8_t d[16] = {1}; s.appendRxData(rnd() % 4, d, rnd() % 17); break; }
          case 12: s.injectPortStall(rnd() % 4, rnd() % 20, rnd() % 1000); break;
          case 13: s.schedule(s.cycle() + 1 + rnd() % 1000, 7); break;
          case 14: { uint8_t d[64]; s.readTxData(rnd() % 4, d, 64); s.clearPortStatus(rnd() % 4, rnd()); break; }
          default: {
            target = std::min<uint64_t>(kMaxCycle, s.cycle() + rnd() % 5000);
            s.runUntil(target, buf.data(), buf.size());
            break;
          }
        }
      } catch (const SimError&) {
      }
    }
    s.runUntil(s.cycle() + 100000, nullptr, 0);
  }
}

int main() {
  options();
  memory();
  program();
  time();
  portsHostile();
  barrage();
  return chk::finish("check_hostile");
}
