// invariants.h — what the libFuzzer harness (fuzz_engine.cpp) asserts about the engine after every call, from the
// engine's own contracts (engine.h, port_types.h, dma_types.h, event.h):
//  - time: cycle() never goes back; a run ends at cycle() <= its target, at the target when it stopped there, fills
//    at most `capacity` records (none when discarding) and never stops on BufferFull when discarding;
//  - records: a known kind, cycles in order (never before an earlier record, never after cycle());
//  - FIFO conservation at an exact stop (port_types.h): level == elements in - elements out, where a tx port takes in
//    the DMA writes that were not overflows and gives out what the device popped, an rx port takes in what the device
//    pushed less overruns and gives out the DMA reads that were not underflows; level <= depth, highWater >= level;
//    a tx sink holds, dropped, handed out or cleared exactly deviceElements * elementWidth bytes;
//  - channels: readDmaCounter == channelStatus().remaining; Idle has nothing remaining; a non-looped transfer never
//    writes more than it was given and, Complete, wrote all of it with nothing remaining.
// A broken invariant aborts with a message: libFuzzer saves the input as a crash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "engine.h"

namespace dmasim_fuzz {

[[noreturn]] inline void broken(const char* what, unsigned long long a, unsigned long long b) {
  std::fprintf(stderr, "fuzz_engine: invariant broken: %s (%llu vs %llu)\n", what, a, b);
  std::abort();
}
#define FUZZ_INVARIANT(cond, what, a, b) \
  do {                                   \
    if (!(cond)) ::dmasim_fuzz::broken(what, (unsigned long long)(a), (unsigned long long)(b)); \
  } while (0)

// What the harness remembers of each port and channel to check the conservation laws.
struct PortModel {
  dmasim::PortDirection direction = dmasim::PortDirection::Rx;
  uint32_t elementWidth = 1;
  uint32_t depth = 1;
  uint64_t txTaken = 0;  // bytes readTxData handed out plus bytes clearTxData dropped
};

struct ChannelModel {
  bool known = false;  // programmed by this harness with a known total since the last flush
  bool loop = false;
  uint64_t total = 0;
};

inline void checkRecords(const dmasim::EventRecord* records, uint32_t count, uint64_t now, uint64_t& lastRecordCycle) {
  for (uint32_t i = 0; i < count; ++i) {
    const dmasim::EventRecord& r = records[i];
    FUZZ_INVARIANT(r.kind >= 1 && r.kind <= 15, "record kind", r.kind, 15);
    FUZZ_INVARIANT(r.cycle >= lastRecordCycle, "record cycle before an earlier record's", r.cycle, lastRecordCycle);
    FUZZ_INVARIANT(r.cycle <= now, "record cycle after cycle()", r.cycle, now);
    lastRecordCycle = r.cycle;
  }
}

inline void checkPorts(const dmasim::Simulator& sim, const std::vector<PortModel>& ports) {
  for (uint32_t p = 0; p < ports.size(); ++p) {
    const dmasim::PortStatus s = sim.portStatus(p);
    const PortModel& m = ports[p];
    FUZZ_INVARIANT(s.level <= m.depth, "port level above depth", s.level, m.depth);
    FUZZ_INVARIANT(s.highWater >= s.level, "port highWater below level", s.highWater, s.level);
    const uint64_t dmaMoved = s.dmaElements - s.dmaOverflows - s.dmaUnderflows;  // beats that really moved an element
    FUZZ_INVARIANT(s.dmaOverflows + s.dmaUnderflows <= s.dmaElements, "port DMA faults above DMA beats",
                   s.dmaOverflows + s.dmaUnderflows, s.dmaElements);
    if (m.direction == dmasim::PortDirection::Tx) {
      FUZZ_INVARIANT(s.level == dmaMoved - s.deviceElements, "tx FIFO level != DMA in - device out", s.level,
                     dmaMoved - s.deviceElements);
      const uint64_t sunk = s.deviceElements * m.elementWidth;
      const uint64_t held = s.txCapturedBytes + s.txCaptureDropped + m.txTaken;
      FUZZ_INVARIANT(held == sunk, "tx sink bytes != device elements * width", held, sunk);
    } else {
      FUZZ_INVARIANT(s.overruns <= s.deviceElements, "rx overruns above device elements", s.overruns, s.deviceElements);
      FUZZ_INVARIANT(s.level == (s.deviceElements - s.overruns) - dmaMoved, "rx FIFO level != device in - DMA out",
                     s.level, (s.deviceElements - s.overruns) - dmaMoved);
    }
  }
}

inline void checkChannels(const dmasim::Simulator& sim, const std::vector<ChannelModel>& channels) {
  for (uint32_t c = 0; c < channels.size(); ++c) {
    const dmasim::ChannelStatus s = sim.channelStatus(c);
    FUZZ_INVARIANT(static_cast<uint32_t>(s.state) <= 5, "channel state", static_cast<uint32_t>(s.state), 5);
    FUZZ_INVARIANT(sim.readDmaCounter(c) == s.remaining, "readDmaCounter != channelStatus.remaining",
                   sim.readDmaCounter(c), s.remaining);
    if (s.state == dmasim::ChannelState::Idle) {
      FUZZ_INVARIANT(s.remaining == 0, "Idle channel with bytes remaining", s.remaining, 0);
    }
    const ChannelModel& m = channels[c];
    if (!m.known || m.loop) continue;
    FUZZ_INVARIANT(s.bytesWritten <= m.total, "channel wrote more than it was given", s.bytesWritten, m.total);
    FUZZ_INVARIANT(s.remaining <= m.total, "channel has more remaining than it was given", s.remaining, m.total);
    if (s.state == dmasim::ChannelState::Complete) {
      FUZZ_INVARIANT(s.bytesWritten == m.total, "Complete channel did not write everything", s.bytesWritten, m.total);
      FUZZ_INVARIANT(s.remaining == 0, "Complete channel with bytes remaining", s.remaining, 0);
    }
  }
}

}  // namespace dmasim_fuzz
