// soc_device_fast_path.cpp — the block fast path for peripheral (not memory-to-memory) soc channels: runs of
// bursts done at once, while nothing else can happen before the last of them ends, when the device side is
//   - a RAM (memory-mapped) region at the fixed device address, either direction: a write burst of n beats to one
//     address leaves its last beat there, a read burst reads that address n times (finishSocService, socGrant);
//   - a tx FIFO port that stays quiet through every beat of the run (portTxBeatQuiet: its request stays up, no
//     record, no interrupt output change, no calendar entry), memory to device.
// Behaviour source: the same rules as soc_service.cpp (TIMING.md soc rules 2-6); this file only skips the calendar.
// Every burst batched here is one the general path would grant back to back (bus released at its last cycle,
// arbitrated in that cycle, the next burst at the next cycle) and run with nothing else in between:
//   - it ends before the next calendar entry and within the run (aheadLimit): no other activity, no stop;
//   - no other channel could win an arbitration in between: with fixed priority this channel won the arbitration
//     just made, and no other channel's readiness can change without a calendar entry (a program or setter call is
//     made between runs, a request is seen through a RequestSeen entry, a lazy port tick never moves a request
//     line); with round robin any other ready channel would win the next one, so there must be none;
//   - a demand channel's request was seen at the grant and stays seen: its line moves only in calendar activities,
//     or (driven by the port served here) not at all, the port staying quiet;
//   - none of its beats touches an injected fault or an unmapped address, none reaches the end of the SG element
//     (so no element advance, wrap or terminal count) and none reaches a loop notification threshold: no record,
//     no interrupt. The burst that would is granted through the general path.
#include <algorithm>
#include <cstring>

#include "bytes_le.h"
#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint64_t kKiB = 1024;
}  // namespace

