// check_timing_examples.cpp — every worked example and check of TIMING.md, exactly:
// soc 641/642 and the four i8237 checks (196,866 / 131,330 / 524,290 with IRQ at +524,291 / 6,000).
#include "check.h"

using namespace dmasim;

static void socExample() {
  Simulator s{SimOptions{}};
  s.addMemory(0, 0x10000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 1024; ++i) m[i] = static_cast<uint8_t>(i * 7 + 1);
  // Start at a nonzero cycle so "+k" is visible.
  s.runUntil(100, nullptr, 0);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 1024, 4, 4});
  auto ev = chk::runAll(s, 1000);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc, "terminal count event");
  if (tc) CHECK_EQ(tc->cycle, 100u + 641u);
  auto* irq = chk::find(ev, EventKind::InterruptLine, 0);
  CHECK(irq && irq->a == 1, "controller line rises");
  if (irq) CHECK_EQ(irq->cycle, 100u + 642u);
  CHECK(std::memcmp(m, m + 0x8000, 1024) == 0, "data copied");
  // A run stops at the rise.
  Simulator s2{SimOptions{}};
  s2.addMemory(0, 0x10000, 0, 0);
  s2.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 1024, 4, 4});
  EventRecord buf[16];
  auto r = s2.runUntil(5000, buf, 16);
  CHECK(r.stoppedBy == StopReason::Interrupt, "stops on interrupt");
  CHECK_EQ(r.cycle, 642u);
  InterruptReport ir;
  CHECK(s2.handleInterrupt(ir) && ir.channel == 0 && ir.type == InterruptType::Completion, "completion reported");
  CHECK(!s2.handleInterrupt(ir), "no more");
  CHECK(!s2.interruptLineLevel(0), "line low after handling");
}

static Simulator make8237(bool compressed = false) {
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  o.compressedTiming = compressed;
  return Simulator{o};
}

static void i8237Block(bool compressed, uint64_t expect) {
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  o.compressedTiming = compressed;
  Simulator s{o};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);  // the "device" data register (RAM stand-in)
  ProgramRequest p;
  p.channel = 1;
  p.requestLine = 1;
  p.sg = {{0x0, 0x10000}};
  p.deviceAddress = 0x20000;
  p.direction = Direction::MemoryToDevice;
  p.width = 1;
  CHECK_EQ(s.configureChannel(1, configure_fn::kI8237SetMode, i8237_mode::kBlock), kStatusSuccess);
  s.programChannel(p);
  auto ev = chk::runAll(s, 1000000);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 1);
  CHECK(tc, "tc");
  if (tc) CHECK_EQ(tc->cycle, expect);
  auto* irq = chk::find(ev, EventKind::InterruptLine, 0);
  CHECK(irq, "irq");
  if (irq) CHECK_EQ(irq->cycle, expect + 1);
}

static void i8237MemToMem() {
  Simulator s = make8237();
  s.addMemory(0x0, 0x20000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 0x10000; ++i) m[i] = static_cast<uint8_t>(i ^ (i >> 8));
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x10000, 0x10000, 1, 0});
  auto ev = chk::runAll(s, 1000000);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc, "tc");
  if (tc) CHECK_EQ(tc->cycle, 524290u);
  auto* irq = chk::find(ev, EventKind::InterruptLine, 0);
  CHECK(irq, "irq");
  if (irq) CHECK_EQ(irq->cycle, 524291u);
  CHECK(std::memcmp(m, m + 0x10000, 0x10000) == 0, "m2m data");
}

static void i8237Single() {
  Simulator s = make8237();
  s.addMemory(0x0, 0x10000, 0, 0);
  s.addMemory(0x20000, 0x10, 0, 0);
  ProgramRequest p;
  p.channel = 2;
  p.requestLine = 2;
  p.sg = {{0x0, 1000}};
  p.deviceAddress = 0x20000;
  p.direction = Direction::DeviceToMemory;
  p.width = 1;
  CHECK_EQ(s.configureChannel(2, configure_fn::kI8237SetMode, i8237_mode::kSingle), kStatusSuccess);
  s.programChannel(p);
  auto ev = chk::runAll(s, 100000);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 2);
  CHECK(tc, "tc");
  if (tc) CHECK_EQ(tc->cycle, 6000u);
}

int main() {
  socExample();
  i8237Block(false, 196866);
  i8237Block(true, 131330);
  i8237MemToMem();
  i8237Single();
  return chk::finish("check_timing_examples");
}
