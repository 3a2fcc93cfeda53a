// See self_check.h.
#include "self_check.h"

namespace kmdf_dma_sim_addon {

SelfCheckResult RunSelfCheck() {
  // Replaced by a real engine run as soon as native/core lands (issue 3).
  return SelfCheckResult{"engine: not built yet"};
}

}  // namespace kmdf_dma_sim_addon
