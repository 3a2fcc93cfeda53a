// kmdf-dma-sim/vitest: test helpers for users' vitest suites (ARCHITECTURE.md "Test helpers for users"); the one
// place of the package that imports vitest at runtime. Timing matchers may join the trace-on-failure fixture here.
export { traceOnFailure, lastTraceFiles, type TraceOnFailureOptions } from './trace-on-failure.js';
export { itExplores, explorationMessage, type ItExploresOptions } from './explore.js';
