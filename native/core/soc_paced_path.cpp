// soc_paced_path.cpp — the block path for a request-paced stream: a demand-mode channel feeding a tx FIFO port whose
// device takes one element every P cycles (a whole number), with nothing else happening. Each period of such a stream
// is the same sequence, shifted by n*P cycles (n = the burst's beats):
//   T        the device tick that takes the FIFO from D-wm+1 to D-wm elements: the port's request rises (record);
//   T+L      the controller sees it (requestLatency L) and arbitrates with the bus idle: the burst starts arb later;
//   burst    n read beats from memory, then n write beats into the port; the first write takes the level to D-wm+1,
//            so the request falls there (record); the FIFO is never full (n <= wm), the burst is never split;
//   ticks    the device sends one element every P cycles, the n-th of them is the next period's T (the first comes
//            after the burst's end: P >= L + arb + the burst's cycles).
// Done here for k periods at once, with the same cycles, FIFO contents, captured bytes, counters and records as the
// general path (TIMING.md soc rules 2, 3, 5; port_types.h request rule); it leaves the engine as the general path
// would be at the (k+1)-th period's grant, which socGrant then makes as usual.
// It runs only when every period is one the general path would run with nothing else in between:
//   - the block ends before the next calendar entry and within the run (aheadLimit), and no record is waiting;
//   - no other channel is ready (none can become ready without a calendar entry: engine-wide argument in
//     soc_device_fast_path.cpp), and none in demand mode listens to this channel's request line;
//   - the port drives the channel's own request line, has no interrupt output, faults, stalls or streaming, and is
//     not on the calendar (its ticks are lazy); none of the beats touches a fault, a region or 1 KiB boundary that
//     would shorten a burst, the SG element's end or a loop notification threshold (no element advance, wrap, terminal
//     count or interrupt: those bursts go through the general path);
//   - request-line records are not stored (then only counted, as the sink counts every record), or fit in the
//     caller's buffer (then written in order).
// Steps aside while tracing (the block skips the capture points).
#include <algorithm>

#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint64_t kKiB = 1024;
}  // namespace

