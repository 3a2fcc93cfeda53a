// The per-environment instance data of the addon (Napi::Addon): everything the binding keeps between calls lives
// here, never in a mutable global, so the addon loads in the main thread, in worker_threads and in every vitest
// worker at once (ARCHITECTURE.md "Shipping": context-aware addon).
#pragma once

#include <napi.h>

namespace kmdf_dma_sim_addon {

class Addon : public Napi::Addon<Addon> {
 public:
  Addon(Napi::Env env, Napi::Object exports);

  // The JS error class lib/sim registers (called as `new Class(message, code)`); empty until then.
  Napi::FunctionReference errorClass;
  // The NativeSimulator constructor of this environment.
  Napi::FunctionReference simulatorConstructor;

 private:
  Napi::Value SelfCheck(const Napi::CallbackInfo& info);
  Napi::Value SetErrorClass(const Napi::CallbackInfo& info);
};

}  // namespace kmdf_dma_sim_addon
