// kmdf-dma-sim/vitest: test helpers for users' vitest suites (ARCHITECTURE.md "Test helpers for users"); the one
// place of the package that imports vitest at runtime: the trace-on-failure fixture, itExplores, and the timing
// matchers (registered by the setup entry, kmdf-dma-sim/vitest/setup, or by expect.extend(timingMatchers)).
export { traceOnFailure, traceOnFailureActive, lastTraceFiles, type TraceOnFailureOptions } from './trace-on-failure.js';
export { itExplores, explorationMessage, type ItExploresOptions } from './explore.js';
export { timingMatchers, cyclesAndMicroseconds, type TimingMatchers } from './matchers.js';
export { receivedBytes, type ReceivesBytes } from './received.js';
