// See errors.h. The class registered by setErrorClass is called as `new Class(message, code)`.
#include "errors.h"

#include "addon.h"

namespace kmdf_dma_sim_addon {

Napi::Error MakeCodedError(Napi::Env env, const char* code, const std::string& message) {
  Addon* addon = env.GetInstanceData<Addon>();
  if (addon != nullptr && !addon->errorClass.IsEmpty()) {
    Napi::Object made = addon->errorClass.New({Napi::String::New(env, message), Napi::String::New(env, code)});
    return Napi::Error(env, made);
  }
  Napi::Error error = Napi::Error::New(env, message);
  error.Set("code", Napi::String::New(env, code));
  return error;
}

}  // namespace kmdf_dma_sim_addon
