// NativeSimulator: the ObjectWrap over one dmasim::Simulator (native/core/engine.h). Thin: each method checks its
// JS arguments (args.h), calls the engine once, converts the result, and turns dmasim::SimError into a coded JS
// error (errors.h). lib/sim/simulator.ts is the only intended caller; it validates and fills defaults first.
//
// Lifetime: the engine is held by a shared_ptr in an EngineAnchor (memory_views.h). Each zero-copy RAM view (an
// external ArrayBuffer over the engine's stable memory, memory_views.cpp) holds the anchor in its finalizer hint, so
// the bytes stay valid while any view is alive even after the JS Simulator is garbage-collected. dispose() detaches
// every live RAM view and every lent block's view (they read as length 0 from then on), then frees the engine and the
// lent blocks at once — not when Node-API gets round to the finalizers — so their memory is back with the OS when
// dispose() returns; every later call throws ERR_SIMULATOR_DISPOSED.
//
// The methods are spread over files by what they model: simulator_wrap.cpp (construction, lifetime, time, lines),
// memory_methods.cpp (bus and RAM), dma_methods.cpp (controller verbs), port_methods.cpp (FIFO ports),
// trace_methods.cpp (the hardware trace).
#pragma once

#include <napi.h>

#include <memory>
#include <vector>

#include "engine.h"
#include "lent_buffers.h"
#include "memory_views.h"

namespace kmdf_dma_sim_addon {

class SimulatorWrap : public Napi::ObjectWrap<SimulatorWrap> {
 public:
  static Napi::Function Define(Napi::Env env);
  explicit SimulatorWrap(const Napi::CallbackInfo& info);
  ~SimulatorWrap() override;

 private:
  // The engine, or a coded ERR_SIMULATOR_DISPOSED error after dispose().
  dmasim::Simulator& Sim(Napi::Env env);
  // Every JS-visible method goes through this trampoline: no C++ exception but a coded Napi::Error leaves it.
  template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
  Napi::Value Call(const Napi::CallbackInfo& info);

  // hotPathFunctions(): the methods lib/sim calls on every run slice and fragment (runBound, handleInterruptNext,
  // programChannelBound, and setPortDmaEnable: a driver's DMA-enable register write) as plain functions bound to
  // this wrap through their callback data, so a call skips
  // ObjectWrap's unwrap (a private-property lookup on the receiver, a large part of a small call's cost). The data
  // is a shared FastTarget that this wrap's destructor clears, so a function outliving its wrap throws
  // ERR_SIMULATOR_DISPOSED instead of touching freed memory.
  struct FastTarget {
    SimulatorWrap* wrap = nullptr;
  };
  template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
  static Napi::Value FastCall(const Napi::CallbackInfo& info);
  template <Napi::Value (SimulatorWrap::*Method)(const Napi::CallbackInfo&)>
  Napi::Function FastFunction(Napi::Env env, const char* name);
  Napi::Value HotPathFunctions(const Napi::CallbackInfo& info);

