// port_types.h — options and status of a device FIFO port (the native building block user devices are made of).
//
// Behaviour source: ARCHITECTURE.md "Device ports", TIMING.md rule 5 (request rule, over-long bursts), issue 3 item 4.
//
// Timing of the device side: the device side has an epoch E and handles its elements at E + floor(k*num/den),
// k = 1, 2, 3, ... (exact 128-bit arithmetic: no drift). E is set when the device (re)starts:
//  - addFifoPort at cycle t with deviceEnable: E = t. setPortDeviceEnable(true) at t: E = t.
//  - rx, Appended source: when the appended bytes run out the line goes idle (no element, no overrun); an
//    appendRxData at t restarts it with E = t.
//  - tx, txStreaming false: when the device finds the FIFO empty at its tick, the transmitter idles; the next
//    element written into the FIFO (by a DMA beat at cycle c) restarts it with E = c.
//  - tx, txStreaming true: ticks never stop; an empty FIFO at a tick counts an UNDERRUN.
// Since num >= den, the first element is at E+1 or later ("a call at t takes effect from t+1").
// rx: at a tick the device pushes one element (overrun if the FIFO is full: the element is lost).
// tx: at a tick the device pops one element into the sink.
// Same-cycle order: device ticks happen before DMA beats of the same cycle.
// DMA side: a beat reading the port pops one element (an empty FIFO, or a Tx port, counts a DMA underflow and reads
// as zero); a beat writing it pushes one (a full FIFO, or an Rx port, counts a DMA overflow and drops the element).
//
// Request (raw line, when requestLine != kNoLine): dmaEnable && (rx: level >= watermark, or the idle-timeout flush
// is armed and level > 0; tx: depth - level >= watermark). The controller sees a rise requestLatency cycles later.
// Idle timeout (rx, idleTimeout > 0): when idleTimeout cycles pass after the last element arrived with the FIFO
// non-empty, the flush is armed (PortIdleTimeout event) and stays armed until the FIFO is empty. A demand-mode
// channel granted while the flush is armed moves min(level, its normal burst) beats.
// setPortIdleTimeout(port, n) at cycle t (rx only) acts from t+1, measured from the same reference as always, the
// cycle a of the last element's arrival:
//  - an armed flush is not touched: it stays armed until the FIFO is empty, whatever n (0 included);
//  - n == 0: a running countdown is dropped (nothing arms until a timeout is set again);
//  - n > 0, FIFO non-empty, not armed: the countdown (running, or starting now if the timeout was off) ends at
//    max(a + n, t + 1): a shorter timeout that has already elapsed arms the flush at t+1 (PortIdleTimeout event
//    at t+1, request from t+1), a longer one moves the deadline to a + n;
//  - FIFO empty: nothing to age; the next element's arrival at c starts a countdown of n (deadline c + n).
//
// Device interrupt output (interruptLine != kNoLine): level-sensitive, high while
//   (mask & kPortIrqLevel && (rx: level >= interruptThreshold; tx: level <= interruptThreshold))
//   || (mask & kPortIrqEmpty && level == 0)
//   || (mask & kPortIrqError && status & kPortStatusError)
//   || (mask & kPortIrqOverrun && status & (Overrun|Underrun|DmaOverflow|DmaUnderflow)).
// It is OR'ed with every other source on that interrupt line; no latency.
#pragma once

#include <cstdint>
#include <vector>

