// check_fuzz_findings.cpp — regression checks for what the libFuzzer harness (native/core/fuzz) found in the engine,
// one function per finding, each run with the fast paths on and off (SimOptions.fastPaths: no behavioural effect).
//
//  1. A memory-to-memory burst running from one RAM region into the adjacent one (the bus treats adjacent regions as
//     one range; on the host they are separate blocks). socFastPath copied the whole burst from the first region's
//     block: a heap over-read under ASan, and in a release build the destination got whatever followed the block in
//     the host heap instead of the second region's bytes. It now leaves such a burst to the general path.
#include "check.h"

using namespace dmasim;

namespace {

// Source split into a `first`-byte region and the rest; a copy of 256 bytes at `width` into a third region.
void straddlingMemoryToMemory(bool fast, uint32_t width, uint64_t first) {
  SimOptions o;
  o.fastPaths = fast;
  Simulator s{o};
  s.addMemory(0x1000, first, 0, 0);
  s.addMemory(0x1000 + first, 0x1000 - first, 0, 0);
  s.addMemory(0x10000, 0x1000, 0, 0);
  std::vector<uint8_t> source(0x1000);
  for (size_t i = 0; i < source.size(); ++i) source[i] = static_cast<uint8_t>(i * 7 + 1);
  s.poke(0x1000, source.data(), source.size());
  MemToMemRequest r;
  r.channel = 1;
  r.source = 0x1000;
  r.destination = 0x10000;
  r.length = 256;
  r.width = width;
  s.programMemoryToMemory(r);
  chk::runAll(s, 20000);
  CHECK(s.channelStatus(1).state == ChannelState::Complete, "fast=%d width=%u first=%llu: not complete", fast, width,
        (unsigned long long)first);
  std::vector<uint8_t> copied(256);
  s.peek(0x10000, copied.size(), copied.data());
  CHECK(std::memcmp(copied.data(), source.data(), copied.size()) == 0,
        "fast=%d width=%u first=%llu: the destination is not the source", fast, width, (unsigned long long)first);
}

}  // namespace

int main() {
  for (bool fast : {true, false}) {
    for (uint32_t width : {2u, 4u, 8u}) {
      for (uint64_t first : {uint64_t{1}, uint64_t{3}, uint64_t{width + 1}, uint64_t{64 + 5}}) {
        if (first == 3 && width == 2) continue;  // = width + 1
        straddlingMemoryToMemory(fast, width, first);
      }
    }
  }
  return chk::finish("check_fuzz_findings");
}
