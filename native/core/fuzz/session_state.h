// session_state.h — the harness's Session (session.h): one Simulator, what the harness remembers of it to check the
// invariants (invariants.h), and the digest of every outcome. Internal to native/core/fuzz.
#pragma once

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

#include "byte_reader.h"
#include "engine.h"
#include "invariants.h"
#include "session.h"

namespace dmasim_fuzz {

using namespace dmasim;

inline unsigned long long ull(uint64_t v) { return static_cast<unsigned long long>(v); }

// FNV-1a over every outcome. With `log` set (FUZZ_ENGINE_LOG=1 on a replay), every value also goes there, one line
// each, so the outcomes of two runs can be diffed.
struct Digest {
  uint64_t h = 0xcbf29ce484222325ull;
  std::FILE* log = nullptr;
  bool frozen = false;  // outcomes no longer compared (Session::step: a call in the middle of a cycle)
  void bytes(const void* p, size_t n) {
    const auto* b = static_cast<const uint8_t*>(p);
    if (!frozen)
      for (size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
    if (log) {
      std::fprintf(log, " bytes[%zu]", n);
      for (size_t i = 0; i < n; ++i) std::fprintf(log, "%02x", b[i]);
      std::fprintf(log, "\n");
    }
  }
  void u64(uint64_t v) {
    if (!frozen) h = fold(h, v);
    if (log) std::fprintf(log, " %llu\n", static_cast<unsigned long long>(v));
  }
  void str(const char* s) {
    if (!frozen) {
      for (const char* c = s; *c; ++c) h = (h ^ static_cast<uint8_t>(*c)) * 0x100000001b3ull;
      h = fold(h, 0);
    }
    if (log) std::fprintf(log, " %s\n", s);
  }
  static uint64_t fold(uint64_t h, uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 0x100000001b3ull;
    return h;
  }
};

class Session {
 public:
  Session(const SimOptions& options, Digest& digest)
      : sim_(options), options_(options), digest_(digest), channels_(options.channels) {}

  void step(ByteReader& in);

 private:
  // Runs one engine call; a SimError is an expected outcome (its code goes into the digest), anything else escapes.
  template <typename F>
  bool attempt(F&& call) {
    try {
      call();
      digest_.u64(0);
      return true;
    } catch (const SimError& e) {
      digest_.str(e.code());
      return false;
    }
  }
  // A line for the FUZZ_ENGINE_LOG replay log (nothing without it).
  void note(const char* format, ...) const __attribute__((format(printf, 2, 3))) {
    if (!digest_.log) return;
    va_list args;
    va_start(args, format);
    std::vfprintf(digest_.log, format, args);
    va_end(args);
  }
  bool i8237() const { return options_.profile == Profile::I8237; }
  uint32_t width(ByteReader& in) { return i8237() && in.below(4) != 0 ? 1 : 1u << in.below(4); }
  uint64_t address(ByteReader& in, uint32_t align);
  uint64_t length(ByteReader& in, uint32_t align, uint64_t max) {
    uint64_t n = 1 + in.number() % max;
    if (align > 1 && in.below(8) != 0) n = std::max<uint64_t>(align, n - n % align);
    return n;
  }
  void run(ByteReader& in);
  RunResult runChecked(uint64_t target, EventRecord* buffer, size_t capacity);
  void addMemory(ByteReader& in);
  void addPort(ByteReader& in);
  void program(ByteReader& in);
  void memoryToMemory(ByteReader& in, bool verify);
  void portCall(ByteReader& in);
  void traceCall(ByteReader& in);
  void pokeAndPeek(ByteReader& in);
  void afterCall();

  Simulator sim_;
  SimOptions options_;
  Digest& digest_;
  std::vector<ChannelModel> channels_;
  std::vector<PortModel> ports_;
  uint64_t lastCycle_ = 0;
  uint64_t lastRecordCycle_ = 0;
  uint64_t cyclesLeft_ = kCycleBudget;
  uint64_t ramLeft_ = kRamBudget;
  uint64_t nextFreeBase_ = 0;  // above every region the harness placed
  bool exact_ = true;          // the last run did not stop on BufferFull (statuses are exact: engine.h portStatus)
  bool faults_ = false;        // bus faults are set
};

}  // namespace dmasim_fuzz
