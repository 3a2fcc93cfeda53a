// See simulator_wrap.h: class definition, construction from complete options (lib/sim/options.ts fills every
// field; a missing one is ERR_INVALID_ARG_TYPE, never guessed), dispose, time, timers, runs and line levels.
#include "simulator_wrap.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "args.h"
#include "errors.h"
#include "memory_views.h"

namespace kmdf_dma_sim_addon {

template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
Napi::Value SimulatorWrap::Call(const Napi::CallbackInfo& info) {
  // Any method may change a line level (a run, handleInterrupt, flush, program, a port or source setter), so the
  // mirror is refreshed after each one, also when it threw (a failed call may have changed nothing, or something).
  struct RefreshOnExit {
    SimulatorWrap* wrap;
    ~RefreshOnExit() { wrap->RefreshLineMirror(); }
  } refresh{this};
  return Guard(info.Env(), [&] {
    CheckGuard(info.Env());
    ApplyDeferredFlush();
    return (this->*Method)(info);
  });
}

template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
Napi::Value SimulatorWrap::FastCall(const Napi::CallbackInfo& info) {
  SimulatorWrap* wrap = static_cast<std::shared_ptr<FastTarget>*>(info.Data())->get()->wrap;
  if (wrap == nullptr) ThrowCoded(info.Env(), bind_err::kDisposed, "the simulator has been disposed");
  return wrap->Call<Method>(info);
}

template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
Napi::Function SimulatorWrap::FastFunction(Napi::Env env, const char* name) {
  auto* target = new std::shared_ptr<FastTarget>(fastTarget_);
  Napi::Function fn = Napi::Function::New<&SimulatorWrap::FastCall<Method>>(env, name, target);
  fn.AddFinalizer([](Napi::Env, std::shared_ptr<FastTarget>* t) { delete t; }, target);
  return fn;
}

Napi::Value SimulatorWrap::HotPathFunctions(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Sim(env);
  Napi::Object out = Napi::Object::New(env);
  out.Set("runBound", FastFunction<&SimulatorWrap::RunBound>(env, "runBound"));
  out.Set("handleInterruptNext", FastFunction<&SimulatorWrap::HandleInterruptNext>(env, "handleInterruptNext"));
  out.Set("programChannelBound", FastFunction<&SimulatorWrap::ProgramChannelBound>(env, "programChannelBound"));
  out.Set("setPortDmaEnable", FastFunction<&SimulatorWrap::SetPortDmaEnable>(env, "setPortDmaEnable"));
  return out;
}

SimulatorWrap::~SimulatorWrap() {
  fastTarget_->wrap = nullptr;
}

void SimulatorWrap::CheckGuard(Napi::Env env) const {
  if (state_ && (*state_)[kStateGuard] != 0) {
    ThrowCoded(env, bind_err::kReentrantCall,
               "the simulator is in the middle of a run (a call from its onEvents callback); call it after the run returns");
  }
}

void SimulatorWrap::ApplyDeferredFlush() {
  if (!state_) return;
  double& slot = (*state_)[kStateDeferredFlush];
  const double c = slot;
  if (c == -1) return;
  slot = -1;
  if (!(c >= 0 && c <= static_cast<double>(UINT32_MAX) && c == std::trunc(c))) {
    throw dmasim::SimError(dmasim::err::kInvalidArgument, "the deferred flush slot (state[1]) holds no channel number");
  }
  if (sim_) sim_->flushChannel(static_cast<uint32_t>(c));  // a bad channel: ERR_OUT_OF_RANGE, as flushChannel
}

void SimulatorWrap::RefreshLineMirror() noexcept {
  if (mirroredLines_.empty() || !sim_ || !state_) return;
  try {
    double* state = state_->data();
    for (uint32_t line : mirroredLines_) state[kStateLines + line] = sim_->interruptLineLevel(line) ? 1.0 : 0.0;
  } catch (...) {
    // Unreachable: mirrorInterruptLine accepted only lines < interruptLines, and the state has a slot for each.
  }
}

Napi::Function SimulatorWrap::Define(Napi::Env env) {
  using W = SimulatorWrap;
  return DefineClass(env, "NativeSimulator", {
      InstanceMethod("dispose", &W::Call<&W::Dispose>),
      InstanceMethod("isDisposed", &W::Call<&W::IsDisposed>),
      InstanceMethod("cycle", &W::Call<&W::Cycle>),
      InstanceMethod("schedule", &W::Call<&W::Schedule>),
      InstanceMethod("runUntil", &W::Call<&W::RunUntil>),
      InstanceMethod("runFor", &W::Call<&W::RunFor>),
      InstanceMethod("sharedBuffers", &W::Call<&W::SharedBuffers>),
      InstanceMethod("runBound", &W::Call<&W::RunBound>),
      InstanceMethod("mirrorInterruptLine", &W::Call<&W::MirrorInterruptLine>),
      InstanceMethod("hotPathFunctions", &W::Call<&W::HotPathFunctions>),
      InstanceMethod("interruptLineLevel", &W::Call<&W::InterruptLineLevel>),
      InstanceMethod("requestLineLevel", &W::Call<&W::RequestLineLevel>),
      InstanceMethod("stats", &W::Call<&W::Stats>),
      InstanceMethod("setRecordMask", &W::Call<&W::SetRecordMask>),
      InstanceMethod("setPerturbation", &W::Call<&W::SetPerturbation>),
      InstanceMethod("recordMask", &W::Call<&W::RecordMask>),
      InstanceMethod("addInterruptSource", &W::Call<&W::AddInterruptSource>),
      InstanceMethod("setInterruptSource", &W::Call<&W::SetInterruptSource>),
      InstanceMethod("interruptSourceLevel", &W::Call<&W::InterruptSourceLevel>),
      InstanceMethod("addMemory", &W::Call<&W::AddMemory>),
      InstanceMethod("memoryView", &W::Call<&W::MemoryView>),
      InstanceMethod("regionCount", &W::Call<&W::RegionCount>),
      InstanceMethod("regionInfo", &W::Call<&W::RegionInfo>),
      InstanceMethod("peek", &W::Call<&W::Peek>),
      InstanceMethod("poke", &W::Call<&W::Poke>),
      InstanceMethod("injectBusFault", &W::Call<&W::InjectBusFault>),
      InstanceMethod("clearBusFaults", &W::Call<&W::ClearBusFaults>),
      InstanceMethod("validateRequestLineBinding", &W::Call<&W::ValidateRequestLineBinding>),
      InstanceMethod("queryMaxFragments", &W::Call<&W::QueryMaxFragments>),
      InstanceMethod("programChannel", &W::Call<&W::ProgramChannel>),
      InstanceMethod("programBuffer", &W::Call<&W::ProgramBuffer>),
      InstanceMethod("programChannelBound", &W::Call<&W::ProgramChannelBound>),
      InstanceMethod("configureChannel", &W::Call<&W::ConfigureChannel>),
      InstanceMethod("flushChannel", &W::Call<&W::FlushChannel>),
      InstanceMethod("handleInterrupt", &W::Call<&W::HandleInterrupt>),
      InstanceMethod("handleInterruptPacked", &W::Call<&W::HandleInterruptPacked>),
      InstanceMethod("handleInterruptNext", &W::Call<&W::HandleInterruptNext>),
      InstanceMethod("readDmaCounter", &W::Call<&W::ReadDmaCounter>),
      InstanceMethod("cancelTransfer", &W::Call<&W::CancelTransfer>),
      InstanceMethod("programMemoryToMemory", &W::Call<&W::ProgramMemoryToMemory>),
      InstanceMethod("channelStatus", &W::Call<&W::ChannelStatus>),
      InstanceMethod("addFifoPort", &W::Call<&W::AddFifoPort>),
      InstanceMethod("portCount", &W::Call<&W::PortCount>),
      InstanceMethod("portStatus", &W::Call<&W::PortStatus>),
      InstanceMethod("setPortDmaEnable", &W::Call<&W::SetPortDmaEnable>),
      InstanceMethod("setPortDeviceEnable", &W::Call<&W::SetPortDeviceEnable>),
      InstanceMethod("setPortTxStreaming", &W::Call<&W::SetPortTxStreaming>),
      InstanceMethod("setPortWatermark", &W::Call<&W::SetPortWatermark>),
      InstanceMethod("setPortIdleTimeout", &W::Call<&W::SetPortIdleTimeout>),
      InstanceMethod("setPortInterrupt", &W::Call<&W::SetPortInterrupt>),
      InstanceMethod("clearPortStatus", &W::Call<&W::ClearPortStatus>),
      InstanceMethod("appendRxData", &W::Call<&W::AppendRxData>),
      InstanceMethod("readTxData", &W::Call<&W::ReadTxData>),
      InstanceMethod("clearTxData", &W::Call<&W::ClearTxData>),
      InstanceMethod("injectPortError", &W::Call<&W::InjectPortError>),
      InstanceMethod("injectPortStall", &W::Call<&W::InjectPortStall>),
      InstanceMethod("injectPortStallAt", &W::Call<&W::InjectPortStallAt>),
      InstanceMethod("traceStart", &W::Call<&W::TraceStart>),
      InstanceMethod("traceStop", &W::Call<&W::TraceStop>),
      InstanceMethod("traceTrigger", &W::Call<&W::TraceTrigger>),
      InstanceMethod("traceInfo", &W::Call<&W::TraceInfo>),
      InstanceMethod("traceRead", &W::Call<&W::TraceRead>),
      InstanceMethod("traceReadBase", &W::Call<&W::TraceReadBase>),
  });
}

SimulatorWrap::SimulatorWrap(const Napi::CallbackInfo& info) : Napi::ObjectWrap<SimulatorWrap>(info) {
  Guard(info.Env(), [&] { Construct(info); });
}

void SimulatorWrap::Construct(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = ToObject(env, info[0], "options");
  const char* p = "options";
  dmasim::SimOptions opt;
  opt.profile = static_cast<dmasim::Profile>(FieldU32(env, o, p, "profile", 1));
  opt.channels = FieldU32(env, o, p, "channels");
  opt.requestLines = FieldU32(env, o, p, "requestLines");
  opt.interruptLines = FieldU32(env, o, p, "interruptLines");
  opt.controllerInterruptLine = FieldU32(env, o, p, "controllerInterruptLine");
  opt.priority = static_cast<dmasim::PriorityMode>(FieldU32(env, o, p, "priority", 1));
  opt.arbitrationCycles = FieldU32(env, o, p, "arbitrationCycles");
  opt.burstSetup = FieldU32(env, o, p, "burstSetup");
  opt.interruptLatency = FieldU32(env, o, p, "interruptLatency");
  opt.requestLatency = FieldU32(env, o, p, "requestLatency");
  opt.defaultBurstLength = FieldU32(env, o, p, "defaultBurstLength");
  opt.fifoDepth = FieldU32(env, o, p, "fifoDepth");
  opt.maxFragments = FieldU32(env, o, p, "maxFragments");
  opt.holdLatency = FieldU32(env, o, p, "holdLatency");
  opt.compressedTiming = FieldBool(env, o, p, "compressedTiming");
  opt.rotatingPriority = FieldBool(env, o, p, "rotatingPriority");
  opt.fastPaths = FieldBool(env, o, p, "fastPaths");
  sim_ = std::make_shared<dmasim::Simulator>(opt);  // validates ranges, throws SimError naming the field
  anchor_ = std::make_shared<EngineAnchor>(EngineAnchor{sim_});
}

dmasim::Simulator& SimulatorWrap::Sim(Napi::Env env) {
  if (!sim_) ThrowCoded(env, bind_err::kDisposed, "the simulator has been disposed");
  return *sim_;
}

Napi::Value SimulatorWrap::Dispose(const Napi::CallbackInfo& info) {
  // Detach first (a failure throws before anything is freed): from then on no JS value reaches this memory.
  DetachViews(views_);
  lent_.ReclaimAll();  // detaches every lent block's view, then frees the blocks
  events_.reset();
  state_.reset();
  program_.reset();
  mirroredLines_.clear();
  if (anchor_) anchor_->sim.reset();
  sim_.reset();  // the engine and its RAM go now; the views' finalizers later drop only the empty anchor
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::IsDisposed(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), !sim_);
}

