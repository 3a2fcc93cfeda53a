// Coded JS errors for the binding. Every failure that reaches JS is an Error with a stable `code` property and a
// message naming the argument: the engine's own codes (native/core/error_codes.h, copied from dmasim::SimError)
// plus the few only the binding can detect (below). The error class is the one lib/sim hands in once
// (setErrorClass, as better-sqlite3 does with SqliteError); before that, a plain Error carrying `code`.
// No C++ exception other than Napi::Error ever leaves a binding entry point: Guard() converts them all.
#pragma once

#include <napi.h>

#include <new>
#include <string>
#include <utility>

#include "error_codes.h"

namespace kmdf_dma_sim_addon {

namespace bind_err {
// A JS argument has the wrong type (not a number, not a boolean, not a Uint8Array, a missing options field).
inline constexpr const char* kInvalidArgType = "ERR_INVALID_ARG_TYPE";
// A call on a Simulator after dispose().
inline constexpr const char* kDisposed = "ERR_SIMULATOR_DISPOSED";
// A detached ArrayBuffer (or a typed array over one) was passed.
inline constexpr const char* kDetachedBuffer = "ERR_DETACHED_BUFFER";
// A call while lib/sim runs a caller's callback in the middle of a run (the shared state's guard is set).
inline constexpr const char* kReentrantCall = "ERR_REENTRANT_CALL";
// Should never be seen: an unexpected C++ exception, converted instead of crashing the process.
inline constexpr const char* kInternal = "ERR_INTERNAL";
}  // namespace bind_err

// A JS error (of the registered class) with `code` set.
Napi::Error MakeCodedError(Napi::Env env, const char* code, const std::string& message);

// Thrown as a C++ exception; node-addon-api turns a Napi::Error into a pending JS exception.
[[noreturn]] inline void ThrowCoded(Napi::Env env, const char* code, const std::string& message) {
  throw MakeCodedError(env, code, message);
}

// Runs `body`, converting every C++ exception into a coded JS error.
template <typename Body>
auto Guard(Napi::Env env, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const dmasim::SimError& e) {
    throw MakeCodedError(env, e.code(), e.what());
  } catch (const std::bad_alloc&) {
    throw MakeCodedError(env, dmasim::err::kOutOfMemory, "host allocation failed");
  } catch (const std::exception& e) {
    throw MakeCodedError(env, bind_err::kInternal, std::string("internal error: ") + e.what());
  } catch (...) {
    throw MakeCodedError(env, bind_err::kInternal, "internal error: unknown exception");
  }
}

}  // namespace kmdf_dma_sim_addon
