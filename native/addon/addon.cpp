// Module entry of the Node-API binding: exports version, napiVersion, selfCheck, setErrorClass, the
// NativeSimulator class (simulator_wrap.h) and the engine's numeric constants (constants.h) so lib/sim can check
// its mirror of them. All state is per environment (addon.h).
#include "addon.h"

#include "constants.h"
#include "errors.h"
#include "self_check.h"
#include "simulator_wrap.h"

#ifndef KMDF_DMA_SIM_VERSION
#define KMDF_DMA_SIM_VERSION "0.0.0"
#endif

namespace kmdf_dma_sim_addon {

Addon::Addon(Napi::Env env, Napi::Object exports) {
  Napi::Function simulator = SimulatorWrap::Define(env);
  simulatorConstructor = Napi::Persistent(simulator);
  DefineAddon(exports, {
      InstanceValue("version", Napi::String::New(env, KMDF_DMA_SIM_VERSION), napi_enumerable),
      InstanceValue("napiVersion", Napi::Number::New(env, NAPI_VERSION), napi_enumerable),
      InstanceMethod("selfCheck", &Addon::SelfCheck, napi_enumerable),
      InstanceMethod("setErrorClass", &Addon::SetErrorClass, napi_enumerable),
      InstanceValue("NativeSimulator", simulator, napi_enumerable),
      InstanceValue("constants", MakeConstants(env), napi_enumerable),
  });
}

Napi::Value Addon::SelfCheck(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  SelfCheckResult result = Guard(env, [] { return RunSelfCheck(); });
  Napi::Object out = Napi::Object::New(env);
  out.Set("version", KMDF_DMA_SIM_VERSION);
  out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
  out.Set("summary", result.summary);
  out.Set("ok", Napi::Boolean::New(env, result.ok));
  return out;
}

Napi::Value Addon::SetErrorClass(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsFunction()) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"errorClass\" must be a constructor function");
  }
  errorClass = Napi::Persistent(info[0].As<Napi::Function>());
  return env.Undefined();
}

}  // namespace kmdf_dma_sim_addon

// NODE_API_ADDON pastes its argument into an identifier, so it needs an unqualified name.
using KmdfDmaSimAddon = kmdf_dma_sim_addon::Addon;
NODE_API_ADDON(KmdfDmaSimAddon)