Napi::Value SimulatorWrap::Cycle(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(Sim(info.Env()).cycle()));
}

Napi::Value SimulatorWrap::Schedule(const Napi::CallbackInfo& info) {
  uint64_t at = ArgUint(info, 0, "cycle", kMaxSafeInteger);
  uint32_t tag = ArgU32(info, 1, "tag");
  Sim(info.Env()).schedule(at, tag);
  return info.Env().Undefined();
}

namespace {

// The caller's event buffer: an ArrayBuffer of whole 32-byte records, 8-byte aligned; null = discard records.
struct EventSpan {
  dmasim::EventRecord* records = nullptr;
  size_t capacity = 0;
};

EventSpan ArgEvents(const Napi::CallbackInfo& info, size_t i) {
  Napi::Env env = info.Env();
  if (info[i].IsNull() || info[i].IsUndefined()) return {};
  if (!info[i].IsArrayBuffer()) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"eventBuffer\" must be an ArrayBuffer or null");
  }
  ByteSpan bytes = ArgBytes(info, i, "eventBuffer");
  size_t capacity = bytes.length / sizeof(dmasim::EventRecord);
  if (capacity == 0) {
    ThrowCoded(env, dmasim::err::kInvalidArgument, "\"eventBuffer\" must hold at least one 32-byte record");
  }
  if (reinterpret_cast<uintptr_t>(bytes.data) % alignof(dmasim::EventRecord) != 0) {
    ThrowCoded(env, dmasim::err::kInvalidArgument, "\"eventBuffer\" is not 8-byte aligned");
  }
  return {reinterpret_cast<dmasim::EventRecord*>(bytes.data), capacity};
}

}  // namespace

