// engine.cpp — Simulator construction (option validation), lifetime, memory-bus verbs, line state and timers.
// Behaviour source: engine.h; ARCHITECTURE.md "The engine"; TIMING.md defaults.
#include <string>

#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint32_t kMaxTiming = 1000000;

void checkRange(const char* field, uint64_t v, uint64_t lo, uint64_t hi) {
  if (v < lo || v > hi) {
    throw SimError(err::kOutOfRange, std::string("options.") + field + " must be in [" + std::to_string(lo) + ".." +
                                         std::to_string(hi) + "], got " + std::to_string(v));
  }
}

SimOptions validated(const SimOptions& o) {
  if (o.profile != Profile::Soc && o.profile != Profile::I8237)
    throw SimError(err::kInvalidArgument, "options.profile must be Soc or I8237");
  if (o.priority != PriorityMode::Fixed && o.priority != PriorityMode::RoundRobin)
    throw SimError(err::kInvalidArgument, "options.priority must be Fixed or RoundRobin");
  if (o.profile == Profile::I8237) {
    checkRange("channels", o.channels, 4, 4);
  } else {
    checkRange("channels", o.channels, 1, 32);
  }
  checkRange("requestLines", o.requestLines, 1, 1024);
  checkRange("interruptLines", o.interruptLines, 1, 1024);
  checkRange("controllerInterruptLine", o.controllerInterruptLine, 0, o.interruptLines - 1);
  checkRange("arbitrationCycles", o.arbitrationCycles, 0, kMaxTiming);
  checkRange("burstSetup", o.burstSetup, 0, kMaxTiming);
  checkRange("interruptLatency", o.interruptLatency, 0, kMaxTiming);
  checkRange("requestLatency", o.requestLatency, 0, kMaxTiming);
  checkRange("fifoDepth", o.fifoDepth, 1, kMaxChannelFifoDepth);
  checkRange("defaultBurstLength", o.defaultBurstLength, 1, o.fifoDepth);
  checkRange("maxFragments", o.maxFragments, 1, 65536);
  checkRange("holdLatency", o.holdLatency, 0, kMaxTiming);
  return o;
}
}  // namespace

Engine::Engine(const SimOptions& o) : opt(validated(o)) {
  ch.resize(opt.channels);
  for (auto& k : ch) k.burstLength = opt.defaultBurstLength;
  reqLevel.assign(opt.requestLines, 0);
  reqRise.assign(opt.requestLines, 0);
  reqGen.assign(opt.requestLines, 0);
  reqDriver.assign(opt.requestLines, kNoLine);
  irqCount.assign(opt.interruptLines, 0);
  lastGranted = opt.channels - 1;
}

void Engine::setRequestLine(uint32_t line, bool level, uint32_t port) {
  if ((reqLevel[line] != 0) == level) return;
  reqLevel[line] = level ? 1 : 0;
  ++reqGen[line];
  sink.emit(now, EventKind::RequestLine, line, level ? 1 : 0, port);
  if (traceOn()) [[unlikely]] traceRequestLine(line, level);
  if (level) {
    reqRise[line] = now + perturb.requestJitter();  // 0 unless exploring: the synchroniser's extra cycles
    sched.push(reqRise[line] + opt.requestLatency, Act::RequestSeen, line, reqGen[line]);
  }
}

void Engine::changeIrqSource(uint32_t line, bool assert) {
  if (assert) {
    if (irqCount[line]++ == 0) {
      sink.emit(now, EventKind::InterruptLine, line, 1);
      irqRose = true;
      if (traceOn()) [[unlikely]] tr(now, TraceKind::IrqLine, line, 1);
    }
  } else {
    if (--irqCount[line] == 0) {
      sink.emit(now, EventKind::InterruptLine, line, 0);
      if (traceOn()) [[unlikely]] tr(now, TraceKind::IrqLine, line, 0);
    }
  }
}

// ---------------- Simulator: lifetime, time, memory ----------------

Simulator::Simulator(const SimOptions& options) : engine_(std::make_unique<Engine>(options)) {}
Simulator::~Simulator() = default;

const SimOptions& Simulator::options() const { return engine_->opt; }
uint64_t Simulator::cycle() const { return engine_->now; }

uint32_t Simulator::addMemory(uint64_t base, uint64_t size, uint32_t readWait, uint32_t writeWait) {
  return engine_->bus.addRam(base, size, readWait, writeWait);
}

