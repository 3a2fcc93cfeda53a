// irq_sources.cpp — device-driven interrupt sources: interrupt outputs of device models that live outside the engine
// (TS register blocks), OR'ed with the ports' outputs and the controller line on the engine's counted lines.
// Behaviour source: engine.h "device-driven interrupt sources"; ARCHITECTURE.md "Events" (a run returns right after
// an interrupt line rises, so the ISR runs at exactly that cycle). A level set between runs at cycle t acts at t: the
// InterruptLine record carries t and the next run stops at once at t.
#include <string>

#include "engine_impl.h"

namespace dmasim {

namespace {
constexpr uint32_t kMaxInterruptSources = 4096;

uint32_t checkSource(const Engine& e, uint32_t source) {
  if (source >= e.srcLine.size())
    throw SimError(err::kOutOfRange, "interrupt source " + std::to_string(source) + " out of range");
  return source;
}
}  // namespace

uint32_t Simulator::addInterruptSource(uint32_t line) {
  Engine& e = *engine_;
  if (line >= e.opt.interruptLines)
    throw SimError(err::kOutOfRange, "line must be < interruptLines (" + std::to_string(e.opt.interruptLines) + ")");
  if (e.srcLine.size() >= kMaxInterruptSources) throw SimError(err::kOutOfRange, "too many interrupt sources (4096)");
  e.srcLine.push_back(line);
  e.srcLevel.push_back(0);
  return static_cast<uint32_t>(e.srcLine.size() - 1);
}

void Simulator::setInterruptSource(uint32_t source, bool level) {
  Engine& e = *engine_;
  checkSource(e, source);
  if ((e.srcLevel[source] != 0) == level) return;
  e.srcLevel[source] = level ? 1 : 0;
  e.changeIrqSource(e.srcLine[source], level);  // a rise sets irqRose: the next run stops at once at cycle()
}

bool Simulator::interruptSourceLevel(uint32_t source) const {
  return engine_->srcLevel[checkSource(*engine_, source)] != 0;
}

uint32_t Simulator::interruptSourceCount() const { return static_cast<uint32_t>(engine_->srcLine.size()); }

}  // namespace dmasim
