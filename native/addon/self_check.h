// The addon's self-check: one small simulation on a fresh engine, summarised in one line. It proves that the
// binary loads and that the engine inside it runs (used by `kmdf-dma-sim selfcheck` and the install tests).
#pragma once
#include <string>

namespace kmdf_dma_sim_addon {

struct SelfCheckResult {
  std::string summary;
};

SelfCheckResult RunSelfCheck();

}  // namespace kmdf_dma_sim_addon
