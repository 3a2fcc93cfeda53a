// bench_core.cpp — standalone engine benchmark (not a check): prints
//  1. busy memory-to-memory, one channel, 64 MiB (soc, width 4, burst 4): simulated cycles per host second and
//     bytes per second beside a plain host memcpy of the same size;
//  2. 8 channels in demand mode fed by 8 rx ports at different rates for 10^8 cycles: events per host second;
//  3. a mostly idle simulation (one slow port) for 10^10 cycles: host time per simulated 10^9 cycles;
//  4. the HAL's per-transfer loop without the binding: program a 4 KiB fragment (64-bit, burst 16), run to the
//     interrupt, handleInterrupt, flush — into a memory-mapped sink (non-demand, fixed device address) and into a
//     demand-mode tx FIFO port (depth 64, watermark 16, one element per cycle, nothing captured): host ns per fragment;
//  5. bench/demand8.bench.js's busy case without the binding.
// `bench_core fragments` / `bench_core demand8` run only section 4 / 5 (for profiling); a second argument `slow`
// turns the fast paths off.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "engine.h"

using namespace dmasim;
using Clock = std::chrono::steady_clock;

// `bench_core <section> slow`: SimOptions.fastPaths off (the general path), to measure what the fast paths save.
static bool gFastPaths = true;
static SimOptions benchOptions() {
  SimOptions o;
  o.fastPaths = gFastPaths;
  return o;
}