Napi::Value SimulatorWrap::RunResultObject(Napi::Env env, const dmasim::RunResult& r) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("cycle", Napi::Number::New(env, static_cast<double>(r.cycle)));
  out.Set("stoppedBy", Napi::Number::New(env, static_cast<uint32_t>(r.stoppedBy)));
  out.Set("eventCount", Napi::Number::New(env, r.eventCount));
  return out;
}

Napi::Value SimulatorWrap::RunUntil(const Napi::CallbackInfo& info) {
  uint64_t target = ArgUint(info, 0, "cycle", kMaxSafeInteger);
  EventSpan span = ArgEvents(info, 1);
  dmasim::RunResult r = Sim(info.Env()).runUntil(target, span.records, span.capacity);
  return RunResultObject(info.Env(), r);
}

Napi::Value SimulatorWrap::RunFor(const Napi::CallbackInfo& info) {
  uint64_t cycles = ArgUint(info, 0, "cycles", kMaxSafeInteger);
  EventSpan span = ArgEvents(info, 1);
  dmasim::RunResult r = Sim(info.Env()).runFor(cycles, span.records, span.capacity);
  return RunResultObject(info.Env(), r);
}

// The hot-path run (lib/sim's Simulator uses it for every run) and the state it shares with lib/sim.
// sharedBuffers(records) allocates, in memory this wrap owns (lent_buffers.h), an event block of `records` 32-byte
// records [1 .. 2^20] and the state block (simulator_wrap.h kState*: 3 + interruptLines numbers), and returns
// {events: Uint32Array, state: Float64Array} over them. A second call replaces both blocks (views of the old ones stay
// valid memory, no longer written) and forgets the mirrored lines. runBound(cycle, discard) runs like
// runUntil(cycle, discard ? null : events) — filling at most `limit` records when a third argument is given — stores
// the cycle it stopped at in state[0] and returns stoppedBy + 4 * eventCount.
Napi::Value SimulatorWrap::SharedBuffers(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  const uint32_t records = ArgU32(info, 0, "records", 1u << 20);
  if (records == 0) ThrowCoded(env, dmasim::err::kOutOfRange, "\"records\" must be at least 1 (got 0)");
  LentBlock<dmasim::EventRecord> events = NewLentBlock<dmasim::EventRecord>(records);
  LentBlock<double> state = NewLentBlock<double>(kStateLines + sim.options().interruptLines);
  (*state)[kStateDeferredFlush] = -1;  // no flush deferred
  Napi::ArrayBuffer eventsBuffer = LendBlock(env, events);
  Napi::ArrayBuffer stateBuffer = LendBlock(env, state);
  Napi::Object out = Napi::Object::New(env);
  out.Set("events", Napi::Uint32Array::New(env, events->size() * sizeof(dmasim::EventRecord) / 4, eventsBuffer, 0));
  out.Set("state", Napi::Float64Array::New(env, state->size(), stateBuffer, 0));
  // Only now, when nothing can throw any more, do the new blocks replace the old ones.
  events_ = std::move(events);
  state_ = std::move(state);
  mirroredLines_.clear();  // the new state holds no levels yet
  return out;
}

