// check_fast_paths.cpp — the peripheral fast paths (inline soc service, socDeviceFastPath, tx runs) against the
// general path (SimOptions.fastPaths = false) on the cases they were made for, without Node (so sanitizer builds
// cover them): a memory-mapped sink and source at a fixed device address, a demand-mode rate-1 tx port with a
// capture limit reached mid-run, and two channels contending (fixed and round-robin priority). Records, stop cycles,
// memory, port statuses, tx bytes and the stats that are not work done must be identical.
// The wide randomised comparison is test/engine/95-fast-path-equivalence.test.ts.
#include "check.h"

using namespace dmasim;

namespace {

struct Outcome {
  std::vector<EventRecord> events;
  std::vector<uint8_t> memory;
  std::vector<uint8_t> tx;
  std::vector<PortStatus> ports;
  EngineStats stats;
};

Outcome run(bool fast, PriorityMode prio) {
  SimOptions o;
  o.fastPaths = fast;
  o.priority = prio;
  o.defaultBurstLength = 16;
  o.fifoDepth = 16;
  Simulator s{o};
  s.addMemory(0, 0x10000, 0, 1);
  s.addMemory(0x40000, 0x100, 1, 0);  // the memory-mapped device
  for (uint32_t i = 0; i < 0x10000; i += 4) {
    uint8_t b[4] = {uint8_t(i), uint8_t(i >> 8), uint8_t(i * 7), uint8_t(i >> 3)};
    s.poke(i, b, 4);
  }
  FifoPortOptions p;
  p.address = 0x50000;
  p.direction = PortDirection::Tx;
  p.elementWidth = 8;
  p.depth = 64;
  p.requestLine = 4;
  p.watermark = 16;
  p.txCaptureLimit = 1000;  // not a multiple of the element: reached in the middle of a run
  p.dmaEnable = true;
  s.addFifoPort(p);
  auto program = [&](uint32_t channel, uint64_t address, uint64_t length, uint64_t device, Direction d, bool demand) {
    ProgramRequest r;
    r.channel = channel;
    r.requestLine = 4;
    r.sg = {{address, length}, {address + length + 64, length / 2}};
    r.deviceAddress = device;
    r.direction = d;
    r.width = 8;
    r.demandMode = demand;
    s.programChannel(r);
  };
  Outcome out;
  auto collect = [&](uint64_t target) {
    auto ev = chk::runAll(s, target);
    out.events.insert(out.events.end(), ev.begin(), ev.end());
    InterruptReport ir;
    while (s.handleInterrupt(ir)) {
    }
  };
  program(0, 0x1000, 4096, 0x40008, Direction::MemoryToDevice, false);  // sink
  collect(3000);
  program(1, 0x3000, 2048, 0x40010, Direction::DeviceToMemory, false);  // source
  program(2, 0x5000, 4096, 0x50000, Direction::MemoryToDevice, true);   // tx port
  collect(4500);  // stopped in the middle of the transfers
  s.schedule(5123, 7);
  collect(9000);
  program(0, 0x8000, 1024, 0x40018, Direction::MemoryToDevice, false);
  s.configureChannel(3, configure_fn::kSetPriority, 0);
  program(3, 0x9000, 4096, 0x50000, Direction::MemoryToDevice, true);
  collect(20000);
  out.memory.resize(0x10000);
  s.peek(0, 0x10000, out.memory.data());
  std::vector<uint8_t> dev(0x100);
  s.peek(0x40000, 0x100, dev.data());
  out.memory.insert(out.memory.end(), dev.begin(), dev.end());
  out.tx.resize(4096);
  out.tx.resize(s.readTxData(0, out.tx.data(), out.tx.size()));
  out.ports.push_back(s.portStatus(0));
  out.stats = s.stats();
  return out;
}

void compare(PriorityMode prio) {
  Outcome a = run(true, prio), b = run(false, prio);
  CHECK_EQ(a.events.size(), b.events.size());
  for (size_t i = 0; i < std::min(a.events.size(), b.events.size()); ++i) {
    CHECK(std::memcmp(&a.events[i], &b.events[i], sizeof(EventRecord)) == 0, "record %zu differs (cycle %llu vs %llu)",
          i, (unsigned long long)a.events[i].cycle, (unsigned long long)b.events[i].cycle);
  }
  CHECK(a.memory == b.memory, "memory differs");
  CHECK(a.tx == b.tx, "tx bytes differ");
  CHECK(std::memcmp(&a.ports[0], &b.ports[0], offsetof(PortStatus, requestAsserted)) == 0, "port status differs");
  CHECK_EQ(a.stats.records, b.stats.records);
  CHECK_EQ(a.stats.deviceElements, b.stats.deviceElements);
  CHECK_EQ(a.stats.dmaBeats, b.stats.dmaBeats);
  CHECK(a.stats.activities < b.stats.activities, "the fast paths did no less work (%llu vs %llu)",
        (unsigned long long)a.stats.activities, (unsigned long long)b.stats.activities);
  CHECK(a.tx.size() > 0 && a.ports[0].txCaptureDropped > 0, "the capture limit was not reached");
}

}  // namespace

int main() {
  compare(PriorityMode::Fixed);
  compare(PriorityMode::RoundRobin);
  if (chk::failures) {
    std::fprintf(stderr, "check_fast_paths: %d failure(s)\n", chk::failures);
    return 1;
  }
  std::printf("check_fast_paths: ok\n");
  return 0;
}
