// check_ports_demand.cpp — device FIFO ports and demand mode: a small paced transfer with the cycle of every request
// and completion, an overrun when the controller is starved, the idle-timeout flush, looped notifications and wrap,
// tx streaming underrun, the device interrupt output, injected error / stall, and exact rational rates.
#include "check.h"

using namespace dmasim;

static FifoPortOptions rxPort(uint64_t addr, uint32_t width, uint32_t depth, uint64_t rate, uint32_t line,
                              uint32_t watermark) {
  FifoPortOptions p;
  p.address = addr;
  p.direction = PortDirection::Rx;
  p.elementWidth = width;
  p.depth = depth;
  p.rateNumerator = rate;
  p.rateDenominator = 1;
  p.requestLine = line;
  p.watermark = watermark;
  p.dmaEnable = true;
  p.pattern = {0x11, 0x22, 0x33, 0x44, 0x55};
  return p;
}

static ProgramRequest rxProgram(uint32_t ch, uint32_t line, uint64_t dev, uint32_t width, std::vector<SgElement> sg) {
  ProgramRequest r;
  r.channel = ch;
  r.requestLine = line;
  r.sg = std::move(sg);
  r.deviceAddress = dev;
  r.direction = Direction::DeviceToMemory;
  r.width = width;
  r.demandMode = true;
  return r;
}

static void pacedSmall() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addFifoPort(rxPort(0x20000, 4, 8, 10, 3, 4));
  s.programChannel(rxProgram(0, 3, 0x20000, 4, {{0x100, 32}}));
  auto ev = chk::runAll(s, 100);
  std::vector<std::pair<uint64_t, uint32_t>> req;
  for (auto& e : ev)
    if (e.kind == uint32_t(EventKind::RequestLine)) req.push_back({e.cycle, e.a});
  std::vector<std::pair<uint64_t, uint32_t>> want = {{40, 1}, {44, 0}, {80, 1}, {84, 0}};
  CHECK(req == want, "request edges 40/44/80/84 (got %zu edges)", req.size());
  if (req != want)
    for (auto& r : req) std::fprintf(stderr, "  edge %llu %u\n", (unsigned long long)r.first, r.second);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 92, "tc at 92");
  auto* irq = chk::find(ev, EventKind::InterruptLine, 0);
  CHECK(irq && irq->cycle == 93, "irq at 93");
  uint8_t b[32];
  s.peek(0x100, 32, b);
  const uint8_t pat[5] = {0x11, 0x22, 0x33, 0x44, 0x55};
  bool ok = true;
  for (int i = 0; i < 32; ++i) ok &= b[i] == pat[i % 5];
  CHECK(ok, "pattern data landed");
  CHECK_EQ(s.portStatus(0).highWater, 4u);
}

static void starvedOverrun() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p = rxPort(0x20000, 4, 4, 10, 1, 4);
  p.interruptLine = 7;
  p.interruptMask = kPortIrqOverrun;
  s.addFifoPort(p);
  s.programMemoryToMemory(MemToMemRequest{0, 0x1000, 0x4000, 4096, 4, 4});  // hogs the bus until 2561
  s.programChannel(rxProgram(1, 1, 0x20000, 4, {{0x100, 64}}));
  EventRecord buf[64];
  auto r = s.runUntil(100000, buf, 64);
  CHECK(r.stoppedBy == StopReason::Interrupt && r.cycle == 50, "port irq at first overrun (50), got %llu",
        (unsigned long long)r.cycle);
  CHECK(s.interruptLineLevel(7), "line 7 high");
  CHECK_EQ(s.portStatus(0).overruns, 1u);
  CHECK(s.portStatus(0).status & kPortStatusOverrun, "sticky overrun bit");
  s.setPortInterrupt(0, 7, 0, 0);  // mask it so the run goes on
  auto ev = chk::runAll(s, 2565);  // channel 1 gets the bus at 2562 (decided in channel 0's last cycle, 2561)
  CHECK_EQ(s.portStatus(0).overruns, 252u);
  chk::runAll(s, 3000);
  CHECK(!s.interruptLineLevel(7), "line 7 low after masking");
  s.clearPortStatus(0, kPortStatusOverrun);
  CHECK_EQ(s.portStatus(0).status & kPortStatusOverrun, 0u);
  CHECK(s.channelStatus(1).state == ChannelState::Complete, "rx channel completes later");
}