// mirrorInterruptLine(line): from now on the shared state's element 3 + line holds the line's level (0 or 1), exact
// after every call of this object (RefreshLineMirror). ERR_OUT_OF_RANGE for a line >= interruptLines.
Napi::Value SimulatorWrap::MirrorInterruptLine(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  if (!state_) ThrowCoded(env, bind_err::kInvalidArgType, "mirrorInterruptLine before sharedBuffers");
  uint32_t line = ArgU32(info, 0, "line");
  sim.interruptLineLevel(line);  // ERR_OUT_OF_RANGE for a line the engine does not have (the state has a slot for each)
  for (uint32_t l : mirroredLines_)
    if (l == line) return env.Undefined();
  mirroredLines_.push_back(line);
  return env.Undefined();  // the trampoline writes its level on the way out
}

Napi::Value SimulatorWrap::RunBound(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  if (!state_ || !events_) ThrowCoded(env, bind_err::kInvalidArgType, "runBound before sharedBuffers");
  uint64_t target = ArgUint(info, 0, "cycle", kMaxSafeInteger);
  const bool discard = info[1].IsBoolean() && info[1].As<Napi::Boolean>().Value();
  // An optional third argument fills at most that many records (lib/sim's maxEvents cap stops the run exactly there).
  size_t capacity = events_->size();
  if (info.Length() > 2 && !info[2].IsUndefined()) {
    const uint32_t limit = ArgU32(info, 2, "limit");
    if (limit == 0) ThrowCoded(env, dmasim::err::kOutOfRange, "\"limit\" must be at least 1 (got 0)");
    if (limit < capacity) capacity = limit;
  }
  dmasim::RunResult r = discard ? sim.runUntil(target, nullptr, 0) : sim.runUntil(target, events_->data(), capacity);
  (*state_)[0] = static_cast<double>(r.cycle);
  return Napi::Number::New(env, static_cast<double>(static_cast<uint32_t>(r.stoppedBy)) + 4.0 * r.eventCount);
}

