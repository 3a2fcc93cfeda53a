// event_sink.h — where the engine writes its EventRecords: straight into the caller's buffer during a run, or into
// a pending queue (calls between runs, or a full caller buffer) delivered first by the next run.
// Behaviour source: ARCHITECTURE.md "Events" (a buffer JS owns; no callbacks out of the loop).
#pragma once

#include <cstddef>
#include <deque>

#include "event.h"

namespace dmasim {

class EventSink {
 public:
  void attach(EventRecord* buf, size_t cap) {
    buf_ = buf;
    cap_ = cap;
    count_ = 0;
    discard_ = (buf == nullptr && cap == 0);
  }
  void detach() {
    buf_ = nullptr;
    cap_ = 0;
    discard_ = false;
  }
  void emit(uint64_t cycle, EventKind kind, uint32_t source, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0,
            uint32_t d = 0) {
    EventRecord r{cycle, static_cast<uint32_t>(kind), source, a, b, c, d};
    ++produced_;
    if (discard_) return;
    if (pending_.empty() && count_ < cap_) {
      buf_[count_++] = r;
      return;
    }
    pending_.push_back(r);
  }
  // Moves pending records into the attached buffer; returns true when none remain pending.
  bool deliver() {
    if (pending_.empty()) return true;  // the common case (the run loop asks before every activity)
    if (discard_) {
      pending_.clear();
      return true;
    }
    while (!pending_.empty() && count_ < cap_) {
      buf_[count_++] = pending_.front();
      pending_.pop_front();
    }
    return pending_.empty();
  }
  bool hasPending() const { return !pending_.empty(); }
  size_t count() const { return count_; }
  uint64_t produced() const { return produced_; }

 private:
  EventRecord* buf_ = nullptr;
  size_t cap_ = 0;
  size_t count_ = 0;
  bool discard_ = false;
  uint64_t produced_ = 0;
  std::deque<EventRecord> pending_;
};

}  // namespace dmasim
