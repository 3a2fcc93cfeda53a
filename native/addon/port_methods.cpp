// SimulatorWrap: device FIFO ports (native/core/port_types.h): construction from complete options, status,
// the gates and settings a driver's register writes flip, rx data in, tx data out, and injected faults.
#include <vector>

#include "args.h"
#include "errors.h"
#include "simulator_wrap.h"

namespace kmdf_dma_sim_addon {

namespace {
constexpr uint64_t kMaxPattern = uint64_t{1} << 20;  // port_types.h: pattern <= 1 MiB
constexpr uint32_t kMaxWait = 1000000;
}  // namespace

Napi::Value SimulatorWrap::AddFifoPort(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object o = ToObject(env, info[0], "options");
  const char* p = "options";
  dmasim::FifoPortOptions opt;
  opt.address = FieldUint(env, o, p, "address", kMaxSafeInteger);
  opt.readWait = FieldU32(env, o, p, "readWait", kMaxWait);
  opt.writeWait = FieldU32(env, o, p, "writeWait", kMaxWait);
  opt.direction = static_cast<dmasim::PortDirection>(FieldU32(env, o, p, "direction", 1));
  opt.depth = FieldU32(env, o, p, "depth");
  opt.elementWidth = FieldU32(env, o, p, "elementWidth");
  opt.rateNumerator = FieldUint(env, o, p, "rateNumerator", kMaxSafeInteger);
  opt.rateDenominator = FieldUint(env, o, p, "rateDenominator", kMaxSafeInteger);
  opt.requestLine = FieldU32(env, o, p, "requestLine");
  opt.watermark = FieldU32(env, o, p, "watermark");
  opt.requestRule = static_cast<dmasim::RequestRule>(FieldU32(env, o, p, "requestRule", 1));
  opt.dmaEnable = FieldBool(env, o, p, "dmaEnable");
  opt.deviceEnable = FieldBool(env, o, p, "deviceEnable");
  opt.txStreaming = FieldBool(env, o, p, "txStreaming");
  opt.idleTimeout = FieldUint(env, o, p, "idleTimeout", kMaxSafeInteger);
  opt.rxSource = static_cast<dmasim::RxSource>(FieldU32(env, o, p, "rxSource", 1));
  opt.interruptLine = FieldU32(env, o, p, "interruptLine");
  opt.interruptMask = FieldU32(env, o, p, "interruptMask");
  opt.interruptThreshold = FieldU32(env, o, p, "interruptThreshold");
  opt.txCaptureLimit = FieldUint(env, o, p, "txCaptureLimit", kMaxSafeInteger);
  // Read last and copied at once: no JS (a getter) runs between taking the pointer and copying.
  ByteSpan pattern = ToBytes(env, o.Get("pattern"), "options.pattern");
  if (pattern.length > kMaxPattern) {
    ThrowCoded(env, dmasim::err::kOutOfRange, "\"options.pattern\" must be at most 1 MiB");
  }
  opt.pattern.assign(pattern.data, pattern.data + pattern.length);
  return Napi::Number::New(env, Sim(env).addFifoPort(opt));
}

Napi::Value SimulatorWrap::PortCount(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), Sim(info.Env()).portCount());
}

Napi::Value SimulatorWrap::PortStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint32_t port = ArgU32(info, 0, "port");
  dmasim::PortStatus s = Sim(env).portStatus(port);
  auto num = [&](double v) { return Napi::Number::New(env, v); };
  auto big = [&](uint64_t v) { return Napi::Number::New(env, static_cast<double>(v)); };
  Napi::Object out = Napi::Object::New(env);
  out.Set("level", num(s.level));
  out.Set("highWater", num(s.highWater));
  out.Set("status", num(s.status));
  out.Set("overruns", big(s.overruns));
  out.Set("underruns", big(s.underruns));
  out.Set("dmaOverflows", big(s.dmaOverflows));
  out.Set("dmaUnderflows", big(s.dmaUnderflows));
  out.Set("errors", big(s.errors));
  out.Set("deviceElements", big(s.deviceElements));
  out.Set("dmaElements", big(s.dmaElements));
  out.Set("rxPendingBytes", big(s.rxPendingBytes));
  out.Set("txCapturedBytes", big(s.txCapturedBytes));
  out.Set("txCaptureDropped", big(s.txCaptureDropped));
  out.Set("requestAsserted", Napi::Boolean::New(env, s.requestAsserted));
  out.Set("interruptAsserted", Napi::Boolean::New(env, s.interruptAsserted));
  out.Set("flushArmed", Napi::Boolean::New(env, s.flushArmed));
  out.Set("deviceActive", Napi::Boolean::New(env, s.deviceActive));
  return out;
}

Napi::Value SimulatorWrap::SetPortDmaEnable(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  bool on = ArgBool(info, 1, "enable");
  Sim(info.Env()).setPortDmaEnable(port, on);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::SetPortDeviceEnable(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  bool on = ArgBool(info, 1, "enable");
  Sim(info.Env()).setPortDeviceEnable(port, on);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::SetPortTxStreaming(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  bool on = ArgBool(info, 1, "streaming");
  Sim(info.Env()).setPortTxStreaming(port, on);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::SetPortWatermark(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint32_t watermark = ArgU32(info, 1, "watermark");
  Sim(info.Env()).setPortWatermark(port, watermark);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::SetPortIdleTimeout(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint64_t cycles = ArgUint(info, 1, "cycles", kMaxSafeInteger);
  Sim(info.Env()).setPortIdleTimeout(port, cycles);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::SetPortInterrupt(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint32_t line = ArgU32(info, 1, "line");
  uint32_t mask = ArgU32(info, 2, "mask");
  uint32_t threshold = ArgU32(info, 3, "threshold");
  Sim(info.Env()).setPortInterrupt(port, line, mask, threshold);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::ClearPortStatus(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint32_t mask = ArgU32(info, 1, "mask");
  Sim(info.Env()).clearPortStatus(port, mask);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::AppendRxData(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  ByteSpan data = ArgBytes(info, 1, "data");
  Sim(info.Env()).appendRxData(port, data.data, data.length);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::ReadTxData(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  ByteSpan out = ArgBytes(info, 1, "out");
  uint64_t n = Sim(info.Env()).readTxData(port, out.data, out.length);
  return Napi::Number::New(info.Env(), static_cast<double>(n));
}

Napi::Value SimulatorWrap::ClearTxData(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  Sim(info.Env()).clearTxData(port);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::InjectPortError(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint64_t element = ArgUint(info, 1, "elementIndex", kMaxSafeInteger);
  Sim(info.Env()).injectPortError(port, element);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::InjectPortStall(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint64_t element = ArgUint(info, 1, "elementIndex", kMaxSafeInteger);
  uint64_t cycles = ArgUint(info, 2, "cycles", kMaxSafeInteger);
  Sim(info.Env()).injectPortStall(port, element, cycles);
  return info.Env().Undefined();
}

Napi::Value SimulatorWrap::InjectPortStallAt(const Napi::CallbackInfo& info) {
  uint32_t port = ArgU32(info, 0, "port");
  uint64_t at = ArgUint(info, 1, "cycle", kMaxSafeInteger);
  uint64_t cycles = ArgUint(info, 2, "cycles", kMaxSafeInteger);
  Sim(info.Env()).injectPortStallAt(port, at, cycles);
  return info.Env().Undefined();
}

}  // namespace kmdf_dma_sim_addon