Napi::Value SimulatorWrap::InterruptLineLevel(const Napi::CallbackInfo& info) {
  uint32_t line = ArgU32(info, 0, "line");
  return Napi::Boolean::New(info.Env(), Sim(info.Env()).interruptLineLevel(line));
}

Napi::Value SimulatorWrap::RequestLineLevel(const Napi::CallbackInfo& info) {
  uint32_t line = ArgU32(info, 0, "line");
  return Napi::Boolean::New(info.Env(), Sim(info.Env()).requestLineLevel(line));
}

// Device-driven interrupt sources (engine.h). The engine is looked up first, so a disposed simulator says so whatever
// the arguments are.
Napi::Value SimulatorWrap::AddInterruptSource(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  uint32_t line = ArgU32(info, 0, "line");
  return Napi::Number::New(info.Env(), sim.addInterruptSource(line));
}

Napi::Value SimulatorWrap::SetInterruptSource(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  uint32_t source = ArgU32(info, 0, "source");
  bool level = ArgBool(info, 1, "level");
  sim.setInterruptSource(source, level);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::InterruptSourceLevel(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  uint32_t source = ArgU32(info, 0, "source");
  return Napi::Boolean::New(info.Env(), sim.interruptSourceLevel(source));
}

// The record kinds runs store (engine.h setRecordMask): bit k = EventKind k.
Napi::Value SimulatorWrap::SetRecordMask(const Napi::CallbackInfo& info) {
  dmasim::Simulator& sim = Sim(info.Env());
  sim.setRecordMask(ArgU32(info, 0, "mask"));
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::RecordMask(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), Sim(info.Env()).recordMask());
}

// Work counters since construction (engine.h EngineStats); each below 2^53 in any run a JS caller can make.
Napi::Value SimulatorWrap::Stats(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::EngineStats st = Sim(env).stats();
  Napi::Object out = Napi::Object::New(env);
  out.Set("activities", Napi::Number::New(env, static_cast<double>(st.activities)));
  out.Set("records", Napi::Number::New(env, static_cast<double>(st.records)));
  out.Set("deviceElements", Napi::Number::New(env, static_cast<double>(st.deviceElements)));
  out.Set("dmaBeats", Napi::Number::New(env, static_cast<double>(st.dmaBeats)));
  return out;
}

}  // namespace kmdf_dma_sim_addon
