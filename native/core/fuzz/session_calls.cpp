// session_calls.cpp — the Session calls that build and poke things: addresses drawn mostly from the regions that
// exist, RAM regions within the RAM budget, FIFO ports, programs, memory-to-memory copies (verified when nothing else
// moves), poke then peek, port calls and hardware-trace calls. See session.cpp for the dispatch.
#include "session_state.h"

namespace dmasim_fuzz {

uint64_t Session::address(ByteReader& in, uint32_t align) {
  const uint32_t n = sim_.regionCount();
  const uint8_t mode = in.u8();
  if (n == 0 || (mode & 7) == 7) return in.number();  // anywhere
  const RegionInfo r = sim_.regionInfo(in.below(n));
  uint64_t a = r.base + in.number() % (r.size + 1);  // inside, or just past the end
  if (align > 1 && (mode & 8) == 0) a -= a % align;
  return a;
}

void Session::addMemory(ByteReader& in) {
  const uint8_t how = in.u8();
  uint64_t base;
  switch (how & 3) {
    case 0: base = address(in, 1); break;  // usually an overlap
    case 1: base = in.number(); break;
    default: base = nextFreeBase_ + 0x1000 * in.below(4); break;
  }
  uint64_t size;
  if ((how & 0x30) == 0x30) {
    size = in.flag() ? 0 : (uint64_t{1} << 32) + 1 + in.u8();  // ERR_INVALID_ARGUMENT / ERR_OUT_OF_RANGE
  } else {
    size = (how & 0x40) ? uint64_t{1} << (8 + in.below(13)) : 1 + in.number() % 0x10000;
    if (size > ramLeft_) return;  // the budget, decided before the call (both sessions decide alike)
  }
  const uint32_t readWait = in.below(8) == 0 ? in.u32() : in.below(3);
  const uint32_t writeWait = in.below(3);
  note(" addMemory(0x%llx, %llu, %u, %u)\n", ull(base), ull(size), readWait, writeWait);
  if (attempt([&] { sim_.addMemory(base, size, readWait, writeWait); })) {
    ramLeft_ -= size;
    nextFreeBase_ = std::max(nextFreeBase_, (base + size + 0xFFF) & ~uint64_t{0xFFF});
  }
}

void Session::addPort(ByteReader& in) {
  FifoPortOptions p;
  p.direction = in.flag() ? PortDirection::Tx : PortDirection::Rx;
  p.elementWidth = 1u << in.below(4);
  p.address = in.flag() ? 0x4000'0000ull + 0x100 * sim_.portCount() : address(in, p.elementWidth);
  p.depth = 1 + in.below(64);
  p.readWait = in.below(3);
  p.writeWait = in.below(3);
  p.rateDenominator = 1 + in.below(4);
  p.rateNumerator = in.below(16) == 0 ? in.number() : p.rateDenominator + in.below(16);
  p.requestLine = in.below(8) == 0 ? kNoLine : in.below(options_.requestLines + 1);
  p.watermark = 1 + in.below(p.depth);
  p.requestRule = in.flag() ? RequestRule::Single : RequestRule::Burst;
  p.dmaEnable = in.flag();
  p.deviceEnable = in.below(4) != 0;
  p.txStreaming = in.flag();
  p.idleTimeout = in.below(4) == 0 ? in.number() % 1000 : 0;
  p.rxSource = in.flag() ? RxSource::Appended : RxSource::Pattern;
  size_t got = 0;
  const uint8_t* pattern = in.take(in.below(17), got);  // 0 bytes: ERR_INVALID_ARGUMENT for a Pattern rx port
  p.pattern.assign(pattern, pattern + got);
  p.interruptLine = in.below(4) == 0 ? kNoLine : in.below(options_.interruptLines + 1);
  p.interruptMask = in.below(16);
  p.interruptThreshold = in.below(p.depth + 1);
  p.txCaptureLimit = in.flag() ? in.number() % 4096 : uint64_t{1} << 20;
  uint32_t id = 0;
  if (attempt([&] { id = sim_.addFifoPort(p); })) {
    FUZZ_INVARIANT(id == ports_.size(), "port ids are not 0, 1, 2, ...", id, ports_.size());
    ports_.push_back(PortModel{p.direction, p.elementWidth, p.depth, 0});
  }
}

void Session::program(ByteReader& in) {
  ProgramRequest r;
  r.channel = in.below(options_.channels + 1);
  r.requestLine = in.below(options_.requestLines + 1);
  r.width = width(in);
  const uint32_t count = 1 + in.below(options_.maxFragments + 1);
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    SgElement e;
    e.address = address(in, r.width);
    e.length = length(in, r.width, 4096);
    total += e.length;
    r.sg.push_back(e);
  }
  const bool atPort = !ports_.empty() && in.flag();
  const uint64_t portAddress = 0x4000'0000ull + 0x100 * (atPort ? in.below(static_cast<uint32_t>(ports_.size())) : 0);
  r.deviceAddress = atPort ? portAddress : address(in, r.width);
  r.direction = in.flag() ? Direction::DeviceToMemory : Direction::MemoryToDevice;
  r.demandMode = in.flag();
  r.loop = in.below(4) == 0;
  note(" programChannel(ch %u line %u width %u dev 0x%llx dir %u demand %d loop %d sg", r.channel, r.requestLine,
       r.width, ull(r.deviceAddress), static_cast<uint32_t>(r.direction), r.demandMode, r.loop);
  for (const SgElement& e : r.sg) note(" 0x%llx+%llu", ull(e.address), ull(e.length));
  note(")\n");
  if (attempt([&] { sim_.programChannel(r); })) channels_[r.channel] = ChannelModel{true, r.loop, total};
}

