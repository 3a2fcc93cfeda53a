// check_soc_controller.cpp — profile soc controller timing beyond the worked example: wait states, the 1 KiB
// boundary, fixed / round-robin priority between two channels, readDmaCounter mid-transfer, cancel mid-burst and
// while idle, a bus error, and every configureChannel status.
#include "check.h"

using namespace dmasim;

static void waitStates() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x1000, 1, 0);     // source: 1 read wait
  s.addMemory(0x8000, 0x1000, 0, 2);  // destination: 2 write waits
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 64, 4, 4});
  auto ev = chk::runAll(s, 1000);
  // 1 + 4 x ((1 + 4 + 4) + (1 + 4 + 8)) = 89
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 89, "tc at 89, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
}

static void kibBoundary() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 0x400 + 64; ++i) m[i] = static_cast<uint8_t>(i * 13);
  s.programMemoryToMemory(MemToMemRequest{0, 0x3F8, 0x8000, 32, 4, 4});
  auto ev = chk::runAll(s, 1000);
  // services of 2, 4, 2 beats: 1 + (3+3) + (5+5) + (3+3) = 23
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  CHECK(tc && tc->cycle == 23, "tc at 23, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
  CHECK(std::memcmp(m + 0x3F8, m + 0x8000, 32) == 0, "data across the boundary");
  // Also on the destination side.
  Simulator s2{SimOptions{}};
  s2.addMemory(0x0, 0x10000, 0, 0);
  s2.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x83F4, 32, 4, 4});
  ev = chk::runAll(s2, 1000);
  tc = chk::find(ev, EventKind::TerminalCount, 0);
  // 3 beats to the boundary, then 4, then 1: 1 + 8 + 10 + 4 = 23
  CHECK(tc && tc->cycle == 23, "dst boundary tc at 23, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
}

static void priority(bool roundRobin, bool swapRanks) {
  SimOptions o;
  o.priority = roundRobin ? PriorityMode::RoundRobin : PriorityMode::Fixed;
  Simulator s{o};
  s.addMemory(0x0, 0x10000, 0, 0);
  if (swapRanks) {
    CHECK_EQ(s.configureChannel(0, configure_fn::kSetPriority, 1), kStatusSuccess);
    CHECK_EQ(s.configureChannel(1, configure_fn::kSetPriority, 0), kStatusSuccess);
  }
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x1000, 32, 4, 4});
  s.programMemoryToMemory(MemToMemRequest{1, 0x2000, 0x3000, 32, 4, 4});
  // Services of 10 cycles from cycle 2: [2,11] [12,21] [22,31] [32,41].
  s.runUntil(11, nullptr, 0);
  uint32_t first = swapRanks ? 1 : 0, second = 1 - first;
  CHECK_EQ(s.readDmaCounter(first), 16u);
  CHECK_EQ(s.readDmaCounter(second), 32u);
  s.runUntil(21, nullptr, 0);
  if (roundRobin) {
    CHECK_EQ(s.readDmaCounter(0), 16u);
    CHECK_EQ(s.readDmaCounter(1), 16u);
  } else {
    CHECK_EQ(s.readDmaCounter(first), 0u);
    CHECK_EQ(s.readDmaCounter(second), 32u);
    CHECK(s.channelStatus(first).state == ChannelState::Complete, "first complete at 21");
  }
  auto ev = chk::runAll(s, 100);
  auto* tc0 = chk::find(ev, EventKind::TerminalCount, first);
  auto* tc1 = chk::find(ev, EventKind::TerminalCount, second);
  CHECK(tc1 && tc1->cycle == 41, "second tc at 41");
  if (roundRobin) CHECK(tc0 && tc0->cycle == 31, "rr: first tc at 31");
}

static void counterMidTransfer() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 1024, 4, 4});
  s.runUntil(100, nullptr, 0);  // service 10 ends at 101
  CHECK_EQ(s.readDmaCounter(0), 1024u - 9 * 16);
  s.runUntil(101, nullptr, 0);
  CHECK_EQ(s.readDmaCounter(0), 1024u - 10 * 16);
  s.runUntil(641, nullptr, 0);
  CHECK_EQ(s.readDmaCounter(0), 0u);
  CHECK(s.channelStatus(0).state == ChannelState::Complete, "complete at 641");
}

