// Named constants of the engine, mirrored from the C++ headers (the one source of truth) and checked against the
// values the addon exports by test/binding/20-constants.test.ts:
//   configure function numbers and 8237 modes — native/core/dma_types.h (the ConfigureChannel table);
//   NTSTATUS values configureChannel returns — native/core/ntstatus.h (real Windows numbers; in TS, as everywhere in
//   this project, an NTSTATUS is the UNSIGNED 32-bit number, 0xC000000D — lib/hal re-exports these very bindings);
//   port status and device-interrupt mask bits — native/core/port_types.h;
//   event record kinds — native/core/event.h.

/** ConfigureChannel custom function numbers (dma_types.h; see docs there for each value's meaning). */
export const CONFIGURE_FUNCTION = {
  /** soc: bytes per device request in demand mode; 0 = one burst. */
  SET_WATERMARK: 1,
  /** soc: bytes between loop notifications (rounded up to a beat); 0 = only at each wrap. */
  SET_NOTIFICATION_THRESHOLD: 2,
  /** both: take a request line for this channel (STATUS_DEVICE_BUSY if another holds it). */
  ACQUIRE_REQUEST_LINE: 3,
  /** both: give back a request line this channel holds. */
  RELEASE_REQUEST_LINE: 4,
  /** soc: burst length in beats, 1..fifoDepth. */
  SET_BURST_LENGTH: 5,
  /** soc: fixed-priority rank 0..255, lower wins, ties by channel number. */
  SET_PRIORITY: 6,
  /** i8237: transfer mode (I8237_MODE). */
  I8237_SET_MODE: 16,
} as const;

/** Values of CONFIGURE_FUNCTION.I8237_SET_MODE. */
export const I8237_MODE = { DEMAND: 0, SINGLE: 1, BLOCK: 2, CASCADE: 3, AUTO: 4 } as const;

/** NTSTATUS values (ntstatus.h) configureChannel returns, as unsigned 32-bit numbers (the project's one form). */
export const STATUS_SUCCESS = 0x0000_0000;
/** NTSTATUS 0x80000011: the device is busy (a controller function refused while a channel runs). */
export const STATUS_DEVICE_BUSY = 0x8000_0011;
/** NTSTATUS 0xC0000002: the controller does not implement the requested function. */
export const STATUS_NOT_IMPLEMENTED = 0xc000_0002;
/** NTSTATUS 0xC000000D: a parameter is not valid (a controller function's input out of range). */
export const STATUS_INVALID_PARAMETER = 0xc000_000d;
/** NTSTATUS 0xC0000184: the device is not in a state that allows the request. */
export const STATUS_INVALID_DEVICE_STATE = 0xc000_0184;

/** Port status bits (sticky; FifoPort.clearStatus is write-one-to-clear). */
export const PORT_STATUS = {
  /** rx: the device found the FIFO full; the element was lost. */
  OVERRUN: 1 << 0,
  /** tx streaming: the device found the FIFO empty. */
  UNDERRUN: 1 << 1,
  /** DMA wrote a full tx FIFO (element dropped). */
  DMA_OVERFLOW: 1 << 2,
  /** DMA read an empty rx FIFO (read as zero). */
  DMA_UNDERFLOW: 1 << 3,
  /** An injected error flag was raised. */
  ERROR: 1 << 4,
  ALL: 0x1f,
} as const;

/** Device interrupt condition mask bits (FifoPort interrupt). */
export const PORT_IRQ = {
  /** rx: level >= threshold; tx: level <= threshold. */
  LEVEL: 1 << 0,
  /** FIFO empty. */
  EMPTY: 1 << 1,
  /** PORT_STATUS.ERROR set. */
  ERROR: 1 << 2,
  /** any of OVERRUN / UNDERRUN / DMA_OVERFLOW / DMA_UNDERFLOW set. */
  OVERRUN: 1 << 3,
  ALL: 0xf,
} as const;

/** Event record kinds (event.h), for code reading raw records. */
export const EVENT_KIND = {
  INTERRUPT_LINE: 1,
  CHANNEL_STATE: 2,
  TERMINAL_COUNT: 3,
  LOOP_NOTIFICATION: 4,
  CHANNEL_ERROR: 5,
  PORT_OVERRUN: 6,
  PORT_UNDERRUN: 7,
  PORT_DMA_OVERFLOW: 8,
  PORT_DMA_UNDERFLOW: 9,
  PORT_ERROR_FLAG: 10,
  REQUEST_LINE: 11,
  TIMER: 12,
  CHANNEL_INTERRUPT: 13,
  PORT_IDLE_TIMEOUT: 14,
  PORT_STALL: 15,
} as const;

/** Bytes per event record (event.h). */
export const EVENT_RECORD_BYTES = 32;
/** "No line": a port without a request or interrupt line (port_types.h kNoLine). */
export const NO_LINE = 0xffff_ffff;
/** The largest cycle number (2^53 - 1, options.h kMaxCycle). */
export const MAX_CYCLE = Number.MAX_SAFE_INTEGER;
