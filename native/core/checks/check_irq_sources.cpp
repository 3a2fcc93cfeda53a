// check_irq_sources.cpp — device-driven interrupt sources (engine.h): a level set between runs at cycle t is an
// InterruptLine record at t and the next run stops at once at t; OR with a port's interrupt output and with the
// controller line on the same line; falls; no-op sets; range errors.
#include "check.h"

using namespace dmasim;

static std::vector<EventRecord> runTo(Simulator& s, uint64_t target, RunResult& last) {
  std::vector<EventRecord> buf(64), out;
  last = s.runUntil(target, buf.data(), buf.size());
  out.assign(buf.begin(), buf.begin() + last.eventCount);
  return out;
}

static void riseStopsAtOnce() {
  Simulator s{SimOptions{}};
  uint32_t src = s.addInterruptSource(7);
  CHECK_EQ(src, 0u);
  CHECK_EQ(s.interruptSourceCount(), 1u);
  RunResult r;
  runTo(s, 100, r);
  CHECK_EQ(r.cycle, 100u);
  s.setInterruptSource(src, true);
  CHECK(s.interruptLineLevel(7), "line 7 high at once");
  CHECK(s.interruptSourceLevel(src), "source reads back high");
  auto ev = runTo(s, 500, r);
  CHECK(r.stoppedBy == StopReason::Interrupt, "stopped by %u", static_cast<unsigned>(r.stoppedBy));
  CHECK_EQ(r.cycle, 100u);
  CHECK_EQ(ev.size(), 1u);
  if (ev.size() == 1) {
    CHECK_EQ(ev[0].cycle, 100u);
    CHECK_EQ(ev[0].kind, static_cast<uint32_t>(EventKind::InterruptLine));
    CHECK_EQ(ev[0].source, 7u);
    CHECK_EQ(ev[0].a, 1u);
  }
  s.setInterruptSource(src, true);  // no change: no record, no stop
  ev = runTo(s, 200, r);
  CHECK(r.stoppedBy == StopReason::Target && r.cycle == 200 && ev.empty(), "no-op set");
  s.setInterruptSource(src, false);
  ev = runTo(s, 300, r);
  CHECK(r.stoppedBy == StopReason::Target && r.cycle == 300, "a fall does not stop the run");
  CHECK(ev.size() == 1 && ev[0].cycle == 200 && ev[0].a == 0, "fall recorded at 200");
}

static void orWithPortAndController() {
  Simulator s{SimOptions{}};
  s.addMemory(0, 0x1000, 0, 0);
  // A port's level interrupt shares line 0 (also the controller's line) with the source.
  FifoPortOptions p;
  p.address = 0x2000;
  p.direction = PortDirection::Rx;
  p.depth = 4096;  // no overrun within the check
  p.rateNumerator = 10;
  p.pattern = {1};
  p.interruptLine = 0;
  p.interruptMask = kPortIrqLevel;
  p.interruptThreshold = 2;  // level 2 at 20
  s.addFifoPort(p);
  uint32_t src = s.addInterruptSource(0);
  s.setInterruptSource(src, true);  // at 0
  RunResult r;
  auto ev = runTo(s, 1000, r);
  CHECK(r.stoppedBy == StopReason::Interrupt && r.cycle == 0, "stop at 0, got %llu", (unsigned long long)r.cycle);
  ev = runTo(s, 1000, r);  // the port joins at 20: no change of the OR, no record, no stop
  CHECK(r.stoppedBy == StopReason::Target && r.cycle == 1000 && ev.empty(), "port joins silently");
  s.setInterruptSource(src, false);
  CHECK(s.interruptLineLevel(0), "the port still holds the line");
  ev = runTo(s, 1100, r);
  CHECK(ev.empty(), "no record while the OR stays high");
}

static void errors() {
  SimOptions o;
  o.interruptLines = 4;
  Simulator s{o};
  chk::expectThrow("ERR_OUT_OF_RANGE", [&] { s.addInterruptSource(4); }, "line 4 of 4");
  chk::expectThrow("ERR_OUT_OF_RANGE", [&] { s.setInterruptSource(0, true); }, "no source 0");
  chk::expectThrow("ERR_OUT_OF_RANGE", [&] { (void)s.interruptSourceLevel(0); }, "no source 0 level");
  for (int i = 0; i < 4096; ++i) s.addInterruptSource(i % 4);
  chk::expectThrow("ERR_OUT_OF_RANGE", [&] { s.addInterruptSource(0); }, "4097th source");
}

int main() {
  riseStopsAtOnce();
  orWithPortAndController();
  errors();
  return chk::finish("check_irq_sources");
}
