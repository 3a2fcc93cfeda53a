// Argument checking for every binding entry point: JS values in, checked C++ values out, or a coded error naming
// the argument. Numbers must be finite integers in range (NaN, ±Infinity, fractions, negatives and anything above
// the limit -> ERR_OUT_OF_RANGE); a wrong JS type -> ERR_INVALID_ARG_TYPE; a detached buffer ->
// ERR_DETACHED_BUFFER. lib/sim validates first with the same rules; these checks keep the addon safe when it is
// called directly. Model: Node's own ERR_OUT_OF_RANGE / ERR_INVALID_ARG_TYPE messages.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace kmdf_dma_sim_addon {

// 2^53 - 1: the largest integer a JS number holds exactly.
inline constexpr uint64_t kMaxSafeInteger = (uint64_t{1} << 53) - 1;

struct ByteSpan {
  uint8_t* data = nullptr;
  size_t length = 0;
};

// Value-level checks (for options fields and array elements); `name` is what the message calls the value.
uint64_t ToUint(Napi::Env env, const Napi::Value& v, const std::string& name, uint64_t max);
uint32_t ToU32(Napi::Env env, const Napi::Value& v, const std::string& name, uint32_t max = UINT32_MAX);
bool ToBool(Napi::Env env, const Napi::Value& v, const std::string& name);
// A Uint8Array (over a live ArrayBuffer) or an ArrayBuffer.
ByteSpan ToBytes(Napi::Env env, const Napi::Value& v, const std::string& name);
Napi::Object ToObject(Napi::Env env, const Napi::Value& v, const std::string& name);

// Positional forms: info[i], missing arguments read as undefined (a type error).
inline uint64_t ArgUint(const Napi::CallbackInfo& info, size_t i, const char* name, uint64_t max) {
  return ToUint(info.Env(), info[i], name, max);
}
inline uint32_t ArgU32(const Napi::CallbackInfo& info, size_t i, const char* name, uint32_t max = UINT32_MAX) {
  return ToU32(info.Env(), info[i], name, max);
}
inline bool ArgBool(const Napi::CallbackInfo& info, size_t i, const char* name) {
  return ToBool(info.Env(), info[i], name);
}
inline ByteSpan ArgBytes(const Napi::CallbackInfo& info, size_t i, const char* name) {
  return ToBytes(info.Env(), info[i], name);
}

// An object's field, checked: options.<field>.
inline uint64_t FieldUint(Napi::Env env, const Napi::Object& o, const char* prefix, const char* field, uint64_t max) {
  return ToUint(env, o.Get(field), std::string(prefix) + "." + field, max);
}
inline uint32_t FieldU32(Napi::Env env, const Napi::Object& o, const char* prefix, const char* field,
                         uint32_t max = UINT32_MAX) {
  return ToU32(env, o.Get(field), std::string(prefix) + "." + field, max);
}
inline bool FieldBool(Napi::Env env, const Napi::Object& o, const char* prefix, const char* field) {
  return ToBool(env, o.Get(field), std::string(prefix) + "." + field);
}

}  // namespace kmdf_dma_sim_addon
