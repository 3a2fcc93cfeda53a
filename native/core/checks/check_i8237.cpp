// check_i8237.cpp — profile i8237 beyond the TIMING.md checks: demand mode paced by a FIFO port, fixed vs rotating
// priority in single mode, auto-initialize, wait states, S1 on A8-A15 changes, cascade mode, cancel.
#include "check.h"

using namespace dmasim;

static SimOptions opts(bool rotating = false) {
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  o.rotatingPriority = rotating;
  return o;
}

static ProgramRequest prog(uint32_t ch, uint64_t addr, uint64_t len, uint64_t dev, Direction d, bool demand) {
  ProgramRequest r;
  r.channel = ch;
  r.requestLine = ch;
  r.sg = {{addr, len}};
  r.deviceAddress = dev;
  r.direction = d;
  r.width = 1;
  r.demandMode = demand;
  return r;
}

static void demandPaced() {
  Simulator s{opts()};
  s.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p;
  p.address = 0x20000;
  p.direction = PortDirection::Rx;
  p.depth = 4;
  p.rateNumerator = 10;
  p.requestLine = 1;
  p.watermark = 1;
  p.dmaEnable = true;
  p.pattern = {0xA5};
  s.addFifoPort(p);
  s.programChannel(prog(1, 0x100, 4, 0x20000, Direction::DeviceToMemory, true));
  auto ev = chk::runAll(s, 200);
  // element at 10k, seen at 10k+2 = SI, S0, S1 S2 S3 S4 -> S4 at 10k+7; the request falls at the pop: service ends.
  auto* tc = chk::find(ev, EventKind::TerminalCount, 1);
  CHECK(tc && tc->cycle == 47, "tc at 47, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
  auto* fall = chk::find(ev, EventKind::RequestLine, 1, 1);
  CHECK(fall && fall->a == 0 && fall->cycle == 17, "request falls at the first S4 (17)");
  uint8_t b[4];
  s.peek(0x100, 4, b);
  CHECK(b[0] == 0xA5 && b[3] == 0xA5, "data");
}

static void priorities(bool rotating) {
  Simulator s{opts(rotating)};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);
  for (uint32_t c = 0; c < 2; ++c) {
    CHECK_EQ(s.configureChannel(c, configure_fn::kI8237SetMode, i8237_mode::kSingle), kStatusSuccess);
    s.programChannel(prog(c, 0x100 * (c + 1), 4, 0x20000 + c, Direction::MemoryToDevice, false));
  }
  auto ev = chk::runAll(s, 200);
  auto* tc0 = chk::find(ev, EventKind::TerminalCount, 0);
  auto* tc1 = chk::find(ev, EventKind::TerminalCount, 1);
  uint64_t want0 = rotating ? 42 : 24;
  CHECK(tc0 && tc0->cycle == want0, "ch0 tc at %llu", (unsigned long long)want0);
  CHECK(tc1 && tc1->cycle == 48, "ch1 tc at 48");
}

static void autoInitialize() {
  Simulator s{opts()};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);
  ProgramRequest r = prog(2, 0x100, 16, 0x20000, Direction::MemoryToDevice, false);
  r.loop = true;
  s.programChannel(r);
  EventRecord buf[64];
  auto rr = s.runUntil(103, buf, 64);
  CHECK(rr.stoppedBy == StopReason::Interrupt && rr.cycle == 52, "first wrap at 51, line at 52");
  std::vector<EventRecord> ev(buf, buf + rr.eventCount);
  auto* n = chk::find(ev, EventKind::LoopNotification, 2);
  CHECK(n && n->cycle == 51 && n->c == 1, "wrap at 51");
  InterruptReport ir;
  CHECK(s.handleInterrupt(ir) && ir.channel == 2 && ir.type == InterruptType::Completion, "completion");
  ev = chk::runAll(s, 103);
  n = chk::find(ev, EventKind::LoopNotification, 2);
  CHECK(n && n->cycle == 102, "second wrap at 102 (no extra cycle for the reload)");
  CHECK(s.channelStatus(2).state == ChannelState::Running, "still running");
  CHECK_EQ(s.channelStatus(2).loopIterations, 2u);
}

static void waitsAndPages() {
  Simulator s{opts()};
  s.addMemory(0x0, 0x10000, 1, 0);  // one read wait
  s.addMemory(0x20000, 0x10, 0, 0);
  s.programChannel(prog(0, 0x100, 16, 0x20000, Direction::MemoryToDevice, false));
  auto ev = chk::runAll(s, 200);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 67, "1 + 1 + 1 + 16 x 4 = 67");
  // A8-A15 change inside a block: 0x1FE..0x201 crosses one page: 2 S1.
  Simulator t{opts()};
  t.addMemory(0x0, 0x10000, 0, 0);
  t.addMemory(0x20000, 0x10, 0, 0);
  t.programChannel(prog(0, 0x1FE, 4, 0x20000, Direction::DeviceToMemory, false));
  ev = chk::runAll(t, 200);
  tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 1 + 1 + 2 + 12, "two S1 states: tc at 16");
}

static void cascadeAndCancel() {
  Simulator s{opts()};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);
  CHECK_EQ(s.configureChannel(3, configure_fn::kI8237SetMode, i8237_mode::kCascade), kStatusSuccess);
  s.programChannel(prog(3, 0x100, 16, 0x20000, Direction::MemoryToDevice, false));
  chk::runAll(s, 500);
  CHECK_EQ(s.readDmaCounter(3), 16u);
  s.programChannel(prog(1, 0x1000, 0x1000, 0x20000, Direction::MemoryToDevice, false));
  s.runUntil(600, nullptr, 0);
  CHECK(s.cancelTransfer(1), "cancel block transfer");
  EventRecord buf[16];
  auto r = s.runUntil(100000, buf, 16);
  CHECK(r.stoppedBy == StopReason::Interrupt, "cancelled interrupt");
  InterruptReport ir;
  CHECK(s.handleInterrupt(ir) && ir.channel == 1 && ir.type == InterruptType::Cancelled, "cancelled");
  uint32_t left = s.readDmaCounter(1);
  CHECK(left > 0 && left < 0x1000, "stopped mid-block (%u left)", left);
  CHECK(s.channelStatus(1).state == ChannelState::Cancelled, "state");
}

int main() {
  demandPaced();
  priorities(false);
  priorities(true);
  autoInitialize();
  waitsAndPages();
  cascadeAndCancel();
  return chk::finish("check_i8237");
}
