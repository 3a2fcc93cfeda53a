// The sercx2-uart example's scenarios (explore.ts) under exploration in CI: a small seed budget on every run; more seeds
// with `npx kmdf-dma-sim explore sercx2-uart --seeds N`. A failure names its seed and the one line that replays it.
import { describe } from 'vitest';
import { itExplores } from 'kmdf-dma-sim/vitest';
import { scenarios } from './explore.js';

describe('sercx2-uart example under exploration', () => {
  for (const s of scenarios) itExplores(s.name, s.body, { seeds: 40, perturb: s.perturb });
});
