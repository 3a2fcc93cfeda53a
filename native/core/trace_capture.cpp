// trace_capture.cpp — what the hardware trace records and when (the capture points in the other files call these).
// Behaviour source: TIMING.md soc rules 1-7 and the i8237 table, as the engine implements them (docs/timing.md):
// every value below is what the engine's own state says, at the cycle the rules give.
//
// Cycle rule: a record at cycle c is the value during cycle c (the last record of a cycle wins).
//  - Request lines: raw at the cycle the port drives it; seen when its RequestSeen activity runs (rise +
//    requestLatency), a fall at once.
//  - Channel phase: during a soc burst granted with start s: Reading from s (address phase, then the read beats),
//    Writing from the write burst's address phase, then at end+1 what the channel does next; outside bursts Idle
//    (not running), Stopping (cancelled, no burst), Waiting (its request not seen), Arbitrating (ready, or granted
//    and waiting for its first cycle). A call or burst end at t changes it from t+1 (TIMING.md "Counting"); a request
//    seen or falling at c changes it at c (arbitration of that cycle sees it).
//  - A soc burst's timeline is fully known at its grant (a granted burst is never split; TIMING.md rule 4), so its
//    records are written then; flushChannel, the only thing that stops a burst's data, withdraws the rest.
//  - Beat: high in each cycle a beat completes: beat j of a burst at s + burstSetup + (j+1)(1+wait) - 1.
//  - Bus: busy from a burst's first to its last cycle, owner = the channel.
//  - FIFO level: at each device tick (its own cycle, also when the tick is applied lazily later) and DMA beat.
#include "engine_impl.h"

