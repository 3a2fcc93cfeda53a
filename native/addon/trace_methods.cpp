// The hardware trace methods of NativeSimulator (simulator_wrap.h; the engine side is native/core/trace_*.h/.cpp).
// traceStart(options) takes every field filled by lib/sim/trace-options.ts; traceRead(offset, out) and
// traceReadBase(offset, out) copy whole 16-byte records into the caller's Uint8Array or ArrayBuffer during the call
// and keep nothing of it (no pointer into JS memory outlives the call); traceInfo() returns the recorder's state.
#include <cstring>

#include "args.h"
#include "errors.h"
#include "simulator_wrap.h"

namespace kmdf_dma_sim_addon {

namespace {

// The caller's record buffer: whole 16-byte records. Copied through memcpy, so any alignment is fine.
struct RecordSpan {
  uint8_t* data;
  size_t capacity;
};

RecordSpan ArgRecords(const Napi::CallbackInfo& info, size_t i) {
  ByteSpan bytes = ArgBytes(info, i, "out");
  size_t capacity = bytes.length / sizeof(dmasim::TraceRecord);
  if (capacity == 0) ThrowCoded(info.Env(), dmasim::err::kInvalidArgument, "\"out\" must hold at least one 16-byte record");
  return {bytes.data, capacity};
}

template <typename Read>
Napi::Value CopyOut(const Napi::CallbackInfo& info, Read read) {
  uint64_t offset = ArgUint(info, 0, "offset", kMaxSafeInteger);
  RecordSpan span = ArgRecords(info, 1);
  // Into a scratch block first, then one memcpy: the engine never writes into JS memory itself.
  constexpr size_t kChunk = 4096;
  size_t total = 0;
  dmasim::TraceRecord scratch[kChunk / sizeof(dmasim::TraceRecord)];
  constexpr size_t kPer = sizeof scratch / sizeof scratch[0];
  while (total < span.capacity) {
    size_t want = std::min(kPer, span.capacity - total);
    size_t n = read(offset + total, scratch, want);
    std::memcpy(span.data + total * sizeof(dmasim::TraceRecord), scratch, n * sizeof(dmasim::TraceRecord));
    total += n;
    if (n < want) break;
  }
  return Napi::Number::New(info.Env(), static_cast<double>(total));
}

}  // namespace

Napi::Value SimulatorWrap::TraceStart(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  Napi::Object o = ToObject(env, info[0], "options");
  const char* p = "options";
  dmasim::TraceOptions t;
  t.groups = FieldU32(env, o, p, "groups");
  t.capRecords = FieldUint(env, o, p, "capRecords", kMaxSafeInteger);
  t.ringCycles = FieldUint(env, o, p, "ringCycles", kMaxSafeInteger);
  t.trigger = static_cast<dmasim::TraceTrigger>(FieldU32(env, o, p, "trigger", 3));
  t.triggerCycle = FieldUint(env, o, p, "triggerCycle", kMaxSafeInteger);
  t.eventKind = FieldU32(env, o, p, "eventKind");
  t.eventSource = FieldU32(env, o, p, "eventSource");
  sim.traceStart(t);  // range checks: ERR_OUT_OF_RANGE naming trace.<field>
  return env.Undefined();
}

Napi::Value SimulatorWrap::TraceStop(const Napi::CallbackInfo& info) {
  Sim(info.Env()).traceStop();
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::TraceTrigger(const Napi::CallbackInfo& info) {
  Sim(info.Env()).traceTrigger();
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::TraceInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::TraceInfo t = Sim(env).traceInfo();
  Napi::Object out = Napi::Object::New(env);
  auto num = [&](const char* k, uint64_t v) { out.Set(k, Napi::Number::New(env, static_cast<double>(v))); };
  out.Set("active", Napi::Boolean::New(env, t.active));
  out.Set("started", Napi::Boolean::New(env, t.started));
  out.Set("triggered", Napi::Boolean::New(env, t.triggered));
  num("triggerCycle", t.triggerCycle);
  num("windowStart", t.windowStart);
  num("completeFrom", t.completeFrom);
  out.Set("cut", Napi::Boolean::New(env, t.cut));
  num("cutCycle", t.cutCycle);
  num("records", t.records);
  num("written", t.written);
  num("folded", t.folded);
  num("capRecords", t.capRecords);
  num("groups", t.groups);
  return out;
}

Napi::Value SimulatorWrap::TraceRead(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  return CopyOut(info, [&](uint64_t off, dmasim::TraceRecord* out, size_t cap) { return sim.traceRead(off, out, cap); });
}

Napi::Value SimulatorWrap::TraceReadBase(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  return CopyOut(info,
                 [&](uint64_t off, dmasim::TraceRecord* out, size_t cap) { return sim.traceReadBase(off, out, cap); });
}

}  // namespace kmdf_dma_sim_addon
