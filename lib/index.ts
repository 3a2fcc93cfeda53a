// kmdf-dma-sim: a cycle-accurate system DMA controller simulator (lib/sim over native/) with a KMDF-style driver
// framework on top. This is the package root; each layer re-exports its public face here.
export { selfCheck, type SelfCheckReport } from './self-check.js';
export { NativeLoadError, type LoadAttempt } from './native/load-error.js';
export { BINARY_ENV } from './native/paths.js';
export * from './sim/index.js';
export * from './hal/index.js';
export * from './kmdf/index.js';
export * from './host/index.js';
export * from './sercx2/index.js';
