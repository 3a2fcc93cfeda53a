// See args.h.
#include "args.h"

#include <cmath>
#include <sstream>

#include "error_codes.h"
#include "errors.h"

namespace kmdf_dma_sim_addon {
namespace {

std::string Describe(const Napi::Value& v) {
  switch (v.Type()) {
    case napi_undefined: return "undefined";
    case napi_null: return "null";
    case napi_boolean: return "type boolean";
    case napi_number: {
      double d = v.As<Napi::Number>().DoubleValue();
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
      std::ostringstream s;
      s.precision(17);
      s << d;
      return s.str();
    }
    case napi_string: return "type string";
    case napi_symbol: return "type symbol";
    case napi_bigint: return "type bigint";
    case napi_function: return "a function";
    default: return "an object";
  }
}

}  // namespace

uint64_t ToUint(Napi::Env env, const Napi::Value& v, const std::string& name, uint64_t max) {
  if (!v.IsNumber()) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"" + name + "\" must be a number; received " + Describe(v));
  }
  double d = v.As<Napi::Number>().DoubleValue();
  // max <= 2^53-1 keeps every accepted double exactly representable.
  if (max > kMaxSafeInteger) max = kMaxSafeInteger;
  if (!std::isfinite(d) || d != std::trunc(d) || d < 0 || d > static_cast<double>(max)) {
    ThrowCoded(env, dmasim::err::kOutOfRange,
               "\"" + name + "\" must be an integer in [0, " + std::to_string(max) + "]; received " + Describe(v));
  }
  return static_cast<uint64_t>(d);
}

uint32_t ToU32(Napi::Env env, const Napi::Value& v, const std::string& name, uint32_t max) {
  return static_cast<uint32_t>(ToUint(env, v, name, max));
}

bool ToBool(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (!v.IsBoolean()) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"" + name + "\" must be a boolean; received " + Describe(v));
  }
  return v.As<Napi::Boolean>().Value();
}

ByteSpan ToBytes(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (v.IsArrayBuffer()) {
    Napi::ArrayBuffer ab = v.As<Napi::ArrayBuffer>();
    if (ab.IsDetached()) {
      ThrowCoded(env, bind_err::kDetachedBuffer, "\"" + name + "\" is a detached ArrayBuffer");
    }
    return ByteSpan{static_cast<uint8_t*>(ab.Data()), ab.ByteLength()};
  }
  if (v.IsTypedArray() && v.As<Napi::TypedArray>().TypedArrayType() == napi_uint8_array) {
    Napi::Uint8Array u8 = v.As<Napi::Uint8Array>();
    if (u8.ArrayBuffer().IsDetached()) {
      ThrowCoded(env, bind_err::kDetachedBuffer, "\"" + name + "\" is a view of a detached ArrayBuffer");
    }
    return ByteSpan{u8.Data(), u8.ByteLength()};
  }
  ThrowCoded(env, bind_err::kInvalidArgType,
             "\"" + name + "\" must be a Uint8Array or an ArrayBuffer; received " + Describe(v));
}

Napi::Object ToObject(Napi::Env env, const Napi::Value& v, const std::string& name) {
  if (!v.IsObject() || v.IsFunction() || v.IsArray()) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"" + name + "\" must be an object; received " + Describe(v));
  }
  return v.As<Napi::Object>();
}

}  // namespace kmdf_dma_sim_addon
