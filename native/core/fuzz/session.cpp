// session.cpp — the harness's decoder: SimOptions from the first bytes, then one engine call per opcode
// (Session::step), each checked (invariants.h) and folded into a digest. Budgets (session.h) keep one input around a
// millisecond. The calls that build things (regions, ports, programs, copies, port and trace calls) are in
// session_calls.cpp. FUZZ_ENGINE_LOG=1 on a replay of a failing input prints every call and outcome of both runs.
#include "session_state.h"

#include <cstdlib>

namespace dmasim_fuzz {

namespace {

SimOptions decodeOptions(ByteReader& in, bool fastPaths) {
  SimOptions o;
  const uint8_t shape = in.u8();
  o.fastPaths = fastPaths;
  if ((shape & 7) == 7) {
    o.profile = Profile::I8237;
    o.channels = 4;
  } else {
    o.channels = 1 + in.below(8);
  }
  o.requestLines = 1 + in.below(16);
  o.interruptLines = 1 + in.below(8);
  o.controllerInterruptLine = in.below(o.interruptLines);
  o.priority = (shape & 8) ? PriorityMode::RoundRobin : PriorityMode::Fixed;
  o.arbitrationCycles = in.below(4);
  o.burstSetup = in.below(4);
  o.interruptLatency = in.below(8);
  o.requestLatency = in.below(8);
  o.fifoDepth = 1 + in.below(32);
  o.defaultBurstLength = 1 + in.below(o.fifoDepth);
  o.maxFragments = 1 + in.below(16);
  o.holdLatency = in.below(4);
  o.compressedTiming = (shape & 16) != 0;
  o.rotatingPriority = (shape & 32) != 0;
  if ((shape & 0xC0) == 0xC0) {  // now and then one raw field, so the constructor's validation is fuzzed too
    switch (in.below(4)) {
      case 0: o.channels = in.u32(); break;
      case 1: o.fifoDepth = in.u32(); break;
      case 2: o.defaultBurstLength = in.u32(); break;
      default: o.interruptLatency = in.u32(); break;
    }
  }
  return o;
}

}  // namespace

RunResult Session::runChecked(uint64_t target, EventRecord* buffer, size_t capacity) {
  const RunResult r = sim_.runUntil(target, buffer, capacity);
  FUZZ_INVARIANT(r.cycle == sim_.cycle(), "run result cycle != cycle()", r.cycle, sim_.cycle());
  FUZZ_INVARIANT(r.cycle >= lastCycle_, "run went back in time", r.cycle, lastCycle_);
  FUZZ_INVARIANT(r.cycle <= target, "run passed its target", r.cycle, target);
  if (r.stoppedBy == StopReason::Target) {
    FUZZ_INVARIANT(r.cycle == target, "Target stop off the target", r.cycle, target);
  }
  FUZZ_INVARIANT(r.eventCount <= capacity, "run filled more records than the buffer holds", r.eventCount, capacity);
  if (buffer == nullptr) {
    FUZZ_INVARIANT(r.stoppedBy != StopReason::BufferFull, "a discarding run stopped on BufferFull", 1, 0);
  } else {
    checkRecords(buffer, r.eventCount, r.cycle, lastRecordCycle_);
    digest_.bytes(buffer, r.eventCount * sizeof(EventRecord));
  }
  lastCycle_ = r.cycle;
  exact_ = r.stoppedBy != StopReason::BufferFull;
  digest_.u64(r.cycle);
  digest_.u64(static_cast<uint32_t>(r.stoppedBy));
  return r;
}

void Session::run(ByteReader& in) {
  static constexpr size_t kCapacities[] = {0, 1, 3, 64};
  EventRecord records[64];
  const size_t capacity = kCapacities[in.below(4)];
  const uint64_t now = sim_.cycle();
  const uint8_t how = in.u8();
  if ((how & 15) == 15) {  // a target past 2^53 - 1: ERR_OUT_OF_RANGE
    attempt([&] { sim_.runUntil(kMaxCycle + 1 + in.u32(), capacity ? records : nullptr, capacity); });
    return;
  }
  const uint64_t span = in.number() % (cyclesLeft_ + 1);
  cyclesLeft_ -= span;
  const uint64_t target = now + span;
  note(" runUntil(%llu) capacity %zu%s\n", ull(target), capacity, (how & 16) ? " once" : "");
  // Resume after BufferFull up to 64 times (how & 16: only once, leaving records waiting for the next call).
  for (int slice = 0; slice < ((how & 16) ? 1 : 64); ++slice) {
    RunResult r;
    if (!attempt([&] { r = runChecked(target, capacity ? records : nullptr, capacity); })) return;
    if (r.stoppedBy != StopReason::BufferFull) break;
  }
}

void Session::afterCall() {
  const uint64_t now = sim_.cycle();
  FUZZ_INVARIANT(now >= lastCycle_, "cycle() went back", now, lastCycle_);
  lastCycle_ = now;
  if (exact_) {
    checkPorts(sim_, ports_);
    checkChannels(sim_, channels_);
  }
}

void Session::step(ByteReader& in) {
  const uint32_t channel = in.below(options_.channels + 1);
  const uint32_t op = in.below(21);
  note(" op %u channel %u\n", op, channel);
  // A call other than a run right after a BufferFull stop lands in the middle of a cycle, which lib/sim never does (it
  // resumes first). The fast paths may be a beat ahead of the general path there (their bookkeeping is per batch;
  // TIMING-NOTES.md: a status may lag after BufferFull), so from then on outcomes are checked, not compared.
  if (!exact_ && (op < 6 || op > 8)) digest_.frozen = true;
  switch (op) {
    case 0: addMemory(in); break;
    case 1: addPort(in); break;
    case 2: case 3: program(in); break;
    case 4: memoryToMemory(in, false); break;
    case 5: memoryToMemory(in, true); break;
    case 6: case 7: case 8: run(in); break;
    case 9: {
      static constexpr uint32_t kFunctions[] = {1, 2, 3, 4, 5, 6, 16, 7};
      const uint32_t fn = kFunctions[in.below(8)];
      const uint64_t value = in.number();
      NTSTATUS status = 0;
      note(" configureChannel(%u, %u, %llu)\n", channel, fn, ull(value));
      if (attempt([&] { status = sim_.configureChannel(channel, fn, value); })) {
        digest_.u64(static_cast<uint32_t>(status));
      }
      break;
    }
    case 10:
      if (attempt([&] { sim_.flushChannel(channel); })) channels_[channel] = ChannelModel{};
      break;
    case 11: {
      bool accepted = false;
      if (attempt([&] { accepted = sim_.cancelTransfer(channel); })) digest_.u64(accepted);
      break;
    }
    case 12: {
      InterruptReport report;
      for (int i = 0; i < 64; ++i) {
        const bool pending = sim_.interruptPending();
        const bool reported = sim_.handleInterrupt(report);
        FUZZ_INVARIANT(pending == reported, "interruptPending() disagrees with handleInterrupt", pending, reported);
        if (!reported) break;
        FUZZ_INVARIANT(report.channel < options_.channels, "interrupt of a channel that does not exist", report.channel,
                       options_.channels);
        digest_.u64(report.channel);
        digest_.u64(static_cast<uint32_t>(report.type));
      }
      break;
    }
    case 13: {
      const uint64_t at = in.below(8) == 0 ? in.u64() : sim_.cycle() + 1 + in.number() % 100000;
      attempt([&] { sim_.schedule(at, in.u32()); });
      break;
    }
    case 14:
      if (in.below(4) == 0) {
        sim_.clearBusFaults();
        faults_ = false;
      } else if (attempt([&] {
                   const uint64_t a = address(in, 1);
                   note(" injectBusFault(0x%llx)\n", ull(a));
                   sim_.injectBusFault(a);
                 })) {
        faults_ = true;
      }
      break;
    case 15: {
      std::vector<uint8_t> out(in.below(8) == 0 ? 4096 : in.below(64));
      const uint64_t at = address(in, 1);
      if (attempt([&] { sim_.peek(at, out.size(), out.data()); })) digest_.bytes(out.data(), out.size());
      break;
    }
    case 16: pokeAndPeek(in); break;
    case 17: if (!ports_.empty() || in.below(8) == 0) portCall(in); break;
    case 18: {
      uint32_t id = 0;
      const uint32_t line = in.below(options_.interruptLines + 1);
      if (in.below(4) == 0 || sim_.interruptSourceCount() == 0) {
        if (attempt([&] { id = sim_.addInterruptSource(line); })) digest_.u64(id);
      } else {
        const uint32_t source = in.below(sim_.interruptSourceCount() + 1);
        const bool level = in.flag();
        attempt([&] { sim_.setInterruptSource(source, level); });
      }
      break;
    }
    case 19: traceCall(in); break;
    default: {  // queries (a status is compared only at an exact stop: after BufferFull it may lag, engine.h)
      ChannelStatus s;
      if (attempt([&] { s = sim_.channelStatus(channel); }) && exact_) {
        digest_.u64(static_cast<uint32_t>(s.state));
        digest_.u64(s.remaining);
        digest_.u64(s.bytesWritten);
        digest_.u64(s.loopIterations);
        digest_.u64(s.pendingInterrupts);
        digest_.u64(s.errorAddress);
      }
      const uint32_t line = in.below(options_.interruptLines + 1);
      bool level = false;
      if (attempt([&] { level = sim_.interruptLineLevel(line); })) digest_.u64(level);
      if (attempt([&] { level = sim_.requestLineLevel(in.below(options_.requestLines + 1)); })) digest_.u64(level);
      uint32_t max = 0;
      if (attempt([&] { max = sim_.queryMaxFragments(channel, in.below(20)); })) digest_.u64(max);
      digest_.u64(sim_.validateRequestLineBinding(in.below(options_.requestLines + 1), channel));
      break;
    }
  }
  afterCall();
}

uint64_t runSession(const uint8_t* data, size_t size, bool fastPaths, std::vector<OpTrace>* trace) {
  ByteReader in(data, size);
  Digest digest;
  const SimOptions options = decodeOptions(in, fastPaths);
  static const bool logging = std::getenv("FUZZ_ENGINE_LOG") != nullptr;
  if (logging) {
    digest.log = stderr;
    std::fprintf(stderr, "==== fastPaths %s\n", fastPaths ? "on" : "off");
    std::fprintf(stderr, " options: profile %u channels %u requestLines %u interruptLines %u controllerLine %u priority %u"
                 " arbitration %u burstSetup %u interruptLatency %u requestLatency %u burst %u fifoDepth %u maxFragments %u"
                 " hold %u compressed %d rotating %d\n", static_cast<uint32_t>(options.profile), options.channels,
                 options.requestLines, options.interruptLines, options.controllerInterruptLine,
                 static_cast<uint32_t>(options.priority), options.arbitrationCycles, options.burstSetup,
                 options.interruptLatency, options.requestLatency, options.defaultBurstLength, options.fifoDepth,
                 options.maxFragments, options.holdLatency, options.compressedTiming, options.rotatingPriority);
  }
  try {
    Session session(options, digest);
    for (int op = 0; op < kMaxOps && !in.empty(); ++op) {
      const size_t at = in.position();
      if (digest.log) std::fprintf(digest.log, "call %d at %zu:\n", op, at);
      session.step(in);
      if (trace) trace->push_back(OpTrace{at, data[at], digest.h});
    }
  } catch (const SimError& e) {  // only the constructor's: every call inside a session is attempt()ed
    digest.str(e.code());
  }
  return digest.h;
}

}  // namespace dmasim_fuzz