bool Engine::socDeviceFastPath(uint32_t c, uint64_t& start) {
  Channel& k = ch[c];
  if (!running || k.state != ChannelState::Running || k.mem2mem || k.sgIndex >= k.sg.size()) return false;
  const bool toPort = k.devicePort != kNoLine;
  const bool d2m = k.direction == Direction::DeviceToMemory;
  if (toPort && d2m) return false;  // rx ports: not batched (their beats go through socFifoBeats)
  FifoPort* fp = nullptr;
  if (toPort) {  // first: a busy port (the common refusal) costs no more than this
    fp = &ports[k.devicePort];
    if (fp->o.elementWidth != k.width || !portTxBeatQuiet(k.devicePort)) return false;
  }
  if (opt.priority == PriorityMode::RoundRobin) {
    for (uint32_t i = 0; i < opt.channels; ++i)
      if (i != c && ready(i)) return false;
  }
  if (k.demand && !requestSeen(k.line, now)) return false;
  const uint64_t limit = aheadLimit();
  if (start > limit) return false;
  const uint32_t w = k.width;
  const uint64_t dev = k.deviceAddress;
  const uint32_t rdev = bus.find(dev, k.dstHint);
  if (rdev == kNoRegion) return false;
  if (bus.hasFaults() && bus.firstFault(dev, w) != kNever) return false;
  const Region& gdev = bus.region(rdev);
  const uint64_t devPer = 1 + uint64_t{d2m ? gdev.readWait : gdev.writeWait};
  if (!toPort && !bus.ramHolds(rdev, dev, w)) return false;
  const uint64_t thr = (k.loop && k.notifyThreshold) ? (uint64_t{k.notifyThreshold} + w - 1) / w * w : 0;
  const uint64_t setup2 = 2 * uint64_t{opt.burstSetup};
  bool any = false;
  for (;;) {
    const uint64_t n = socBeats(k);
    const uint64_t bytes = n * w;
    const uint64_t left = k.fragmentLeft();
    if (bytes >= left) break;  // the element's last burst: general path
    if (thr && k.sinceNotify + bytes >= thr) break;
    const uint64_t mem = k.memAddress();
    const uint32_t rmem = bus.find(mem, k.srcHint);
    if (rmem == kNoRegion) break;
    const Region& gm = bus.region(rmem);
    const uint64_t memPer = 1 + uint64_t{d2m ? gm.writeWait : gm.readWait};
    const uint64_t cost = setup2 + n * (memPer + devPer);
    if (start > limit || limit - start + 1 < cost) break;
    // m bursts like this one: a full burst repeats until a 1 KiB boundary, the region's end or the element's last
    // burst; then the run's time, the notification threshold and the first fault bound m.
    // (A burst shortened by a boundary, the region's end or the element's end is followed by none like it: then
    // dist < 2 * bytes and m is 1. Otherwise n is the channel's full burst, the same for every burst of the run.)
    const uint64_t dist = std::min({kKiB - mem % kKiB, gm.base + gm.size - mem, left - 1});
    uint64_t m = std::max<uint64_t>(dist / bytes, 1);
    m = std::min(m, (limit - start + 1) / cost);
    if (thr) m = std::min(m, (thr - 1 - k.sinceNotify) / bytes);
    if (bus.hasFaults()) {
      const uint64_t f = bus.firstFault(mem, m * bytes);
      if (f != kNever) m = std::min(m, (f - mem) / bytes);
    }
    if (m == 0 || !bus.ramHolds(rmem, mem, m * bytes)) break;
    uint8_t* pm = bus.ramPtr(rmem, mem);
    uint64_t done = 0;
    if (toPort) {
      // Each burst's n beats into the port at their cycles, while the port stays quiet: its level (ticks only
      // lower it) leaves room for the burst with the request still up after every beat.
      const uint32_t p = k.devicePort;
      const uint64_t wm = fp->o.watermark, depth = fp->depth();
      // A device sending one element per cycle empties the FIFO between bursts (a burst lasts at least n+1 cycles):
      // once a burst starts with the device about to idle, all the rest do (portTxIdleBursts).
      const bool rate1 = devPer == 1 && fp->rateQ == 1 && fp->rateR == 0 && fp->o.deviceEnable && fp->width() == w;
      for (; done < m; ++done) {
        if (uint64_t{fp->level} + n + wm > depth) break;
        const uint8_t* src = pm + done * bytes;
        const uint64_t beat0 = start + done * cost + opt.burstSetup + n * memPer + opt.burstSetup;  // writeBeat0
        if (rate1 && fp->active && fp->level == 1 && fp->nextTick < beat0) {
          // The held element goes at nextTick, the tick after it (<= beat0) idles the device: steady from here.
          const uint64_t rest = m - done;
          portTxIdleBursts(*fp, src, w, n, rest, beat0 + (rest - 1) * cost);
          done = m;
          break;
        }
        for (uint64_t j = 0; j < n;) {
          now = beat0 + (j + 1) * devPer - 1;
          // The rest of the burst as one run when the port takes one element per cycle (each beat stays quiet: the
          // static conditions were checked above, the level by the burst's room).
          const uint32_t rest = static_cast<uint32_t>(n - j);
          if (devPer == 1 && rest > 1 && portTxRunReady(*fp, w, rest)) {
            portTxRun(*fp, src + j * w, w, rest);
            break;
          }
          portTxQuietWrite(p, loadLe(src + j * w, w));
          ++j;
        }
      }
      if (done == 0) break;
      now = start + done * cost - 1;  // the last batched burst's last cycle (its last beat)
    } else {
      // Bursts in order (the fixed address may lie in a later burst's memory range).
      uint8_t* pd = bus.ramPtr(rdev, dev);
      for (; done < m; ++done) {
        uint8_t* pb = pm + done * bytes;
        if (d2m) {
          uint8_t v[8];
          std::memcpy(v, pd, w);  // read n times at the grant, all the same
          for (uint64_t j = 0; j < n; ++j) std::memcpy(pb + j * w, v, w);
        } else {
          std::memmove(pd, pb + bytes - w, w);
        }
      }
    }
    socBatchDone(k, done * bytes, 2 * done * n, start, done * cost);
    any = true;
    if (done < m) break;
  }
  return any;
}

}  // namespace dmasim
