// The one error class of the engine's TypeScript face. Every bad call — whether lib/sim's own validation or the
// native binding (which is handed this class once, as better-sqlite3 hands SqliteError to C++) refuses it — is a
// SimulatorError with a stable `code` and a message naming the argument. Modelled hardware faults (bus error,
// overrun) are never errors: they are state, events and interrupts (TIMING.md rule 7, issue 3 item 6).

/** The stable codes (native/core/error_codes.h, plus the binding's own in native/addon/errors.h). */
export const SIM_ERROR_CODES = {
  /** An argument has a value the call does not accept (bad enum, width, zero where nonzero is needed, ...). */
  ERR_INVALID_ARGUMENT: 'ERR_INVALID_ARGUMENT',
  /** A wrong JS type: not a number / boolean / Uint8Array, or a required field missing. */
  ERR_INVALID_ARG_TYPE: 'ERR_INVALID_ARG_TYPE',
  /** A number that is not a finite integer in its range (NaN, negative, fraction, > 2^53 - 1, index too big). */
  ERR_OUT_OF_RANGE: 'ERR_OUT_OF_RANGE',
  /** An address or length that is not a multiple of the transfer width. */
  ERR_BAD_ALIGNMENT: 'ERR_BAD_ALIGNMENT',
  /** programChannel / programMemoryToMemory on a running (or stopping) channel. */
  ERR_DMA_CHANNEL_BUSY: 'ERR_DMA_CHANNEL_BUSY',
  /** An SG element or memory-to-memory range not entirely inside RAM. */
  ERR_SG_OUTSIDE_MEMORY: 'ERR_SG_OUTSIDE_MEMORY',
  /** A new memory region or FIFO port overlaps an existing one. */
  ERR_REGION_OVERLAP: 'ERR_REGION_OVERLAP',
  /** More SG elements than queryMaxFragments allows. */
  ERR_TOO_MANY_FRAGMENTS: 'ERR_TOO_MANY_FRAGMENTS',
  /** The device address is a FIFO port of another element width. */
  ERR_WIDTH_MISMATCH: 'ERR_WIDTH_MISMATCH',
  /** The device address (or a peek/poke byte) is not mapped. */
  ERR_UNMAPPED_ADDRESS: 'ERR_UNMAPPED_ADDRESS',
  /** peek/poke/bytes on a FIFO port region (debug access never touches devices). */
  ERR_NOT_MEMORY: 'ERR_NOT_MEMORY',
  /** A request line held by another channel, or driven by another port. */
  ERR_REQUEST_LINE_BUSY: 'ERR_REQUEST_LINE_BUSY',
  /** A host allocation failed. */
  ERR_OUT_OF_MEMORY: 'ERR_OUT_OF_MEMORY',
  /** A call after dispose(). */
  ERR_SIMULATOR_DISPOSED: 'ERR_SIMULATOR_DISPOSED',
  /** A detached ArrayBuffer, or a view of one, was passed. */
  ERR_DETACHED_BUFFER: 'ERR_DETACHED_BUFFER',
  /** A call into the simulator from inside its own run's onEvents callback (the run is part-way through). */
  ERR_REENTRANT_CALL: 'ERR_REENTRANT_CALL',
  /** Never expected: an internal engine failure converted instead of crashing. */
  ERR_INTERNAL: 'ERR_INTERNAL',
} as const;

/** One of the stable error codes a SimulatorError carries (SIM_ERROR_CODES). */
export type SimErrorCode = keyof typeof SIM_ERROR_CODES;

/**
 * The error a bad call into the engine throws: `code` is one of SIM_ERROR_CODES, and the message names the argument.
 */
export class SimulatorError extends Error {
  readonly code: SimErrorCode;

  constructor(message: string, code: string) {
    super(message);
    this.name = 'SimulatorError';
    this.code = code as SimErrorCode;
  }
}

/** Throws a SimulatorError with `code`. */
export function fail(code: SimErrorCode, message: string): never {
  throw new SimulatorError(message, code);
}
