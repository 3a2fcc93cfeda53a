/**
 * `kmdf-dma-sim/vitest/setup`: registers the timing matchers on vitest's expect.
 * @module vitest/setup
 */
// kmdf-dma-sim/vitest/setup: the setup entry a project names in its vitest config (`setupFiles:
// ['kmdf-dma-sim/vitest/setup']`) and, for the typings, in its tsconfig (`"types": ["kmdf-dma-sim/vitest/setup"]`).
// It registers the timing matchers of matchers.ts on vitest's expect, once per test file.
import { expect } from 'vitest';
import { timingMatchers } from './matchers.js';

expect.extend(timingMatchers);

export type { TimingMatchers } from './matchers.js';
