// soc_round_robin_path.cpp — the block path for several memory-to-memory channels under round-robin priority: rounds
// of one burst per ready channel, in the arbiter's order, computed arithmetically and copied per channel in blocks.
// Behaviour source: TIMING.md soc rules 2-4 (round robin: the first ready channel after the one granted last, in
// channel-number order; back-to-back services are arbitrated in the previous one's last cycle and cost nothing; a
// burst is never split) and rule 3 (a burst's cycles; n never crosses a 1 KiB boundary or, TIMING-NOTES.md, a region).
// While every ready channel is memory-to-memory and stays ready, the arbiter grants them in the same cyclic order
// (starting with the one just granted, c) every round, each burst starting the cycle after the previous one's last.
// A batch of K rounds is done here only when the general path would do exactly that with nothing else in between:
//   - the K rounds end before the next calendar entry and within the run (aheadLimit): no other activity, no stop;
//     no channel that is not ready can become ready without a calendar entry (soc_device_fast_path.cpp), and every
//     ready one is a memory-to-memory channel (a ready peripheral channel: general path);
//   - every burst of the batch is its channel's full burst and none is its channel's last (terminal count), none
//     touches an injected fault: no record, no interrupt, every round the same;
//   - no channel writes bytes another channel reads or writes in the batch (then the interleaving would matter:
//     general path); a channel's own overlapping source and destination are copied burst by burst, in order.
// The batch leaves the engine as the general path would at the next grant of c (the round's first), which socGrant
// then makes as usual. Steps aside while tracing (socGrant).
#include <algorithm>
#include <cstring>

#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint64_t kKiB = 1024;

// Bytes from `a` that full bursts of `bytes` may cover without a 1 KiB boundary shortening one: unbounded when
// bursts are aligned to their size and the size divides 1 KiB (then no burst ever crosses one).
uint64_t kibRoom(uint64_t a, uint64_t bytes) {
  return (kKiB % bytes == 0 && a % bytes == 0) ? ~uint64_t{0} : kKiB - a % kKiB;
}

struct RoundMember {
  uint32_t channel;
  uint64_t src, dst, bytes, beats, cost;
  uint32_t rs, rd;
};
}  // namespace

bool Engine::socRoundRobinPath(uint32_t c, uint64_t& start) {
  const uint32_t nch = opt.channels;
  RoundMember round[32];  // soc has at most 32 channels
  uint32_t r = 0;
  const uint64_t limit = aheadLimit();
  if (start > limit) return false;
  uint64_t rounds = ~uint64_t{0}, roundCost = 0;
  for (uint32_t i = 0; i < nch; ++i) {
    const uint32_t id = (c + i) % nch;
    if (i != 0 && !ready(id)) continue;
    const Channel& k = ch[id];
    if (!k.mem2mem || k.loop || k.state != ChannelState::Running) return false;
    const uint32_t w = k.width;
    const uint64_t n = socBeats(k);
    const uint64_t full = std::min<uint64_t>(k.m2mBurst ? k.m2mBurst : k.burstLength, opt.fifoDepth);
    if (n != full) return false;
    RoundMember& m = round[r++];
    m.channel = id;
    m.src = k.sg[0].address + k.sgOffset;
    m.dst = k.m2mDestination + k.sgOffset;
    m.bytes = n * w;
    m.beats = n;
    m.rs = bus.find(m.src, k.srcHint);
    m.rd = bus.find(m.dst, k.dstHint);
    if (m.rs == kNoRegion || m.rd == kNoRegion) return false;
    const Region& gs = bus.region(m.rs);
    const Region& gd = bus.region(m.rd);
    m.cost = 2 * uint64_t{opt.burstSetup} + n * (1 + uint64_t{gs.readWait}) + n * (1 + uint64_t{gd.writeWait});
    roundCost += m.cost;
    // Full bursts before a boundary, the region's end or the transfer's last burst.
    const uint64_t dist = std::min({kibRoom(m.src, m.bytes), kibRoom(m.dst, m.bytes), gs.base + gs.size - m.src,
                                    gd.base + gd.size - m.dst, k.total - k.sgOffset - 1});
    rounds = std::min(rounds, dist / m.bytes);
  }
  if (r < 2) return false;  // one ready channel: socFastPath's own loop
  rounds = std::min(rounds, (limit - start + 1) / roundCost);
  if (bus.hasFaults()) {
    for (uint32_t i = 0; i < r && rounds; ++i) {
      const RoundMember& m = round[i];
      const uint64_t f1 = bus.firstFault(m.src, rounds * m.bytes), f2 = bus.firstFault(m.dst, rounds * m.bytes);
      if (f1 != kNever) rounds = std::min(rounds, (f1 - m.src) / m.bytes);
      if (f2 != kNever) rounds = std::min(rounds, (f2 - m.dst) / m.bytes);
    }
  }
  if (rounds == 0) return false;
  for (uint32_t i = 0; i < r; ++i) {  // within one RAM block each (the dist bound above; kept explicit: host memory)
    const RoundMember& m = round[i];
    if (!bus.ramHolds(m.rs, m.src, rounds * m.bytes) || !bus.ramHolds(m.rd, m.dst, rounds * m.bytes)) return false;
  }
  // No channel's destination block may meet another channel's source or destination block.
  for (uint32_t i = 0; i < r; ++i) {
    const RoundMember& a = round[i];
    const uint64_t aLen = rounds * a.bytes;
    for (uint32_t j = 0; j < r; ++j) {
      if (i == j) continue;
      const RoundMember& b = round[j];
      const uint64_t bLen = rounds * b.bytes;
      if ((a.dst < b.src + bLen && b.src < a.dst + aLen) || (a.dst < b.dst + bLen && b.dst < a.dst + aLen))
        return false;
    }
  }
  for (uint32_t i = 0; i < r; ++i) {
    const RoundMember& m = round[i];
    Channel& k = ch[m.channel];
    const uint64_t len = rounds * m.bytes;
    uint8_t* ps = bus.ramPtr(m.rs, m.src);
    uint8_t* pd = bus.ramPtr(m.rd, m.dst);
    if (m.src + len <= m.dst || m.dst + len <= m.src) {
      std::memcpy(pd, ps, static_cast<size_t>(len));
    } else {
      for (uint64_t b = 0; b < rounds; ++b)
        std::memmove(pd + b * m.bytes, ps + b * m.bytes, static_cast<size_t>(m.bytes));
    }
    statBeats += 2 * rounds * m.beats;
    k.sgOffset += len;
    k.iterWritten += len;
    k.bytesWritten += len;
    k.sinceNotify += len;
  }
  busGen += rounds * r;
  start += rounds * roundCost;
  haveLastEnd = true;
  busLastEnd = start - 1;
  return true;
}

}  // namespace dmasim
