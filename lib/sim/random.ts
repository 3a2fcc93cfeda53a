// The machine's one source of randomness (issue 11): a seeded xoshiro128** generator (Blackman and Vigna), so every
// latency or perturbation a machine draws follows from its seed alone — never Math.random, never host time — and the
// same seed gives the same draws on every machine and in every process. Integer draws are exact (no floating-point
// rounding decides a cycle count): uniform over [min, max] by rejection, so no value is favoured.

/** A 32-bit mix of the seed (splitmix32), used to fill the generator's state from one number. */
function splitmix32(state: { x: number }): number {
  state.x = (state.x + 0x9e3779b9) | 0;
  let z = state.x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The machine's seeded random generator (xoshiro128**): integer draws, uniform over a range, the same for a seed on
 * every machine.
 */
export class MachineRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** How many 32-bit words were drawn (for reports: a run's draw count is part of its fingerprint). */
  draws = 0;

  /** `seed`: a safe integer (negative allowed); both of its 32-bit halves seed the state. */
  constructor(readonly seed: number) {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`MachineRandom: the seed must be a safe integer; received ${String(seed)}`);
    const high = Math.floor(seed / 2 ** 32);
    const s = { x: (seed >>> 0) ^ Math.imul(high | 0, 0x632be5ab) };
    this.a = splitmix32(s);
    this.b = splitmix32(s);
    this.c = splitmix32(s);
    this.d = splitmix32(s);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is the one xoshiro cannot leave
  }

  /** The next 32 random bits, as an unsigned integer. */
  nextU32(): number {
    this.draws++;
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** A uniform integer in [min, max] (both safe integers, min <= max, max - min < 2^32). */
  int(min: number, max: number): number {
    const span = max - min + 1;
    if (span === 1) return min;
    if (span > 2 ** 32) throw new RangeError(`MachineRandom.int: the range [${min}, ${max}] is wider than 2^32`);
    // rejection sampling: draws in the last, incomplete copy of the span are thrown away
    const limit = 2 ** 32 - (2 ** 32 % span);
    for (;;) {
      const x = this.nextU32();
      if (x < limit) return min + (x % span);
    }
  }

  /** True with probability numerator / denominator (exact integers, 0 <= numerator <= denominator). */
  chance(numerator: number, denominator: number): boolean {
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.int(0, denominator - 1) < numerator;
  }

  /** A uniform real in [0, 1) with 32 bits of randomness (for shapes such as an exponential tail). */
  unit(): number {
    return this.nextU32() / 2 ** 32;
  }

  /** An independent generator for a named part of the machine (the engine, a device): the same name always
   *  derives the same child from the same parent seed, whatever else was drawn before. */
  fork(name: string): MachineRandom {
    let h = 0x811c9dc5;
    for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
    return new MachineRandom(((this.seed % 2 ** 31) * 2 ** 21 + (h >>> 11)) % Number.MAX_SAFE_INTEGER);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