static void idleTimeoutFlush() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p = rxPort(0x20000, 1, 16, 10, 2, 8);
  p.rxSource = RxSource::Appended;
  p.idleTimeout = 100;
  s.addFifoPort(p);
  const uint8_t data[6] = {1, 2, 3, 4, 5, 6};
  s.appendRxData(0, data, 6);
  s.programChannel(rxProgram(0, 2, 0x20000, 1, {{0x200, 6}}));
  auto ev = chk::runAll(s, 1000);
  auto* to = chk::find(ev, EventKind::PortIdleTimeout, 0);
  CHECK(to && to->cycle == 160 && to->a == 6, "aging timeout at 160 with 6 elements");
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 178, "flush in bursts of 4 + 2: tc at 178, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
  uint8_t b[6];
  s.peek(0x200, 6, b);
  CHECK(std::memcmp(b, data, 6) == 0, "flushed data");
  CHECK_EQ(s.portStatus(0).dmaUnderflows, 0u);
  CHECK(!s.portStatus(0).deviceActive, "source ran out: device idle");
}

static void loopNotifications() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addFifoPort(rxPort(0x20000, 4, 8, 10, 0, 4));
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetNotificationThreshold, 18), kStatusSuccess);  // -> 20 bytes
  ProgramRequest r = rxProgram(0, 0, 0x20000, 4, {{0x100, 32}, {0x400, 32}});
  r.loop = true;
  s.programChannel(r);
  std::vector<EventRecord> all;
  EventRecord buf[16];
  uint32_t completions = 0;
  while (s.cycle() < 1000) {
    auto rr = s.runUntil(1000, buf, 16);
    all.insert(all.end(), buf, buf + rr.eventCount);
    InterruptReport ir;
    while (s.handleInterrupt(ir)) completions += ir.type == InterruptType::Completion;
  }
  // A 16-byte burst every 40 cycles; per 64-byte iteration: notify after bursts 2 and 3 (32 >= 20, then 12+16),
  // wrap after burst 4.
  std::vector<uint32_t> kinds;
  for (auto& e : all)
    if (e.kind == uint32_t(EventKind::LoopNotification)) kinds.push_back(e.c);
  CHECK(kinds.size() >= 6 && kinds[0] == 0 && kinds[1] == 0 && kinds[2] == 1 && kinds[3] == 0 && kinds[4] == 0 &&
            kinds[5] == 1,
        "notification pattern n n wrap n n wrap");
  CHECK_EQ(completions, kinds.size());
  CHECK(s.channelStatus(0).state == ChannelState::Running, "still looping");
  // readDmaCounter is per iteration.
  CHECK(s.readDmaCounter(0) <= 64 && s.readDmaCounter(0) % 16 == 0, "counter per iteration");
}

