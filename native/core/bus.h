// bus.h — the memory bus address map: RAM regions and device (FIFO port) regions with per-region wait states,
// injected bus faults, and the debug / zero-copy paths.
//
// Behaviour source: ARCHITECTURE.md "Bus" (address map, unmapped access = bus error as state, three paths: timed
// access done by the controller, debug peek/poke with no time and no side effects, zero-copy RAM view), SystemC TLM's
// debug transport. RAM bytes live in one zero-filled block per region that is never reallocated (page_allocator.h:
// mapped pages for a large region, so they go back to the OS when the bus is destroyed).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <set>
#include <vector>

#include "page_allocator.h"

namespace dmasim {

inline constexpr uint32_t kNoRegion = 0xFFFFFFFFu;

struct Region {
  uint64_t base = 0;
  uint64_t size = 0;  // end = base + size, never wraps
  uint32_t readWait = 0;
  uint32_t writeWait = 0;
  bool isPort = false;
  uint32_t portId = 0;
  uint8_t* bytes = nullptr;  // RAM only
};

class Bus {
 public:
  Bus() = default;
  ~Bus();
  Bus(const Bus&) = delete;
  Bus& operator=(const Bus&) = delete;

  // Both throw SimError; return the region id.
  uint32_t addRam(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait);
  uint32_t addPort(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait, uint32_t portId);

  uint32_t count() const { return static_cast<uint32_t>(regions_.size()); }
  const Region& region(uint32_t id) const { return regions_[id]; }
  // Region id containing addr, or kNoRegion. O(log regions).
  uint32_t find(uint64_t addr) const;
  // find() with a caller-kept hint (the region found last time), checked first.
  uint32_t find(uint64_t addr, uint32_t& hint) const {
    if (hint < regions_.size() && addr - regions_[hint].base < regions_[hint].size) return hint;
    hint = find(addr);
    return hint;
  }
  // True when [addr, addr+len) lies entirely in RAM (possibly several adjacent regions), len > 0, no wrap.
  bool ramCovers(uint64_t addr, uint64_t len) const;
  // True when region `id` is RAM and holds all of [addr, addr+len) (len > 0): ramPtr may then be used for the range.
  bool ramHolds(uint32_t id, uint64_t addr, uint64_t len) const {
    if (id >= regions_.size()) return false;
    const Region& r = regions_[id];
    return !r.isPort && addr >= r.base && addr - r.base <= r.size && len <= r.size - (addr - r.base) && len > 0;
  }
  // Pointer to RAM byte addr (must be RAM).
  uint8_t* ramPtr(uint32_t regionId, uint64_t addr) const { return regions_[regionId].bytes + (addr - regions_[regionId].base); }

  void peek(uint64_t addr, uint64_t len, uint8_t* out) const;
  void poke(uint64_t addr, const uint8_t* data, uint64_t len);

  void injectFault(uint64_t addr) { faults_.insert(addr); }
  void clearFaults() { faults_.clear(); }
  bool hasFaults() const { return !faults_.empty(); }
  size_t faultCount() const { return faults_.size(); }
  // Lowest faulted address in [addr, addr+len), or ~0 when none.
  uint64_t firstFault(uint64_t addr, uint64_t len) const;

 private:
  void checkFree(uint64_t base, uint64_t size) const;
  uint32_t insert(const Region& r);
  std::vector<Region> regions_;       // by id
  std::vector<uint32_t> byBase_;      // ids sorted by base
  std::set<uint64_t> faults_;
  std::vector<ZeroedBlock> ram_;      // the RAM regions' blocks, freed by ~Bus
};

}  // namespace dmasim
