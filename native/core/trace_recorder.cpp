// trace_recorder.cpp — the hardware trace's ring, window, cap and base values (trace_recorder.h). Knows nothing of the
// engine: the capture points (trace_capture.cpp) hand it records; trace_api.cpp exposes it on dmasim::Simulator.
#include "trace_recorder.h"

#include <algorithm>

namespace dmasim {

namespace {
constexpr uint32_t kNoValue = 0xFFFFFFFFu;
constexpr uint64_t kNoCycle = ~uint64_t{0};

uint32_t kindOf(uint32_t signal) { return signal >> 16; }
uint32_t entityOf(uint32_t signal) { return signal & 0xFFFFu; }
}  // namespace

uint32_t traceGroupOf(TraceKind k) {
  switch (k) {
    case TraceKind::RequestRaw:
    case TraceKind::RequestSeen:
      return trace_group::kRequest;
    case TraceKind::BusBusy:
    case TraceKind::BusOwner:
      return trace_group::kBus;
    case TraceKind::IrqLine:
    case TraceKind::ChannelIrq:
    case TraceKind::PortIrq:
      return trace_group::kInterrupt;
    case TraceKind::PortLevel:
    case TraceKind::PortFlush:
    case TraceKind::PortStatus:
    case TraceKind::PortFault:
      return trace_group::kPort;
    case TraceKind::Void:
      return 0;
    default:
      return trace_group::kChannel;
  }
}

void TraceRecorder::start(const TraceOptions& o, uint64_t now) {
  opt_ = o;
  started_ = true;
  active = true;
  triggered_ = false;
  triggerCycle_ = now;
  startCycle_ = now;
  maxFolded_ = 0;
  completeFrom_ = 0;
  cut_ = false;
  cutCycle_ = kNoCycle;
  stopCycle_ = kNoCycle;
  // Default-initialised (not zeroed): the pages are touched only as records are written.
  if (cap_ != o.capRecords) {
    buf_.reset(new TraceRecord[o.capRecords]);
    cap_ = o.capRecords;
  }
  head_ = count_ = written_ = folded_ = 0;
  for (auto& b : base_) b.clear();
  if (o.trigger == TraceTrigger::Now || (o.trigger == TraceTrigger::Cycle && o.triggerCycle <= now)) fire(now);
}

void TraceRecorder::fire(uint64_t at) {
  if (triggered_ || !started_) return;
  triggered_ = true;
  triggerCycle_ = at;
}

bool TraceRecorder::onEvent(uint64_t now, uint32_t kind, uint32_t source, uint32_t a) {
  if (triggered_) return true;
  if (kind != opt_.eventKind) return false;
  if (opt_.eventSource != kTraceAnySource && source != opt_.eventSource) return false;
  constexpr uint32_t kInterruptLine = 1, kRequestLine = 11;  // EventKind numbers (event.h): rises only
  if ((kind == kInterruptLine || kind == kRequestLine) && a == 0) return false;
  fire(now);
  return true;
}

uint64_t TraceRecorder::windowStart(uint64_t now) const {
  if (!triggered_) {
    // Before the trigger only what lies ahead is kept (a cycle trigger: from its cycle, if that comes first).
    if (opt_.trigger == TraceTrigger::Cycle) return std::min(now, opt_.triggerCycle);
    return now;
  }
  uint64_t ws = triggerCycle_;
  if (opt_.ringCycles && now + 1 > opt_.ringCycles) ws = std::max(ws, now + 1 - opt_.ringCycles);
  return ws;
}

void TraceRecorder::setBase(TraceKind k, uint32_t entity, uint32_t value) {
  auto& b = base_[static_cast<uint32_t>(k)];
  if (b.size() <= entity) b.resize(entity + 1, kNoValue);
  b[entity] = value;
}

void TraceRecorder::fold(const TraceRecord& r) {
  ++folded_;
  if (r.signal == 0) return;
  setBase(static_cast<TraceKind>(kindOf(r.signal)), entityOf(r.signal), r.value);
  maxFolded_ = std::max(maxFolded_, r.cycle);
}

void TraceRecorder::foldOld(uint64_t now) {
  const uint64_t ws = windowStart(now);
  while (count_ && at(0).cycle < ws) {
    fold(at(0));
    head_ = (head_ + 1) % cap_;
    --count_;
  }
}

void TraceRecorder::append(uint64_t now, const TraceRecord& r) {
  if (!triggered_ && opt_.trigger == TraceTrigger::Cycle && now >= opt_.triggerCycle) fire(opt_.triggerCycle);
  foldOld(now);
  const uint64_t cap = opt_.capRecords;
  if (cut_) {
    // After the cut only records of cycles before it still complete the trace (FIFO ticks applied lazily), in
    // the room kept for them; any other lowers the cut to its own cycle.
    if (r.cycle < cutCycle_ && count_ < cap) {
      // fall through to store
    } else {
      cutCycle_ = std::min(cutCycle_, r.cycle);
      return;
    }
  } else if (triggered_ && !opt_.ringCycles && count_ >= cap - cap / 16) {
    cut_ = true;
    cutCycle_ = r.cycle;
    return;
  } else if (count_ >= cap) {
    // A ring (or a trace still waiting for its trigger) makes room by folding its oldest record.
    completeFrom_ = std::max(completeFrom_, at(0).cycle + 1);
    fold(at(0));
    head_ = (head_ + 1) % cap_;
    --count_;
  }
  buf_[(head_ + count_) % cap_] = r;
  ++count_;
  ++written_;
}

void TraceRecorder::voidChannelFuture(uint32_t c, uint64_t since, uint64_t after) {
  const uint64_t first = written_ - count_;  // sequence number of the oldest held record
  const uint32_t phase = traceSignal(TraceKind::ChannelPhase, c);
  const uint32_t beat = traceSignal(TraceKind::ChannelBeat, c);
  const uint32_t beats = traceSignal(TraceKind::ChannelBeats, c);
  for (uint64_t s = std::max(since, first); s < written_; ++s) {
    TraceRecord& r = at(s - first);
    if (r.cycle > after && (r.signal == phase || r.signal == beat || r.signal == beats)) r.signal = 0;
  }
}

TraceInfo TraceRecorder::info(uint64_t now) const {
  now = frozen(now);
  TraceInfo i;
  i.active = active;
  i.started = started_;
  i.triggered = triggered_;
  i.triggerCycle = triggered_ ? triggerCycle_ : 0;
  i.windowStart = started_ ? windowStart(now) : 0;
  i.completeFrom = std::max(i.windowStart, completeFrom_);
  i.cut = cut_;
  i.cutCycle = cut_ ? cutCycle_ : 0;
  i.records = count_;
  i.written = written_;
  i.folded = folded_;
  i.capRecords = opt_.capRecords;
  i.groups = opt_.groups;
  return i;
}

size_t TraceRecorder::read(uint64_t offset, TraceRecord* out, size_t capacity) const {
  if (offset >= count_) return 0;
  const size_t n = static_cast<size_t>(std::min<uint64_t>(capacity, count_ - offset));
  for (size_t i = 0; i < n; ++i) out[i] = at(offset + i);
  return n;
}

size_t TraceRecorder::baseCount() const {
  size_t n = 0;
  for (uint32_t k = 1; k < kTraceKindCount; ++k) {
    if (!wants(static_cast<TraceKind>(k))) continue;
    for (uint32_t v : base_[k]) n += v != kNoValue;
  }
  return n;
}

size_t TraceRecorder::readBase(uint64_t offset, TraceRecord* out, size_t capacity, uint64_t now) const {
  const uint64_t ws = started_ ? windowStart(frozen(now)) : 0;
  size_t n = 0;
  uint64_t index = 0;
  for (uint32_t k = 1; k < kTraceKindCount && n < capacity; ++k) {
    if (!wants(static_cast<TraceKind>(k))) continue;
    const auto& b = base_[k];
    for (uint32_t e = 0; e < b.size() && n < capacity; ++e) {
      if (b[e] == kNoValue) continue;
      if (index++ < offset) continue;
      out[n++] = TraceRecord{ws, traceSignal(static_cast<TraceKind>(k), e), b[e]};
    }
  }
  return n;
}

}  // namespace dmasim