static void cancelMidBurst() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 1024, 4, 4});
  s.runUntil(105, nullptr, 0);  // inside service 11: [102, 111]
  CHECK(s.cancelTransfer(0), "cancel returns true");
  CHECK(s.channelStatus(0).state == ChannelState::Stopping, "stopping");
  EventRecord buf[32];
  auto r = s.runUntil(10000, buf, 32);
  CHECK(r.stoppedBy == StopReason::Interrupt && r.cycle == 112, "cancelled interrupt at 112, got %llu",
        (unsigned long long)r.cycle);
  std::vector<EventRecord> ev(buf, buf + r.eventCount);
  auto* st = chk::find(ev, EventKind::ChannelState, 0, 1);  // [0] is Stopping, recorded by the call at 105
  CHECK(st && st->a == uint32_t(ChannelState::Cancelled) && st->cycle == 111, "cancelled at 111");
  CHECK_EQ(s.readDmaCounter(0), 1024u - 11 * 16);
  InterruptReport ir;
  CHECK(s.handleInterrupt(ir) && ir.type == InterruptType::Cancelled && ir.channel == 0, "cancelled reported");
  CHECK(!s.cancelTransfer(0), "cancel of a stopped channel is false");
  s.flushChannel(0);
  CHECK(s.channelStatus(0).state == ChannelState::Idle, "idle after flush");
  CHECK_EQ(s.readDmaCounter(0), 0u);
}

static void cancelIdleAndPending() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p;
  p.address = 0x20000;
  p.direction = PortDirection::Rx;
  p.elementWidth = 4;
  p.rateNumerator = 1000;
  p.requestLine = 0;
  p.watermark = 4;
  p.pattern = {1};
  s.addFifoPort(p);  // dmaEnable false: never requests
  ProgramRequest r;
  r.channel = 2;
  r.requestLine = 0;
  r.sg = {{0x100, 64}};
  r.deviceAddress = 0x20000;
  r.direction = Direction::DeviceToMemory;
  r.width = 4;
  r.demandMode = true;
  s.programChannel(r);
  s.runUntil(50, nullptr, 0);
  CHECK(s.cancelTransfer(2), "cancel of a waiting channel");
  EventRecord buf[32];
  auto rr = s.runUntil(1000, buf, 32);
  CHECK(rr.stoppedBy == StopReason::Interrupt && rr.cycle == 52, "stop at 51, line at 52; got %llu",
        (unsigned long long)rr.cycle);
  InterruptReport ir;
  CHECK(s.handleInterrupt(ir) && ir.channel == 2 && ir.type == InterruptType::Cancelled, "cancelled");
  // Pending interrupt: a loop notification not yet handled -> false.
  Simulator t{SimOptions{}};
  t.addMemory(0x0, 0x10000, 0, 0);
  t.addMemory(0x20000, 0x10, 0, 0);  // RAM device address
  ProgramRequest q;
  q.channel = 0;
  q.sg = {{0x100, 32}};
  q.deviceAddress = 0x20000;
  q.direction = Direction::MemoryToDevice;
  q.width = 4;
  q.loop = true;
  t.programChannel(q);
  auto r2 = t.runUntil(1000, buf, 32);
  CHECK(r2.stoppedBy == StopReason::Interrupt, "wrap notification");
  CHECK(!t.cancelTransfer(0), "interrupt pending -> false");
  t.runUntil(t.cycle() + 100, buf, 32);
  CHECK(t.channelStatus(0).state == ChannelState::Cancelled, "still stops");
  CHECK_EQ(t.channelStatus(0).pendingInterrupts, 1u);  // the completion only
}

static void busError() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.injectBusFault(0x8014);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 64, 4, 4});
  auto ev = chk::runAll(s, 1000);
  auto* e = chk::find(ev, EventKind::ChannelError, 0);
  CHECK(e && e->cycle == 19 && e->a == 0x8014 && e->c == 1, "error at 19 on 0x8014");
  auto* irq = chk::find(ev, EventKind::InterruptLine, 0);
  CHECK(irq && irq->cycle == 20, "line at 20");
  CHECK(s.channelStatus(0).state == ChannelState::Error, "error state");
  CHECK_EQ(s.readDmaCounter(0), 44u);
  InterruptReport ir;
  CHECK(s.handleInterrupt(ir) && ir.type == InterruptType::Error, "error reported");
  uint8_t b[4];
  s.peek(0x8010, 4, b);
  // Read fault.
  Simulator s2{SimOptions{}};
  s2.addMemory(0x0, 0x10000, 0, 0);
  s2.injectBusFault(0x2);  // inside beat 0
  s2.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 64, 4, 4});
  ev = chk::runAll(s2, 1000);
  e = chk::find(ev, EventKind::ChannelError, 0);
  CHECK(e && e->cycle == 3 && e->a == 0x2, "read fault at 3 (setup 2, beat 3)");
  CHECK_EQ(s2.readDmaCounter(0), 64u);
}