void Session::memoryToMemory(ByteReader& in, bool verify) {
  MemToMemRequest r;
  r.channel = i8237() ? 0 : in.below(options_.channels + 1);
  r.width = width(in);
  r.source = address(in, r.width);
  r.destination = address(in, r.width);
  r.length = length(in, r.width, 4096);
  r.burst = in.below(options_.fifoDepth + 2);
  std::vector<uint8_t> before;
  if (verify) {
    // Only with nothing else moving and no fault set, into a destination apart from the source.
    if (faults_ || r.channel >= options_.channels) return;
    for (uint32_t c = 0; c < options_.channels; ++c) {
      const ChannelState s = sim_.channelStatus(c).state;
      if (s == ChannelState::Running || s == ChannelState::Stopping) return;
    }
    if (r.source < r.destination + r.length && r.destination < r.source + r.length) return;
    before.resize(r.length);
    if (!attempt([&] { sim_.peek(r.source, r.length, before.data()); })) return;
  }
  if (!attempt([&] { sim_.programMemoryToMemory(r); })) return;
  channels_[r.channel] = ChannelModel{true, false, r.length};
  if (!verify) return;
  while (sim_.channelStatus(r.channel).state == ChannelState::Running && cyclesLeft_ > 0) {
    const uint64_t span = std::min<uint64_t>(cyclesLeft_, 4096);
    cyclesLeft_ -= span;
    if (!attempt([&] { runChecked(sim_.cycle() + span, nullptr, 0); })) return;
  }
  if (sim_.channelStatus(r.channel).state != ChannelState::Complete) return;
  std::vector<uint8_t> after(r.length);
  sim_.peek(r.destination, r.length, after.data());
  FUZZ_INVARIANT(after == before, "memory-to-memory destination differs from the source", r.length, 0);
}

void Session::pokeAndPeek(ByteReader& in) {
  const uint64_t at = address(in, 1);
  size_t got = 0;
  const uint8_t* data = in.take(in.below(64) == 0 ? 4096 : in.below(64), got);
  if (!attempt([&] { sim_.poke(at, data, got); })) return;
  std::vector<uint8_t> back(got);
  sim_.peek(at, got, back.data());
  FUZZ_INVARIANT(got == 0 || std::memcmp(back.data(), data, got) == 0, "peek does not read back the poke", got, 0);
}

void Session::portCall(ByteReader& in) {
  const uint32_t port = in.below(static_cast<uint32_t>(ports_.size()) + 1);  // sometimes one past the last
  const bool known = port < ports_.size();
  switch (in.below(13)) {
    case 0: attempt([&] { sim_.setPortDmaEnable(port, in.flag()); }); break;
    case 1: attempt([&] { sim_.setPortDeviceEnable(port, in.flag()); }); break;
    case 2: attempt([&] { sim_.setPortTxStreaming(port, in.flag()); }); break;
    case 3: attempt([&] { sim_.setPortWatermark(port, in.below(70)); }); break;
    case 4: attempt([&] { sim_.setPortIdleTimeout(port, in.below(8) == 0 ? in.u64() : in.number() % 2000); }); break;
    case 5: {
      const uint32_t line = in.below(options_.interruptLines + 1);
      const uint32_t mask = in.below(32);
      const uint32_t threshold = in.below(70);
      attempt([&] { sim_.setPortInterrupt(port, line, mask, threshold); });
      break;
    }
    case 6: attempt([&] { sim_.clearPortStatus(port, in.u8()); }); break;
    case 7: {
      size_t got = 0;
      const uint8_t* data = in.take(in.below(200), got);
      attempt([&] { sim_.appendRxData(port, data, got); });
      break;
    }
    case 8: {
      std::vector<uint8_t> out(in.below(8) == 0 ? 0 : 1 + in.number() % 4096);
      uint64_t n = 0;
      if (attempt([&] { n = sim_.readTxData(port, out.data(), out.size()); }) && known) {
        FUZZ_INVARIANT(n <= out.size(), "readTxData returned more than the capacity", n, out.size());
        ports_[port].txTaken += n;
        digest_.bytes(out.data(), static_cast<size_t>(n));
      }
      break;
    }
    case 9: {
      const uint64_t held = known ? sim_.portStatus(port).txCapturedBytes : 0;
      if (attempt([&] { sim_.clearTxData(port); }) && known) ports_[port].txTaken += held;
      break;
    }
    case 10: attempt([&] { sim_.injectPortError(port, in.number()); }); break;
    case 11: {
      const uint64_t element = in.number();
      const uint64_t cycles = in.number() % 5000;
      attempt([&] { sim_.injectPortStall(port, element, cycles); });
      break;
    }
    default: {
      const uint64_t at = sim_.cycle() + in.number();
      const uint64_t cycles = in.number() % 5000;
      attempt([&] { sim_.injectPortStallAt(port, at, cycles); });
      break;
    }
  }
  if (known && exact_) {  // after a BufferFull stop a status may lag the cycle in progress (TIMING-NOTES.md)
    const PortStatus s = sim_.portStatus(port);
    for (uint64_t v : {uint64_t{s.level}, uint64_t{s.highWater}, uint64_t{s.status}, s.overruns, s.underruns,
                       s.dmaOverflows, s.dmaUnderflows, s.errors, s.deviceElements, s.dmaElements, s.rxPendingBytes,
                       s.txCapturedBytes, s.txCaptureDropped, uint64_t{s.requestAsserted},
                       uint64_t{s.interruptAsserted}, uint64_t{s.flushArmed}, uint64_t{s.deviceActive}}) {
      digest_.u64(v);
    }
  }
}

