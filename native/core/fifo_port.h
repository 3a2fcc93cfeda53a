// fifo_port.h — state of one device FIFO port: the FIFO itself, its device-side clock, data source / sink,
// request and interrupt outputs, counters and injected faults. Behaviour (ticks, DMA beats, request rule) is in
// port_device.cpp; the rules are documented in port_types.h.
//
// Behaviour source: ARCHITECTURE.md "Device ports"; TIMING.md rule 5; typical UART/SPI/I2S FIFO blocks (PL011-style
// watermark and aging timeout, sticky W1C status). floooh/chips style: plain struct, copyable state.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <vector>

#include "bytes_le.h"
#include "port_types.h"

namespace dmasim {

struct FifoPort {
  FifoPortOptions o;   // configuration; setters change dmaEnable, deviceEnable, txStreaming, watermark, irq fields,
                       // idleTimeout
  uint32_t regionId = 0;

  // The FIFO (ring of elements; each element is elementWidth bytes, little-endian in a uint64).
  std::vector<uint64_t> ring;
  uint32_t head = 0;
  uint32_t level = 0;
  uint32_t highWater = 0;

  // Sticky status and counters.
  uint32_t status = 0;
  uint64_t overruns = 0, underruns = 0, dmaOverflows = 0, dmaUnderflows = 0, errors = 0;
  uint64_t deviceElements = 0, dmaElements = 0;

  // Device clock: tick j (j >= 1) at epoch + floor(j * num / den), kept exactly as quotient tickQ and remainder
  // tickR of j*num/den, advanced by adding num/den's whole part and remainder (no division, no drift).
  bool active = false;        // ticking
  bool idleEmpty = false;     // tx non-streaming transmitter idled on an empty FIFO (restarts on a DMA write)
  bool idleSource = false;    // rx Appended source ran out (restarts on appendRxData)
  uint64_t epoch = 0;
  uint64_t tickIndex = 0;     // j of the tick at nextTick
  uint64_t tickQ = 0;         // floor(j * num / den)
  uint64_t tickR = 0;         // (j * num) mod den
  uint64_t nextTick = ~uint64_t{0};
  uint64_t rateQ = 1, rateR = 0;  // num / den and num % den (the rate never changes after addFifoPort)

  // rx aging. lastArrival: the cycle of the last rx device tick that delivered an element (pushed or lost).
  uint64_t idleDeadline = ~uint64_t{0};
  uint64_t lastArrival = 0;
  bool flushArmed = false;

  // rx source.
  uint64_t patternPos = 0;
  std::vector<uint8_t> rxData;
  uint64_t rxRead = 0;        // consumed prefix of rxData

  // tx sink.
  std::vector<uint8_t> txData;
  uint64_t txRead = 0;
  uint64_t txDropped = 0;

  // Injected faults.
  std::set<uint64_t> errorAt;                 // element indices
  std::map<uint64_t, uint64_t> stallAtElement;  // element index -> cycles
  std::multimap<uint64_t, uint64_t> stallAtCycle;  // cycle -> cycles

  // Outputs.
  bool reqOut = false;
  bool irqOut = false;
  uint32_t irqLineDriven = kNoLine;  // the interrupt line irqOut currently counts on

  uint32_t width() const { return o.elementWidth; }
  uint32_t depth() const { return o.depth; }
  uint64_t rxAvail() const { return rxData.size() - rxRead; }
  void push(uint64_t v) {
    uint32_t i = head + level;
    if (i >= o.depth) i -= o.depth;
    ring[i] = v;
    ++level;
    if (level > highWater) highWater = level;
  }
  uint64_t pop() {
    uint64_t v = ring[head];
    if (++head == o.depth) head = 0;
    --level;
    return v;
  }
  // The tx sink takes one element sent by the device: its bytes (little-endian) are kept unless that would pass
  // txCaptureLimit, in which case they are counted as dropped (PortStatus.txCaptureDropped).
  void capture(uint64_t v) {
    const uint32_t w = width();
    if (txData.size() - txRead + w <= o.txCaptureLimit) {
      uint8_t b[8];
      storeLe(b, v, w);
      txData.insert(txData.end(), b, b + w);
    } else {
      txDropped += w;
    }
  }
  // capture() for `bytes` bytes of whole elements sent in order (their little-endian bytes, as they are): each is
  // kept while the sink has room for it; the sink does not shrink meanwhile, so after the first drop all drop.
  void captureBlock(const uint8_t* data, uint64_t bytes) {
    if (bytes == 0) return;
    const uint32_t w = width();
    const uint64_t held = txData.size() - txRead;
    const uint64_t room = o.txCaptureLimit > held ? (o.txCaptureLimit - held) / w * w : 0;
    const uint64_t keep = bytes < room ? bytes : room;
    txData.insert(txData.end(), data, data + keep);
    txDropped += bytes - keep;
  }
};

}  // namespace dmasim
