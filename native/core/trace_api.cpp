// trace_api.cpp — the hardware trace on the Simulator facade: option checks, start / stop / manual trigger, and the
// copies out of the recorder (engine.h "hardware trace"; what is recorded: trace_capture.cpp).
#include <string>

#include "engine_impl.h"

namespace dmasim {

namespace {
void checkField(const char* field, uint64_t v, uint64_t lo, uint64_t hi) {
  if (v < lo || v > hi)
    throw SimError(err::kOutOfRange, std::string("trace.") + field + " must be in [" + std::to_string(lo) + ".." +
                                         std::to_string(hi) + "], got " + std::to_string(v));
}
}  // namespace

void Simulator::traceStart(const TraceOptions& o) {
  Engine& e = *engine_;
  checkField("groups", o.groups, 0, trace_group::kAll);  // 0: no signals (a software-only trace)
  checkField("capRecords", o.capRecords, 1, kTraceMaxRecords);
  checkField("ringCycles", o.ringCycles, 0, kMaxCycle);
  if (o.trigger != TraceTrigger::Now && o.trigger != TraceTrigger::Cycle && o.trigger != TraceTrigger::Event &&
      o.trigger != TraceTrigger::Manual)
    throw SimError(err::kInvalidArgument, "trace.trigger must be Now, Cycle, Event or Manual");
  if (o.trigger == TraceTrigger::Cycle) checkField("triggerCycle", o.triggerCycle, 0, kMaxCycle);
  if (o.trigger == TraceTrigger::Event) checkField("eventKind", o.eventKind, 1, 15);
  e.traceBegin(o);
}

void Simulator::traceStop() {
  Engine& e = *engine_;
  e.trace.sync(e.now);
  e.trace.stop(e.now);
  e.sink.setTraceTrigger(nullptr);
}

void Simulator::traceTrigger() {
  Engine& e = *engine_;
  e.trace.fire(e.now);
  e.sink.setTraceTrigger(nullptr);
}

TraceInfo Simulator::traceInfo() {
  Engine& e = *engine_;
  e.trace.sync(e.now);
  return e.trace.info(e.now);
}

size_t Simulator::traceRead(uint64_t offset, TraceRecord* out, size_t capacity) {
  if (capacity && !out) throw SimError(err::kInvalidArgument, "out must not be null");
  Engine& e = *engine_;
  e.trace.sync(e.now);
  return e.trace.read(offset, out, capacity);
}

size_t Simulator::traceReadBase(uint64_t offset, TraceRecord* out, size_t capacity) {
  if (capacity && !out) throw SimError(err::kInvalidArgument, "out must not be null");
  Engine& e = *engine_;
  e.trace.sync(e.now);
  return e.trace.readBase(offset, out, capacity, e.now);
}

}  // namespace dmasim
