// Zero-copy views of simulated RAM: an external ArrayBuffer over the engine's stable region memory
// (engine.h memoryBytes: never reallocated for the Simulator's lifetime). The buffer's finalizer hint holds the
// wrap's EngineAnchor, so the bytes outlive a garbage-collected JS Simulator as long as the view lives.
// dispose() detaches every view still alive, so after it a view reads as length 0 instead of freed memory, and only
// then empties the anchor: the engine and its RAM are freed at once, not when the views' finalizers run.
#pragma once

#include <napi.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "engine.h"

namespace kmdf_dma_sim_addon {

using ViewList = std::vector<Napi::Reference<Napi::ArrayBuffer>>;

// The engine as RAM views see it: shared by the wrap and every view's finalizer; `sim` is reset by dispose() once
// every view is detached.
struct EngineAnchor {
  std::shared_ptr<dmasim::Simulator> sim;
};
using EngineAnchorRef = std::shared_ptr<EngineAnchor>;

// The view of RAM region `region` (one per region while it is alive; a new one after it was collected).
// anchor->sim must be set.
Napi::ArrayBuffer RegionView(Napi::Env env, const EngineAnchorRef& anchor, uint32_t region, ViewList& views);
// Detaches every live view and forgets them all.
void DetachViews(ViewList& views);

}  // namespace kmdf_dma_sim_addon
