// i8237_service.cpp — profile `i8237` services as the 8237A state machine: SI (request sampled), S0 until HLDA
// (holdLatency), then per byte S1 (only at the start of a service and when A8-A15 change), S2 S3 S4 (normal) or S2 S4
// (compressed), plus one Sw per wait cycle before S4 (normal timing only). Memory-to-memory (channel 0 -> 1): S11-S14
// and S21-S24, 8 cycles per byte (+ read and write wait states in normal timing), no S1.
// Modes: block (the whole block in one service), demand (while the request stays seen high, checked after each
// byte's S4), single (one byte per service, bus released), cascade (never transfers). Auto-initialize = loop: reload
// at terminal count, no extra cycle; terminal count (also with auto-init) ends the service.
// Behaviour source: TIMING.md profile i8237 table and checks (196,866 / 131,330 / 524,290 / 6,000); Intel 8237A
// datasheet state diagram; MAME am9517a.
// Fly-by: a device <-> memory byte is one bus cycle; a FIFO port byte happens at its S4.
// Bytes that touch only memory are computed ahead of the calendar when nothing else can happen before they end.
// TODO(accuracy): addresses only increment (the 8237 decrement mode is not modelled); cancel stops after the current
// byte (a mask-bit write), flushChannel releases the bus at once.
#include <algorithm>

#include "engine_impl.h"

namespace dmasim {

void Engine::i8237Grant(uint32_t c, uint64_t start) {
  Channel& k = ch[c];
  if (traceOn()) [[unlikely]] traceI8237Grant(c, start);
  k.i8237.first = true;
  k.i8237.nextStart = start + 1 + opt.holdLatency;  // SI, then S0 for holdLatency cycles
  i8237Step(c, k.svcGen);
}

void Engine::i8237EndService(uint32_t c, uint64_t end) {
  Channel& k = ch[c];
  k.inService = false;
  if (traceOn()) [[unlikely]] traceServiceEnd(c, end);
  if (k.state == ChannelState::Stopping) completeStop(c);
  releaseBus(end);
}

void Engine::i8237Step(uint32_t c, uint64_t gen) {
  Channel& k = ch[c];
  if (gen != k.svcGen || !k.inService) return;
  const bool fifo = k.devicePort != kNoLine;
  const uint64_t mode = k.mem2mem ? i8237_mode::kBlock : i8237EffectiveMode(k);
  for (;;) {
    const uint64_t a = k.memAddress();
    const uint64_t dst = k.m2mDestination + k.sgOffset;
    const uint32_t rm = bus.find(a);
    uint64_t cost;
    uint64_t page = a >> 8;
    if (k.mem2mem) {
      const uint32_t rdst = bus.find(dst);
      cost = 8;
      if (!opt.compressedTiming) cost += bus.region(rm).readWait + bus.region(rdst).writeWait;
    } else {
      const Region& mem = bus.region(rm);
      const Region& dev = bus.region(bus.find(k.deviceAddress));
      uint64_t wait = k.direction == Direction::MemoryToDevice ? std::max(mem.readWait, dev.writeWait)
                                                               : std::max(mem.writeWait, dev.readWait);
      bool s1 = k.i8237.first || page != k.i8237.lastPage;
      cost = (s1 ? 1 : 0) + (opt.compressedTiming ? 2 : 3 + wait);
    }
    const uint64_t end = k.i8237.nextStart + cost - 1;
    if (end > now) {
      if (fifo || end > aheadLimit()) {
        sched.push(end, Act::DmaStep, c, gen);
        return;
      }
      now = end;  // nothing else can happen before `end`: do this byte now
    }
    // ---- the byte, at its last state ----
    ++statBeats;
    uint64_t fault = bus.firstFault(a, 1);
    if (fault == kNever && k.mem2mem) fault = bus.firstFault(dst, 1);
    if (fault == kNever && !k.mem2mem) fault = bus.firstFault(k.deviceAddress, 1);
    if (fault != kNever) {
      k.inService = false;
      if (traceOn()) [[unlikely]] traceServiceEnd(c, now);
      stopWithError(c, fault, true);
      releaseBus(now);
      return;
    }
    if (traceOn()) [[unlikely]] tracePulse(TraceKind::ChannelBeat, c, 1);
    uint8_t v = 0;
    if (k.mem2mem) {
      bus.peek(a, 1, &v);
      bus.poke(dst, &v, 1);
    } else if (k.direction == Direction::MemoryToDevice) {
      bus.peek(a, 1, &v);
      if (fifo)
        portDmaWrite(k.devicePort, v);
      else
        bus.poke(k.deviceAddress, &v, 1);
    } else {
      if (fifo)
        v = static_cast<uint8_t>(portDmaRead(k.devicePort));
      else
        bus.peek(k.deviceAddress, 1, &v);
      bus.poke(a, &v, 1);
    }
    k.i8237.first = false;
    k.i8237.lastPage = page;
    k.iterWritten += 1;
    int r = afterBeats(c, 1);
    bool endService = r != 0 || k.state != ChannelState::Running || mode == i8237_mode::kSingle ||
                      (mode == i8237_mode::kDemand && k.demand && !requestSeen(k.line, now));
    if (endService) {
      i8237EndService(c, now);
      return;
    }
    k.i8237.nextStart = now + 1;
  }
}

}  // namespace dmasim
