// dma_types.h — the value types of the DMA controller's public verbs (the HAL controller-extension table).
//
// Behaviour source: KMDF-SYSTEM-DMA.md D.7 (ProgramChannel, ConfigureChannel, HandleInterrupt, ...), D.2 (demand mode,
// looped transfers), TIMING.md rules 5-7. The verbs themselves are on dmasim::Simulator (engine.h).
//
// ConfigureChannel custom functions (configureChannel(channel, functionNumber, value) -> NTSTATUS):
//
//  | # | name                        | profiles | value                                                                 |
//  |---|-----------------------------|----------|-----------------------------------------------------------------------|
//  | 1 | SET_WATERMARK               | soc      | bytes moved per device request in demand mode (i.MX SDMA style); 0 =  |
//  |   |                             |          | one burst of the channel's burst length. Must be <= fifoDepth*width   |
//  |   |                             |          | and a multiple of width, where width is the width of the channel's    |
//  |   |                             |          | last program (before any program: width 8 is assumed for the <= test  |
//  |   |                             |          | and 1 for the multiple test). programChannel re-checks it against the |
//  |   |                             |          | new width and throws ERR_INVALID_ARGUMENT ("watermark") if it fails.  |
//  | 2 | SET_NOTIFICATION_THRESHOLD  | soc      | bytes between loop notifications (rounded up to a beat); 0 = only at  |
//  |   |                             |          | each wrap. <= 0xFFFFFFFF.                                              |
//  | 3 | ACQUIRE_REQUEST_LINE        | both     | line < requestLines; held by another channel -> STATUS_DEVICE_BUSY;   |
//  |   |                             |          | already held by this channel -> success.                              |
//  | 4 | RELEASE_REQUEST_LINE        | both     | line this channel holds; otherwise STATUS_INVALID_PARAMETER           |
//  | 5 | SET_BURST_LENGTH            | soc      | beats, 1..fifoDepth                                                   |
//  | 6 | SET_PRIORITY                | soc      | fixed-priority rank 0..255, lower wins, ties by channel number        |
//  |16 | I8237_SET_MODE              | i8237    | 0 demand, 1 single, 2 block, 3 cascade (cascade: channel never        |
//  |   |                             |          | transfers), 4 auto (= demand if demandMode else block; the default)  |
//
//  Status: success 0; channel Running/Stopping -> STATUS_INVALID_DEVICE_STATE (checked first, after the channel
//  index); unknown number or a function of the other profile -> STATUS_NOT_IMPLEMENTED; bad value ->
//  STATUS_INVALID_PARAMETER. An out-of-range channel index is a bad CALL: throws ERR_OUT_OF_RANGE.
//  Settings persist across programs and flushChannel.
#pragma once

#include <cstdint>
#include <vector>

