// error_codes.h — the stable error codes the engine throws for bad CALLS (never for modelled hardware faults).
//
// Behaviour source: ARCHITECTURE.md "Habits" 4 and issue 3 item 6: a bad call (out-of-range channel, SG element
// outside memory, program on a running channel, ...) throws a SimError whose code() is one of the strings below and
// whose what() names the offending argument. A modelled fault (bus error, overrun, underrun) is state: status bits,
// counters, interrupts, events — never an exception. The binding copies code() into the JS error's `code`.
#pragma once

#include <exception>
#include <string>

namespace dmasim {

namespace err {
// An argument has a value the call does not accept (wrong enum, bad width, zero where nonzero is required, ...).
inline constexpr const char* kInvalidArgument = "ERR_INVALID_ARGUMENT";
// An index (channel, line, region, port) or a number (cycle, size, count) is outside its documented range,
// including cycles above 2^53-1 and address + length wrapping past 2^64.
inline constexpr const char* kOutOfRange = "ERR_OUT_OF_RANGE";
// An address or length is not a multiple of the transfer width (TIMING.md "Alignment").
inline constexpr const char* kBadAlignment = "ERR_BAD_ALIGNMENT";
// programChannel / programMemoryToMemory on a channel that is Running or Stopping.
inline constexpr const char* kDmaChannelBusy = "ERR_DMA_CHANNEL_BUSY";
// An SG element, or a memory-to-memory source/destination range, is not entirely inside RAM regions.
inline constexpr const char* kSgOutsideMemory = "ERR_SG_OUTSIDE_MEMORY";
// addMemory / addFifoPort would overlap an existing region.
inline constexpr const char* kRegionOverlap = "ERR_REGION_OVERLAP";
// More SG elements than queryMaxFragments allows.
inline constexpr const char* kTooManyFragments = "ERR_TOO_MANY_FRAGMENTS";
// The device address is a FIFO port whose element width differs from the program's width.
inline constexpr const char* kWidthMismatch = "ERR_WIDTH_MISMATCH";
// programChannel's device address is not mapped at all.
inline constexpr const char* kUnmappedAddress = "ERR_UNMAPPED_ADDRESS";
// peek/poke/memoryBytes on something that is not RAM (a FIFO port region): debug access never touches devices.
inline constexpr const char* kNotMemory = "ERR_NOT_MEMORY";
// programChannel names a request line another channel holds through ACQUIRE_REQUEST_LINE, or addFifoPort names a
// request line another port already drives.
inline constexpr const char* kRequestLineBusy = "ERR_REQUEST_LINE_BUSY";
// A host allocation failed (a huge addMemory, a huge rx append).
inline constexpr const char* kOutOfMemory = "ERR_OUT_OF_MEMORY";
}  // namespace err

// The only exception type the engine throws on purpose.
class SimError : public std::exception {
 public:
  SimError(const char* code, std::string message) : code_(code), message_(std::move(message)) {}
  const char* code() const noexcept { return code_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  const char* code_;
  std::string message_;
};

}  // namespace dmasim
