// The package's self-check: loads the addon and runs one small simulation in it. `kmdf-dma-sim selfcheck`
// prints it; the install tests use it to prove an installed package works.
import { loadNative } from './native/loader.js';

export interface SelfCheckReport {
  /** Package version the addon was built from. */
  version: string;
  /** Node-API version the addon was built against. */
  napiVersion: number;
  /** One line describing the simulation the engine ran. */
  summary: string;
}

export function selfCheck(): SelfCheckReport {
  const native = loadNative();
  const result = native.selfCheck();
  return { version: result.version, napiVersion: result.napiVersion, summary: result.summary };
}
