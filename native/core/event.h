// event.h — the fixed-size 32-byte event records a run writes into the caller's buffer (the addon's event block).
//
// Behaviour source: ARCHITECTURE.md "Events", issue 3 item 5. Records are plain POD, little-endian host layout:
//   offset 0 u64 cycle | 8 u32 kind | 12 u32 source | 16 u32 a | 20 u32 b | 24 u32 c | 28 u32 d
// Records appear in the order the engine produced them, which is (cycle, priority, sequence) order (see
// scheduler.h); records produced by calls made between runs (program, handleInterrupt lowering the line, ...)
// carry the call's cycle and are delivered first by the next run call. 64-bit values are split lo/hi.
#pragma once

#include <cstdint>
#include <type_traits>

namespace dmasim {

struct EventRecord {
  uint64_t cycle;
  uint32_t kind;    // EventKind
  uint32_t source;  // see the table
  uint32_t a, b, c, d;
};
static_assert(sizeof(EventRecord) == 32, "EventRecord must be 32 bytes");
static_assert(std::is_trivially_copyable_v<EventRecord>, "EventRecord must be POD");

//  kind                    source          a                     b                    c                 d
//  1 InterruptLine         line            new level 0/1         -                    -                 -
//  2 ChannelState          channel         new ChannelState      old ChannelState     -                 -
//  3 TerminalCount         channel         bytes written lo      bytes written hi     -                 -
//  4 LoopNotification      channel         iteration lo          bytes this iteration 1 if at a wrap    -
//  5 ChannelError          channel         address lo            address hi           1 injected fault, 0 unmapped
//  6 PortOverrun           port            total overruns lo     -                    -                 -
//  7 PortUnderrun          port            total underruns lo    -                    -                 -
//  8 PortDmaOverflow       port            total lo              -                    -                 -
//  9 PortDmaUnderflow      port            total lo              -                    -                 -
// 10 PortErrorFlag         port            element index lo      element index hi     -                 -
// 11 RequestLine           line            new raw level 0/1     port id              -                 -
// 12 Timer                 tag             -                     -                    -                 -
// 13 ChannelInterrupt      channel         InterruptType         -                    -                 -
//    (the channel's interrupt became visible to handleInterrupt, interruptLatency after the channel event)
// 14 PortIdleTimeout       port            level                 -                    -                 -
// 15 PortStall             port            stall cycles lo       stall cycles hi      -                 -
enum class EventKind : uint32_t {
  InterruptLine = 1,
  ChannelState = 2,
  TerminalCount = 3,
  LoopNotification = 4,
  ChannelError = 5,
  PortOverrun = 6,
  PortUnderrun = 7,
  PortDmaOverflow = 8,
  PortDmaUnderflow = 9,
  PortErrorFlag = 10,
  RequestLine = 11,
  Timer = 12,
  ChannelInterrupt = 13,
  PortIdleTimeout = 14,
  PortStall = 15,
};

// Every kind's bit in a record mask (Simulator::setRecordMask): bits 1..15.
inline constexpr uint32_t kAllRecordKinds = 0xFFFEu;

}  // namespace dmasim
