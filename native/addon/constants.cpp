// See constants.h. Values come straight from native/core: dma_types.h, ntstatus.h, port_types.h, event.h,
// engine.h, error_codes.h; errors.h for the binding's own codes.
#include "constants.h"

#include <cstdint>
#include <initializer_list>
#include <utility>

#include "engine.h"
#include "errors.h"

namespace kmdf_dma_sim_addon {
namespace {

using Entry = std::pair<const char*, double>;

Napi::Object Table(Napi::Env env, std::initializer_list<Entry> entries) {
  Napi::Object o = Napi::Object::New(env);
  for (const Entry& e : entries) o.Set(e.first, Napi::Number::New(env, e.second));
  return o;
}

template <typename E>
double N(E value) {
  return static_cast<double>(static_cast<uint32_t>(value));
}

}  // namespace

Napi::Object MakeConstants(Napi::Env env) {
  using namespace dmasim;
  Napi::Object c = Napi::Object::New(env);
  c.Set("configureFunction", Table(env, {
      {"SET_WATERMARK", configure_fn::kSetWatermark},
      {"SET_NOTIFICATION_THRESHOLD", configure_fn::kSetNotificationThreshold},
      {"ACQUIRE_REQUEST_LINE", configure_fn::kAcquireRequestLine},
      {"RELEASE_REQUEST_LINE", configure_fn::kReleaseRequestLine},
      {"SET_BURST_LENGTH", configure_fn::kSetBurstLength},
      {"SET_PRIORITY", configure_fn::kSetPriority},
      {"I8237_SET_MODE", configure_fn::kI8237SetMode},
  }));
  c.Set("i8237Mode", Table(env, {
      {"DEMAND", static_cast<double>(i8237_mode::kDemand)},
      {"SINGLE", static_cast<double>(i8237_mode::kSingle)},
      {"BLOCK", static_cast<double>(i8237_mode::kBlock)},
      {"CASCADE", static_cast<double>(i8237_mode::kCascade)},
      {"AUTO", static_cast<double>(i8237_mode::kAuto)},
  }));
  c.Set("ntstatus", Table(env, {
      {"STATUS_SUCCESS", kStatusSuccess},
      {"STATUS_DEVICE_BUSY", kStatusDeviceBusy},
      {"STATUS_NOT_IMPLEMENTED", kStatusNotImplemented},
      {"STATUS_INVALID_PARAMETER", kStatusInvalidParameter},
      {"STATUS_INVALID_DEVICE_STATE", kStatusInvalidDeviceState},
  }));
  c.Set("portStatus", Table(env, {
      {"OVERRUN", kPortStatusOverrun},
      {"UNDERRUN", kPortStatusUnderrun},
      {"DMA_OVERFLOW", kPortStatusDmaOverflow},
      {"DMA_UNDERFLOW", kPortStatusDmaUnderflow},
      {"ERROR", kPortStatusError},
      {"ALL", kPortStatusAllBits},
  }));
  c.Set("portIrq", Table(env, {
      {"LEVEL", kPortIrqLevel},
      {"EMPTY", kPortIrqEmpty},
      {"ERROR", kPortIrqError},
      {"OVERRUN", kPortIrqOverrun},
      {"ALL", kPortIrqAllBits},
  }));
  c.Set("eventKind", Table(env, {
      {"INTERRUPT_LINE", N(EventKind::InterruptLine)},
      {"CHANNEL_STATE", N(EventKind::ChannelState)},
      {"TERMINAL_COUNT", N(EventKind::TerminalCount)},
      {"LOOP_NOTIFICATION", N(EventKind::LoopNotification)},
      {"CHANNEL_ERROR", N(EventKind::ChannelError)},
      {"PORT_OVERRUN", N(EventKind::PortOverrun)},
      {"PORT_UNDERRUN", N(EventKind::PortUnderrun)},
      {"PORT_DMA_OVERFLOW", N(EventKind::PortDmaOverflow)},
      {"PORT_DMA_UNDERFLOW", N(EventKind::PortDmaUnderflow)},
      {"PORT_ERROR_FLAG", N(EventKind::PortErrorFlag)},
      {"REQUEST_LINE", N(EventKind::RequestLine)},
      {"TIMER", N(EventKind::Timer)},
      {"CHANNEL_INTERRUPT", N(EventKind::ChannelInterrupt)},
      {"PORT_IDLE_TIMEOUT", N(EventKind::PortIdleTimeout)},
      {"PORT_STALL", N(EventKind::PortStall)},
  }));
  c.Set("channelState", Table(env, {
      {"IDLE", N(ChannelState::Idle)},
      {"RUNNING", N(ChannelState::Running)},
      {"STOPPING", N(ChannelState::Stopping)},
      {"COMPLETE", N(ChannelState::Complete)},
      {"ERROR", N(ChannelState::Error)},
      {"CANCELLED", N(ChannelState::Cancelled)},
  }));
  c.Set("interruptType", Table(env, {
      {"COMPLETION", N(InterruptType::Completion)},
      {"ERROR", N(InterruptType::Error)},
      {"CANCELLED", N(InterruptType::Cancelled)},
  }));
  c.Set("stopReason", Table(env, {
      {"TARGET", N(StopReason::Target)},
      {"INTERRUPT", N(StopReason::Interrupt)},
      {"TIMER", N(StopReason::Timer)},
      {"BUFFER_FULL", N(StopReason::BufferFull)},
  }));
  c.Set("limits", Table(env, {
      {"EVENT_RECORD_BYTES", static_cast<double>(sizeof(EventRecord))},
      {"MAX_CYCLE", static_cast<double>(kMaxCycle)},
      {"NO_LINE", static_cast<double>(kNoLine)},
  }));
  Napi::Object codes = Napi::Object::New(env);
  for (const char* code : {err::kInvalidArgument, err::kOutOfRange, err::kBadAlignment, err::kDmaChannelBusy,
                           err::kSgOutsideMemory, err::kRegionOverlap, err::kTooManyFragments, err::kWidthMismatch,
                           err::kUnmappedAddress, err::kNotMemory, err::kRequestLineBusy, err::kOutOfMemory,
                           bind_err::kInvalidArgType, bind_err::kDisposed, bind_err::kDetachedBuffer, bind_err::kReentrantCall,
                           bind_err::kInternal}) {
    codes.Set(code, Napi::String::New(env, code));
  }
  c.Set("errorCodes", codes);
  return c;
}

}  // namespace kmdf_dma_sim_addon
