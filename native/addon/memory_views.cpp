// See memory_views.h.
#include "memory_views.h"

namespace kmdf_dma_sim_addon {

Napi::ArrayBuffer RegionView(Napi::Env env, const std::shared_ptr<dmasim::Simulator>& sim, uint32_t region,
                             ViewList& views) {
  if (region < views.size() && !views[region].IsEmpty()) {
    Napi::ArrayBuffer alive = views[region].Value();
    if (!alive.IsEmpty() && !alive.IsDetached()) return alive;
  }
  dmasim::RegionInfo info = sim->regionInfo(region);  // ERR_OUT_OF_RANGE for a bad id
  uint8_t* bytes = sim->memoryBytes(region);          // ERR_NOT_MEMORY for a FIFO port region
  auto* keepAlive = new std::shared_ptr<dmasim::Simulator>(sim);
  Napi::ArrayBuffer view;
  try {
    view = Napi::ArrayBuffer::New(
        env, bytes, static_cast<size_t>(info.size),
        [](Napi::Env, void*, std::shared_ptr<dmasim::Simulator>* hint) { delete hint; }, keepAlive);
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
