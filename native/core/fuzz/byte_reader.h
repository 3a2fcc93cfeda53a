// byte_reader.h — how the libFuzzer harness (fuzz_engine.cpp) turns its input bytes into values: little-endian
// integers read front to back, zeros once the bytes run out (so every input, however short, decodes to something and a
// shorter input is a prefix of a longer one's calls — what libFuzzer's mutations and minimisation work with).
#pragma once

#include <cstddef>
#include <cstdint>

namespace dmasim_fuzz {

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return pos_ >= size_; }
  size_t position() const { return pos_ < size_ ? pos_ : size_; }

  uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() | (u8() << 8)); }
  uint32_t u32() { return static_cast<uint32_t>(u16()) | (static_cast<uint32_t>(u16()) << 16); }
  uint64_t u64() { return static_cast<uint64_t>(u32()) | (static_cast<uint64_t>(u32()) << 32); }
  bool flag() { return (u8() & 1) != 0; }

  // A value in [0, n) (n > 0) from one byte: small choices cost one byte of input.
  uint32_t below(uint32_t n) { return u8() % n; }
  // A number that is mostly small: one selector byte picks a width (8, 16, 32 or 64 bits of input).
  uint64_t number() {
    switch (u8() & 3) {
      case 0: return u8();
      case 1: return u16();
      case 2: return u32();
      default: return u64();
    }
  }
  // Bytes [pos, pos + n) of the input (fewer if it ends first); advances past them.
  const uint8_t* take(size_t n, size_t& got) {
    got = pos_ < size_ ? (n < size_ - pos_ ? n : size_ - pos_) : 0;
    const uint8_t* p = data_ + (pos_ < size_ ? pos_ : size_);
    pos_ += got;
    return p;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

}  // namespace dmasim_fuzz
