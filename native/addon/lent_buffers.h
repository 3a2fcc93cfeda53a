// Memory the binding owns and lends to JS: the run's event records, the state it shares with lib/sim (the stop
// cycle, a deferred flush, the callback guard, mirrored line levels) and the packed program request.
//
// Why: the native side reads and writes these blocks outside the call that handed them over (a run writes records
// into the event block; every call reads the state block). If JS owned them, JS could detach or transfer them and the
// next run would write freed memory. So each block is allocated here, held by a shared_ptr, and JS gets a typed array
// over an external ArrayBuffer whose finalizer holds another reference: the binding only ever touches memory it owns,
// whatever JS does with its view, and a view that outlives a garbage-collected simulator still points at live memory.
// (Node also marks external ArrayBuffers untransferable: transferring one copies it and leaves the original attached;
// the binding's tests pin that down, but safety does not depend on it.)
//
// Returning memory (issue 13 item 7): a block's storage comes from native/core/page_allocator.h (mapped pages from
// 64 KiB up: the default 4096-record event block is 128 KiB), so freeing it gives it back to the OS instead of
// leaving it in the heap. Node-API runs finalizers only when the event loop turns, so a block held by a finalizer
// would outlive a dispose() by as long as the caller's loop runs; LentRegistry::ReclaimAll (dispose) therefore
// detaches every view it lent — they read as length 0, as RAM views do — and frees every block at once. The
// finalizers later drop only the empty holders.
#pragma once

#include <napi.h>

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>

#include "page_allocator.h"

namespace kmdf_dma_sim_addon {

// The untyped storage of one lent block: zero-filled bytes from the page allocator, freed by release() or at the end.
class LentMemory {
 public:
  explicit LentMemory(size_t bytes) : block_(dmasim::allocateZeroed(bytes)) {
    if (block_.data == nullptr) throw std::bad_alloc();
  }
  ~LentMemory() { dmasim::releaseZeroed(block_); }
  LentMemory(const LentMemory&) = delete;
  LentMemory& operator=(const LentMemory&) = delete;
  // Frees the storage now (only after every view of it was detached); data() is null from then on.
  void release() noexcept { dmasim::releaseZeroed(block_); }

 protected:
  void* bytes() const noexcept { return block_.data; }
  size_t byteCount() const noexcept { return block_.bytes; }

 private:
  dmasim::ZeroedBlock block_;
};

// `count` elements of T (all-zero bytes are a valid T: a zero EventRecord, 0.0).
template <typename T>
class LentArray : public LentMemory {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>, "lent blocks hold plain data");

 public:
  explicit LentArray(size_t count) : LentMemory(count * sizeof(T)) {}
  T* data() const noexcept { return static_cast<T*>(bytes()); }
  size_t size() const noexcept { return byteCount() / sizeof(T); }
  T& operator[](size_t i) const noexcept { return data()[i]; }
};

template <typename T>
using LentBlock = std::shared_ptr<LentArray<T>>;

// A zero-filled block of `count` elements (count >= 1). std::bad_alloc when the host has no memory for it.
template <typename T>
LentBlock<T> NewLentBlock(size_t count) {
  return std::make_shared<LentArray<T>>(count);
}

// Every block one wrap lent (also those a later call replaced and JS still holds), so dispose() can take them back.
class LentRegistry {
 public:
  // An external ArrayBuffer over the whole block; its finalizer drops one reference to the block.
  template <typename T>
  Napi::ArrayBuffer Lend(Napi::Env env, const LentBlock<T>& block) {
    Forget();
    entries_.reserve(entries_.size() + 1);  // so recording the view below cannot throw
    auto* keepAlive = new LentBlock<T>(block);
    Napi::ArrayBuffer buffer;
    try {
      buffer = Napi::ArrayBuffer::New(
          env, block->data(), block->size() * sizeof(T),
          [](Napi::Env, void*, LentBlock<T>* hint) { delete hint; }, keepAlive);
    } catch (...) {
      delete keepAlive;
      throw;
    }
    entries_.push_back(Entry{Napi::Weak(buffer), block});
    return buffer;
  }

  // Detaches every lent ArrayBuffer still alive (a failure throws before any memory is freed), then frees the storage
  // of every block still held anywhere. Nothing the binding holds may be used after it.
  void ReclaimAll() {
    for (Entry& e : entries_) {
      if (e.view.IsEmpty()) continue;
      Napi::ArrayBuffer view = e.view.Value();
      if (!view.IsEmpty() && !view.IsDetached()) view.Detach();
    }
    for (Entry& e : entries_) {
      if (std::shared_ptr<LentMemory> memory = e.memory.lock()) memory->release();
    }
    entries_.clear();
  }

 private:
  struct Entry {
    Napi::Reference<Napi::ArrayBuffer> view;  // weak
    std::weak_ptr<LentMemory> memory;
  };
  // Drops the entries of blocks already freed (their views were collected and nothing else holds them).
  void Forget() {
    std::erase_if(entries_, [](const Entry& e) { return e.memory.expired(); });
  }
  std::vector<Entry> entries_;
};

}  // namespace kmdf_dma_sim_addon
