// SimulatorWrap: the DMA controller's verbs, the HAL controller-extension table (KMDF-SYSTEM-DMA.md D.7;
// semantics and validation order in native/core/dma_types.h and engine.h), plus programMemoryToMemory and
// channelStatus. The SG list crosses as one Float64Array of (address, length) pairs; at most maxFragments + 1
// pairs are ever read or allocated, so a huge list costs nothing before the engine refuses it.
#include <cmath>
#include <string>
#include <vector>

#include "args.h"
#include "errors.h"
#include "simulator_wrap.h"

namespace kmdf_dma_sim_addon {

Napi::Value SimulatorWrap::ValidateRequestLineBinding(const Napi::CallbackInfo& info) {
  uint32_t line = ArgU32(info, 0, "requestLine");
  uint32_t channel = ArgU32(info, 1, "channel");
  return Napi::Boolean::New(info.Env(), Sim(info.Env()).validateRequestLineBinding(line, channel));
}

Napi::Value SimulatorWrap::QueryMaxFragments(const Napi::CallbackInfo& info) {
  uint32_t channel = ArgU32(info, 0, "channel");
  uint32_t hint = ArgU32(info, 1, "maxFragmentsHint");
  return Napi::Number::New(info.Env(), Sim(info.Env()).queryMaxFragments(channel, hint));
}

namespace {

// Reads `count` (address, length) pairs from `d` into `sg` (resized, so a reused vector keeps its capacity). At most
// maxFragments + 1 pairs are read: the engine refuses a longer list by its length alone.
void ReadSgPairs(Napi::Env env, const double* d, size_t count, uint32_t maxFragments,
                 std::vector<dmasim::SgElement>& sg) {
  size_t keep = count < size_t{maxFragments} + 1 ? count : size_t{maxFragments} + 1;
  sg.resize(keep);
  const double maxSafe = static_cast<double>(kMaxSafeInteger);
  for (size_t k = 0; k < keep; ++k) {
    const double a = d[2 * k], l = d[2 * k + 1];
    // The common case (both whole numbers in [0, 2^53-1]; NaN fails every comparison) without building the
    // element's name or a JS number; anything else goes through ToUint for its exact error.
    if (a >= 0 && a <= maxSafe && l >= 0 && l <= maxSafe && static_cast<double>(static_cast<uint64_t>(a)) == a &&
        static_cast<double>(static_cast<uint64_t>(l)) == l) {
      sg[k].address = static_cast<uint64_t>(a);
      sg[k].length = static_cast<uint64_t>(l);
      continue;
    }
    std::string name = "sg[" + std::to_string(k) + "]";
    sg[k].address = ToUint(env, Napi::Number::New(env, a), name + ".address", kMaxSafeInteger);
    sg[k].length = ToUint(env, Napi::Number::New(env, l), name + ".length", kMaxSafeInteger);
  }
}

std::vector<dmasim::SgElement> ArgSg(const Napi::CallbackInfo& info, size_t i, uint32_t maxFragments) {
  Napi::Env env = info.Env();
  if (!info[i].IsTypedArray() || info[i].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    ThrowCoded(env, bind_err::kInvalidArgType, "\"sg\" must be a Float64Array of (address, length) pairs");
  }
  Napi::Float64Array flat = info[i].As<Napi::Float64Array>();
  if (flat.ArrayBuffer().IsDetached()) {
    ThrowCoded(env, bind_err::kDetachedBuffer, "\"sg\" is a view of a detached ArrayBuffer");
  }
  size_t n = flat.ElementLength();
  if (n % 2 != 0) ThrowCoded(env, dmasim::err::kInvalidArgument, "\"sg\" must hold whole (address, length) pairs");
  std::vector<dmasim::SgElement> sg;
  ReadSgPairs(env, flat.Data(), n / 2, maxFragments, sg);
  return sg;
}

// One number of a packed request: an integer in [0, max], or the exact error ToUint gives for it. Inline and
// without std::trunc (a libm call): a double in [0, 2^53] is whole iff it survives the round trip through uint64_t.
inline uint64_t PackedUint(Napi::Env env, double d, const char* name, uint64_t max) {
  if (d >= 0 && d <= static_cast<double>(max) && static_cast<double>(static_cast<uint64_t>(d)) == d) {
    return static_cast<uint64_t>(d);
  }
  return ToUint(env, Napi::Number::New(env, d), name, max);
}

// A flag of a packed request: 0 or 1.
bool PackedBool(Napi::Env env, double d, const char* name) {
  if (d == 0 || d == 1) return d == 1;
  ThrowCoded(env, dmasim::err::kInvalidArgument, std::string("\"") + name + "\" must be 0 or 1 in a packed request");
}

}  // namespace

Napi::Value SimulatorWrap::ProgramChannel(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  dmasim::ProgramRequest r;
  r.channel = ArgU32(info, 0, "channel");
  r.requestLine = ArgU32(info, 1, "requestLine");
  r.sg = ArgSg(info, 2, sim.options().maxFragments);
  r.deviceAddress = ArgUint(info, 3, "deviceAddress", kMaxSafeInteger);
  r.direction = static_cast<dmasim::Direction>(ArgU32(info, 4, "direction", 1));
  r.width = ArgU32(info, 5, "width", 8);
  r.demandMode = ArgBool(info, 6, "demandMode");
  r.loop = ArgBool(info, 7, "loop");
  sim.programChannel(r);
  return env.Undefined();
}

// @internal programChannel for lib/hal's MapTransferEx without per-call arguments: programBuffer(pairs) allocates,
// in memory this wrap owns (lent_buffers.h), a request block of 8 + 2 * pairs numbers (pairs in [1 .. 2^20]) and
// returns a Float64Array over it (a second call replaces the block; views of the old one stay valid memory, no longer
// read); programChannelBound() programs what the block holds: [channel, requestLine, deviceAddress, direction, width,
// demandMode (0/1), loop (0/1), count, then count (address, length) pairs]. The same checks and engine validation as
// programChannel, the same error codes for the same bad values, no allocation (the request and its SG vector are
// reused) and no typed-array queries per call.
Napi::Value SimulatorWrap::ProgramBuffer(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Sim(env);
  const uint32_t pairs = ArgU32(info, 0, "pairs", 1u << 20);
  if (pairs == 0) ThrowCoded(env, dmasim::err::kOutOfRange, "\"pairs\" must be at least 1 (got 0)");
  LentBlock<double> block = NewLentBlock<double>(8 + 2 * size_t{pairs});
  Napi::Float64Array view = Napi::Float64Array::New(env, block->size(), LendBlock(env, block), 0);
  program_ = std::move(block);
  return view;
}

Napi::Value SimulatorWrap::ProgramChannelBound(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  if (!program_) ThrowCoded(env, bind_err::kInvalidArgType, "programChannelBound before programBuffer");
  const double* d = program_->data();
  uint64_t count = PackedUint(env, d[7], "count", (program_->size() - 8) / 2);
  dmasim::ProgramRequest& r = programScratch_;
  r.channel = static_cast<uint32_t>(PackedUint(env, d[0], "channel", UINT32_MAX));
  r.requestLine = static_cast<uint32_t>(PackedUint(env, d[1], "requestLine", UINT32_MAX));
  ReadSgPairs(env, d + 8, static_cast<size_t>(count), sim.options().maxFragments, r.sg);
  r.deviceAddress = PackedUint(env, d[2], "deviceAddress", kMaxSafeInteger);
  r.direction = static_cast<dmasim::Direction>(PackedUint(env, d[3], "direction", 1));
  r.width = static_cast<uint32_t>(PackedUint(env, d[4], "width", 8));
  r.demandMode = PackedBool(env, d[5], "demandMode");
  r.loop = PackedBool(env, d[6], "loop");
  sim.programChannel(r);
  return env.Undefined();
}

Napi::Value SimulatorWrap::ConfigureChannel(const Napi::CallbackInfo& info) {
  uint32_t channel = ArgU32(info, 0, "channel");
  uint32_t function = ArgU32(info, 1, "functionNumber");
  uint64_t value = ArgUint(info, 2, "value", kMaxSafeInteger);
  return Napi::Number::New(info.Env(), Sim(info.Env()).configureChannel(channel, function, value));
}

Napi::Value SimulatorWrap::FlushChannel(const Napi::CallbackInfo& info) {
  uint32_t channel = ArgU32(info, 0, "channel");
  Sim(info.Env()).flushChannel(channel);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::HandleInterrupt(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::InterruptReport report;
  if (!Sim(env).handleInterrupt(report)) return env.Null();
  Napi::Object out = Napi::Object::New(env);
  out.Set("channel", Napi::Number::New(env, report.channel));
  out.Set("type", Napi::Number::New(env, static_cast<uint32_t>(report.type)));
  return out;
}

// handleInterrupt without the result object: -1 when none remains, else channel * 4 + type.
Napi::Value SimulatorWrap::HandleInterruptPacked(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::InterruptReport report;
  if (!Sim(env).handleInterrupt(report)) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, static_cast<double>(report.channel) * 4 + static_cast<uint32_t>(report.type));
}

Napi::Value SimulatorWrap::HandleInterruptNext(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  dmasim::Simulator& sim = Sim(env);
  dmasim::InterruptReport report;
  if (!sim.handleInterrupt(report)) return Napi::Number::New(env, -1);
  const double packed = static_cast<double>(report.channel) * 4 + static_cast<uint32_t>(report.type);
  return Napi::Number::New(env, packed * 2 + (sim.interruptPending() ? 1 : 0));
}

Napi::Value SimulatorWrap::ReadDmaCounter(const Napi::CallbackInfo& info) {
  uint32_t channel = ArgU32(info, 0, "channel");
  return Napi::Number::New(info.Env(), Sim(info.Env()).readDmaCounter(channel));
}

Napi::Value SimulatorWrap::CancelTransfer(const Napi::CallbackInfo& info) {
  uint32_t channel = ArgU32(info, 0, "channel");
  return Napi::Boolean::New(info.Env(), Sim(info.Env()).cancelTransfer(channel));
}

Napi::Value SimulatorWrap::ProgramMemoryToMemory(const Napi::CallbackInfo& info) {
  dmasim::MemToMemRequest r;
  r.channel = ArgU32(info, 0, "channel");
  r.source = ArgUint(info, 1, "source", kMaxSafeInteger);
  r.destination = ArgUint(info, 2, "destination", kMaxSafeInteger);
  r.length = ArgUint(info, 3, "length", kMaxSafeInteger);
  r.width = ArgU32(info, 4, "width", 8);
  r.burst = ArgU32(info, 5, "burst");
  Sim(info.Env()).programMemoryToMemory(r);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::ChannelStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t channel = ArgU32(info, 0, "channel");
  dmasim::ChannelStatus s = Sim(env).channelStatus(channel);
  auto num = [&](double v) { return Napi::Number::New(env, v); };
  Napi::Object out = Napi::Object::New(env);
  out.Set("state", num(static_cast<uint32_t>(s.state)));
  out.Set("remaining", num(s.remaining));
  out.Set("bytesWritten", num(static_cast<double>(s.bytesWritten)));
  out.Set("loopIterations", num(static_cast<double>(s.loopIterations)));
  out.Set("pendingInterrupts", num(s.pendingInterrupts));
  out.Set("errorAddress", num(static_cast<double>(s.errorAddress)));
  out.Set("serviceInProgress", Napi::Boolean::New(env, s.serviceInProgress));
  out.Set("requestLine", num(s.requestLine));
  out.Set("width", num(s.width));
  out.Set("burstLength", num(s.burstLength));
  out.Set("watermark", num(s.watermark));
  out.Set("notificationThreshold", num(s.notificationThreshold));
  out.Set("priority", num(s.priority));
  return out;
}

}  // namespace kmdf_dma_sim_addon
