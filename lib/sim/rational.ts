// Exact rationals for device port rates (cycles per element). The engine times element k of a port at
// epoch + floor(k * numerator / denominator) in exact integer arithmetic (native/core/port_types.h), so a rate
// never drifts. A caller may give {numerator, denominator} exactly, or a number:
//  - an integer n is n/1;
//  - a non-integer x is converted deterministically to the FIRST continued-fraction convergent p/q of x (computed
//    exactly from x's binary value with BigInt) such that p / q, evaluated in double precision, equals x — i.e. the
//    simplest-in-practice fraction that x is the double of. So 2.5 -> 5/2, 1.1 -> 11/10,
//    100e6 * 10 / 115200 (= 8680.555...) -> 78125/9. If no convergent with q <= 2^32 rounds to x, the last
//    convergent with q <= 2^32 is used (the best approximation with that denominator bound).
// The result is reduced; the engine requires denominator in [1, 2^32] and numerator in [denominator, 2^53].
import { fail } from './errors.js';
import { object, uint } from './validate.js';

/** An exact ratio of two integers, numerator / denominator. */
export interface Rational {
  numerator: number;
  denominator: number;
}

const MAX_DENOMINATOR = 2 ** 32;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** x's exact value as n / 2^k (BigInt), for finite positive x. */
function dyadic(x: number): [bigint, bigint] {
  let k = 0n;
  let m = x;
  while (!Number.isInteger(m)) {
    m *= 2; // exact: scaling by 2 never rounds for doubles in range
    k += 1n;
  }
  return [BigInt(m), 1n << k];
}

/**
 * The exact rational a finite positive number stands for (a rate in cycles per element); throws a SimulatorError naming
 * `name` otherwise.
 */
export function numberToRational(x: number, name = 'rate'): Rational {
  if (typeof x !== 'number') {
    fail('ERR_INVALID_ARG_TYPE', `"${name}" must be a number; received type ${x === null ? 'null' : typeof x}`);
  }
  if (!Number.isFinite(x) || x <= 0) fail('ERR_OUT_OF_RANGE', `"${name}" must be a finite positive number; received ${x}`);
  if (Number.isInteger(x)) return { numerator: x, denominator: 1 };
  let [n, d] = dyadic(x);
  // Convergent recurrences h_n = a_n h_(n-1) + h_(n-2), same for k, from h_-2 = 0, h_-1 = 1, k_-2 = 1, k_-1 = 0.
  let hPrev = 0n, h = 1n, kPrev = 1n, k = 0n;
  let best: [bigint, bigint] | undefined;
  while (d !== 0n) {
    const a = n / d;
    [n, d] = [d, n - a * d];
    [hPrev, h] = [h, a * h + hPrev];
    [kPrev, k] = [k, a * k + kPrev];
    if (k > BigInt(MAX_DENOMINATOR) || h > 2n ** 53n) break;
    best = [h, k];
    if (Number(h) / Number(k) === x) break;
  }
  if (best === undefined) fail('ERR_OUT_OF_RANGE', `"${name}" is too large for an exact rate; received ${x}`);
  const [p, q] = best;
  return { numerator: Number(p), denominator: Number(q) };
}

/** A rate given as a number or an exact {numerator, denominator}: validated and reduced. */
export function toRational(rate: number | Rational, name = 'rate'): Rational {
  let r: Rational;
  if (typeof rate === 'number') {
    r = numberToRational(rate, name);
  } else {
    const o = object<Rational>(rate, name);
    r = {
      numerator: uint(o.numerator, `${name}.numerator`, Number.MAX_SAFE_INTEGER, 1),
      denominator: uint(o.denominator, `${name}.denominator`, MAX_DENOMINATOR, 1),
    };
  }
  const g = gcd(r.numerator, r.denominator);
  r = { numerator: r.numerator / g, denominator: r.denominator / g };
  if (r.denominator > MAX_DENOMINATOR || r.numerator > 2 ** 53 || r.numerator < r.denominator) {
    fail('ERR_OUT_OF_RANGE', `"${name}" must be at least 1 cycle per element with denominator <= 2^32 and numerator <= 2^53; received ${r.numerator}/${r.denominator}`);
  }
  return r;
}
