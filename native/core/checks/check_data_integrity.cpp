// check_data_integrity.cpp — bytes arriving at the destination equal the source for every width, burst, alignment
// and length tried: memory-to-memory (incl. overlapping ranges), memory -> tx port sink and rx port -> memory with
// multi-fragment SG lists, plus i8237 memory-to-memory.
#include "check.h"

using namespace dmasim;

static uint32_t rng = 12345;
static uint32_t next() {
  rng = rng * 1103515245u + 12345u;
  return rng >> 8;
}

static void memToMem() {
  const uint32_t widths[4] = {1, 2, 4, 8};
  SimOptions o;
  o.fifoDepth = 16;
  o.defaultBurstLength = 4;
  for (uint32_t w : widths) {
    for (uint32_t burst = 1; burst <= 16; burst += (burst < 4 ? 1 : 5)) {
      for (uint64_t srcOff : {uint64_t{0}, uint64_t{w}, 1024 - uint64_t{w}, uint64_t{24} * w}) {
        for (uint64_t len : {uint64_t{w}, uint64_t{3} * w, uint64_t{1000} * w + 0}) {
          Simulator s{o};
          s.addMemory(0x0, 0x4000, 1, 0);
          s.addMemory(0x4000, 0x4000, 0, 2);  // adjacent region: bursts may run across
          uint8_t* a = s.memoryBytes(0);
          for (int i = 0; i < 0x4000; ++i) a[i] = static_cast<uint8_t>(next());
          uint64_t src = 0x100 + srcOff;
          uint64_t dst = 0x5000 + ((srcOff * 3) & ~uint64_t{w - 1} & 0x3FF);
          s.programMemoryToMemory(MemToMemRequest{0, src, dst, len, w, burst});
          chk::runAll(s, 1000000);
          std::vector<uint8_t> got(len), want(len);
          s.peek(src, len, want.data());
          s.peek(dst, len, got.data());
          CHECK(got == want && s.channelStatus(0).state == ChannelState::Complete,
                "m2m w=%u burst=%u srcOff=%llu len=%llu", w, burst, (unsigned long long)srcOff,
                (unsigned long long)len);
        }
      }
    }
  }
  // Overlapping forward copy: per-burst semantics (each burst reads before it writes).
  Simulator s{SimOptions{}};
  s.addMemory(0, 0x1000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 256; ++i) m[i] = static_cast<uint8_t>(i);
  s.programMemoryToMemory(MemToMemRequest{0, 0, 8, 64, 4, 4});  // burst = 16 bytes, shift by 8
  chk::runAll(s, 10000);
  // Reference model: burst by burst.
  std::vector<uint8_t> ref(256);
  for (int i = 0; i < 256; ++i) ref[i] = static_cast<uint8_t>(i);
  for (int b = 0; b < 64; b += 16) std::memmove(&ref[8 + b], &ref[b], 16);
  CHECK(std::memcmp(m, ref.data(), 256) == 0, "overlapping copy burst by burst");
}

