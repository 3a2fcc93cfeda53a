// bus.cpp — address map, RAM storage, debug access and injected faults (see bus.h).
#include "bus.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "error_codes.h"

namespace dmasim {

namespace {
constexpr uint64_t kMaxRegionSize = uint64_t{1} << 32;
constexpr uint32_t kMaxWait = 1000000;
constexpr uint32_t kMaxRegions = 4096;

std::string hex(uint64_t v) {
  char b[32];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}
}  // namespace

Bus::~Bus() {
  for (auto& block : ram_) releaseZeroed(block);
}

void Bus::checkFree(uint64_t base, uint64_t size) const {
  if (size == 0) throw SimError(err::kInvalidArgument, "size must be nonzero");
  if (size > kMaxRegionSize) throw SimError(err::kOutOfRange, "size must be <= 2^32");
  if (base + size < base || base + size == 0) {
    // base + size == 0 means the region would end exactly at 2^64: allowed only if no wrap; forbid for simplicity.
    throw SimError(err::kOutOfRange, "base + size wraps past 2^64 (base " + hex(base) + ")");
  }
  if (regions_.size() >= kMaxRegions) throw SimError(err::kOutOfRange, "too many regions (max 4096)");
  for (const auto& r : regions_) {
    if (base < r.base + r.size && r.base < base + size) {
      throw SimError(err::kRegionOverlap,
                     "region [" + hex(base) + ", " + hex(base + size) + ") overlaps [" + hex(r.base) + ", " +
                         hex(r.base + r.size) + ")");
    }
  }
}

uint32_t Bus::insert(const Region& r) {
  uint32_t id = static_cast<uint32_t>(regions_.size());
  regions_.push_back(r);
  auto it = std::lower_bound(byBase_.begin(), byBase_.end(), r.base,
                             [&](uint32_t i, uint64_t b) { return regions_[i].base < b; });
  byBase_.insert(it, id);
  return id;
}

uint32_t Bus::addRam(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait) {
  if (readWait > kMaxWait) throw SimError(err::kOutOfRange, "readWait must be <= 1000000");
  if (writeWait > kMaxWait) throw SimError(err::kOutOfRange, "writeWait must be <= 1000000");
  checkFree(base, size);
  if constexpr (sizeof(size_t) < sizeof(uint64_t)) {  // a 32-bit host cannot hold 2^32 bytes in one block
    if (size > SIZE_MAX) throw SimError(err::kOutOfMemory, "cannot allocate " + std::to_string(size) + " bytes of RAM");
  }
  if (ram_.size() == ram_.capacity()) ram_.reserve(ram_.empty() ? 4 : 2 * ram_.size());  // so push_back cannot throw
  ZeroedBlock block = allocateZeroed(static_cast<size_t>(size));
  if (!block.data) throw SimError(err::kOutOfMemory, "cannot allocate " + std::to_string(size) + " bytes of RAM");
  ram_.push_back(block);
  Region r;
  r.base = base;
  r.size = size;
  r.readWait = readWait;
  r.writeWait = writeWait;
  r.bytes = static_cast<uint8_t*>(block.data);
  return insert(r);
}

uint32_t Bus::addPort(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait, uint32_t portId) {
  if (readWait > kMaxWait) throw SimError(err::kOutOfRange, "readWait must be <= 1000000");
  if (writeWait > kMaxWait) throw SimError(err::kOutOfRange, "writeWait must be <= 1000000");
  checkFree(base, size);
  Region r;
  r.base = base;
  r.size = size;
  r.readWait = readWait;
  r.writeWait = writeWait;
  r.isPort = true;
  r.portId = portId;
  return insert(r);
}

uint32_t Bus::find(uint64_t addr) const {
  auto it = std::upper_bound(byBase_.begin(), byBase_.end(), addr,
                             [&](uint64_t a, uint32_t i) { return a < regions_[i].base; });
  if (it == byBase_.begin()) return kNoRegion;
  uint32_t id = *(it - 1);
  const Region& r = regions_[id];
  return (addr - r.base < r.size) ? id : kNoRegion;
}

bool Bus::ramCovers(uint64_t addr, uint64_t len) const {
  if (len == 0 || addr + len < addr) return false;
  uint64_t end = addr + len;  // may be 0 only on exact wrap, excluded above unless addr+len == 2^64
  if (end == 0) return false;
  while (addr < end) {
    uint32_t id = find(addr);
    if (id == kNoRegion || regions_[id].isPort) return false;
    addr = regions_[id].base + regions_[id].size;
    if (addr == 0) return true;  // region ends at 2^64 (cannot happen: rejected at add)
  }
  return true;
}

void Bus::peek(uint64_t addr, uint64_t len, uint8_t* out) const {
  if (len == 0) return;
  if (addr + len < addr) throw SimError(err::kOutOfRange, "address + length wraps past 2^64");
  uint64_t end = addr + len;
  while (addr < end) {
    uint32_t id = find(addr);
    if (id == kNoRegion) throw SimError(err::kUnmappedAddress, "address " + hex(addr) + " is not mapped");
    const Region& r = regions_[id];
    if (r.isPort) throw SimError(err::kNotMemory, "address " + hex(addr) + " is a FIFO port, not RAM");
    uint64_t n = std::min(end, r.base + r.size) - addr;
    std::memcpy(out, r.bytes + (addr - r.base), static_cast<size_t>(n));
    out += n;
    addr += n;
  }
}

void Bus::poke(uint64_t addr, const uint8_t* data, uint64_t len) {
  if (len == 0) return;
  if (addr + len < addr) throw SimError(err::kOutOfRange, "address + length wraps past 2^64");
  // Validate the whole range first so a failing poke changes nothing.
  uint64_t end = addr + len;
  for (uint64_t a = addr; a < end;) {
    uint32_t id = find(a);
    if (id == kNoRegion) throw SimError(err::kUnmappedAddress, "address " + hex(a) + " is not mapped");
    if (regions_[id].isPort) throw SimError(err::kNotMemory, "address " + hex(a) + " is a FIFO port, not RAM");
    a = regions_[id].base + regions_[id].size;
  }
  while (addr < end) {
    const Region& r = regions_[find(addr)];
    uint64_t n = std::min(end, r.base + r.size) - addr;
    std::memcpy(r.bytes + (addr - r.base), data, static_cast<size_t>(n));
    data += n;
    addr += n;
  }
}

uint64_t Bus::firstFault(uint64_t addr, uint64_t len) const {
  if (faults_.empty()) return ~uint64_t{0};
  auto it = faults_.lower_bound(addr);
  if (it == faults_.end() || *it - addr >= len) return ~uint64_t{0};
  return *it;
}

}  // namespace dmasim
