// soc_service.cpp — profile `soc` services: one burst pair per grant, read burst from the source into the channel
// FIFO, then write burst of the same beats to the destination.
// Behaviour source: TIMING.md profile soc, rules 3-7:
//   burst of n beats to a region = burstSetup + n + n*wait cycles; n <= burst length, <= FIFO depth, never crossing a
//   1 KiB boundary of a memory address, never past the fragment; never split once granted; demand mode (rule 5);
//   terminal count after the last beat is WRITTEN; a faulting beat ends the burst there (rule 7).
// Beat j of a burst starting at cycle s completes at s + burstSetup + (j+1)*(1+wait) - 1.
// Data: memory sources are read at the grant, memory destinations written at the burst's last cycle (the bus has
// one owner, so nothing else can touch them in between); FIFO beats happen at their exact cycles (DmaStep).
// TODO(accuracy): a run stopped inside a write burst to memory shows none of that burst's bytes yet.
// Engine addition (TIMING-NOTES.md): a burst also never crosses a region boundary (wait states differ per region).
#include <algorithm>
#include <cstring>

#include "bytes_le.h"
#include "engine_impl.h"
#include "wide_math.h"

namespace dmasim {

namespace {
constexpr uint64_t kKiB = 1024;
}  // namespace

uint32_t Engine::socBeats(const Channel& k) const {
  uint32_t w = k.width;
  const int ws = countTrailingZeros(w);  // w is 1, 2, 4 or 8: byte counts to beats by a shift (this runs every burst)
  uint64_t base;
  if (k.mem2mem) {
    base = k.m2mBurst ? k.m2mBurst : k.burstLength;
  } else if (k.demand) {
    uint32_t rp = reqDriver[k.line];
    if (rp != kNoLine && ports[rp].o.requestRule == RequestRule::Single) {
      base = 1;
    } else {
      base = k.watermark ? k.watermark / w : k.burstLength;
    }
    if (k.devicePort != kNoLine && k.direction == Direction::DeviceToMemory) {
      const FifoPort& fp = ports[k.devicePort];
      if (fp.flushArmed && fp.level > 0) base = fp.level;  // rule 5: the burst is the level
    }
  } else {
    base = k.burstLength;
  }
  uint64_t n = std::min<uint64_t>(base, opt.fifoDepth);
  n = std::min<uint64_t>(n, k.fragmentLeft() >> ws);
  auto limitMem = [&](uint64_t a, uint32_t& hint) {
    n = std::min<uint64_t>(n, (kKiB - (a % kKiB)) >> ws);
    uint32_t r = bus.find(a, hint);
    if (r != kNoRegion) {
      const Region& rg = bus.region(r);
      n = std::min<uint64_t>(n, (rg.base + rg.size - a) >> ws);
    }
  };
  limitMem(k.memAddress(), k.srcHint);
  if (k.mem2mem) limitMem(k.m2mDestination + k.sgOffset, k.dstHint);
  return static_cast<uint32_t>(std::max<uint64_t>(n, 1));
}

bool Engine::socFastPath(uint32_t c, uint64_t& start) {
  // Memory-to-memory runs of identical bursts, computed arithmetically and copied in blocks, while nothing else can
  // happen: every burst batched here ends before the next calendar entry and within the run. The last burst of the
  // transfer (terminal count) and any burst touching an injected fault go through the normal path.
  // Under round robin with other channels ready, the rounds of bursts go to socRoundRobinPath.
  Channel& k = ch[c];
  if (opt.priority == PriorityMode::RoundRobin) {
    for (uint32_t i = 0; i < opt.channels; ++i)
      if (i != c && ready(i)) return socRoundRobinPath(c, start);
  }
  const uint64_t limit = aheadLimit();
  const uint32_t w = k.width;
  const uint64_t nb = std::min<uint64_t>(k.m2mBurst ? k.m2mBurst : k.burstLength, opt.fifoDepth);
  bool any = false;
  for (;;) {
    uint64_t left = k.total - k.sgOffset;
    uint64_t n = socBeats(k);
    uint64_t bytes = n * w;
    if (bytes >= left) break;
    uint64_t src = k.sg[0].address + k.sgOffset;
    uint64_t dst = k.m2mDestination + k.sgOffset;
    uint32_t rs = bus.find(src), rd = bus.find(dst);
    const Region& gs = bus.region(rs);
    const Region& gd = bus.region(rd);
    uint64_t cost = 2 * uint64_t{opt.burstSetup} + n * (1 + uint64_t{gs.readWait}) + n * (1 + uint64_t{gd.writeWait});
    if (start > limit || limit - start + 1 < cost) break;
    uint64_t m = 1;
    if (n == nb) {
      uint64_t dist = std::min({gs.base + gs.size - src, gd.base + gd.size - dst, left - 1});
      // socBeats cuts a burst at a 1 KiB boundary. When both addresses sit on a burst boundary and a burst divides
      // 1 KiB, no burst of the run meets one, so the batch runs on past it (64 MiB: 1 memcpy, not 65,536);
      // otherwise it stops at the next boundary, where the burst after it may be a short one.
      if (src % bytes != 0 || dst % bytes != 0 || kKiB % bytes != 0)
        dist = std::min({dist, kKiB - src % kKiB, kKiB - dst % kKiB});
      m = std::max<uint64_t>(dist / bytes, 1);
    }
    m = std::min(m, (limit - start + 1) / cost);
    if (bus.hasFaults()) {
      uint64_t f1 = bus.firstFault(src, m * bytes), f2 = bus.firstFault(dst, m * bytes);
      if (f1 != kNever) m = std::min(m, (f1 - src) / bytes);
      if (f2 != kNever) m = std::min(m, (f2 - dst) / bytes);
    }
    if (m == 0) break;
    uint64_t len = m * bytes;
    // One burst may run from one RAM region into the next (adjacent regions are one range to the bus, separate blocks
    // on the host): that burst goes through the general path, which reads and writes through Bus::peek / poke.
    if (!bus.ramHolds(rs, src, len) || !bus.ramHolds(rd, dst, len)) break;
    uint8_t* ps = bus.ramPtr(rs, src);
    uint8_t* pd = bus.ramPtr(rd, dst);
    if (src + len <= dst || dst + len <= src) {
      std::memcpy(pd, ps, static_cast<size_t>(len));
    } else {
      for (uint64_t i = 0; i < m; ++i) std::memmove(pd + i * bytes, ps + i * bytes, static_cast<size_t>(bytes));
    }
    socBatchDone(k, len, 2 * m * n, start, m * cost);
    any = true;
  }
  return any;
}

void Engine::socBatchDone(Channel& k, uint64_t bytes, uint64_t beats, uint64_t& start, uint64_t cycles) {
  // What the general path's services would have left (finishSocService / afterBeats for bursts that end no SG
  // element, and releaseBus at each burst's last cycle), for a block path's batch of back-to-back bursts.
  statBeats += beats;
  k.sgOffset += bytes;
  k.iterWritten += bytes;
  k.bytesWritten += bytes;
  k.sinceNotify += bytes;
  start += cycles;
  haveLastEnd = true;
  busLastEnd = start - 1;
}

bool Engine::socGrant(uint32_t c, uint64_t start) {
  Channel& k = ch[c];
  if (opt.fastPaths && !traceOn()) {  // the block paths skip the capture points: not while tracing
    if (k.mem2mem)
      socFastPath(c, start);
    else if (!socDeviceFastPath(c, start))
      socPacedPath(c, start);
  }
  SocService& s = k.soc;
  const uint32_t w = k.width;
  const uint32_t n = socBeats(k);
  s.n = n;
  s.fifoBeat = 0;
  s.countedBytes = 0;
  s.fault = s.faultInRead = s.faultInjected = false;
  if (k.mem2mem) {
    s.srcAddr = k.memAddress();
    s.dstAddr = k.m2mDestination + k.sgOffset;
    s.srcFixed = s.dstFixed = false;
  } else if (k.direction == Direction::MemoryToDevice) {
    s.srcAddr = k.memAddress();
    s.dstAddr = k.deviceAddress;
    s.srcFixed = false;
    s.dstFixed = true;
  } else {
    s.srcAddr = k.deviceAddress;
    s.dstAddr = k.memAddress();
    s.srcFixed = true;
    s.dstFixed = false;
  }
  uint32_t rs = s.srcFixed ? bus.find(s.srcAddr, k.dstHint) : bus.find(s.srcAddr, k.srcHint);
  uint32_t rd = (s.dstFixed || k.mem2mem) ? bus.find(s.dstAddr, k.dstHint) : bus.find(s.dstAddr, k.srcHint);
  s.readPer = 1 + (rs == kNoRegion ? 0 : bus.region(rs).readWait) + perturb.waitStates();  // + 0 unless exploring
  s.writePer = 1 + (rd == kNoRegion ? 0 : bus.region(rd).writeWait) + perturb.waitStates();
  // Faults: the first beat touching an injected fault (or an unmapped address) ends the burst.
  auto firstBad = [&](uint64_t a, bool fixed, uint32_t region, uint64_t& addr, bool& injected) -> uint32_t {
    if (region == kNoRegion) {
      addr = a;
      injected = false;
      return 0;
    }
    uint64_t f = bus.firstFault(a, fixed ? w : uint64_t{n} * w);
    if (f == kNever) return n;
    addr = f;
    injected = true;
    return fixed ? 0 : static_cast<uint32_t>((f - a) / w);
  };
  uint64_t fa = 0;
  bool inj = false;
  uint32_t rb = firstBad(s.srcAddr, s.srcFixed, rs, fa, inj);
  s.readBeat0 = start + opt.burstSetup;
  if (rb < n) {
    s.fault = s.faultInRead = true;
    s.faultAddress = fa;
    s.faultInjected = inj;
    s.readBeats = rb;
    s.okBeats = 0;
    s.end = s.readBeat0 + uint64_t{rb + 1} * s.readPer - 1;
  } else {
    s.readBeats = n;
    s.writeBeat0 = s.readBeat0 + uint64_t{n} * s.readPer + opt.burstSetup;
    uint32_t wb = firstBad(s.dstAddr, s.dstFixed, rd, fa, inj);
    if (wb < n) {
      s.fault = true;
      s.faultAddress = fa;
      s.faultInjected = inj;
      s.okBeats = wb;
      s.end = s.writeBeat0 + uint64_t{wb + 1} * s.writePer - 1;
    } else {
      s.okBeats = n;
      s.end = s.writeBeat0 + uint64_t{n} * s.writePer - 1;
    }
  }
  s.dstRegion = rd;
  if (traceOn()) [[unlikely]] traceSocGrant(c);
  // Memory sources are latched now.
  if (!s.srcFixed && s.readBeats) {
    const uint64_t len = uint64_t{s.readBeats} * w;
    if (bus.ramHolds(rs, s.srcAddr, len))
      std::memcpy(s.data, bus.ramPtr(rs, s.srcAddr), static_cast<size_t>(len));  // = bus.peek, without the lookups
    else
      bus.peek(s.srcAddr, len, s.data);
  } else if (s.srcFixed && k.devicePort == kNoLine && s.readBeats) {
    for (uint32_t j = 0; j < s.readBeats; ++j) bus.peek(s.srcAddr, w, s.data + j * w);
  }
  uint64_t first = kNever;  // the cycle of the first FIFO beat, if any
  if (k.devicePort != kNoLine) {
    if (k.direction == Direction::DeviceToMemory && s.readBeats)
      first = s.readBeat0 + s.readPer - 1;
    else if (k.direction == Direction::MemoryToDevice && !s.faultInRead && s.okBeats)
      first = s.writeBeat0 + s.writePer - 1;
  }
  if (!opt.fastPaths) {
    if (first != kNever) sched.push(first, Act::DmaStep, c, k.svcGen);
    sched.push(s.end, Act::ServiceEnd, c, k.svcGen);
    s.endQueued = true;
    return false;
  }
  // Fast path (inline service): each step of the burst that would be the very next thing the run loop does is done
  // here, at its own cycle; the first one that would not be goes on the calendar, with the burst's end.
  s.endQueued = false;
  if (first != kNever) {
    if (!nextInline(first, Act::DmaStep)) {
      sched.push(first, Act::DmaStep, c, k.svcGen);
      queueServiceEnd(c);
      return false;
    }
    ++statActivities;
    now = first;
    if (!socFifoBeats(c)) return false;
  }
  return socEndInline(c);
}

bool Engine::nextInline(uint64_t at, Act act) const {
  return running && !irqRose && !timerFired && at <= runTarget && !sink.hasPending() && sched.nothingBefore(at, act);
}

void Engine::queueServiceEnd(uint32_t c) {
  Channel& k = ch[c];
  if (k.soc.endQueued) return;
  k.soc.endQueued = true;
  sched.push(k.soc.end, Act::ServiceEnd, c, k.svcGen);
}

bool Engine::socEndInline(uint32_t c) {
  Channel& k = ch[c];
  SocService& s = k.soc;
  if (s.endQueued) return false;
  if (!nextInline(s.end, Act::ServiceEnd)) {
    queueServiceEnd(c);
    return false;
  }
  // socServiceEnd at s.end, except the arbitration its releaseBus asks for: the caller does that.
  ++statActivities;
  now = s.end;
  finishSocService(c);
  if (traceOn()) [[unlikely]] tr(now + 1, TraceKind::BusBusy, 0, 0);
  busOwned = false;
  haveLastEnd = true;
  busLastEnd = now;
  return true;
}

void Engine::socStep(uint32_t c, uint64_t gen) {
  Channel& k = ch[c];
  if (gen != k.svcGen || !k.inService) return;
  // The burst's end was queued with this step unless the inline service path is on (then it may end here).
  if (socFifoBeats(c) && socEndInline(c)) requestArbitrate(now);
}

bool Engine::socFifoBeats(uint32_t c) {
  Channel& k = ch[c];
  SocService& s = k.soc;
  const uint32_t w = k.width;
  const bool read = k.direction == Direction::DeviceToMemory;
  // Fast path: the port's reschedule after each beat (portDmaRead / portDmaWrite) is left to the end of this run
  // of beats. Meanwhile the port's calendar entry may be stale (early or late). The calendar is read only by the
  // inline tests below (and portTxBeatQuiet, which refuses when the entry is stale and not kNever; when it is
  // kNever its other conditions make the exact wake kNever too), so before each test the port is rescheduled
  // unless the cycle tested comes before portWakeFloor, which the exact wake cannot precede: the test then
  // decides as with the exact wake, or sends the beat to the calendar (after rescheduling), which is equivalent.
  // Done before every return, so socEndInline and the caller see the port's exact wake.
  bool deferred = false;
  bool* defer = opt.fastPaths ? &deferred : nullptr;
  const uint32_t port = k.devicePort;
  for (;;) {
    ++statBeats;
    uint32_t j = s.fifoBeat++;
    uint64_t next;
    if (read) {
      storeLe(s.data + j * w, portDmaRead(port, defer), w);
      if (s.fifoBeat >= s.readBeats) {
        if (deferred) portReschedule(port);
        return true;
      }
      next = s.readBeat0 + uint64_t{s.fifoBeat + 1} * s.readPer - 1;
    } else {
      portDmaWrite(port, loadLe(s.data + j * w, w), defer);
      k.iterWritten += w;
      s.countedBytes += w;
      if (s.fifoBeat >= s.okBeats) {
        if (deferred) portReschedule(port);
        return true;
      }
      next = s.writeBeat0 + uint64_t{s.fifoBeat + 1} * s.writePer - 1;
    }
    // When the next beat would be the very next thing the calendar runs, do it here (same order, no entry).
    for (;;) {
      if (deferred && portWakeFloor(ports[port]) <= next) {
        portReschedule(port);
        deferred = false;
      }
      if (!(!irqRose && !timerFired && next <= runTarget && sched.nothingBefore(next, Act::DmaStep))) {
        if (deferred) portReschedule(port);
        sched.push(next, Act::DmaStep, c, k.svcGen);
        queueServiceEnd(c);
        return false;
      }
      ++statActivities;
      now = next;
      // Still deferred here means portWakeFloor > now: the device's next tick is not now, so portTxQuietRun
      // (portTxRunReady) would refuse; skip looking.
      if (read || s.writePer != 1 || deferred) break;
      // Write beats one per cycle into a tx port: the beats at now, now+1, ... that would each run inline here
      // (quiet beats change neither the calendar nor irqRose/timerFired, so each one's inline test is the one made
      // now) may go to the port as one run (portTxQuietRun; 0 = not applicable, the beat goes the usual way).
      uint32_t left = s.okBeats - s.fifoBeat, n = 1;
      while (n < left && now + n <= runTarget && sched.nothingBefore(now + n, Act::DmaStep)) ++n;
      uint32_t done = n > 1 && opt.fastPaths ? portTxQuietRun(port, s.data + uint64_t{s.fifoBeat} * w, w, n) : 0;
      if (done == 0) break;
      statBeats += done;
      statActivities += done - 1;
      s.fifoBeat += done;
      k.iterWritten += uint64_t{done} * w;
      s.countedBytes += done * w;
      now += done - 1;
      if (s.fifoBeat >= s.okBeats) {
        if (deferred) portReschedule(port);
        return true;
      }
      next = s.writeBeat0 + uint64_t{s.fifoBeat + 1} * s.writePer - 1;
    }
  }
}

void Engine::socServiceEnd(uint32_t id, uint64_t gen) {
  if (id & kCancelStopFlag) {
    uint32_t c = id & ~kCancelStopFlag;
    Channel& k = ch[c];
    if (gen == k.svcGen && k.state == ChannelState::Stopping && !k.inService) completeStop(c);
    return;
  }
  uint32_t c = id;
  Channel& k = ch[c];
  if (gen == k.svcGen && k.inService) finishSocService(c);
  releaseBus(now);  // last: the arbiter (possibly inline) sees this channel's new state
}

void Engine::finishSocService(uint32_t c) {
  Channel& k = ch[c];
  k.inService = false;
  if (traceOn()) [[unlikely]] traceServiceEnd(c, now);
  SocService& s = k.soc;
  const uint32_t w = k.width;
  uint64_t bytes = uint64_t{s.okBeats} * w;
  if (s.okBeats) {
    if (!s.dstFixed) {
      if (bus.ramHolds(s.dstRegion, s.dstAddr, bytes))
        std::memcpy(bus.ramPtr(s.dstRegion, s.dstAddr), s.data, static_cast<size_t>(bytes));  // = bus.poke
      else
        bus.poke(s.dstAddr, s.data, bytes);
    } else if (k.devicePort == kNoLine) {
      bus.poke(s.dstAddr, s.data + (s.okBeats - 1) * w, w);  // n writes to one RAM address: the last one stays
    }
  }
  k.iterWritten += bytes - s.countedBytes;
  if (k.devicePort == kNoLine) statBeats += s.readBeats + s.okBeats;
  else statBeats += k.direction == Direction::DeviceToMemory ? s.okBeats : s.readBeats;
  if (s.fault) {
    k.bytesWritten += bytes;
    k.sgOffset += bytes;  // stays inside the fragment: the faulting beat was not written
    stopWithError(c, s.faultAddress, s.faultInjected);
    return;
  }
  int r = afterBeats(c, bytes);
  if (r != kAfterTerminal && k.state == ChannelState::Stopping) completeStop(c);
}

}  // namespace dmasim