namespace dmasim {

namespace {
// What a channel not in a burst does in cycle `at`.
TracePhase phaseOutsideBurst(const Engine& e, const Channel& k, uint64_t at) {
  if (k.state == ChannelState::Stopping) return TracePhase::Stopping;
  if (k.pairSlave) return TracePhase::Waiting;  // i8237 channel 1 held by channel 0's memory-to-memory transfer
  if (k.state != ChannelState::Running) return TracePhase::Idle;
  if (k.mem2mem || !k.demand || e.requestSeen(k.line, at)) {
    const bool cascade =
        e.opt.profile == Profile::I8237 && !k.mem2mem && e.i8237EffectiveMode(k) == i8237_mode::kCascade;
    return cascade ? TracePhase::Waiting : TracePhase::Arbitrating;
  }
  return TracePhase::Waiting;
}
}  // namespace

void Engine::traceBegin(const TraceOptions& o) {
  trace.start(o, now);
  sink.setTraceTrigger(o.trigger == TraceTrigger::Event && trace.wantsEvents() ? &trace : nullptr);
  traceGrantSeq.assign(opt.channels, 0);
  traceBursts.assign(opt.channels, 0);
  traceSeen.assign(opt.requestLines, 0);
  // The snapshot: every signal's value now (runs end with every port's lazy ticks applied, so levels are exact).
  for (uint32_t l = 0; l < opt.requestLines; ++l) {
    traceSeen[l] = requestSeen(l, now) ? 1 : 0;
    trace.setBase(TraceKind::RequestRaw, l, reqLevel[l]);
    trace.setBase(TraceKind::RequestSeen, l, traceSeen[l]);
  }
  for (uint32_t c = 0; c < opt.channels; ++c) {
    const Channel& k = ch[c];
    uint32_t phase = static_cast<uint32_t>(phaseOutsideBurst(*this, k, now));
    if (k.inService) {
      if (opt.profile == Profile::I8237)
        phase = static_cast<uint32_t>(TracePhase::Transferring);
      else
        phase = static_cast<uint32_t>(now + opt.burstSetup < k.soc.writeBeat0 || k.soc.faultInRead ? TracePhase::Reading
                                                                                                      : TracePhase::Writing);
    }
    trace.setBase(TraceKind::ChannelState, c, static_cast<uint32_t>(k.state));
    trace.setBase(TraceKind::ChannelPhase, c, phase);
    trace.setBase(TraceKind::ChannelBurst, c, 0);
    trace.setBase(TraceKind::ChannelBeats, c, k.inService && opt.profile == Profile::Soc ? k.soc.n : 0);
    trace.setBase(TraceKind::ChannelBeat, c, 0);
    trace.setBase(TraceKind::ChannelTc, c, 0);
    trace.setBase(TraceKind::ChannelIrq, c, k.visible);
    trace.setBase(TraceKind::ChannelFault, c, 0);
  }
  trace.setBase(TraceKind::BusBusy, 0, busOwned ? 1 : 0);
  trace.setBase(TraceKind::BusOwner, 0, busOwner);
  for (uint32_t l = 0; l < opt.interruptLines; ++l) trace.setBase(TraceKind::IrqLine, l, irqCount[l] ? 1 : 0);
  for (uint32_t p = 0; p < ports.size(); ++p) tracePortAdded(p);
}

void Engine::tracePortAdded(uint32_t p) {
  const FifoPort& fp = ports[p];
  trace.setBase(TraceKind::PortLevel, p, fp.level);
  trace.setBase(TraceKind::PortFlush, p, fp.flushArmed ? 1 : 0);
  trace.setBase(TraceKind::PortStatus, p, fp.status);
  trace.setBase(TraceKind::PortFault, p, 0);
  trace.setBase(TraceKind::PortIrq, p, fp.irqOut ? 1 : 0);
}

void Engine::tracePhase(uint32_t c, uint64_t at) {
  const Channel& k = ch[c];
  if (k.inService) return;  // the burst's own timeline (traceSocGrant / i8237) says what it does
  tr(at, TraceKind::ChannelPhase, c, static_cast<uint32_t>(phaseOutsideBurst(*this, k, at)));
}

void Engine::traceSocGrant(uint32_t c) {
  const Channel& k = ch[c];
  const SocService& s = k.soc;
  const uint64_t start = s.readBeat0 - opt.burstSetup;
  traceGrantSeq[c] = trace.written();
  tr(start, TraceKind::BusBusy, 0, 1);
  tr(start, TraceKind::BusOwner, 0, c);
  tr(start, TraceKind::ChannelBurst, c, ++traceBursts[c] & 0xFFFFu);
  tr(start, TraceKind::ChannelBeats, c, s.n);
  tr(start, TraceKind::ChannelPhase, c, static_cast<uint32_t>(TracePhase::Reading));
  // Beat strobes: beat j completes at beat0 + (j+1)*per - 1; one-cycle beats make one high stretch.
  auto beats = [&](uint64_t beat0, uint64_t per, uint32_t count) {
    if (count == 0) return;
    const uint64_t first = beat0 + per - 1;
    if (per == 1) {
      tr(first, TraceKind::ChannelBeat, c, 1);
      tr(first + count, TraceKind::ChannelBeat, c, 0);
      return;
    }
    for (uint32_t j = 0; j < count; ++j) {
      tr(first + uint64_t{j} * per, TraceKind::ChannelBeat, c, 1);
      tr(first + uint64_t{j} * per + 1, TraceKind::ChannelBeat, c, 0);
    }
  };
  beats(s.readBeat0, s.readPer, s.readBeats);
  if (!s.faultInRead) {
    tr(s.writeBeat0 - opt.burstSetup, TraceKind::ChannelPhase, c, static_cast<uint32_t>(TracePhase::Writing));
    beats(s.writeBeat0, s.writePer, s.okBeats);
  }
}

void Engine::traceI8237Grant(uint32_t c, uint64_t start) {
  traceGrantSeq[c] = trace.written();
  tr(start, TraceKind::BusBusy, 0, 1);
  tr(start, TraceKind::BusOwner, 0, c);
  tr(start, TraceKind::ChannelBurst, c, ++traceBursts[c] & 0xFFFFu);
  tr(start, TraceKind::ChannelPhase, c, static_cast<uint32_t>(TracePhase::Arbitrating));  // SI, S0 until HLDA
  tr(start + 1 + opt.holdLatency, TraceKind::ChannelPhase, c, static_cast<uint32_t>(TracePhase::Transferring));
}

void Engine::traceServiceEnd(uint32_t c, uint64_t end) {
  // After the burst's last cycle: what the channel does next (a state change the end makes writes its own phase
  // after this one), no burst in progress.
  tracePhase(c, end + 1);
  tr(end + 1, TraceKind::ChannelBeats, c, 0);
}

void Engine::traceRequestLine(uint32_t line, bool level) {
  tr(now, TraceKind::RequestRaw, line, level ? 1 : 0);
  if (level || !traceSeen[line]) return;
  // A fall is seen at once: channels waiting on the line go back to waiting in this cycle.
  traceSeen[line] = 0;
  tr(now, TraceKind::RequestSeen, line, 0);
  for (uint32_t c = 0; c < opt.channels; ++c)
    if (ch[c].line == line && ch[c].demand && !ch[c].mem2mem && ch[c].state == ChannelState::Running) tracePhase(c, now);
}

void Engine::traceRequestSeen(uint32_t line) {
  if (traceSeen[line]) return;
  traceSeen[line] = 1;
  tr(now, TraceKind::RequestSeen, line, 1);
  for (uint32_t c = 0; c < opt.channels; ++c)
    if (ch[c].line == line && ch[c].demand && !ch[c].mem2mem && ch[c].state == ChannelState::Running) tracePhase(c, now);
}

void Engine::traceFlushBurst(uint32_t c) {
  // flushChannel on a burst in progress: it keeps the bus to its end but moves no more data.
  trace.voidChannelFuture(c, traceGrantSeq[c], now);
  tr(now + 1, TraceKind::ChannelBeats, c, 0);
  tr(now + 1, TraceKind::ChannelBeat, c, 0);
}

}  // namespace dmasim
