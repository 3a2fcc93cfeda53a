// See self_check.h. Expected by TIMING.md: 1 (arbitration) + 64 x ((1 + 4) + (1 + 4)) = 641 cycles to the last
// write (the TerminalCount event), the controller interrupt line at 642.
#include "self_check.h"

#include <cstdint>
#include <sstream>
#include <vector>

#include "engine.h"

namespace kmdf_dma_sim_addon {

SelfCheckResult RunSelfCheck() {
  constexpr uint64_t kLength = 1024;
  constexpr uint64_t kSource = 0x0000;
  constexpr uint64_t kDestination = 0x1000;
  dmasim::SimOptions options;  // soc, every documented default
  dmasim::Simulator sim(options);
  uint32_t region = sim.addMemory(0, 0x2000, 0, 0);
  uint8_t* ram = sim.memoryBytes(region);
  for (uint64_t i = 0; i < kLength; ++i) ram[kSource + i] = static_cast<uint8_t>((i * 131 + 7) & 0xFF);

  dmasim::MemToMemRequest request;
  request.channel = 0;
  request.source = kSource;
  request.destination = kDestination;
  request.length = kLength;
  request.width = 4;
  request.burst = 4;
  uint64_t start = sim.cycle();
  sim.programMemoryToMemory(request);

  std::vector<dmasim::EventRecord> events(256);
  uint64_t lastWrite = 0;
  uint64_t lineRise = 0;
  for (int slice = 0; slice < 64 && lineRise == 0; ++slice) {
    dmasim::RunResult r = sim.runUntil(start + 10000, events.data(), events.size());
    for (uint32_t i = 0; i < r.eventCount; ++i) {
      const dmasim::EventRecord& e = events[i];
      if (e.kind == static_cast<uint32_t>(dmasim::EventKind::TerminalCount) && e.source == 0) lastWrite = e.cycle;
      if (e.kind == static_cast<uint32_t>(dmasim::EventKind::InterruptLine) && e.a == 1 && lineRise == 0) {
        lineRise = e.cycle;
      }
    }
    if (r.stoppedBy == dmasim::StopReason::Target) break;
  }
  bool dataOk = true;
  for (uint64_t i = 0; i < kLength; ++i) dataOk = dataOk && ram[kDestination + i] == ram[kSource + i];

  uint64_t last = lastWrite - start;
  uint64_t line = lineRise - start;
  SelfCheckResult result;
  result.ok = last == 641 && line == 642 && dataOk;
  std::ostringstream s;
  s << "soc m2m 1024 B in " << last << " cycles: last write at cycle " << last << ", interrupt line at cycle "
    << line << ", data " << (dataOk ? "verified" : "CORRUPT");
  if (!result.ok) s << " (TIMING.md expects 641 / 642: ENGINE DISAGREES)";
  result.summary = s.str();
  return result;
}

}  // namespace kmdf_dma_sim_addon