static void configureStatuses() {
  Simulator s{SimOptions{}};
  s.addMemory(0x0, 0x10000, 0, 0);
  CHECK_EQ(s.configureChannel(0, 99, 0), kStatusNotImplemented);
  CHECK_EQ(s.configureChannel(0, configure_fn::kI8237SetMode, 0), kStatusNotImplemented);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 0), kStatusSuccess);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 32), kStatusSuccess);  // 4 x 8 before any program
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 33), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetNotificationThreshold, 100), kStatusSuccess);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetNotificationThreshold, 1ull << 32), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kAcquireRequestLine, 5), kStatusSuccess);
  CHECK_EQ(s.configureChannel(0, configure_fn::kAcquireRequestLine, 5), kStatusSuccess);
  CHECK_EQ(s.configureChannel(1, configure_fn::kAcquireRequestLine, 5), kStatusDeviceBusy);
  CHECK_EQ(s.configureChannel(1, configure_fn::kAcquireRequestLine, 32), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(1, configure_fn::kReleaseRequestLine, 5), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kReleaseRequestLine, 5), kStatusSuccess);
  CHECK_EQ(s.configureChannel(1, configure_fn::kAcquireRequestLine, 5), kStatusSuccess);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetBurstLength, 0), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetBurstLength, 5), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetBurstLength, 2), kStatusSuccess);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetPriority, 256), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetPriority, 3), kStatusSuccess);
  CHECK_EQ(s.channelStatus(0).burstLength, 2u);
  // Running channel refuses anything, even unknown numbers.
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 0), kStatusSuccess);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 1024, 4, 0});
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetPriority, 1), kStatusInvalidDeviceState);
  CHECK_EQ(s.configureChannel(0, 99, 1), kStatusInvalidDeviceState);
  EXPECT_THROW(err::kOutOfRange, s.configureChannel(8, 1, 0));
  // After a width-4 program the watermark is checked against width 4.
  s.runUntil(10000, nullptr, 0);
  s.flushChannel(0);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 6), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 20), kStatusInvalidParameter);
  CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, 16), kStatusSuccess);
  // Burst length 2 took effect: 1024 bytes in 128 services of (3+3) -> 1 + 768 = 769.
  Simulator t{SimOptions{}};
  t.addMemory(0x0, 0x10000, 0, 0);
  CHECK_EQ(t.configureChannel(3, configure_fn::kSetBurstLength, 2), kStatusSuccess);
  t.programMemoryToMemory(MemToMemRequest{3, 0x0, 0x8000, 1024, 4, 0});
  auto ev = chk::runAll(t, 5000);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 3);
  CHECK(tc && tc->cycle == 769, "burst 2: tc at 769");
  // i8237 statuses.
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  Simulator u{o};
  CHECK_EQ(u.configureChannel(0, configure_fn::kSetWatermark, 0), kStatusNotImplemented);
  CHECK_EQ(u.configureChannel(0, configure_fn::kI8237SetMode, 5), kStatusInvalidParameter);
  CHECK_EQ(u.configureChannel(0, configure_fn::kI8237SetMode, 3), kStatusSuccess);
  CHECK_EQ(u.configureChannel(0, configure_fn::kAcquireRequestLine, 0), kStatusSuccess);
}

static void zeroLatencies() {
  SimOptions o;
  o.arbitrationCycles = 0;
  o.interruptLatency = 0;
  o.requestLatency = 0;
  o.burstSetup = 0;
  Simulator s{o};
  s.addMemory(0x0, 0x10000, 0, 0);
  s.runUntil(10, nullptr, 0);
  s.programMemoryToMemory(MemToMemRequest{0, 0x0, 0x8000, 32, 4, 4});
  EventRecord buf[16];
  auto r = s.runUntil(1000, buf, 16);
  // ready at 11, no arbitration cost: bursts [11,14]+[15,18], [19,22]+[23,26]; line at 26 with latency 0.
  CHECK(r.stoppedBy == StopReason::Interrupt && r.cycle == 26, "zero latencies: line at 26, got %llu",
        (unsigned long long)r.cycle);
  // Demand with requestLatency 0: rise at c is seen at c.
  Simulator t{o};
  t.addMemory(0x0, 0x10000, 0, 0);
  FifoPortOptions p;
  p.address = 0x20000;
  p.direction = PortDirection::Rx;
  p.elementWidth = 4;
  p.rateNumerator = 10;
  p.requestLine = 0;
  p.watermark = 1;
  p.dmaEnable = true;
  p.pattern = {9};
  t.addFifoPort(p);
  ProgramRequest q;
  q.channel = 0;
  q.requestLine = 0;
  q.sg = {{0x100, 4}};
  q.deviceAddress = 0x20000;
  q.direction = Direction::DeviceToMemory;
  q.width = 4;
  q.demandMode = true;
  t.programChannel(q);
  auto ev = chk::runAll(t, 100);
  auto* tc = chk::find(ev, EventKind::TerminalCount, 0);
  // element at 10, seen at 10, burst read beat at 10, write beat at 11.
  CHECK(tc && tc->cycle == 11, "requestLatency 0: tc at 11, got %llu", tc ? (unsigned long long)tc->cycle : 0ull);
}

int main() {
  zeroLatencies();
  waitStates();
  kibBoundary();
  priority(false, false);
  priority(false, true);
  priority(true, false);
  counterMidTransfer();
  cancelMidBurst();
  cancelIdleAndPending();
  busError();
  configureStatuses();
  return chk::finish("check_soc_controller");
}