void Session::traceCall(ByteReader& in) {
  switch (in.below(6)) {
    case 0: {
      TraceOptions o;
      o.groups = in.below(8) == 0 ? in.u32() : in.below(trace_group::kAll + 1);
      // A small cap keeps an input fast; now and then one past the largest, for the validation.
      o.capRecords = in.below(16) == 0 ? kTraceMaxRecords + 1 + in.u8() : in.number() % 4097;
      o.ringCycles = in.flag() ? in.number() % 100000 : 0;
      o.trigger = static_cast<TraceTrigger>(in.below(5));  // 4 is no trigger: ERR_INVALID_ARGUMENT
      o.triggerCycle = in.below(8) == 0 ? in.u64() : sim_.cycle() + in.number() % 10000;
      o.eventKind = in.below(17);
      o.eventSource = in.flag() ? kTraceAnySource : in.below(8);
      note(" traceStart(groups 0x%x cap %llu ring %llu trigger %u at %llu kind %u source %u)\n", o.groups,
           ull(o.capRecords), ull(o.ringCycles), static_cast<uint32_t>(o.trigger), ull(o.triggerCycle), o.eventKind,
           o.eventSource);
      attempt([&] { sim_.traceStart(o); });
      break;
    }
    case 1: attempt([&] { sim_.traceStop(); }); break;
    case 2: attempt([&] { sim_.traceTrigger(); }); break;
    case 3: case 4: {
      // Read some held records (or base values) and check what trace_recorder.h promises of them.
      TraceInfo info;
      if (!attempt([&] { info = sim_.traceInfo(); })) break;
      FUZZ_INVARIANT(!info.active || info.started, "trace active but never started", info.active, info.started);
      FUZZ_INVARIANT(info.records <= info.capRecords || !info.started, "trace holds more records than its cap",
                     info.records, info.capRecords);
      for (uint64_t v : {uint64_t{info.active}, uint64_t{info.started}, uint64_t{info.triggered}, info.triggerCycle,
                         info.windowStart, info.completeFrom, uint64_t{info.cut}, info.cutCycle, info.records,
                         info.written, info.folded}) {
        digest_.u64(v);
      }
      TraceRecord records[256];
      const bool base = in.flag();
      const uint64_t offset = in.number() % (info.records + 2);
      size_t n = 0;
      const bool read = attempt([&] {
        n = base ? sim_.traceReadBase(offset, records, 256) : sim_.traceRead(offset, records, 256);
      });
      if (!read) break;
      FUZZ_INVARIANT(n <= 256, "traceRead copied more than asked", n, 256);
      for (size_t i = 0; i < n; ++i) {
        FUZZ_INVARIANT((records[i].signal >> 16) < kTraceKindCount, "trace record of an unknown kind",
                       records[i].signal >> 16, kTraceKindCount);
        if (base || records[i].signal == 0) continue;
        for (size_t j = i + 1; j < n; ++j) {  // per signal, cycles never decrease in the order written
          if (records[j].signal == records[i].signal) {
            FUZZ_INVARIANT(records[j].cycle >= records[i].cycle, "a trace signal's cycles went back", records[j].cycle,
                           records[i].cycle);
            break;
          }
        }
      }
      digest_.bytes(records, n * sizeof(TraceRecord));
      break;
    }
    default: {
      const uint32_t mask = in.below(8) == 0 ? in.u32() : (static_cast<uint32_t>(in.u16()) & kAllRecordKinds);
      attempt([&] { sim_.setRecordMask(mask); });
      break;
    }
  }
}

}  // namespace dmasim_fuzz