  // simulator_wrap.cpp
  void Construct(const Napi::CallbackInfo& info);
  Napi::Value Dispose(const Napi::CallbackInfo& info);
  Napi::Value IsDisposed(const Napi::CallbackInfo& info);
  Napi::Value Cycle(const Napi::CallbackInfo& info);
  Napi::Value Schedule(const Napi::CallbackInfo& info);
  Napi::Value RunUntil(const Napi::CallbackInfo& info);
  Napi::Value RunFor(const Napi::CallbackInfo& info);
  Napi::Value SharedBuffers(const Napi::CallbackInfo& info);
  Napi::Value RunBound(const Napi::CallbackInfo& info);
  Napi::Value MirrorInterruptLine(const Napi::CallbackInfo& info);
  Napi::Value InterruptLineLevel(const Napi::CallbackInfo& info);
  Napi::Value RequestLineLevel(const Napi::CallbackInfo& info);
  Napi::Value Stats(const Napi::CallbackInfo& info);
  Napi::Value SetRecordMask(const Napi::CallbackInfo& info);
  // perturbation_methods.cpp
  Napi::Value SetPerturbation(const Napi::CallbackInfo& info);
  Napi::Value RecordMask(const Napi::CallbackInfo& info);
  Napi::Value AddInterruptSource(const Napi::CallbackInfo& info);
  Napi::Value SetInterruptSource(const Napi::CallbackInfo& info);
  Napi::Value InterruptSourceLevel(const Napi::CallbackInfo& info);
  // memory_methods.cpp
  Napi::Value AddMemory(const Napi::CallbackInfo& info);
  Napi::Value MemoryView(const Napi::CallbackInfo& info);
  Napi::Value RegionCount(const Napi::CallbackInfo& info);
  Napi::Value RegionInfo(const Napi::CallbackInfo& info);
  Napi::Value Peek(const Napi::CallbackInfo& info);
  Napi::Value Poke(const Napi::CallbackInfo& info);
  Napi::Value InjectBusFault(const Napi::CallbackInfo& info);
  Napi::Value ClearBusFaults(const Napi::CallbackInfo& info);
  // dma_methods.cpp
  Napi::Value ValidateRequestLineBinding(const Napi::CallbackInfo& info);
  Napi::Value QueryMaxFragments(const Napi::CallbackInfo& info);
  Napi::Value ProgramChannel(const Napi::CallbackInfo& info);
  Napi::Value ProgramBuffer(const Napi::CallbackInfo& info);
  Napi::Value ProgramChannelBound(const Napi::CallbackInfo& info);
  Napi::Value ConfigureChannel(const Napi::CallbackInfo& info);
  Napi::Value FlushChannel(const Napi::CallbackInfo& info);
  Napi::Value HandleInterrupt(const Napi::CallbackInfo& info);
  Napi::Value HandleInterruptPacked(const Napi::CallbackInfo& info);
  Napi::Value HandleInterruptNext(const Napi::CallbackInfo& info);
  Napi::Value ReadDmaCounter(const Napi::CallbackInfo& info);
  Napi::Value CancelTransfer(const Napi::CallbackInfo& info);
  Napi::Value ProgramMemoryToMemory(const Napi::CallbackInfo& info);
  Napi::Value ChannelStatus(const Napi::CallbackInfo& info);
  // port_methods.cpp
  Napi::Value AddFifoPort(const Napi::CallbackInfo& info);
  Napi::Value PortCount(const Napi::CallbackInfo& info);
  Napi::Value PortStatus(const Napi::CallbackInfo& info);
  Napi::Value SetPortDmaEnable(const Napi::CallbackInfo& info);
  Napi::Value SetPortDeviceEnable(const Napi::CallbackInfo& info);
  Napi::Value SetPortTxStreaming(const Napi::CallbackInfo& info);
  Napi::Value SetPortWatermark(const Napi::CallbackInfo& info);
  Napi::Value SetPortIdleTimeout(const Napi::CallbackInfo& info);
  Napi::Value SetPortInterrupt(const Napi::CallbackInfo& info);
  Napi::Value ClearPortStatus(const Napi::CallbackInfo& info);
  Napi::Value AppendRxData(const Napi::CallbackInfo& info);
  Napi::Value ReadTxData(const Napi::CallbackInfo& info);
  Napi::Value ClearTxData(const Napi::CallbackInfo& info);
  Napi::Value InjectPortError(const Napi::CallbackInfo& info);
  Napi::Value InjectPortStall(const Napi::CallbackInfo& info);
  Napi::Value InjectPortStallAt(const Napi::CallbackInfo& info);
  // trace_methods.cpp (the hardware trace)
  Napi::Value TraceStart(const Napi::CallbackInfo& info);
  Napi::Value TraceStop(const Napi::CallbackInfo& info);
  Napi::Value TraceTrigger(const Napi::CallbackInfo& info);
  Napi::Value TraceInfo(const Napi::CallbackInfo& info);
  Napi::Value TraceRead(const Napi::CallbackInfo& info);
  Napi::Value TraceReadBase(const Napi::CallbackInfo& info);

  Napi::Value RunResultObject(Napi::Env env, const dmasim::RunResult& r);
  // The state shared with lib/sim (sharedBuffers): [0] the cycle the last run stopped at; [1] a deferred flush: the
  // channel whose flushChannel JS put off, or -1 (ApplyDeferredFlush); [2] the callback guard: non-zero while lib/sim
  // runs a caller's callback in the middle of a run, when every call is refused (ERR_REENTRANT_CALL); [3 + line] the
  // level of each mirrored interrupt line (RefreshLineMirror).
  static constexpr size_t kStateDeferredFlush = 1;
  static constexpr size_t kStateGuard = 2;
  static constexpr size_t kStateLines = 3;
  // Writes the level of every mirrored interrupt line into the shared state (state[3 + line] = 0 or 1). Called by
  // the Call trampoline after every method, so the mirror is exact whenever JS can read it. Never throws.
  void RefreshLineMirror() noexcept;
  // Refuses the call while the guard is set (state[2] != 0): lib/sim is running a caller's callback mid-run.
  void CheckGuard(Napi::Env env) const;
  // Runs the flush lib/sim put off (state[1] >= 0), if any, and clears the slot. Called by the Call trampoline before
  // every method, so the engine sees it before anything else, at the same cycle.
  void ApplyDeferredFlush();

  // Lends `block` to JS (lent_buffers.h) and records it, so dispose() can detach its view and free it.
  template <typename T>
  Napi::ArrayBuffer LendBlock(Napi::Env env, const LentBlock<T>& block) {
    return lent_.Lend(env, block);
  }

  std::shared_ptr<dmasim::Simulator> sim_;
  // What RAM views keep alive (memory_views.h); dispose() empties it after detaching them.
  EngineAnchorRef anchor_;
  // Every block lent to JS (events, state, program requests), taken back by dispose().
  LentRegistry lent_;
  std::shared_ptr<FastTarget> fastTarget_ = std::make_shared<FastTarget>(FastTarget{this});
  // sharedBuffers(): the event records runBound fills and the shared state; blocks this wrap owns (lent_buffers.h).
  LentBlock<dmasim::EventRecord> events_;
  LentBlock<double> state_;
  // mirrorInterruptLine: the lines whose level RefreshLineMirror keeps in the shared state (a few: the lines the HAL
  // has ISRs on), so reading a level costs JS no native call.
  std::vector<uint32_t> mirroredLines_;
  // programBuffer(): the packed request programChannelBound reads; a block this wrap owns.
  LentBlock<double> program_;
  // programChannelBound's request, reused so its SG vector keeps its capacity (no allocation per program).
  dmasim::ProgramRequest programScratch_;
  // Weak references to the RAM views handed out (memory_views.cpp), detached by dispose().
  std::vector<Napi::Reference<Napi::ArrayBuffer>> views_;
};

}  // namespace kmdf_dma_sim_addon
