// fuzz_engine.cpp — libFuzzer harness over native/core (issue 13 item 5): the input bytes decode (byte_reader.h) into
// SimOptions and then up to kMaxOps engine calls — RAM regions, FIFO ports, programChannel, memory-to-memory,
// configureChannel, cancel, flush, handleInterrupt, runs with small or no event buffers, timers, interrupt sources,
// injected bus faults and port errors/stalls, rx data, tx drains, peek/poke — with addresses drawn mostly from the
// regions that exist (so calls get past validation) and sometimes anywhere (so validation itself is fuzzed).
//
// It fails (abort: libFuzzer saves the input) when
//  - any exception other than dmasim::SimError leaves the engine (bad calls must be SimErrors: error_codes.h);
//  - an invariant of invariants.h breaks after a call;
//  - a poke is not read back by a peek, or a memory-to-memory copy made with nothing else moving and no fault set
//    does not leave the destination equal to the source as it was;
//  - the same calls with SimOptions.fastPaths on and off give different results (every outcome — error codes, run
//    results, records, statuses, bytes read — goes into a digest; options.h: the fast paths have no behavioural
//    effect), which also covers replay: the same input always gives the same digest.
// ASan and UBSan run with it (CMakeLists.txt target fuzz_engine). scripts/ci/fuzz-native.sh runs it in CI.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "byte_reader.h"
#include "engine.h"
#include "invariants.h"
#include "session.h"

namespace {

// Runs both again with a per-call trace and names the first call whose outcomes differ.
void explainDivergence(const uint8_t* data, size_t size) {
  std::vector<dmasim_fuzz::OpTrace> fast, general;
  dmasim_fuzz::runSession(data, size, true, &fast);
  dmasim_fuzz::runSession(data, size, false, &general);
  for (size_t i = 0; i < fast.size() && i < general.size(); ++i) {
    if (fast[i].digest != general[i].digest) {
      std::fprintf(stderr, "fuzz_engine: fastPaths on/off part at call %zu (input offset %zu, first byte 0x%02x)\n", i,
                   fast[i].offset, fast[i].first);
      return;
    }
  }
  std::fprintf(stderr, "fuzz_engine: fastPaths on/off part after the last call (%zu / %zu calls)\n", fast.size(),
               general.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const uint64_t fast = dmasim_fuzz::runSession(data, size, true);
  const uint64_t general = dmasim_fuzz::runSession(data, size, false);
  if (fast != general) explainDivergence(data, size);
  FUZZ_INVARIANT(fast == general, "fastPaths on and off give different outcomes (digest)", fast, general);
  return 0;
}
