// bytes_le.h — little-endian element load/store of 1, 2, 4 or 8 bytes (FIFO elements, channel-FIFO beats).
// Behaviour source: event.h / port_types.h (elements are little-endian in a uint64). One memcpy on little-endian
// hosts (the per-beat / per-element path), a byte loop elsewhere.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

namespace dmasim {

inline uint64_t loadLe(const uint8_t* p, uint32_t w) {
  uint64_t v = 0;
  if constexpr (std::endian::native == std::endian::little) {
    switch (w) {  // fixed-size copies compile to one load each
      case 1: return p[0];
      case 2: { uint16_t x; std::memcpy(&x, p, 2); return x; }
      case 4: { uint32_t x; std::memcpy(&x, p, 4); return x; }
      case 8: std::memcpy(&v, p, 8); return v;
      default: std::memcpy(&v, p, w); return v;
    }
  } else {
    for (uint32_t i = 0; i < w; ++i) v |= uint64_t{p[i]} << (8 * i);
  }
  return v;
}

inline void storeLe(uint8_t* p, uint64_t v, uint32_t w) {
  if constexpr (std::endian::native == std::endian::little) {
    switch (w) {
      case 1: p[0] = static_cast<uint8_t>(v); return;
      case 2: { uint16_t x = static_cast<uint16_t>(v); std::memcpy(p, &x, 2); return; }
      case 4: { uint32_t x = static_cast<uint32_t>(v); std::memcpy(p, &x, 4); return; }
      case 8: std::memcpy(p, &v, 8); return;
      default: std::memcpy(p, &v, w); return;
    }
  } else {
    for (uint32_t i = 0; i < w; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
  }
}

}  // namespace dmasim
