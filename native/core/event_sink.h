// event_sink.h — where the engine writes its EventRecords: straight into the caller's buffer during a run, or into
// a pending queue (calls between runs, or a full caller buffer) delivered first by the next run.
// Behaviour source: ARCHITECTURE.md "Events" (a buffer the addon owns; no callbacks out of the loop). A record mask
// (bit k = EventKind k) keeps the kinds nobody asked for from being stored at all; produced() counts every record
// the scenario made either way (stats), so the mask changes what is delivered, never what happened.
#pragma once

#include <cstddef>
#include <deque>

#include "event.h"
#include "trace_recorder.h"

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
    ++produced_;
    // A trace's event trigger sees every event, whatever the record mask lets through.
    if (trigger_ != nullptr) [[unlikely]] {
      if (trigger_->onEvent(cycle, static_cast<uint32_t>(kind), source, a)) trigger_ = nullptr;
    }
    if (discard_ || ((mask_ >> static_cast<uint32_t>(kind)) & 1u) == 0) return;
    EventRecord r{cycle, static_cast<uint32_t>(kind), source, a, b, c, d};
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
  // Whether a record of `kind` made now would be stored (false: only counted).
  bool stores(EventKind kind) const { return !discard_ && ((mask_ >> static_cast<uint32_t>(kind)) & 1u) != 0; }
  // Records that fit in the attached buffer before one would wait (0 while any waits).
  size_t room() const { return pending_.empty() ? cap_ - count_ : 0; }
  // `n` records made that are not stored (stores() false for their kind, no trace trigger waiting): counted only.
  void countOnly(uint64_t n) { produced_ += n; }
  bool hasTrigger() const { return trigger_ != nullptr; }
  // The kinds stored from now on (bit k = EventKind k); records already pending stay.
  void setMask(uint32_t mask) { mask_ = mask; }
  uint32_t mask() const { return mask_; }
  // A trace waiting for an event trigger (trace_recorder.h): shown every record until it fires, then dropped.
  void setTraceTrigger(TraceRecorder* t) { trigger_ = t; }
  size_t count() const { return count_; }
  uint64_t produced() const { return produced_; }

 private:
  EventRecord* buf_ = nullptr;
  size_t cap_ = 0;
  size_t count_ = 0;
  bool discard_ = false;
  uint32_t mask_ = ~0u;
  uint64_t produced_ = 0;
  TraceRecorder* trigger_ = nullptr;
  std::deque<EventRecord> pending_;
};

}  // namespace dmasim
