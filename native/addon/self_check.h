// The addon's self-check: the TIMING.md worked example (soc, memory-to-memory, 32-bit, burst 4, zero wait states,
// 1 KiB, bus idle) run on a fresh engine and summarised in one line. It proves that the binary loads and that the
// engine inside it keeps the spec's cycle count (used by `kmdf-dma-sim selfcheck` and the install tests).
#pragma once
#include <string>

namespace kmdf_dma_sim_addon {

struct SelfCheckResult {
  std::string summary;
  bool ok = false;  // cycles as TIMING.md says (641 / 642) and the data arrived intact
};

SelfCheckResult RunSelfCheck();

}  // namespace kmdf_dma_sim_addon