uint8_t* Simulator::memoryBytes(uint32_t regionId) {
  if (regionId >= engine_->bus.count()) throw SimError(err::kOutOfRange, "regionId out of range");
  const Region& r = engine_->bus.region(regionId);
  if (r.isPort) throw SimError(err::kNotMemory, "regionId is a FIFO port region, not RAM");
  return r.bytes;
}

void Simulator::setRecordMask(uint32_t mask) {
  if (mask & ~kAllRecordKinds) throw SimError(err::kInvalidArgument, "record mask has bits that are no record kind");
  engine_->sink.setMask(mask);
}

uint32_t Simulator::recordMask() const { return engine_->sink.mask() & kAllRecordKinds; }

void Simulator::setPerturbation(const PerturbationOptions& options) {
  engine_->perturb.configure(options, engine_->now);  // validates first: nothing changes on a bad option
  if (engine_->perturb.on()) engine_->opt.fastPaths = false;  // they assume the fixed timing (no behavioural effect)
}

uint32_t Simulator::regionCount() const { return engine_->bus.count(); }

RegionInfo Simulator::regionInfo(uint32_t regionId) const {
  if (regionId >= engine_->bus.count()) throw SimError(err::kOutOfRange, "regionId out of range");
  const Region& r = engine_->bus.region(regionId);
  return RegionInfo{r.base, r.size, r.readWait, r.writeWait, r.isPort, r.portId};
}

void Simulator::peek(uint64_t address, uint64_t length, uint8_t* out) const {
  if (length && !out) throw SimError(err::kInvalidArgument, "out must not be null");
  engine_->bus.peek(address, length, out);
}

void Simulator::poke(uint64_t address, const uint8_t* data, uint64_t length) {
  if (length && !data) throw SimError(err::kInvalidArgument, "data must not be null");
  engine_->bus.poke(address, data, length);
}

void Simulator::injectBusFault(uint64_t address) {
  if (engine_->bus.faultCount() >= (size_t{1} << 20)) throw SimError(err::kOutOfRange, "too many bus faults (2^20)");
  engine_->bus.injectFault(address);
}
void Simulator::clearBusFaults() { engine_->bus.clearFaults(); }

bool Simulator::interruptLineLevel(uint32_t line) const {
  if (line >= engine_->opt.interruptLines) throw SimError(err::kOutOfRange, "line out of range");
  return engine_->irqCount[line] != 0;
}

bool Simulator::requestLineLevel(uint32_t line) const {
  if (line >= engine_->opt.requestLines) throw SimError(err::kOutOfRange, "line out of range");
  return engine_->reqLevel[line] != 0;
}

void Simulator::schedule(uint64_t atCycle, uint32_t tag) {
  Engine& e = *engine_;
  if (atCycle <= e.now || atCycle > kMaxCycle)
    throw SimError(err::kOutOfRange, "atCycle must be in [cycle()+1 .. 2^53-1], got " + std::to_string(atCycle));
  if (e.sched.size() > (size_t{1} << 26)) throw SimError(err::kOutOfRange, "too many pending timers");
  e.sched.push(atCycle, Act::Timer, tag, 0);
}

RunResult Simulator::runUntil(uint64_t targetCycle, EventRecord* buffer, size_t capacity) {
  Engine& e = *engine_;
  if (targetCycle > kMaxCycle) throw SimError(err::kOutOfRange, "targetCycle must be <= 2^53-1");
  if (targetCycle < e.now)
    throw SimError(err::kOutOfRange, "targetCycle " + std::to_string(targetCycle) + " is before cycle() " +
                                         std::to_string(e.now));
  if (!buffer && capacity) throw SimError(err::kInvalidArgument, "buffer is null but capacity is nonzero");
  return e.runUntil(targetCycle, buffer, capacity);
}

EngineStats Simulator::stats() const {
  const Engine& e = *engine_;
  EngineStats st;
  st.activities = e.statActivities;
  st.records = e.sink.produced();
  for (const auto& p : e.ports) st.deviceElements += p.deviceElements;
  st.dmaBeats = e.statBeats;
  return st;
}

RunResult Simulator::runFor(uint64_t cycles, EventRecord* buffer, size_t capacity) {
  if (cycles > kMaxCycle || engine_->now + cycles > kMaxCycle)
    throw SimError(err::kOutOfRange, "cycle() + cycles must be <= 2^53-1");
  return runUntil(engine_->now + cycles, buffer, capacity);
}

}  // namespace dmasim