static double secondsSince(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

static void benchMemToMem() {
  const uint64_t size = 64ull << 20;
  std::vector<uint8_t> a(size, 1), b(size, 0);
  for (size_t i = 0; i < size; i += 4096) a[i] = static_cast<uint8_t>(i >> 12);
  auto t0 = Clock::now();
  std::memcpy(b.data(), a.data(), size);
  double tMemcpy = secondsSince(t0);
  volatile uint8_t sink = b[size / 2];
  (void)sink;

  Simulator s{benchOptions()};
  s.addMemory(0, size, 0, 0);
  s.addMemory(size, size, 0, 0);
  std::memcpy(s.memoryBytes(0), a.data(), size);
  std::memset(s.memoryBytes(1), 0, size);  // touch pages so the copy measures copying, not page faults
  std::memcpy(b.data(), a.data(), size);   // warm for fairness
  s.programMemoryToMemory(MemToMemRequest{0, 0, size, size, 4, 4});
  EventRecord buf[256];
  uint64_t c0 = s.cycle();
  t0 = Clock::now();
  RunResult r;
  do {
    r = s.runUntil(kMaxCycle, buf, 256);
  } while (r.stoppedBy == StopReason::BufferFull);
  double tSim = secondsSince(t0);
  uint64_t cycles = r.cycle - c0;
  bool ok = std::memcmp(s.memoryBytes(0), s.memoryBytes(1), size) == 0;
  std::printf("mem-to-mem 64 MiB   : %llu cycles in %.4f s = %.1f M cycles/s; %.2f GB/s vs memcpy %.2f GB/s (%.0f%%)%s\n",
              (unsigned long long)cycles, tSim, cycles / tSim / 1e6, size / tSim / 1e9, size / tMemcpy / 1e9,
              100.0 * tMemcpy / tSim, ok ? "" : "  DATA MISMATCH");
}

static void benchDemand() {
  SimOptions o = benchOptions();
  Simulator s{o};
  s.addMemory(0x100000, 0x100000, 0, 0);
  const uint64_t rates[8] = {37, 41, 53, 64, 79, 97, 113, 131};
  for (uint32_t i = 0; i < 8; ++i) {
    FifoPortOptions p;
    p.address = 0x10000 + i * 0x100;
    p.direction = PortDirection::Rx;
    p.depth = 16;
    p.elementWidth = 4;
    p.rateNumerator = rates[i] * 3 + 1;
    p.rateDenominator = 3;
    p.requestLine = i;
    p.watermark = 4;
    p.dmaEnable = true;
    p.pattern = {1, 2, 3, 4, 5, 6, 7};
    s.addFifoPort(p);
    s.configureChannel(i, configure_fn::kSetWatermark, 16);
    s.configureChannel(i, configure_fn::kSetNotificationThreshold, 1024);
    ProgramRequest r;
    r.channel = i;
    r.requestLine = i;
    r.sg = {{0x100000 + i * 0x8000, 0x4000}, {0x100000 + i * 0x8000 + 0x4000, 0x4000}};
    r.deviceAddress = p.address;
    r.direction = Direction::DeviceToMemory;
    r.width = 4;
    r.demandMode = true;
    r.loop = true;
    s.programChannel(r);
  }
  std::vector<EventRecord> buf(4096);
  uint64_t events = 0;
  auto t0 = Clock::now();
  const uint64_t target = 100000000;
  for (;;) {
    RunResult r = s.runUntil(target, buf.data(), buf.size());
    events += r.eventCount;
    if (r.stoppedBy == StopReason::Interrupt) {
      InterruptReport ir;
      while (s.handleInterrupt(ir)) {
      }
    }
    if (r.stoppedBy == StopReason::Target) break;
  }
  double t = secondsSince(t0);
  uint64_t over = 0;
  for (uint32_t i = 0; i < 8; ++i) over += s.portStatus(i).overruns;
  EngineStats st = s.stats();
  uint64_t sim = st.activities + st.deviceElements;
  std::printf("8-channel demand    : 1e8 cycles in %.3f s (%.0f M cycles/s, overruns %llu)\n", t, target / t / 1e6,
              (unsigned long long)over);
  std::printf("                      %.1f M sim events/s (%llu calendar activities + %llu device elements; %llu DMA beats)\n",
              sim / t / 1e6, (unsigned long long)st.activities, (unsigned long long)st.deviceElements,
              (unsigned long long)st.dmaBeats);
  std::printf("                      %.1f M records/s (%llu records to the caller's buffer)\n", events / t / 1e6,
              (unsigned long long)events);
}

static void benchIdle() {
  Simulator s{benchOptions()};
  FifoPortOptions p;
  p.address = 0x10000;
  p.direction = PortDirection::Rx;
  p.depth = 16;
  p.rateNumerator = 1000000;  // one element per 10^6 cycles
  p.requestLine = 0;
  p.watermark = 16;
  p.pattern = {0x55};
  s.addFifoPort(p);
  std::vector<EventRecord> buf(1024);
  auto t0 = Clock::now();
  const uint64_t target = 10000000000ull;
  RunResult r;
  do {
    r = s.runUntil(target, buf.data(), buf.size());
  } while (r.stoppedBy != StopReason::Target);
  double t = secondsSince(t0);
  std::printf("mostly idle         : 1e10 cycles in %.4f s = %.3f ms per 1e9 simulated cycles\n", t, t * 1e3 / 10);
}

static void benchFragments(bool toPort) {
  SimOptions o = benchOptions();
  o.defaultBurstLength = 16;
  o.fifoDepth = 16;
  Simulator s{o};
  s.addMemory(0, 8u << 20, 0, 0);
  if (toPort) {
    FifoPortOptions p;
    p.address = 0x40001000;
    p.direction = PortDirection::Tx;
    p.elementWidth = 8;
    p.depth = 64;
    p.requestLine = 4;
    p.watermark = 16;
    p.txCaptureLimit = 0;
    p.dmaEnable = true;
    s.addFifoPort(p);
  } else {
    s.addMemory(0x40001000, 0x1000, 0, 0);
  }
  ProgramRequest r;
  r.channel = 0;
  r.requestLine = 4;
  r.sg = {{0x10000, 4096}};
  r.deviceAddress = 0x40001000;
  r.direction = Direction::MemoryToDevice;
  r.width = 8;
  r.demandMode = toPort;
  std::vector<EventRecord> buf(256);
  const int n = 200000;
  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    s.programChannel(r);
    RunResult rr;
    do {
      rr = s.runUntil(s.cycle() + 100000, buf.data(), buf.size());
    } while (rr.stoppedBy != StopReason::Interrupt);
    InterruptReport ir;
    while (s.handleInterrupt(ir)) {
    }
    s.flushChannel(0);
  }
  double t = secondsSince(t0);
  EngineStats st = s.stats();
  std::printf("4 KiB fragment %-5s: %.0f ns per fragment (%llu cycles each; %.1f activities, %.1f records each)\n",
              toPort ? "tx" : "sink", t / n * 1e9, (unsigned long long)(s.cycle() / n), double(st.activities) / n,
              double(st.records) / n);
}

