// check_block_paths.cpp — the block paths of issue 14 against the general path (SimOptions.fastPaths = false), without
// Node (so sanitizer builds cover them): a request-paced tx stream (soc_paced_path.cpp) with request-line records
// stored in a small buffer and with them masked out, and eight memory-to-memory channels under round robin
// (soc_round_robin_path.cpp), one of them overlapping its own buffer. Records, stop cycles, memory, port status, tx
// bytes and the stats that are not work done must be identical, and the block paths must have done less work.
// The wide randomised comparison is test/engine/95-fast-path-equivalence.test.ts.
#include <cstddef>

#include "check.h"

using namespace dmasim;

namespace {

struct Outcome {
  std::vector<EventRecord> events;
  std::vector<uint8_t> memory;
  std::vector<uint8_t> tx;
  std::vector<PortStatus> ports;
  EngineStats stats{};
  uint64_t cycle = 0;
};

void collect(Simulator& s, Outcome& out, uint64_t target) {
  auto ev = chk::runAll(s, target);
  out.events.insert(out.events.end(), ev.begin(), ev.end());
  InterruptReport ir;
  while (s.handleInterrupt(ir)) {
  }
}

Outcome paced(bool fast, bool requestRecords) {
  SimOptions o;
  o.fastPaths = fast;
  Simulator s{o};
  s.addMemory(0, 0x8000, 1, 0);
  for (uint32_t i = 0; i < 0x8000; ++i) {
    uint8_t b = static_cast<uint8_t>(i * 13 + (i >> 8));
    s.poke(i, &b, 1);
  }
  FifoPortOptions p;
  p.address = 0x40000;
  p.direction = PortDirection::Tx;
  p.elementWidth = 4;
  p.depth = 8;
  p.watermark = 2;
  p.rateNumerator = 97;
  p.requestLine = 3;
  p.requestRule = RequestRule::Single;
  p.dmaEnable = true;
  p.txCaptureLimit = 6001;  // reached in the middle of a block
  s.addFifoPort(p);
  s.setRecordMask(requestRecords ? kAllRecordKinds : kAllRecordKinds & ~(1u << static_cast<uint32_t>(EventKind::RequestLine)));
  ProgramRequest r;
  r.channel = 2;
  r.requestLine = 3;
  r.sg = {{0x100, 0x2000}, {0x3000, 0x1804}};
  r.deviceAddress = 0x40000;
  r.direction = Direction::MemoryToDevice;
  r.width = 4;
  r.demandMode = true;
  s.programChannel(r);
  Outcome out;
  collect(s, out, 123457);
  s.injectBusFault(0x3900);  // in the second element: the block stops before it, the general path faults
  collect(s, out, 2000000);
  out.tx.resize(8192);
  out.tx.resize(s.readTxData(0, out.tx.data(), out.tx.size()));
  out.ports.push_back(s.portStatus(0));
  out.stats = s.stats();
  out.cycle = s.cycle();
  return out;
}

Outcome roundRobin(bool fast) {
  SimOptions o;
  o.fastPaths = fast;
  o.priority = PriorityMode::RoundRobin;
  o.channels = 8;
  Simulator s{o};
  s.addMemory(0, 0x10000, 0, 1);
  s.addMemory(0x10000, 0x10000, 2, 0);
  for (uint32_t i = 0; i < 0x20000; i += 2) {
    uint8_t b[2] = {uint8_t(i), uint8_t(i >> 9)};
    s.poke(i, b, 2);
  }
  for (uint32_t c = 0; c < 8; ++c) {
    MemToMemRequest r;
    r.channel = c;
    r.source = 0x2000 * c + 8 * c;  // not 1 KiB aligned for some
    r.destination = c == 5 ? r.source + 24 : 0x10000 + 0x2000 * c;  // channel 5 overlaps its own buffer
    r.length = 0x1000 + 0x100 * c;
    r.width = c % 2 ? 4 : 8;
    r.burst = c == 3 ? 2 : 0;
    s.programMemoryToMemory(r);
  }
  Outcome out;
  collect(s, out, 7777);
  s.injectBusFault(0x10000 + 0x2000 * 6 + 0x800);  // channel 6's destination
  collect(s, out, 400000);
  out.memory.resize(0x20000);
  s.peek(0, 0x20000, out.memory.data());
  out.stats = s.stats();
  out.cycle = s.cycle();
  return out;
}

void compare(const char* what, const Outcome& a, const Outcome& b) {
  CHECK_EQ(a.events.size(), b.events.size());
  for (size_t i = 0; i < std::min(a.events.size(), b.events.size()); ++i) {
    CHECK(std::memcmp(&a.events[i], &b.events[i], sizeof(EventRecord)) == 0, "%s: record %zu differs (cycle %llu vs %llu)",
          what, i, (unsigned long long)a.events[i].cycle, (unsigned long long)b.events[i].cycle);
  }
  CHECK(a.memory == b.memory, "%s: memory differs", what);
  CHECK(a.tx == b.tx, "%s: tx bytes differ", what);
  CHECK_EQ(a.ports.size(), b.ports.size());
  // Field by field, not memcmp: PortStatus has padding after `status`, whose bytes are indeterminate (clang's
  // copies leave them as they find them, so a memcmp of two equal statuses could differ there).
  for (size_t i = 0; i < std::min(a.ports.size(), b.ports.size()); ++i) {
    const PortStatus& p = a.ports[i];
    const PortStatus& q = b.ports[i];
    CHECK(p.level == q.level && p.highWater == q.highWater && p.status == q.status, "%s: port level/status differs", what);
    CHECK(p.overruns == q.overruns && p.underruns == q.underruns && p.dmaOverflows == q.dmaOverflows &&
              p.dmaUnderflows == q.dmaUnderflows && p.errors == q.errors,
          "%s: port error counts differ", what);
    CHECK(p.deviceElements == q.deviceElements && p.dmaElements == q.dmaElements, "%s: port element counts differ", what);
    CHECK(p.rxPendingBytes == q.rxPendingBytes && p.txCapturedBytes == q.txCapturedBytes &&
              p.txCaptureDropped == q.txCaptureDropped,
          "%s: port byte counts differ", what);
  }
  CHECK_EQ(a.cycle, b.cycle);
  CHECK_EQ(a.stats.records, b.stats.records);
  CHECK_EQ(a.stats.deviceElements, b.stats.deviceElements);
  CHECK_EQ(a.stats.dmaBeats, b.stats.dmaBeats);
  CHECK(a.stats.activities * 10 < b.stats.activities, "%s: the block path did not save the work (%llu vs %llu)", what,
        (unsigned long long)a.stats.activities, (unsigned long long)b.stats.activities);
}

}  // namespace

int main() {
  for (bool requestRecords : {false, true}) {
    Outcome a = paced(true, requestRecords), b = paced(false, requestRecords);
    compare(requestRecords ? "paced, request records stored" : "paced, request records masked", a, b);
    CHECK(a.ports[0].txCaptureDropped > 0, "the capture limit was not reached");
  }
  compare("round robin", roundRobin(true), roundRobin(false));
  if (chk::failures) {
    std::fprintf(stderr, "check_block_paths: %d failure(s)\n", chk::failures);
    return 1;
  }
  std::printf("check_block_paths: ok\n");
  return 0;
}
