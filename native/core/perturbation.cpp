// perturbation.cpp — see perturbation.h. splitmix64 (Steele, Lea, Flood) for the generator; uniform draws by
// rejection so no value is favoured; no floating point anywhere.
#include "perturbation.h"

#include <string>

#include "error_codes.h"

namespace dmasim {

uint64_t CycleDraw::maxValue() const {
  if (kind == Uniform) return b;
  if (kind == Choice) {
    uint64_t m = 0;
    for (uint64_t v : values) m = v > m ? v : m;
    return m;
  }
  return a;
}

namespace {
void checkDraw(const CycleDraw& d, const char* name, uint64_t min, uint64_t max) {
  const std::string n(name);
  if (d.kind > CycleDraw::Choice) throw SimError(err::kInvalidArgument, n + " has an unknown distribution kind");
  if (d.kind == CycleDraw::Uniform && d.a > d.b) throw SimError(err::kOutOfRange, n + " must have min <= max");
  if (d.kind == CycleDraw::Choice && (d.values.empty() || d.values.size() > 4096)) {
    throw SimError(err::kInvalidArgument, n + " must choose among 1..4096 values");
  }
  uint64_t lo = d.kind == CycleDraw::Choice ? d.values[0] : d.a;
  if (d.kind == CycleDraw::Choice) for (uint64_t v : d.values) lo = v < lo ? v : lo;
  if (lo < min || d.maxValue() > max) {
    throw SimError(err::kOutOfRange, n + " must stay within [" + std::to_string(min) + ".." + std::to_string(max) + "] cycles");
  }
}
}  // namespace

void validatePerturbation(const PerturbationOptions& o) {
  checkDraw(o.requestJitter, "perturb.requestJitter", 0, 64);
  checkDraw(o.waitStates, "perturb.waitStates", 0, 16);
  if (o.busLoad) {
    checkDraw(o.busPeriod, "perturb.busLoad.period", 1, 1000000);
    checkDraw(o.busCycles, "perturb.busLoad.cycles", 0, 10000);
  }
}

void Perturber::configure(const PerturbationOptions& o, uint64_t now) {
  validatePerturbation(o);
  o_ = o;
  state_ = o.seed;
  on_ = !o.requestJitter.isZero() || !o.waitStates.isZero() || o.busLoad;
  busNext_ = o.busLoad ? now + 1 + draw(o.busPeriod) : 0;
}

uint64_t Perturber::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t Perturber::draw(const CycleDraw& d) {
  if (d.kind == CycleDraw::Fixed) return d.a;
  if (d.kind == CycleDraw::Choice) {
    const uint64_t n = d.values.size();
    if (n == 1) return d.values[0];
    const uint64_t limit = ~uint64_t{0} - (~uint64_t{0} % n);
    for (;;) {
      uint64_t x = next();
      if (x < limit) return d.values[x % n];
    }
  }
  const uint64_t span = d.b - d.a + 1;  // ranges are small (validated), so no overflow
  const uint64_t limit = ~uint64_t{0} - (~uint64_t{0} % span);
  for (;;) {
    uint64_t x = next();
    if (x < limit) return d.a + x % span;
  }
}

uint64_t Perturber::busLoadStart(uint64_t start, uint64_t freeFrom) {
  if (!on_ || !o_.busLoad || busNext_ > start) return start;
  // The background master asked at busNext_ <= start: it got the bus as soon as it was free (freeFrom: the cycle after
  // the last service ended), held it, and asks again a period after it let go. One request is accounted between two
  // grants (its requests in a long idle span cost nobody anything).
  const uint64_t holdStart = busNext_ > freeFrom ? busNext_ : freeFrom;
  const uint64_t holdEnd = holdStart + draw(o_.busCycles);
  busNext_ = (holdEnd > start ? holdEnd : start) + draw(o_.busPeriod);
  return holdEnd > start ? holdEnd : start;
}

}  // namespace dmasim
