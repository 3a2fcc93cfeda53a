// check_determinism.cpp — the same scenario run twice (in two simulators, also interleaved, and with different
// buffer sizes) gives byte-identical event lists and memory.
#include <thread>

#include "check.h"

using namespace dmasim;

static std::vector<EventRecord> scenario(size_t bufSize, std::vector<uint8_t>* memOut) {
  SimOptions o;
  o.priority = PriorityMode::RoundRobin;
  Simulator s{o};
  s.addMemory(0x100000, 0x100000, 1, 2);
  const uint64_t rates[8] = {37, 41, 53, 64, 79, 97, 113, 131};
  for (uint32_t i = 0; i < 8; ++i) {
    FifoPortOptions p;
    p.address = 0x10000 + i * 0x100;
    p.direction = (i % 3 == 2) ? PortDirection::Tx : PortDirection::Rx;
    p.depth = 16;
    p.elementWidth = 4;
    p.rateNumerator = rates[i] * 3 + i;
    p.rateDenominator = 3;
    p.requestLine = i;
    p.watermark = 4;
    p.dmaEnable = true;
    p.txStreaming = (i == 5);
    p.idleTimeout = (i == 1) ? 500 : 0;
    p.interruptLine = 1 + i % 2;
    p.interruptMask = kPortIrqOverrun | kPortIrqError;
    p.pattern = {uint8_t(i), 2, 3, 4, 5, 6, 7};
    s.addFifoPort(p);
    s.injectPortError(i, 1000 + i);
    s.configureChannel(i, configure_fn::kSetWatermark, 16);
    s.configureChannel(i, configure_fn::kSetNotificationThreshold, 256 + 64 * i);
    ProgramRequest r;
    r.channel = i;
    r.requestLine = i;
    r.sg = {{0x100000 + i * 0x8000, 0x1000}, {0x100000 + i * 0x8000 + 0x2000, 0x800}};
    r.deviceAddress = p.address;
    r.direction = p.direction == PortDirection::Tx ? Direction::MemoryToDevice : Direction::DeviceToMemory;
    r.width = 4;
    r.demandMode = true;
    r.loop = (i % 2) == 0;
    s.programChannel(r);
  }
  for (uint64_t t = 1000; t < 2000000; t += 77777) s.schedule(t, static_cast<uint32_t>(t));
  std::vector<EventRecord> all;
  std::vector<EventRecord> buf(bufSize);
  bool cancelled = false;
  for (;;) {
    RunResult r = s.runUntil(2000000, buf.data(), buf.size());
    all.insert(all.end(), buf.begin(), buf.begin() + r.eventCount);
    if (r.stoppedBy == StopReason::BufferFull) continue;  // resume: the software acts only at its own stops
    InterruptReport ir;
    while (s.handleInterrupt(ir)) {
    }
    for (uint32_t i = 0; i < 8; ++i) {
      if (s.channelStatus(i).state == ChannelState::Complete) {
        s.flushChannel(i);
      }
      auto st = s.portStatus(i);
      if (st.status) s.clearPortStatus(i, st.status);
    }
    if (!cancelled && s.cycle() > 700000) {
      s.cancelTransfer(0);
      cancelled = true;
    }
    if (r.stoppedBy == StopReason::Target) break;
  }
  if (memOut) {
    memOut->resize(0x100000);
    s.peek(0x100000, 0x100000, memOut->data());
  }
  return all;
}

int main() {
  std::vector<uint8_t> m1, m2;
  auto a = scenario(64, &m1);
  auto b = scenario(64, &m2);
  CHECK(a.size() > 1000, "a busy scenario (%zu events)", a.size());
  CHECK(a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(EventRecord)) == 0,
        "identical event lists");
  CHECK(m1 == m2, "identical memory");
  auto c = scenario(7, nullptr);  // different batching of the same run
  CHECK(c.size() == a.size() && std::memcmp(a.data(), c.data(), a.size() * sizeof(EventRecord)) == 0,
        "buffer size does not change the event list");
  for (size_t i = 0; i < std::min(a.size(), c.size()); ++i) {
    if (std::memcmp(&a[i], &c[i], sizeof(EventRecord)) != 0) {
      for (size_t j = (i > 3 ? i - 3 : 0); j < i + 3 && j < a.size(); ++j)
        std::fprintf(stderr, "#%zu a: %llu k%u s%u %u %u %u | c: %llu k%u s%u %u %u %u\n", j, (unsigned long long)a[j].cycle, a[j].kind,
                     a[j].source, a[j].a, a[j].b, a[j].c, (unsigned long long)c[j].cycle, c[j].kind, c[j].source, c[j].a, c[j].b, c[j].c);
      break;
    }
  }
  // Two simulators in two threads at once (no shared mutable state): same results as serially.
  std::vector<EventRecord> t1, t2;
  std::thread th1([&] { t1 = scenario(64, nullptr); });
  std::thread th2([&] { t2 = scenario(13, nullptr); });
  th1.join();
  th2.join();
  CHECK(t1.size() == a.size() && std::memcmp(t1.data(), a.data(), a.size() * sizeof(EventRecord)) == 0, "thread 1");
  CHECK(t2.size() == a.size() && std::memcmp(t2.data(), a.data(), a.size() * sizeof(EventRecord)) == 0, "thread 2");
  bool ordered = true;
  for (size_t i = 1; i < a.size(); ++i) ordered &= a[i].cycle >= a[i - 1].cycle;
  CHECK(ordered, "events in cycle order");
  return chk::finish("check_determinism");
}
