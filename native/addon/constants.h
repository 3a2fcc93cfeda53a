// The engine's numeric constants (configure function numbers, NTSTATUS values, port status and interrupt-mask
// bits, event kinds, channel states, error codes), exported so lib/sim/constants.ts can be tested against them:
// one source of truth (native/core headers), one mirror, one test that they agree.
#pragma once

#include <napi.h>

namespace kmdf_dma_sim_addon {

Napi::Object MakeConstants(Napi::Env env);

}  // namespace kmdf_dma_sim_addon
