// Memory the binding owns and lends to JS: the run's event records, the state it shares with lib/sim (the stop
// cycle, a deferred flush, the callback guard, mirrored line levels) and the packed program request.
//
// Why: the native side reads and writes these blocks outside the call that handed them over (a run writes records
// into the event block; every call reads the state block). If JS owned them, JS could detach or transfer them and the
// next run would write freed memory. So each block is allocated here, held by a shared_ptr, and JS gets a typed array
// over an external ArrayBuffer whose finalizer holds another reference: the binding only ever touches memory it owns,
// whatever JS does with its view, and a view that outlives the simulator still points at live memory. (Node also
// marks external ArrayBuffers untransferable: transferring one copies it and leaves the original attached; the
// binding's tests pin that down, but safety does not depend on it.)
#pragma once

#include <napi.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace kmdf_dma_sim_addon {

template <typename T>
using LentBlock = std::shared_ptr<std::vector<T>>;

// A zero-filled block of `count` elements (count >= 1).
template <typename T>
LentBlock<T> NewLentBlock(size_t count) {
  return std::make_shared<std::vector<T>>(count);
}

// An external ArrayBuffer over the whole block; its finalizer drops one reference to the block.
template <typename T>
Napi::ArrayBuffer LendBlock(Napi::Env env, const LentBlock<T>& block) {
  auto* keepAlive = new LentBlock<T>(block);
  try {
    return Napi::ArrayBuffer::New(
        env, block->data(), block->size() * sizeof(T),
        [](Napi::Env, void*, LentBlock<T>* hint) { delete hint; }, keepAlive);
  } catch (...) {
    delete keepAlive;
    throw;
  }
}

}  // namespace kmdf_dma_sim_addon
