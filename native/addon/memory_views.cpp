// See memory_views.h.
#include "memory_views.h"

namespace kmdf_dma_sim_addon {

Napi::ArrayBuffer RegionView(Napi::Env env, const EngineAnchorRef& anchor, uint32_t region, ViewList& views) {
  if (region < views.size() && !views[region].IsEmpty()) {
    Napi::ArrayBuffer alive = views[region].Value();
    if (!alive.IsEmpty() && !alive.IsDetached()) return alive;
  }
  dmasim::Simulator* sim = anchor->sim.get();
  dmasim::RegionInfo info = sim->regionInfo(region);  // ERR_OUT_OF_RANGE for a bad id
  uint8_t* bytes = sim->memoryBytes(region);          // ERR_NOT_MEMORY for a FIFO port region
  auto* keepAlive = new EngineAnchorRef(anchor);
  Napi::ArrayBuffer view;
  try {
    view = Napi::ArrayBuffer::New(
        env, bytes, static_cast<size_t>(info.size),
        [](Napi::Env, void*, EngineAnchorRef* hint) { delete hint; }, keepAlive);
  } catch (...) {
    delete keepAlive;
    throw;
  }
  if (views.size() <= region) views.resize(region + 1);
  views[region] = Napi::Weak(view);
  return view;
}

void DetachViews(ViewList& views) {
  for (auto& ref : views) {
    if (ref.IsEmpty()) continue;
    Napi::ArrayBuffer view = ref.Value();
    if (!view.IsEmpty() && !view.IsDetached()) view.Detach();
  }
  views.clear();
}

}  // namespace kmdf_dma_sim_addon