namespace dmasim {

inline constexpr uint32_t kNoLine = 0xFFFFFFFFu;  // "no request line" / "no interrupt line"

enum class PortDirection : uint32_t {
  Rx = 0,  // the device fills the FIFO, DMA reads it (DeviceToMemory)
  Tx = 1,  // DMA writes the FIFO, the device drains it (MemoryToDevice)
};

enum class RequestRule : uint32_t {
  Burst = 0,   // a request asks for one burst (the channel's watermark / burst length)
  Single = 1,  // a request asks for one beat: a demand-mode channel moves 1 beat per service
};

enum class RxSource : uint32_t {
  Pattern = 0,   // endless repetition of `pattern` (element k = bytes k*width.. of the repeated pattern)
  Appended = 1,  // bytes handed in by appendRxData; when they run out the line is idle
};

// Status bits (portStatus().status); sticky; clearPortStatus(port, mask) is write-one-to-clear.
inline constexpr uint32_t kPortStatusOverrun = 1u << 0;       // rx: device element found the FIFO full (lost)
inline constexpr uint32_t kPortStatusUnderrun = 1u << 1;      // tx streaming: device found the FIFO empty
inline constexpr uint32_t kPortStatusDmaOverflow = 1u << 2;   // DMA wrote a full tx FIFO (element dropped)
inline constexpr uint32_t kPortStatusDmaUnderflow = 1u << 3;  // DMA read an empty rx FIFO (reads as zero)
inline constexpr uint32_t kPortStatusError = 1u << 4;         // an injected error flag was raised
inline constexpr uint32_t kPortStatusAllBits = 0x1Fu;

// Device interrupt mask bits.
inline constexpr uint32_t kPortIrqLevel = 1u << 0;
inline constexpr uint32_t kPortIrqEmpty = 1u << 1;
inline constexpr uint32_t kPortIrqError = 1u << 2;
inline constexpr uint32_t kPortIrqOverrun = 1u << 3;  // any of Overrun / Underrun / DmaOverflow / DmaUnderflow
inline constexpr uint32_t kPortIrqAllBits = 0xFu;

// addFifoPort options; validated ranges in brackets. The port maps [address, address + elementWidth) as a device
// region (no overlap with any region: ERR_REGION_OVERLAP).
struct FifoPortOptions {
  uint64_t address = 0;            // aligned to elementWidth (ERR_BAD_ALIGNMENT)
  uint32_t readWait = 0;           // [0..1e6] wait states of a DMA beat reading the port
  uint32_t writeWait = 0;          // [0..1e6]
  PortDirection direction = PortDirection::Rx;
  uint32_t depth = 16;             // elements [1..65536]
  uint32_t elementWidth = 1;       // bytes 1/2/4/8; one DMA beat = one element
  uint64_t rateNumerator = 1;      // cycles per element = num/den; den in [1..2^32], num in [den..2^53]
  uint64_t rateDenominator = 1;
  uint32_t requestLine = kNoLine;  // < requestLines or kNoLine; one port per line (ERR_REQUEST_LINE_BUSY)
  uint32_t watermark = 1;          // elements [1..depth]
  RequestRule requestRule = RequestRule::Burst;
  bool dmaEnable = false;          // the DMA-enable gate (request output gated by it)
  bool deviceEnable = true;        // rx: receiver on; tx: transmitter on
  bool txStreaming = false;        // tx only: see header comment
  uint64_t idleTimeout = 0;        // rx aging timeout in cycles; 0 = off [0..2^53]
  RxSource rxSource = RxSource::Pattern;
  std::vector<uint8_t> pattern;    // Pattern source: nonempty (ERR_INVALID_ARGUMENT) [<= 1 MiB]
  uint32_t interruptLine = kNoLine;  // < interruptLines or kNoLine
  uint32_t interruptMask = 0;        // kPortIrq* bits
  uint32_t interruptThreshold = 0;   // elements [0..depth]
  uint64_t txCaptureLimit = 1u << 20;  // bytes the tx sink keeps before dropping (counted in txCaptureDropped)
};

struct PortStatus {
  uint32_t level = 0;             // elements in the FIFO now
  uint32_t highWater = 0;         // highest level ever seen
  uint32_t status = 0;            // kPortStatus* bits
  uint64_t overruns = 0;
  uint64_t underruns = 0;
  uint64_t dmaOverflows = 0;
  uint64_t dmaUnderflows = 0;
  uint64_t errors = 0;            // injected error flags raised
  uint64_t deviceElements = 0;    // elements the device pushed (rx) / popped (tx), incl. lost ones for rx
  uint64_t dmaElements = 0;       // DMA beats on the port
  uint64_t rxPendingBytes = 0;    // Appended source: bytes not yet consumed
  uint64_t txCapturedBytes = 0;   // bytes held in the tx sink
  uint64_t txCaptureDropped = 0;  // bytes dropped by txCaptureLimit
  bool requestAsserted = false;   // raw request output
  bool interruptAsserted = false; // device interrupt output
  bool flushArmed = false;        // idle-timeout flush armed
  bool deviceActive = false;      // device ticking (not idle / disabled)
};

}  // namespace dmasim
