// SimulatorWrap: the memory bus (engine.h "memory bus"): RAM regions, their zero-copy views, region info, debug
// peek/poke (no time, no side effects) and injected bus faults.
#include "args.h"
#include "errors.h"
#include "memory_views.h"
#include "simulator_wrap.h"

namespace kmdf_dma_sim_addon {

namespace {
constexpr uint64_t kMaxRegionSize = uint64_t{1} << 32;
constexpr uint32_t kMaxWait = 1000000;
}  // namespace

Napi::Value SimulatorWrap::AddMemory(const Napi::CallbackInfo& info) {
  uint64_t base = ArgUint(info, 0, "base", kMaxSafeInteger);
  uint64_t size = ArgUint(info, 1, "size", kMaxRegionSize);
  uint32_t readWait = ArgU32(info, 2, "readWait", kMaxWait);
  uint32_t writeWait = ArgU32(info, 3, "writeWait", kMaxWait);
  uint32_t id = Sim(info.Env()).addMemory(base, size, readWait, writeWait);
  return Napi::Number::New(info.Env(), id);
}

Napi::Value SimulatorWrap::MemoryView(const Napi::CallbackInfo& info) {
  uint32_t region = ArgU32(info, 0, "region");
  Sim(info.Env());  // disposed check
  return RegionView(info.Env(), anchor_, region, views_);
}

Napi::Value SimulatorWrap::RegionCount(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), Sim(info.Env()).regionCount());
}

Napi::Value SimulatorWrap::RegionInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t region = ArgU32(info, 0, "region");
  dmasim::RegionInfo r = Sim(env).regionInfo(region);
  Napi::Object out = Napi::Object::New(env);
  out.Set("base", Napi::Number::New(env, static_cast<double>(r.base)));
  out.Set("size", Napi::Number::New(env, static_cast<double>(r.size)));
  out.Set("readWait", Napi::Number::New(env, r.readWait));
  out.Set("writeWait", Napi::Number::New(env, r.writeWait));
  out.Set("isFifoPort", Napi::Boolean::New(env, r.isFifoPort));
  out.Set("portId", Napi::Number::New(env, r.portId));
  return out;
}

Napi::Value SimulatorWrap::Peek(const Napi::CallbackInfo& info) {
  uint64_t address = ArgUint(info, 0, "address", kMaxSafeInteger);
  ByteSpan out = ArgBytes(info, 1, "out");
  Sim(info.Env()).peek(address, out.length, out.data);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::Poke(const Napi::CallbackInfo& info) {
  uint64_t address = ArgUint(info, 0, "address", kMaxSafeInteger);
  ByteSpan data = ArgBytes(info, 1, "data");
  Sim(info.Env()).poke(address, data.data, data.length);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::InjectBusFault(const Napi::CallbackInfo& info) {
  uint64_t address = ArgUint(info, 0, "address", kMaxSafeInteger);
  Sim(info.Env()).injectBusFault(address);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::ClearBusFaults(const Napi::CallbackInfo& info) {
  Sim(info.Env()).clearBusFaults();
  return info.Env().Undefined();
}

}  // namespace kmdf_dma_sim_addon
