// The framework's documented switches, per driver (the host passes them with the driver; a driver may also pass them
// in WDF_DRIVER_CONFIG.FrameworkOptions). Defaults follow the framework SOURCE (KMDF-SYSTEM-DMA.md §F: "follow the
// source, offer a switch for the docs"). FX-VER IsVerificationEnabled decides the "[verifier, 1.x+]" bugchecks.

/**
 * Behaviours where KMDF's documentation and its source differ: each switch on takes the documented behaviour instead of
 * the source's (lib/kmdf/README.md).
 */
export interface WdfDocsBehaviour {
  /** F.1 — Release clears the configure-channel and transfer-complete callbacks (docs). Source: they survive. */
  releaseClearsCallbacks?: boolean;
  /** F.2 — after StopSystemTransfer with no transfer-complete callback, the next DmaCompleted/WithLength returns
   *  FALSE (Status = STATUS_CANCELLED, the transaction stays in Transfer until DmaCompletedFinal) (docs).
   *  Source: TRUE + STATUS_CANCELLED when bytes remain. */
  stopDmaCompletedReturnsFalse?: boolean;
  /** F.3 — DmaCompletedWithLength/Final with a length above the fragment returns FALSE with
   *  STATUS_INVALID_PARAMETER and leaves the transaction in Transfer (docs). Source: TRUE, transaction failed. */
  invalidLengthReturnsFalse?: boolean;
  /** F.4 — Execute outside Initialized returns STATUS_INVALID_DEVICE_REQUEST (docs). Source: Bugcheck(8). */
  executeReturnsInvalidDeviceRequest?: boolean;
  /** F.5 — a second Release returns STATUS_INVALID_DEVICE_STATE (docs). Source: STATUS_SUCCESS. */
  doubleReleaseFails?: boolean;
  /** F.6 — Cancel before Execute returns FALSE without asking the HAL (docs). Source: passes it to the HAL. */
  cancelBeforeExecuteReturnsFalse?: boolean;
  /** F.9 — WdfDmaEnablerCreate ignores a non-device parent (the device is used) (docs). Source (≥1.11): a parent
   *  that is not the device or one of its descendants fails with STATUS_WDF_OBJECT_ATTRIBUTES_INVALID. */
  enablerIgnoresNonDeviceParent?: boolean;
}

/**
 * The framework's switches for one driver (LoadDriverOptions.framework): the verifier, the KMDF version, verifier
 * breaks, and where the docs and the source disagree.
 */
export interface WdfFrameworkOptions {
  /** The KMDF verifier [true]. Off: only the unconditional bugchecks remain. */
  verifier?: boolean;
  /** The driver's KMDF version [{ major: 1, minor: 33 }]: "[verifier, 1.11+]" bugchecks need minor ≥ 11. */
  kmdfVersion?: { major: 1; minor: number };
  /** VerifierBreak throws a WdfVerifierBreak (not fatal, the machine keeps running) [false]; always recorded. */
  breakOnVerifierBreak?: boolean;
  /** The docs' behaviour where it differs from the source [all false = source]. */
  docs?: WdfDocsBehaviour;
}

/** WdfFrameworkOptions with every default filled. */
export interface ResolvedFrameworkOptions {
  verifier: boolean;
  kmdfVersion: { major: 1; minor: number };
  breakOnVerifierBreak: boolean;
  docs: Required<WdfDocsBehaviour>;
}

export function resolveFrameworkOptions(o: WdfFrameworkOptions = {}): ResolvedFrameworkOptions {
  const d = o.docs ?? {};
  return {
    verifier: o.verifier ?? true,
    kmdfVersion: o.kmdfVersion ?? { major: 1, minor: 33 },
    breakOnVerifierBreak: o.breakOnVerifierBreak ?? false,
    docs: {
      releaseClearsCallbacks: d.releaseClearsCallbacks ?? false,
      stopDmaCompletedReturnsFalse: d.stopDmaCompletedReturnsFalse ?? false,
      invalidLengthReturnsFalse: d.invalidLengthReturnsFalse ?? false,
      executeReturnsInvalidDeviceRequest: d.executeReturnsInvalidDeviceRequest ?? false,
      doubleReleaseFails: d.doubleReleaseFails ?? false,
      cancelBeforeExecuteReturnsFalse: d.cancelBeforeExecuteReturnsFalse ?? false,
      enablerIgnoresNonDeviceParent: d.enablerIgnoresNonDeviceParent ?? false,
    },
  };
}