static void txStreamingUnderrun() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 64; ++i) m[0x100 + i] = static_cast<uint8_t>(i + 1);
  FifoPortOptions p;
  p.address = 0x30000;
  p.direction = PortDirection::Tx;
  p.elementWidth = 2;
  p.depth = 8;
  p.rateNumerator = 7;
  p.requestLine = 4;
  p.watermark = 4;
  p.dmaEnable = true;
  p.txStreaming = true;
  s.addFifoPort(p);
  ProgramRequest r;
  r.channel = 0;
  r.requestLine = 4;
  r.sg = {{0x100, 64}};
  r.deviceAddress = 0x30000;
  r.direction = Direction::MemoryToDevice;
  r.width = 2;
  r.demandMode = true;
  s.programChannel(r);
  auto ev = chk::runAll(s, 2000);
  CHECK(s.channelStatus(0).state == ChannelState::Complete, "tx done");
  uint8_t out[128];
  uint64_t n = s.readTxData(0, out, sizeof out);
  CHECK_EQ(n, 64u);
  CHECK(std::memcmp(out, m + 0x100, 64) == 0, "tx sink bytes");
  // The first element ticks (7) come before the first DMA write: underruns counted while streaming.
  CHECK(s.portStatus(0).underruns > 0, "underruns counted");
  CHECK(chk::countKind(ev, EventKind::PortUnderrun, 0) == s.portStatus(0).underruns, "one event per underrun");
  CHECK_EQ(s.portStatus(0).dmaOverflows, 0u);
}

static void overLongBurst() {
  // Channel watermark 8 beats against a port watermark of 2: reads past the level underflow (zeros).
  SimOptions o;
  o.fifoDepth = 8;
  o.defaultBurstLength = 8;
  Simulator s{o};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addFifoPort(rxPort(0x20000, 1, 16, 10, 0, 2));
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 8), kStatusSuccess);
  s.programChannel(rxProgram(0, 0, 0x20000, 1, {{0x100, 8}}));
  chk::runAll(s, 200);
  // Beats at 24..31: two elements, four underflows, the element produced at 30 (device first), one more underflow.
  CHECK_EQ(s.portStatus(0).dmaUnderflows, 5u);
  uint8_t b[8];
  s.peek(0x100, 8, b);
  CHECK(b[0] == 0x11 && b[1] == 0x22 && b[2] == 0 && b[5] == 0 && b[6] == 0x33 && b[7] == 0, "zeros past the level");
}

static void errorAndStall() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p = rxPort(0x20000, 1, 64, 10, kNoLine, 1);
  p.dmaEnable = false;
  p.interruptLine = 9;
  p.interruptMask = kPortIrqError;
  s.addFifoPort(p);
  s.injectPortError(0, 3);
  s.injectPortStall(0, 5, 1000);
  EventRecord buf[16];
  auto r = s.runUntil(10000, buf, 16);
  CHECK(r.stoppedBy == StopReason::Interrupt && r.cycle == 40, "error flag on element 3 (at 40) raises line 9");
  std::vector<EventRecord> ev(buf, buf + r.eventCount);
  auto* ef = chk::find(ev, EventKind::PortErrorFlag, 0);
  CHECK(ef && ef->a == 3, "element index 3");
  s.clearPortStatus(0, kPortStatusError);
  s.runUntil(1059, nullptr, 0);
  CHECK_EQ(s.portStatus(0).deviceElements, 5u);  // element 5 delayed by 1000: at 1060
  s.runUntil(1060, nullptr, 0);
  CHECK_EQ(s.portStatus(0).deviceElements, 6u);
  CHECK(!s.interruptLineLevel(9), "error cleared");
}

static void exactRate() {
  Simulator s{SimOptions{}};
  FifoPortOptions p;
  p.address = 0x30000;
  p.direction = PortDirection::Tx;
  p.elementWidth = 1;
  p.depth = 4;
  p.rateNumerator = 1000000007;  // cycles per element = 1000000007 / 3
  p.rateDenominator = 3;
  p.txStreaming = true;  // ticks forever, counting underruns
  s.addFifoPort(p);
  uint64_t t = 3000000000000ull;
  s.runUntil(t, nullptr, 0);
  // Ticks k >= 1 at floor(k * num / den) <= t.
  CHECK_EQ(s.portStatus(0).underruns, t * 3 / 1000000007ull);  // 9e12: fits 64 bits
}

int main() {
  pacedSmall();
  starvedOverrun();
  idleTimeoutFlush();
  loopNotifications();
  txStreamingUnderrun();
  overLongBurst();
  errorAndStall();
  exactRate();
  return chk::finish("check_ports_demand");
}