static void ports() {
  const uint32_t widths[4] = {1, 2, 4, 8};
  for (uint32_t w : widths) {
    for (uint32_t chWm : {0u, 1u, 2u, 4u}) {
      SimOptions o;
      Simulator s{o};
      s.addMemory(0x0, 0x10000, 0, 1);
      uint8_t* m = s.memoryBytes(0);
      for (int i = 0; i < 0x10000; ++i) m[i] = static_cast<uint8_t>(next());
      std::vector<SgElement> sg = {{0x3F0 & ~uint64_t{w - 1}, 40ull * w}, {0x2000 + w, 8ull * w}, {0x8000 - 4ull * w, 12ull * w}};
      uint64_t total = 0;
      for (auto& e : sg) total += e.length;
      // tx: memory -> port -> sink
      FifoPortOptions tx;
      tx.address = 0x40000;
      tx.direction = PortDirection::Tx;
      tx.elementWidth = w;
      tx.depth = 8;
      tx.rateNumerator = 19;
      tx.rateDenominator = 2;
      tx.requestLine = 1;
      tx.watermark = chWm ? chWm : 4;
      tx.dmaEnable = true;
      tx.writeWait = 1;
      uint32_t txp = s.addFifoPort(tx);
      CHECK_EQ(s.configureChannel(0, configure_fn::kSetWatermark, chWm * w), kStatusSuccess);
      ProgramRequest r;
      r.channel = 0;
      r.requestLine = 1;
      r.sg = sg;
      r.deviceAddress = 0x40000;
      r.direction = Direction::MemoryToDevice;
      r.width = w;
      r.demandMode = true;
      s.programChannel(r);
      // rx: appended bytes -> port -> memory
      FifoPortOptions rx;
      rx.address = 0x50000;
      rx.direction = PortDirection::Rx;
      rx.elementWidth = w;
      rx.depth = 8;
      rx.rateNumerator = 23;
      rx.requestLine = 2;
      rx.watermark = chWm ? chWm : 4;
      rx.dmaEnable = true;
      rx.rxSource = RxSource::Appended;
      rx.idleTimeout = 200;  // the tail (fewer than a watermark) is flushed by the aging timeout
      uint32_t rxp = s.addFifoPort(rx);
      std::vector<uint8_t> in(total);
      for (auto& b : in) b = static_cast<uint8_t>(next());
      s.appendRxData(rxp, in.data(), in.size());
      CHECK_EQ(s.configureChannel(1, configure_fn::kSetWatermark, chWm * w), kStatusSuccess);
      ProgramRequest q = r;
      q.channel = 1;
      q.requestLine = 2;
      q.sg = {{0xA000, total / 2}, {0xC000 + w, total - total / 2}};
      q.deviceAddress = 0x50000;
      q.direction = Direction::DeviceToMemory;
      s.programChannel(q);
      chk::runAll(s, 100000);
      CHECK(s.channelStatus(0).state == ChannelState::Complete, "tx complete w=%u wm=%u", w, chWm);
      CHECK(s.channelStatus(1).state == ChannelState::Complete, "rx complete w=%u wm=%u", w, chWm);
      std::vector<uint8_t> want;
      for (auto& e : sg) want.insert(want.end(), m + e.address, m + e.address + e.length);
      std::vector<uint8_t> got(total + 16);
      uint64_t n = s.readTxData(txp, got.data(), got.size());
      got.resize(n);
      CHECK(got == want, "tx sink == SG memory (w=%u wm=%u, %llu bytes)", w, chWm, (unsigned long long)n);
      std::vector<uint8_t> landed(total);
      s.peek(0xA000, total / 2, landed.data());
      s.peek(0xC000 + w, total - total / 2, landed.data() + total / 2);
      CHECK(landed == in, "rx memory == appended bytes (w=%u wm=%u)", w, chWm);
      CHECK_EQ(s.portStatus(txp).dmaOverflows + s.portStatus(rxp).dmaUnderflows + s.portStatus(rxp).overruns, 0u);
    }
  }
}

static void i8237MemToMem() {
  SimOptions o;
  o.profile = Profile::I8237;
  o.channels = 4;
  Simulator s{o};
  s.addMemory(0, 0x10000, 0, 0);
  uint8_t* m = s.memoryBytes(0);
  for (int i = 0; i < 0x1000; ++i) m[i] = static_cast<uint8_t>(next());
  s.programMemoryToMemory(MemToMemRequest{0, 0x10, 0x8003, 0xFF0, 1, 0});
  chk::runAll(s, 1000000);
  CHECK(std::memcmp(m + 0x10, m + 0x8003, 0xFF0) == 0, "i8237 m2m data");
}

int main() {
  memToMem();
  ports();
  i8237MemToMem();
  return chk::finish("check_data_integrity");
}
