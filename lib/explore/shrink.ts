// Shrinking a failure (issue 11 item 3): the smallest perturbation that still fails with the failing seed. First every
// option that is not needed is dropped (one at a time, kept out when the run still fails); then each remaining
// distribution is narrowed — to a fixed value (its smallest, then its largest), else its upper half dropped — and the
// rate drift halved, while the run still fails. Each step reruns the body once; at most `budget` reruns.
import type { Draw } from '../hal/timing-model.js';
import { perturbationKeys, type PerturbOptions } from './perturbation.js';

type Fails = (p: PerturbOptions) => Promise<boolean>;

/** Smaller forms of a Draw, most reduced first. */
function narrower(d: Draw): Draw[] {
  if (typeof d === 'number') return [];
  if ('uniform' in d) {
    const [a, b] = d.uniform;
    if (a === b) return [];
    const mid = Math.floor((a + b) / 2);
    return [a, b, { uniform: [a, mid] as const }, { uniform: [mid + 1, b] as const }];
  }
  if ('choice' in d) {
    if (d.choice.length <= 1) return [];
    const sorted = [...d.choice].sort((x, y) => x - y);
    return [...sorted, { choice: sorted.slice(0, Math.ceil(sorted.length / 2)) }];
  }
  const { mean, max } = d.exponential;
  return mean === 0 ? [] : [0, mean, { exponential: { mean: Math.floor(mean / 2), max } }];
}

/**
 * The smallest perturbation, from `start`, that still makes `fails` true, within `budget` reruns: options not needed
 * are dropped, then each remaining distribution is narrowed (see the file comment).
 */
export async function shrinkPerturbation(start: PerturbOptions, fails: Fails, budget = 60): Promise<PerturbOptions> {
  let current: PerturbOptions = { ...start };
  let runs = 0;
  const attempt = async (p: PerturbOptions): Promise<boolean> => {
    if (runs >= budget) return false;
    runs++;
    return fails(p);
  };
  // 1. drop whole options
  for (const key of perturbationKeys(current)) {
    const without = { ...current };
    delete without[key];
    if (await attempt(without)) current = without;
  }
  // 2. narrow what is left, to a fixpoint (or the budget)
  for (let changed = true; changed && runs < budget;) {
    changed = false;
    for (const key of ['isrLatency', 'dpcLatency', 'requestJitter', 'waitStates'] as const) {
      const d = current[key];
      if (d === undefined) continue;
      for (const smaller of narrower(d)) {
        const p = { ...current, [key]: smaller };
        if (await attempt(p)) {
          current = p;
          changed = true;
          break;
        }
      }
    }
    if (current.rateDrift !== undefined && current.rateDrift > 0.0005) {
      const p = { ...current, rateDrift: current.rateDrift / 2 };
      if (await attempt(p)) {
        current = p;
        changed = true;
      }
    }
  }
  return current;
}
