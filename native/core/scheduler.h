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

// Device-port wakes: at most one per port, kept in an indexed min-heap and moved in place (no stale entries).
// Ordered by (cycle, port id); they have the lowest priority number (PortWake) of a cycle. The heap holds the
// (cycle, port) pairs themselves, so comparisons touch only the heap's own memory.
class PortCalendar {
 public:
  static constexpr uint64_t kNever = ~uint64_t{0};
  static constexpr uint32_t kNone = ~uint32_t{0};
  void addPort() {
    when_.push_back(kNever);
    pos_.push_back(kNone);
  }
  uint64_t when(uint32_t p) const { return when_[p]; }
  void set(uint32_t p, uint64_t t) {
    if (t == when_[p]) return;
    if (t == kNever) {
      remove(p);
      return;
    }
    uint64_t old = when_[p];
    when_[p] = t;
    if (pos_[p] == kNone) {
      uint32_t i = static_cast<uint32_t>(heap_.size());
      heap_.push_back(Node{t, p});
      up(i, Node{t, p});
    } else if (t < old) {
      up(pos_[p], Node{t, p});
    } else {
      down(pos_[p], Node{t, p});
    }
  }
  bool empty() const { return heap_.empty(); }
  uint64_t topCycle() const { return heap_.empty() ? kNever : heap_[0].when; }
  uint32_t topPort() const { return heap_[0].port; }
  uint32_t pop() {
    uint32_t p = heap_[0].port;
    remove(p);
    return p;
  }

 private:
  struct Node {
    uint64_t when;
    uint32_t port;
  };
  static bool less(const Node& a, const Node& b) { return a.when < b.when || (a.when == b.when && a.port < b.port); }
  void place(uint32_t i, const Node& n) {
    heap_[i] = n;
    pos_[n.port] = i;
  }
  void up(uint32_t i, Node n) {
    while (i > 0) {
      uint32_t parent = (i - 1) / 2;
      if (!less(n, heap_[parent])) break;
      place(i, heap_[parent]);
      i = parent;
    }
    place(i, n);
  }
  void down(uint32_t i, Node n) {
    uint32_t count = static_cast<uint32_t>(heap_.size());
    for (;;) {
      uint32_t c = 2 * i + 1;
      if (c >= count) break;
      if (c + 1 < count && less(heap_[c + 1], heap_[c])) ++c;
      if (!less(heap_[c], n)) break;
      place(i, heap_[c]);
      i = c;
    }
    place(i, n);
  }
  void remove(uint32_t p) {
    uint32_t i = pos_[p];
    when_[p] = kNever;
    if (i == kNone) return;
    pos_[p] = kNone;
    Node last = heap_.back();
    heap_.pop_back();
    if (last.port == p) return;
    if (i > 0 && less(last, heap_[(i - 1) / 2]))
      up(i, last);
    else
      down(i, last);
  }
  std::vector<uint64_t> when_;
  std::vector<uint32_t> pos_;
  std::vector<Node> heap_;
};

class Scheduler {
 public:
  static constexpr uint64_t kNever = ~uint64_t{0};
  static constexpr uint64_t kSeqMask = (uint64_t{1} << 56) - 1;  // 2^56 entries: never wraps in practice

  PortCalendar ports;

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
  bool empty() const { return mainEmpty() && ports.empty(); }
  uint64_t topCycle() const { return std::min(mainTopCycle(), ports.topCycle()); }
  // The next entry's cycle (kNever when empty) and whether it is a port wake: port wakes have the lowest priority
  // number, so they go first within a cycle. The run loop reads this once per activity, then pops that entry with
  // ports.pop() or popMain() (pop() does both steps).
  uint64_t peek(bool& portFirst) const {
    uint64_t pc = ports.topCycle(), mc = mainTopCycle();
    portFirst = pc <= mc;  // both kNever only when both are empty (a port is never on the calendar at kNever)
    return portFirst ? pc : mc;
  }
  SchedEntry pop() {
    bool portFirst;
    uint64_t c = peek(portFirst);
    if (portFirst) {
      uint32_t p = ports.pop();
      return SchedEntry{c, p, 0, p, Act::PortWake};
    }
    return popMain();
  }
  // Pops the earliest entry that is not a port wake (the calendar has one).
  SchedEntry popMain() {
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
    uint64_t pc = ports.topCycle();
    if (pc < cycle || (pc == cycle && act > Act::PortWake)) return false;
    if (mainEmpty()) return true;
    const SchedEntry& t = hasSlot_ ? slot_ : heap_.front();
    return t.cycle > cycle || (t.cycle == cycle && t.act >= act);
  }

 private:
  bool mainEmpty() const { return !hasSlot_ && heap_.empty(); }
  uint64_t mainTopCycle() const { return hasSlot_ ? slot_.cycle : heap_.empty() ? kNever : heap_.front().cycle; }
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
