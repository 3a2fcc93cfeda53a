// page_allocator.h — zero-filled host memory for large blocks (RAM regions, the binding's event block) that goes back
// to the operating system the moment it is freed.
//
// Why not calloc: glibc serves a large calloc from mmap, but when such a chunk is freed it raises its mmap threshold
// to the freed size (the "dynamic mmap threshold"), so every later block of that size comes from the heap instead —
// calloc then zero-fills it by hand (every page becomes resident) and free() keeps it in the heap, where small
// allocations made in between pin it. Creating and disposing simulators in a loop grew RSS without bound that way
// (issue 13 item 7). Blocks of kMappedBlockMin bytes or more are therefore mapped pages of their own: zero-filled and
// committed lazily by the OS (untouched pages cost no RSS) and unmapped by release(). Smaller blocks, and every block
// in an AddressSanitizer build (so ASan keeps checking their bounds), use calloc/free. If mapping fails the block
// falls back to calloc, so mapped pages are never a new way to fail.
//
// Platform code (mmap/munmap, VirtualAlloc/VirtualFree) lives in page_allocator.cpp only.
#pragma once

#include <cstddef>

namespace dmasim {

// Blocks of at least this many bytes are mapped pages (16 pages of 4 KiB: a block wastes under 1/16 on rounding).
inline constexpr size_t kMappedBlockMin = size_t{64} * 1024;

// One zero-filled block. `mapped` says how it was allocated, so release() frees it the same way.
struct ZeroedBlock {
  void* data = nullptr;
  size_t bytes = 0;  // as asked for (a mapping is rounded up to whole pages)
  bool mapped = false;
};

// A zero-filled block of `bytes` bytes (bytes > 0), or a block with data == nullptr when the host has no memory for
// it. Never throws.
ZeroedBlock allocateZeroed(size_t bytes) noexcept;

// Frees `block` (nothing for an empty one) and empties it, so a second release() is harmless. Never throws.
void releaseZeroed(ZeroedBlock& block) noexcept;

}  // namespace dmasim
