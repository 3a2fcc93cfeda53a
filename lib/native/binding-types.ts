// The shape of what the native addon exports (native/addon). Only lib/native and lib/sim use it; everything
// else goes through the TypeScript face in lib/sim.

/** What the addon's selfCheck() returns: one small simulation on a fresh engine. */
export interface NativeSelfCheck {
  version: string;
  napiVersion: number;
  summary: string;
}

export interface NativeBinding {
  /** Package version the addon was built from (package.json). */
  readonly version: string;
  /** Node-API version the addon was compiled against. */
  readonly napiVersion: number;
  selfCheck(): NativeSelfCheck;
  // Engine classes are added by lib/sim's binding types.
  readonly [name: string]: unknown;
}
