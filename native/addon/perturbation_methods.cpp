// SimulatorWrap::SetPerturbation — the engine's hardware timing perturbation for exploration (native/core
// perturbation.h), from lib/sim's checked options: setPerturbation({seed, requestJitter, waitStates, busPeriod,
// busCycles}) where each draw is a Float64Array [kind, a, b] (0 fixed a, 1 uniform [a, b]) or [2, v0, v1, ...]
// (choice), and busPeriod / busCycles are null for no bus load. The engine re-checks every range.
#include <string>

#include "args.h"
#include "errors.h"
#include "simulator_wrap.h"

namespace kmdf_dma_sim_addon {

namespace {

dmasim::CycleDraw ToDraw(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"" + name + "\" must be a Float64Array [kind, ...]");
  }
  Napi::Float64Array a = v.As<Napi::Float64Array>();
  if (a.ArrayBuffer().IsDetached()) ThrowCoded(env, bind_err::kDetachedBuffer, "\"" + name + "\" is detached");
  const size_t n = a.ElementLength();
  if (n < 2 || n > 4097) ThrowCoded(env, dmasim::err::kInvalidArgument, "\"" + name + "\" must hold a kind and 1..4096 values");
  dmasim::CycleDraw d;
  d.kind = ToU32(env, Napi::Number::New(env, a[0]), name + "[0]", 2);
  if (d.kind == dmasim::CycleDraw::Choice) {
    for (size_t i = 1; i < n; ++i) d.values.push_back(ToUint(env, Napi::Number::New(env, a[i]), name + "[" + std::to_string(i) + "]", kMaxSafeInteger));
  } else {
    d.a = ToUint(env, Napi::Number::New(env, a[1]), name + "[1]", kMaxSafeInteger);
    d.b = n > 2 ? ToUint(env, Napi::Number::New(env, a[2]), name + "[2]", kMaxSafeInteger) : d.a;
  }
  return d;
}

}  // namespace

Napi::Value SimulatorWrap::SetPerturbation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  Napi::Object o = ToObject(env, info[0], "perturb");
  dmasim::PerturbationOptions p;
  p.seed = FieldUint(env, o, "perturb", "seed", kMaxSafeInteger);
  p.requestJitter = ToDraw(env, o.Get("requestJitter"), "perturb.requestJitter");
  p.waitStates = ToDraw(env, o.Get("waitStates"), "perturb.waitStates");
  Napi::Value period = o.Get("busPeriod");
  if (!period.IsNull() && !period.IsUndefined()) {
    p.busLoad = true;
    p.busPeriod = ToDraw(env, period, "perturb.busLoad.period");
    p.busCycles = ToDraw(env, o.Get("busCycles"), "perturb.busLoad.cycles");
  }
  sim.setPerturbation(p);
  return env.Undefined();
}

}  // namespace kmdf_dma_sim_addon
