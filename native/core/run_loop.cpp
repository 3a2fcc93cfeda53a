// run_loop.cpp — runUntil: pops scheduler entries in (cycle, priority, sequence) order and dispatches them, stopping
// between cycles on an interrupt rise, a timer or the target, or mid-cycle when the caller's buffer is full.
// Behaviour source: engine.h "Run stop rule"; scheduler.h same-cycle priorities; TIMING.md "Counting".
#include "engine_impl.h"

namespace dmasim {

uint64_t Engine::aheadLimit() const {
  // Work may be done ahead of the calendar only for cycles strictly before the next entry, not past the run
  // target, and not past the current cycle when the run is about to stop at it.
  uint64_t lim = runTarget;
  if (irqRose || timerFired) lim = now;
  uint64_t top = sched.topCycle();
  if (top != kNever && top - 1 < lim) lim = top - 1;
  return lim;
}

RunResult Engine::runUntil(uint64_t target, EventRecord* buf, size_t cap) {
  sink.attach(buf, cap);
  running = true;
  runTarget = target;
  RunResult res;
  for (;;) {
    if (!sink.deliver()) {
      res.stoppedBy = StopReason::BufferFull;
      break;
    }
    bool portFirst;
    uint64_t top = sched.peek(portFirst);
    if (top > now || top == kNever) {
      // Cycle `now` is complete.
      if (irqRose || timerFired) {
        res.stoppedBy = irqRose ? StopReason::Interrupt : StopReason::Timer;
        irqRose = timerFired = false;
        break;
      }
      if (top == kNever || top > target) {
        now = target;
        res.stoppedBy = StopReason::Target;
        break;
      }
      now = top;
    }
    ++statActivities;
    if (portFirst) {
      portWake(sched.ports.pop());  // dispatch of a PortWake entry, without building one
      continue;
    }
    SchedEntry e = sched.popMain();
    dispatch(e);
  }
  running = false;
  // Lazy (unobservable) device ticks up to now, so status reads between runs are exact. Not after a BufferFull
  // stop: that may be mid-cycle, and the rest of the cycle must run in calendar order when the run resumes.
  if (res.stoppedBy != StopReason::BufferFull)
    for (uint32_t p = 0; p < ports.size(); ++p) portSync(p);
  res.cycle = now;
  res.eventCount = static_cast<uint32_t>(sink.count());
  sink.detach();
  return res;
}

void Engine::dispatch(const SchedEntry& e) {
  switch (e.act) {
    case Act::PortWake:
      portWake(e.id);
      return;
    case Act::DmaStep:
      if (opt.profile == Profile::I8237)
        i8237Step(e.id, e.gen);
      else
        socStep(e.id, e.gen);
      return;
    case Act::ServiceEnd:
      socServiceEnd(e.id, e.gen);
      return;
    case Act::RequestSeen:
      if (e.gen == reqGen[e.id] && reqLevel[e.id]) {
        if (traceOn()) [[unlikely]] traceRequestSeen(e.id);
        requestArbitrate(now);
      }
      return;
    case Act::Arbitrate:
      if (arbScheduledAt == now) arbScheduledAt = kNever;
      arbitrating = true;
      arbitrate();
      arbitrating = false;
      return;
    case Act::IrqAssert:
      irqAssert(e.id, e.gen);
      return;
    case Act::Timer:
      sink.emit(now, EventKind::Timer, e.id);
      timerFired = true;
      return;
  }
}

}  // namespace dmasim
