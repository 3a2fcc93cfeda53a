// check.h — tiny assertion helpers shared by the standalone core checks (no test framework: plain executables that
// print what failed and exit non-zero).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "engine.h"

namespace chk {

inline int failures = 0;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    if (!(cond)) {                                                             \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
      std::fprintf(stderr, __VA_ARGS__);                                       \
      std::fprintf(stderr, "\n");                                              \
      ++chk::failures;                                                         \
    }                                                                          \
  } while (0)

#define CHECK_EQ(a, b)                                                                                   \
  do {                                                                                                   \
    auto va_ = (a);                                                                                      \
    auto vb_ = (b);                                                                                      \
    if (!(va_ == vb_)) {                                                                                 \
      std::fprintf(stderr, "%s:%d: CHECK_EQ failed: %s == %s (%lld vs %lld)\n", __FILE__, __LINE__, #a, #b, \
                   (long long)va_, (long long)vb_);                                                      \
      ++chk::failures;                                                                                   \
    }                                                                                                    \
  } while (0)

template <class F>
void expectThrow(const char* code, F&& f, const char* what) {
  try {
    f();
    std::fprintf(stderr, "expected %s from %s, nothing thrown\n", code, what);
    ++failures;
  } catch (const dmasim::SimError& e) {
    if (std::string(e.code()) != code) {
      std::fprintf(stderr, "expected %s from %s, got %s (%s)\n", code, what, e.code(), e.what());
      ++failures;
    }
  }
}
#define EXPECT_THROW(code, stmt) chk::expectThrow(code, [&] { stmt; }, #stmt)

// Runs to `target`, collecting every event (resuming on BufferFull / Interrupt / Timer).
inline std::vector<dmasim::EventRecord> runAll(dmasim::Simulator& s, uint64_t target) {
  std::vector<dmasim::EventRecord> all;
  dmasim::EventRecord buf[64];
  for (;;) {
    auto r = s.runUntil(target, buf, 64);
    all.insert(all.end(), buf, buf + r.eventCount);
    if (r.stoppedBy == dmasim::StopReason::Target) break;
  }
  return all;
}

inline const dmasim::EventRecord* find(const std::vector<dmasim::EventRecord>& ev, dmasim::EventKind k,
                                       uint32_t source, size_t nth = 0) {
  for (const auto& e : ev)
    if (e.kind == static_cast<uint32_t>(k) && e.source == source && nth-- == 0) return &e;
  return nullptr;
}

inline size_t countKind(const std::vector<dmasim::EventRecord>& ev, dmasim::EventKind k, uint32_t source) {
  size_t n = 0;
  for (const auto& e : ev)
    if (e.kind == static_cast<uint32_t>(k) && e.source == source) ++n;
  return n;
}

inline int finish(const char* name) {
  if (failures) {
    std::fprintf(stderr, "%s: %d failure(s)\n", name, failures);
    return 1;
  }
  std::printf("%s: ok\n", name);
  return 0;
}

}  // namespace chk
