// page_allocator.cpp — the platform half of page_allocator.h: anonymous private mappings on POSIX (mmap/munmap),
// committed pages on Windows (VirtualAlloc MEM_RESERVE | MEM_COMMIT, released with VirtualFree MEM_RELEASE). Both
// hand out pages the OS has zero-filled, which is what a RAM region and the event block promise.
#include "page_allocator.h"

#include <cstdlib>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#else
#include <sys/mman.h>
#endif

// Under AddressSanitizer every block comes from calloc, whose bounds ASan checks (it cannot see into a mapping).
#if defined(__SANITIZE_ADDRESS__)
#define DMASIM_HEAP_ONLY 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DMASIM_HEAP_ONLY 1
#endif
#endif

namespace dmasim {

namespace {

#ifndef DMASIM_HEAP_ONLY
void* mapZeroedPages(size_t bytes) noexcept {
#ifdef _WIN32
  return VirtualAlloc(nullptr, bytes, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);  // nullptr on failure
#else
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p == MAP_FAILED ? nullptr : p;
#endif
}
#endif

void unmapPages(void* data, size_t bytes) noexcept {
#ifdef _WIN32
  (void)bytes;
  VirtualFree(data, 0, MEM_RELEASE);
#else
  munmap(data, bytes);
#endif
}

}  // namespace

ZeroedBlock allocateZeroed(size_t bytes) noexcept {
  ZeroedBlock block;
  if (bytes == 0) return block;
#ifndef DMASIM_HEAP_ONLY
  if (bytes >= kMappedBlockMin) {
    if (void* p = mapZeroedPages(bytes)) {
      block.data = p;
      block.bytes = bytes;
      block.mapped = true;
      return block;
    }
    // Out of address space or mappings (vm.max_map_count): the heap may still have room.
  }
#endif
  block.data = std::calloc(bytes, 1);
  block.bytes = block.data ? bytes : 0;
  return block;
}

void releaseZeroed(ZeroedBlock& block) noexcept {
  if (block.data != nullptr) {
    if (block.mapped) {
      unmapPages(block.data, block.bytes);
    } else {
      std::free(block.data);
    }
  }
  block = ZeroedBlock{};
}

}  // namespace dmasim