// bench/demand8.bench.js's busy case without the binding: 8 channels in demand mode, rx (even) and tx (odd) ports at
// 16..64 cycles per element, depth 16, watermark 4, width 4, each looping over 4 KiB; interrupts answered.
static void benchDemand8() {
  Simulator s{benchOptions()};
  s.addMemory(0, 1u << 20, 0, 0);
  const uint64_t rates[8] = {16, 20, 24, 28, 32, 40, 48, 64};
  for (uint32_t i = 0; i < 8; ++i) {
    const bool rx = i % 2 == 0;
    FifoPortOptions p;
    p.address = 0x100000 + i * 0x10;
    p.direction = rx ? PortDirection::Rx : PortDirection::Tx;
    p.elementWidth = 4;
    p.depth = 16;
    p.rateNumerator = rates[i];
    p.requestLine = i;
    p.watermark = 4;
    p.dmaEnable = true;
    p.pattern.resize(256);
    for (uint32_t b = 0; b < 256; ++b) p.pattern[b] = static_cast<uint8_t>(b);  // the JS default rx pattern
    s.addFifoPort(p);
    ProgramRequest r;
    r.channel = i;
    r.requestLine = i;
    r.sg = {{i * 0x1000ull, 0x1000}};
    r.deviceAddress = p.address;
    r.direction = rx ? Direction::DeviceToMemory : Direction::MemoryToDevice;
    r.width = 4;
    r.demandMode = true;
    r.loop = true;
    s.programChannel(r);
  }
  std::vector<EventRecord> buf(16384);
  uint64_t events = 0;
  const char* cyclesEnv = std::getenv("BENCH_DEMAND8_CYCLES");  // shorter runs (e.g. under callgrind)
  const uint64_t target = cyclesEnv ? std::strtoull(cyclesEnv, nullptr, 10) : 100000000;
  auto t0 = Clock::now();
  for (;;) {
    RunResult r = s.runUntil(target, buf.data(), buf.size());
    events += r.eventCount;
    if (r.stoppedBy == StopReason::Target) break;
    InterruptReport ir;
    while (s.handleInterrupt(ir)) {
    }
  }
  double t = secondsSince(t0);
  EngineStats st = s.stats();
  std::printf("demand8 (JS bench)  : %.0e cycles in %.3f s (%.1f M cycles/s; %llu records, %llu elements, %llu beats)\n",
              double(target), t, target / t / 1e6, (unsigned long long)events, (unsigned long long)st.deviceElements,
              (unsigned long long)st.dmaBeats);
}

int main(int argc, char** argv) {
  const char* only = argc > 1 ? argv[1] : "";
  if (argc > 2 && std::strcmp(argv[2], "slow") == 0) gFastPaths = false;
  if (!*only) {
    benchMemToMem();
    benchDemand();
    benchIdle();
  }
  if (!*only || std::strcmp(only, "fragments") == 0) {
    benchFragments(false);
    benchFragments(true);
  }
  if (!*only || std::strcmp(only, "demand8") == 0) benchDemand8();
  return 0;
}
