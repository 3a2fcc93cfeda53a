// scheduler.h — the event calendar: pending activities ordered by (cycle, priority, sequence).
//
// Behaviour source: ARCHITECTURE.md "Time" (same-cycle order documented, idle spans skipped in one step).
// Time jumps straight from one entry's cycle to the next: an idle span costs one heap pop.
//
// Same-cycle priority (lower first) — every kind of activity the engine has:
//   0 PortWake     a device port's due work: element ticks (rx push / tx pop), stalls, idle-timeout expiry,
//                  re-evaluation after a setter call
//   1 DmaStep      a channel's beat on a FIFO port (soc) or the next byte of an 8237 service
//   2 ServiceEnd   a soc burst's last cycle: memory writes land, counters, terminal count / wrap / error / cancel,
//                  bus released; a cancel with no burst in progress also stops here (at t+1)
//   3 RequestSeen  a request rise reaches the controller (requestLatency after the rise)
//   4 Arbitrate    the arbiter picks among the channels ready in this cycle
//   5 IrqAssert    a channel's interrupt becomes visible; the controller line may rise
//   6 Timer        schedule()d timers
// Entries with equal cycle and priority run in the order of their entity number (port id, channel, request line,
// channel*4+interrupt type); timers in the order schedule() was called. This makes the order independent of when
// an entry happened to be put on the calendar, so the way a run is sliced (buffer size, stops) never changes it.
// Stop rule: runs stop only between cycles (all priorities of cycle c done), except BufferFull (see engine.h).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

namespace dmasim {

enum class Act : uint8_t { PortWake = 0, DmaStep = 1, ServiceEnd = 2, RequestSeen = 3, Arbitrate = 4, IrqAssert = 5, Timer = 6 };

struct SchedEntry {
  uint64_t cycle;
  uint64_t key;  // (priority << 56) | entity number (timers: sequence): orders entries of one cycle
  uint64_t gen;  // generation the target must still have (stale entries are ignored)
  uint32_t id;   // port / channel / line / tag
  Act act;
};

class Scheduler {
 public:
  static constexpr uint64_t kNever = ~uint64_t{0};
  static constexpr uint64_t kSeqMask = (uint64_t{1} << 56) - 1;  // 2^56 entries: never wraps in practice

  // The earliest entry lives in `slot_` when it was the earliest when pushed (the common case: a beat one cycle
  // ahead), so it is popped without touching the heap. Invariant: slot_ precedes every heap entry.
  void push(uint64_t cycle, Act act, uint32_t id, uint64_t gen) {
    uint64_t order = act == Act::Timer ? (nextSeq_++ & kSeqMask) : id;
    SchedEntry e{cycle, (uint64_t{static_cast<uint8_t>(act)} << 56) | order, gen, id, act};
    if (!hasSlot_) {
      if (heap_.empty() || before(e, heap_.front())) {
        slot_ = e;
        hasSlot_ = true;
        return;
      }
      heapPush(e);
      return;
    }
    if (before(e, slot_)) {
      heapPush(slot_);
      slot_ = e;
    } else {
      heapPush(e);
    }
  }
  bool empty() const { return !hasSlot_ && heap_.empty(); }
  uint64_t topCycle() const { return hasSlot_ ? slot_.cycle : heap_.empty() ? kNever : heap_.front().cycle; }
  const SchedEntry& top() const { return hasSlot_ ? slot_ : heap_.front(); }
  SchedEntry pop() {
    if (hasSlot_) {
      hasSlot_ = false;
      return slot_;
    }
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    SchedEntry e = heap_.back();
    heap_.pop_back();
    return e;
  }
  size_t size() const { return heap_.size() + (hasSlot_ ? 1 : 0); }
  // True when nothing with a priority below `act` is due at `cycle` (so work of priority `act` may run inline).
  bool nothingBefore(uint64_t cycle, Act act) const {
    if (empty()) return true;
    const SchedEntry& t = top();
    return t.cycle > cycle || (t.cycle == cycle && t.act >= act);
  }

 private:
  static bool before(const SchedEntry& x, const SchedEntry& y) {
    return x.cycle < y.cycle || (x.cycle == y.cycle && x.key < y.key);
  }
  struct Later {
    bool operator()(const SchedEntry& x, const SchedEntry& y) const { return before(y, x); }
  };
  void heapPush(const SchedEntry& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), Later{});
  }
  std::vector<SchedEntry> heap_;
  SchedEntry slot_{};
  bool hasSlot_ = false;
  uint64_t nextSeq_ = 0;
};

}  // namespace dmasim
