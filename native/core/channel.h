// channel.h — state of one DMA channel: its custom-function settings, the programmed transfer, its progress, the
// service (burst / S-state sequence) it holds the bus for, and its interrupt bits.
//
// Behaviour source: TIMING.md rules 1-7 (soc) and the i8237 table; KMDF-SYSTEM-DMA.md D.7 (ProgramChannel,
// ReadDmaCounter per iteration, CancelTransfer). Plain struct; behaviour lives in controller*.cpp, soc_service.cpp
// and i8237_service.cpp.
#pragma once

#include <cstdint>
#include <vector>

#include "dma_types.h"
#include "port_types.h"

namespace dmasim {

inline constexpr uint32_t kMaxChannelFifoDepth = 256;

// One soc burst pair (read burst then write burst through the channel FIFO, TIMING.md rule 3).
struct SocService {
  uint32_t n = 0;            // beats planned
  uint32_t okBeats = 0;      // beats that reach the destination (n, or the beats before a faulting write beat)
  bool fault = false;        // a beat faulted (read or write)
  bool faultInRead = false;
  bool faultInjected = false;
  uint64_t faultAddress = 0;
  uint64_t srcAddr = 0;      // first source address of the burst
  uint64_t dstAddr = 0;      // first destination address
  uint32_t dstRegion = 0xFFFFFFFFu;  // bus region of dstAddr found at the grant (kNoRegion when unmapped)
  bool srcFixed = false;     // source is the device address (no increment)
  bool dstFixed = false;
  uint64_t readBeat0 = 0;    // beat j of the read burst completes at readBeat0 + (j+1)*readPer - 1
  uint32_t readPer = 1;
  uint32_t readBeats = 0;    // beats actually read (n, or the faulting beat's index)
  uint64_t writeBeat0 = 0;
  uint32_t writePer = 1;
  uint32_t fifoBeat = 0;     // next FIFO-side beat index (FIFO ports only)
  uint64_t end = 0;
  bool endQueued = false;    // the ServiceEnd entry is on the calendar
  uint64_t countedBytes = 0; // destination bytes already counted per beat (FIFO destinations)
  uint8_t data[kMaxChannelFifoDepth * 8];  // the channel FIFO (beat j at data + j*width)
};

// One 8237 service (SI, S0.., then bytes), stepped byte by byte.
struct I8237Service {
  uint64_t nextStart = 0;  // first cycle of the next byte's states
  bool first = true;       // next byte is the first of the service (S1 always)
  uint64_t lastPage = 0;   // A8-A15 of the previous byte
};

struct Channel {
  // ---- configureChannel settings (persist) ----
  uint32_t burstLength = 4;
  uint32_t watermark = 0;            // bytes; 0 = one burst
  uint32_t notifyThreshold = 0;      // bytes; 0 = only at wraps
  uint32_t priority = 0;
  uint32_t heldLine = kNoLine;       // ACQUIRE_REQUEST_LINE
  uint32_t lastWidth = 0;            // width of the last program (0 = never programmed)
  uint64_t i8237Mode = 4;            // i8237_mode::kAuto

  // ---- the programmed transfer ----
  ChannelState state = ChannelState::Idle;
  bool mem2mem = false;
  std::vector<SgElement> sg;         // mem2mem: one element {source, length}
  uint64_t m2mDestination = 0;
  uint32_t m2mBurst = 0;
  uint64_t deviceAddress = 0;
  uint32_t devicePort = kNoLine;     // FIFO port at deviceAddress, or kNoLine (RAM device address)
  Direction direction = Direction::MemoryToDevice;
  uint32_t width = 1;
  bool demand = false;
  bool loop = false;
  uint32_t line = 0;
  uint64_t total = 0;                // bytes per iteration
  bool pairSlave = false;            // i8237: channel 1 held by a channel-0 memory-to-memory transfer
  mutable uint32_t srcHint = 0xFFFFFFFFu;  // region lookup hints (bus.find)
  mutable uint32_t dstHint = 0xFFFFFFFFu;

  // ---- progress ----
  uint32_t sgIndex = 0;
  uint64_t sgOffset = 0;
  uint64_t iterWritten = 0;          // destination bytes written this iteration
  uint64_t bytesWritten = 0;         // all iterations
  uint64_t iterations = 0;
  uint64_t sinceNotify = 0;
  uint64_t errorAddress = 0;

  // ---- service ----
  bool inService = false;
  uint64_t svcGen = 0;
  bool cancelReport = false;         // raise Cancelled when the stop completes
  SocService soc;
  I8237Service i8237;

  // ---- interrupts ----
  uint32_t raised = 0;               // bit per InterruptType: raised, not yet reported
  uint32_t visible = 0;              // subset of raised that is visible (latency elapsed)
  uint64_t irqGen = 0;

  uint64_t memAddress() const { return sg[sgIndex].address + sgOffset; }
  uint64_t fragmentLeft() const { return sg[sgIndex].length - sgOffset; }
  bool running() const { return state == ChannelState::Running || state == ChannelState::Stopping; }
};

}  // namespace dmasim