namespace dmasim {

namespace configure_fn {
inline constexpr uint32_t kSetWatermark = 1;
inline constexpr uint32_t kSetNotificationThreshold = 2;
inline constexpr uint32_t kAcquireRequestLine = 3;
inline constexpr uint32_t kReleaseRequestLine = 4;
inline constexpr uint32_t kSetBurstLength = 5;
inline constexpr uint32_t kSetPriority = 6;
inline constexpr uint32_t kI8237SetMode = 16;
}  // namespace configure_fn

namespace i8237_mode {
inline constexpr uint64_t kDemand = 0;
inline constexpr uint64_t kSingle = 1;
inline constexpr uint64_t kBlock = 2;
inline constexpr uint64_t kCascade = 3;
inline constexpr uint64_t kAuto = 4;
}  // namespace i8237_mode

enum class Direction : uint32_t {
  MemoryToDevice = 0,  // WriteToDevice TRUE: SG memory -> deviceAddress
  DeviceToMemory = 1,  // deviceAddress -> SG memory
};

struct SgElement {
  uint64_t address = 0;  // physical address, multiple of width, element entirely inside RAM
  uint64_t length = 0;   // bytes, nonzero multiple of width
};

// ProgramChannel. Validation order (first failure throws):
//  channel < channels (ERR_OUT_OF_RANGE); channel not Running/Stopping (ERR_DMA_CHANNEL_BUSY);
//  requestLine < requestLines (ERR_OUT_OF_RANGE); line not held by another channel (ERR_REQUEST_LINE_BUSY);
//  width in {1,2,4,8} (i8237: 1 only) (ERR_INVALID_ARGUMENT); direction valid (ERR_INVALID_ARGUMENT);
//  sg nonempty (ERR_INVALID_ARGUMENT); sg.size() <= maxFragments (ERR_TOO_MANY_FRAGMENTS);
//  per element: length != 0 (ERR_INVALID_ARGUMENT), address/length multiple of width (ERR_BAD_ALIGNMENT),
//  address+length no wrap and inside RAM regions (ERR_SG_OUTSIDE_MEMORY); total length <= 0xFFFFFFFF
//  (ERR_OUT_OF_RANGE); deviceAddress mapped (ERR_UNMAPPED_ADDRESS) and a multiple of width (ERR_BAD_ALIGNMENT);
//  a FIFO port there has elementWidth == width (ERR_WIDTH_MISMATCH); [deviceAddress, +width) inside that one
//  region (ERR_UNMAPPED_ADDRESS); watermark consistent with width (ERR_INVALID_ARGUMENT "watermark").
// The device address may also be RAM: then every beat uses that one address (no increment).
// A successful program at cycle t: the channel is Running from t+1 (a ChannelState event is recorded at t and
// delivered by the next run). Any unreported interrupt of the previous transfer on that channel is discarded.
struct ProgramRequest {
  uint32_t channel = 0;
  uint32_t requestLine = 0;  // watched only in demand mode, but always range-checked
  std::vector<SgElement> sg;
  uint64_t deviceAddress = 0;
  Direction direction = Direction::MemoryToDevice;
  uint32_t width = 4;        // bytes per beat: 1, 2, 4, 8
  bool demandMode = false;   // soc: each service needs the request line seen asserted (rule 5)
  bool loop = false;         // wrap to sg[0] at the end instead of terminal count (auto-initialize)
};

// Engine-only memory-to-memory transfer (benchmarks, tests). soc: any channel, memory-only two-cycle bursts.
// i8237: channel must be 0 (channels 0 and 1 both become busy, 8 cycles per byte), width 1.
// Validation like ProgramRequest: source/destination ranges inside RAM (ERR_SG_OUTSIDE_MEMORY), aligned to width
// (ERR_BAD_ALIGNMENT), length nonzero and <= 0xFFFFFFFF, burst 0 (= the channel's burst length) or 1..fifoDepth.
struct MemToMemRequest {
  uint32_t channel = 0;
  uint64_t source = 0;
  uint64_t destination = 0;
  uint64_t length = 0;
  uint32_t width = 4;
  uint32_t burst = 0;
};

enum class InterruptType : uint32_t {
  Completion = 0,  // terminal count, or a loop notification (threshold reached / wrap)
  Error = 1,       // bus error or injected fault; the channel is in state Error
  Cancelled = 2,   // the channel has stopped after cancelTransfer returned true
};

struct InterruptReport {
  uint32_t channel = 0;
  InterruptType type = InterruptType::Completion;
};

enum class ChannelState : uint32_t {
  Idle = 0,       // never programmed, or flushed
  Running = 1,    // programmed, moving data when ready
  Stopping = 2,   // cancelTransfer accepted, the burst in progress is finishing
  Complete = 3,   // terminal count reached (non-looped)
  Error = 4,      // stopped by a bus error / injected fault
  Cancelled = 5,  // stopped by cancelTransfer
};

// Snapshot for tests and traces (channelStatus()).
struct ChannelStatus {
  ChannelState state = ChannelState::Idle;
  uint32_t remaining = 0;           // == readDmaCounter
  uint64_t bytesWritten = 0;        // bytes written to the destination since the program (all loop iterations)
  uint64_t loopIterations = 0;      // completed wraps
  uint32_t pendingInterrupts = 0;   // bit (1 << InterruptType) per raised, unreported interrupt (visible or not yet)
  uint64_t errorAddress = 0;        // address of the faulting beat (state Error)
  bool serviceInProgress = false;   // holds the bus (granted burst / S-state sequence)
  uint32_t requestLine = 0;
  uint32_t width = 0;
  uint32_t burstLength = 0;         // current SET_BURST_LENGTH value
  uint32_t watermark = 0;           // current SET_WATERMARK value (bytes)
  uint32_t notificationThreshold = 0;
  uint32_t priority = 0;
};

}  // namespace dmasim