bool Engine::socPacedPath(uint32_t c, uint64_t& start) {
  Channel& k = ch[c];
  if (!running || k.state != ChannelState::Running || k.mem2mem || !k.demand || k.devicePort == kNoLine ||
      k.direction != Direction::MemoryToDevice || k.sgIndex >= k.sg.size())
    return false;
  const uint32_t p = k.devicePort;
  FifoPort& fp = ports[p];
  const uint32_t w = k.width;
  const uint64_t D = fp.depth(), wm = fp.o.watermark;
  // The port, just after the tick that raised its request (level D-wm), its next tick lazy.
  if (fp.o.direction != PortDirection::Tx || fp.width() != w || fp.o.requestLine != k.line || !fp.o.dmaEnable ||
      !fp.o.deviceEnable || !fp.active || fp.o.txStreaming || fp.rateR != 0 || !fp.reqOut || fp.level != D - wm ||
      fp.irqOut || (fp.o.interruptMask != 0 && fp.o.interruptLine != kNoLine) || !fp.errorAt.empty() ||
      !fp.stallAtElement.empty() || !fp.stallAtCycle.empty() || sched.ports.when(p) != kNever)
    return false;
  if (sink.hasPending() || sink.hasTrigger()) return false;
  for (uint32_t i = 0; i < opt.channels; ++i) {
    if (i == c) continue;
    const Channel& o = ch[i];
    if (ready(i) || (o.running() && o.demand && !o.mem2mem && o.line == k.line)) return false;
  }
  // The burst: n beats, the channel's full burst (one shortened by a boundary is followed by none like it).
  const uint64_t n = socBeats(k);
  {
    uint64_t base = fp.o.requestRule == RequestRule::Single ? 1 : k.watermark ? k.watermark / w : k.burstLength;
    base = std::max<uint64_t>(std::min<uint64_t>(base, opt.fifoDepth), 1);
    if (n != base || n > wm) return false;
  }
  const uint64_t mem = k.memAddress();
  const uint32_t rmem = bus.find(mem, k.srcHint);
  const uint32_t rdev = bus.find(k.deviceAddress, k.dstHint);
  if (rmem == kNoRegion || rdev == kNoRegion) return false;
  if (bus.hasFaults() && bus.firstFault(k.deviceAddress, w) != kNever) return false;
  const Region& gm = bus.region(rmem);
  const uint64_t memPer = 1 + uint64_t{gm.readWait}, devPer = 1 + uint64_t{bus.region(rdev).writeWait};
  const uint64_t setup = opt.burstSetup, arb = opt.arbitrationCycles, L = opt.requestLatency, P = fp.rateQ;
  const uint64_t cost = 2 * setup + n * (memPer + devPer);  // a burst's cycles
  const uint64_t fallAt = setup + n * memPer + setup + devPer - 1;  // its first write beat, from its start
  const uint64_t period = n * P;
  if (P < L + arb + cost || fp.nextTick <= start + cost - 1) return false;
  // k periods: the bursts 0 .. k-1 (granted at G_0 = now, G_j = G_1 + (j-1)*period), stopping at G_k's grant.
  const uint64_t g1 = fp.nextTick + (n - 1) * P + L;
  const uint64_t limit = aheadLimit();
  if (g1 > limit) return false;
  uint64_t periods = 1 + (limit - g1) / period;
  const uint64_t bytes = n * w;
  uint64_t dist = std::min<uint64_t>(gm.base + gm.size - mem, k.fragmentLeft() - 1);
  if (kKiB % bytes != 0 || mem % bytes != 0) dist = std::min(dist, kKiB - mem % kKiB);
  periods = std::min(periods, dist / bytes);
  if (k.loop && k.notifyThreshold) {
    const uint64_t thr = (uint64_t{k.notifyThreshold} + w - 1) / w * w;
    if (k.sinceNotify + bytes >= thr) return false;
    periods = std::min(periods, (thr - 1 - k.sinceNotify) / bytes);
  }
  if (bus.hasFaults()) {
    const uint64_t f = bus.firstFault(mem, periods * bytes);
    if (f != kNever) periods = std::min(periods, (f - mem) / bytes);
  }
  const bool store = sink.stores(EventKind::RequestLine);
  if (store) periods = std::min<uint64_t>(periods, sink.room() / 2);
  if (periods == 0 || !bus.ramHolds(rmem, mem, periods * bytes)) return false;

  // The records: the fall at each burst's first write beat, the rise at the next period's tick.
  const uint32_t line = k.line;
  if (store) {
    uint64_t s = start;
    for (uint64_t j = 0; j < periods; ++j) {
      const uint64_t gNext = g1 + j * period;
      sink.emit(s + fallAt, EventKind::RequestLine, line, 0, p);
      sink.emit(gNext - L, EventKind::RequestLine, line, 1, p);
      s = gNext + arb;
    }
  } else {
    sink.countOnly(2 * periods);
  }
  const uint64_t lastStart = periods == 1 ? start : g1 + (periods - 2) * period + arb;
  const uint64_t gk = g1 + (periods - 1) * period;
  // The port: periods*n elements in (the memory block, in order) and as many sent (the FIFO's, then the block's).
  const uint64_t elements = periods * n;
  portTxStream(fp, bus.ramPtr(rmem, mem), w, elements);
  fp.highWater = std::max<uint32_t>(fp.highWater, static_cast<uint32_t>(D - wm + n));
  fp.tickIndex += elements;
  fp.tickQ += elements * P;
  fp.nextTick = fp.epoch + fp.tickQ;
  // The line: one fall and one rise per period; the last rise at G_k - L, seen at G_k.
  reqGen[line] += 2 * periods;
  reqRise[line] = gk - L;
  // The channel and the bus, as after the k-th burst's end (bus released there) and G_k's arbitration.
  const uint64_t moved = periods * bytes;
  statBeats += 2 * elements;
  k.sgOffset += moved;
  k.iterWritten += moved;
  k.bytesWritten += moved;
  k.sinceNotify += moved;
  busGen += periods;
  haveLastEnd = true;
  busLastEnd = lastStart + cost - 1;
  now = gk;
  start = gk + arb;
  return true;
}

}  // namespace dmasim
