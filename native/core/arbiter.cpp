// arbiter.cpp — channel readiness, arbitration and the bookkeeping every service ends with (position advance,
// loop notifications and wrap, terminal count, error and cancel stops, bus release).
// Behaviour source: TIMING.md soc rules 1, 2, 4, 6, 7 (ready, fixed / round-robin priority, arbitration cost only
// when the bus was idle, back-to-back arbitration free, terminal count, cancel) and the i8237 table (SI sampled at
// the start of each service; fixed or rotating priority: a requester waits for at most 3 higher-priority services).
#include "engine_impl.h"

namespace dmasim {

void Engine::requestArbitrate(uint64_t at) {
  // Inline when this is the current cycle and nothing that must precede arbitration is still due in it.
  if (running && !arbitrating && at == now && sched.nothingBefore(now, Act::Arbitrate)) {
    arbitrating = true;
    arbitrate();
    arbitrating = false;
    return;
  }
  if (arbScheduledAt == at) return;
  arbScheduledAt = at;
  sched.push(at, Act::Arbitrate, 0, 0);
}

uint64_t Engine::i8237EffectiveMode(const Channel& k) const {
  if (k.i8237Mode != i8237_mode::kAuto) return k.i8237Mode;
  return k.demand ? i8237_mode::kDemand : i8237_mode::kBlock;
}

bool Engine::ready(uint32_t c) const {
  const Channel& k = ch[c];
  if (!readyIgnoringCascade(k)) return false;
  return !(opt.profile == Profile::I8237 && !k.mem2mem && i8237EffectiveMode(k) == i8237_mode::kCascade);
}

void Engine::arbitrate() {
  // Loops only when a burst was done entirely inline (socGrant's fast path): its end released the bus at now, and
  // the arbitration releaseBus would ask for is inline too when nothing that must precede it is due in this cycle.
  for (;;) {
    if (busOwned) return;
    uint32_t n = opt.channels;
    uint32_t win = kNoLine;
    bool rotating = opt.profile == Profile::I8237 ? opt.rotatingPriority : opt.priority == PriorityMode::RoundRobin;
    if (rotating) {
      for (uint32_t i = 1; i <= n; ++i) {
        uint32_t c = (lastGranted + i) % n;
        if (ready(c)) {
          win = c;
          break;
        }
      }
    } else if (opt.profile == Profile::Soc) {
      // ready() for soc (no cascade mode) and the fixed-priority pick, with the profile tests out of the loop
      // (this scans every channel at every arbitration): the lowest priority value wins, ties to the lower channel.
      uint32_t best = 0;
      for (uint32_t c = 0; c < n; ++c) {
        const Channel& k = ch[c];
        if (!readyIgnoringCascade(k)) continue;
        if (win == kNoLine || k.priority < best) {
          win = c;
          best = k.priority;
        }
      }
    } else {
      for (uint32_t c = 0; c < n; ++c) {
        if (ready(c)) {
          win = c;  // i8237 fixed priority: the lowest ready channel
          break;
        }
      }
    }
    if (win == kNoLine) return;
    bool backToBack = haveLastEnd && busLastEnd == now;
    uint64_t start;
    if (opt.profile == Profile::I8237)
      start = backToBack ? now + 1 : now;  // SI: the cycle in which the request is sampled
    else
      start = perturb.busLoadStart(backToBack ? now + 1 : now + opt.arbitrationCycles, haveLastEnd ? busLastEnd + 1 : 0);
    lastGranted = win;
    busOwned = true;
    busOwner = win;
    ++busGen;
    ch[win].inService = true;
    if (opt.profile == Profile::I8237) {
      i8237Grant(win, start);
      return;
    }
    if (!socGrant(win, start)) return;
    // releaseBus(now)'s requestArbitrate, from inside the arbiter.
    if (!sched.nothingBefore(now, Act::Arbitrate)) {
      if (arbScheduledAt != now) {
        arbScheduledAt = now;
        sched.push(now, Act::Arbitrate, 0, 0);
      }
      return;
    }
  }
}

void Engine::releaseBus(uint64_t at) {
  if (traceOn()) [[unlikely]] tr(at + 1, TraceKind::BusBusy, 0, 0);
  busOwned = false;
  haveLastEnd = true;
  busLastEnd = at;
  requestArbitrate(at);
}

int Engine::afterBeats(uint32_t c, uint64_t bytes) {
  Channel& k = ch[c];
  k.bytesWritten += bytes;
  k.sinceNotify += bytes;
  k.sgOffset += bytes;
  while (k.sgIndex < k.sg.size() && k.sgOffset >= k.sg[k.sgIndex].length) {
    k.sgOffset -= k.sg[k.sgIndex].length;
    ++k.sgIndex;
  }
  if (k.sgIndex >= k.sg.size()) {
    if (k.loop) {
      ++k.iterations;
      k.sgIndex = 0;
      k.sgOffset = 0;
      k.sinceNotify = 0;
      k.iterWritten = 0;
      sink.emit(now, EventKind::LoopNotification, c, static_cast<uint32_t>(k.iterations),
                static_cast<uint32_t>(k.total), 1);
      if (traceOn()) [[unlikely]] tracePulse(TraceKind::ChannelTc, c, 1);
      raiseInterrupt(c, InterruptType::Completion);
      return kAfterWrapped;
    }
    sink.emit(now, EventKind::TerminalCount, c, static_cast<uint32_t>(k.bytesWritten),
              static_cast<uint32_t>(k.bytesWritten >> 32));
    if (traceOn()) [[unlikely]] tracePulse(TraceKind::ChannelTc, c, 1);
    setState(c, ChannelState::Complete);
    if (k.pairSlave || (opt.profile == Profile::I8237 && k.mem2mem && c == 0 && ch[1].pairSlave)) {
      ch[1].pairSlave = false;
      setState(1, ChannelState::Complete);
    }
    raiseInterrupt(c, InterruptType::Completion);
    return kAfterTerminal;
  }
  if (k.loop && k.notifyThreshold) {
    uint64_t thr = (uint64_t{k.notifyThreshold} + k.width - 1) / k.width * k.width;
    if (k.sinceNotify >= thr) {
      k.sinceNotify %= thr;
      sink.emit(now, EventKind::LoopNotification, c, static_cast<uint32_t>(k.iterations),
                static_cast<uint32_t>(k.iterWritten), 0);
      raiseInterrupt(c, InterruptType::Completion);
    }
  }
  return 0;
}

void Engine::stopWithError(uint32_t c, uint64_t address, bool injected) {
  Channel& k = ch[c];
  k.errorAddress = address;
  sink.emit(now, EventKind::ChannelError, c, static_cast<uint32_t>(address), static_cast<uint32_t>(address >> 32),
            injected ? 1 : 0);
  if (traceOn()) [[unlikely]] tracePulse(TraceKind::ChannelFault, c, injected ? 1 : 2);
  setState(c, ChannelState::Error);
  if (opt.profile == Profile::I8237 && k.mem2mem && c == 0 && ch[1].pairSlave) {
    ch[1].pairSlave = false;
    setState(1, ChannelState::Error);
  }
  raiseInterrupt(c, InterruptType::Error);
}

void Engine::completeStop(uint32_t c) {
  Channel& k = ch[c];
  setState(c, ChannelState::Cancelled);
  if (opt.profile == Profile::I8237 && k.mem2mem && c == 0 && ch[1].pairSlave) {
    ch[1].pairSlave = false;
    setState(1, ChannelState::Cancelled);
  }
  if (k.cancelReport) raiseInterrupt(c, InterruptType::Cancelled);
  k.cancelReport = false;
}

}  // namespace dmasim
