// Module entry of the Node-API binding. The addon is context-aware: everything it keeps lives in this
// per-environment instance (Napi::Addon instance data), never in a mutable global, so it loads in the main
// thread, in several worker_threads at once and in every vitest worker.
#include <napi.h>

#include "self_check.h"

#ifndef KMDF_DMA_SIM_VERSION
#define KMDF_DMA_SIM_VERSION "0.0.0"
#endif

namespace kmdf_dma_sim_addon {

class Addon : public Napi::Addon<Addon> {
 public:
  Addon(Napi::Env env, Napi::Object exports) {
    DefineAddon(exports, {
        InstanceValue("version", Napi::String::New(env, KMDF_DMA_SIM_VERSION), napi_enumerable),
        InstanceValue("napiVersion", Napi::Number::New(env, NAPI_VERSION), napi_enumerable),
        InstanceMethod("selfCheck", &Addon::SelfCheck, napi_enumerable),
    });
  }

 private:
  Napi::Value SelfCheck(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    SelfCheckResult result = RunSelfCheck();
    Napi::Object out = Napi::Object::New(env);
    out.Set("version", KMDF_DMA_SIM_VERSION);
    out.Set("napiVersion", Napi::Number::New(env, NAPI_VERSION));
    out.Set("summary", result.summary);
    return out;
  }
};

}  // namespace kmdf_dma_sim_addon

// NODE_API_ADDON pastes its argument into an identifier, so it needs an unqualified name.
using KmdfDmaSimAddon = kmdf_dma_sim_addon::Addon;
NODE_API_ADDON(KmdfDmaSimAddon)
