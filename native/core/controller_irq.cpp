// controller_irq.cpp — channel interrupts and the controller interrupt line.
// A channel event (terminal count, loop notification, error, cancel stop) at cycle c RAISES an interrupt bit at c;
// it becomes VISIBLE at c + interruptLatency (ChannelInterrupt event), and the controller line — level, on
// options.controllerInterruptLine — is high while any visible interrupt is unreported. HandleInterrupt reports and
// clears one visible bit per call. Bits of one type coalesce (a status bit, as on hardware).
// Behaviour source: TIMING.md rule 6 and the 641/642 example (line at last write + interruptLatency);
// KMDF-SYSTEM-DMA.md D.7 HandleInterrupt (called until FALSE, one channel and type per call).
#include "engine_impl.h"

namespace dmasim {

void Engine::raiseInterrupt(uint32_t c, InterruptType t) {
  Channel& k = ch[c];
  uint32_t bit = 1u << static_cast<uint32_t>(t);
  k.raised |= bit;
  sched.push(now + opt.interruptLatency, Act::IrqAssert, c * 4 + static_cast<uint32_t>(t), k.irqGen);
}

void Engine::irqAssert(uint32_t id, uint64_t gen) {
  uint32_t c = id / 4;
  uint32_t t = id % 4;
  Channel& k = ch[c];
  if (gen != k.irqGen) return;
  uint32_t bit = 1u << t;
  if (!(k.raised & bit) || (k.visible & bit)) return;
  k.visible |= bit;
  sink.emit(now, EventKind::ChannelInterrupt, c, t);
  if (traceOn()) [[unlikely]] tr(now, TraceKind::ChannelIrq, c, k.visible);
  updateControllerLine();
}

void Engine::dropInterrupts(uint32_t c) {
  Channel& k = ch[c];
  if (traceOn() && k.visible) [[unlikely]] tr(now, TraceKind::ChannelIrq, c, 0);
  k.raised = 0;
  k.visible = 0;
  ++k.irqGen;
  updateControllerLine();
}

void Engine::updateControllerLine() {
  bool any = false;
  for (const auto& k : ch) any |= k.visible != 0;
  if (any == ctrlIrq) return;
  ctrlIrq = any;
  changeIrqSource(opt.controllerInterruptLine, any);
}

bool Simulator::handleInterrupt(InterruptReport& out) {
  Engine& e = *engine_;
  for (uint32_t c = 0; c < e.opt.channels; ++c) {
    Channel& k = e.ch[c];
    if (!k.visible) continue;
    for (uint32_t t = 0; t < 3; ++t) {
      uint32_t bit = 1u << t;
      if (k.visible & bit) {
        k.visible &= ~bit;
        k.raised &= ~bit;
        if (e.traceOn()) [[unlikely]] e.tr(e.now, TraceKind::ChannelIrq, c, k.visible);
        out.channel = c;
        out.type = static_cast<InterruptType>(t);
        e.updateControllerLine();
        return true;
      }
    }
  }
  return false;
}

bool Simulator::interruptPending() const {
  const Engine& e = *engine_;
  for (uint32_t c = 0; c < e.opt.channels; ++c)
    if (e.ch[c].visible & 7u) return true;
  return false;
}

}  // namespace dmasim
