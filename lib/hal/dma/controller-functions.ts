// The controller's function table for ConfigureAdapterChannel(DmaAdapter, FunctionNumber, Context) (wdm.h; DDI page
// "PCONFIGURE_ADAPTER_CHANNEL"; KMDF-SYSTEM-DMA.md B.6, D.1, D.7): what an SoC vendor's HAL controller extension
// publishes for driver writers — each function an ID, a name, the size of the input structure Context points to, and
// the handler the HAL's ConfigureChannel dispatches to. An unknown ID answers STATUS_NOT_IMPLEMENTED. The i.MX SDMA
// extension, for example, numbers its configure functions 0x8001–0x8004; a controller model declares such a table
// with the Kernel option `dma.functionTable` (built from BUILTIN_CONTROLLER_FUNCTIONS or not at all).
//
// Context is what C passes: a pointer to the caller's input structure. Here that is either a typed array / DataView
// (a structure on the caller's stack: `new Uint32Array([16])` is `ULONG watermark = 16; ... &watermark`) or a kernel
// virtual address (a number) of `inputSize` bytes in simulated memory (read like RtlCopyMemory: an unmapped byte is bug
// check 0x50). NULL is allowed for a function of input size 0. The handler gets the input bytes copied into a DataView.
//
// The built-in table keeps the engine's functions at their numbers (native/core/dma_types.h): 1 SET_WATERMARK,
// 2 SET_NOTIFICATION_THRESHOLD, 3 ACQUIRE_REQUEST_LINE, 4 RELEASE_REQUEST_LINE, 5 SET_BURST_LENGTH, 6 SET_PRIORITY
// (soc) and 16 I8237_SET_MODE (i8237), each taking one ULONG (little-endian) that the engine's configureChannel checks
// (STATUS_INVALID_DEVICE_STATE while the channel runs, STATUS_INVALID_PARAMETER for a bad value,
// STATUS_NOT_IMPLEMENTED for the other profile's function).

import { CONFIGURE_FUNCTION } from '../../sim/constants.js';
import type { ChannelStatusInfo } from '../../sim/types.js';
import type { NTSTATUS } from '../ntstatus.js';
import { HalError } from '../hal-error.js';

/** What a function's handler is given for one ConfigureAdapterChannel call. */
export interface DmaControllerFunctionCall {
  /** The controller channel of the adapter. */
  readonly channel: number;
  /** The request line the adapter was bound to (DEVICE_DESCRIPTION.DmaRequestLine). */
  readonly requestLine: number;
  /** A copy of the function's `inputSize` bytes of Context (empty for size 0). */
  readonly input: DataView;
  /** The engine's own ConfigureChannel (the built-in functions; vendor functions built on them). */
  engineConfigure(functionNumber: number, value: number): NTSTATUS;
  /** The channel's engine state (a vendor function that refuses while it runs, as the i.MX ones do). */
  channelStatus(): ChannelStatusInfo;
}

/** One entry of the controller's function table. */
export interface DmaControllerFunction {
  /** The FunctionNumber drivers pass (ULONG). */
  readonly id: number;
  /** Its name in the vendor's header ("SET_WATERMARK", "SDMA_CFG_FUNCTION_SET_WATERMARK"). */
  readonly name: string;
  /** Bytes of the input structure Context points to; 0 = no input (Context may be NULL). */
  readonly inputSize: number;
  /** Runs the function and answers its NTSTATUS. */
  readonly handler: (call: DmaControllerFunctionCall) => NTSTATUS;
}

function engineFunction(id: number, name: string): DmaControllerFunction {
  return {
    id,
    name,
    inputSize: 4,
    handler: (call) => call.engineConfigure(id, call.input.getUint32(0, true)),
  };
}

/** The engine's functions at their numbers (1–6, 16): each reads one ULONG. */
export const BUILTIN_CONTROLLER_FUNCTIONS: readonly DmaControllerFunction[] = Object.freeze(
  (Object.entries(CONFIGURE_FUNCTION) as [string, number][]).map(([name, id]) => Object.freeze(engineFunction(id, name))),
);

function invalid(message: string): never {
  throw new HalError('ERR_INVALID_ARG_VALUE', `new Kernel: ${message}`);
}

/** Checks a declared table (Kernel option dma.functionTable) and indexes it by ID. */
export function indexFunctionTable(table: readonly DmaControllerFunction[]): Map<number, DmaControllerFunction> {
  if (!Array.isArray(table)) invalid('dma.functionTable must be an array of { id, name, inputSize, handler }');
  const byId = new Map<number, DmaControllerFunction>();
  table.forEach((f, i) => {
    const at = `dma.functionTable[${i}]`;
    if (f === null || typeof f !== 'object') invalid(`${at} must be an object { id, name, inputSize, handler }`);
    if (!Number.isInteger(f.id) || f.id < 0 || f.id > 0xffff_ffff) invalid(`${at}.id must be a ULONG (got ${String(f.id)})`);
    if (typeof f.name !== 'string' || f.name === '') invalid(`${at}.name must be a non-empty string`);
    if (!Number.isInteger(f.inputSize) || f.inputSize < 0 || f.inputSize > 4096) {
      invalid(`${at}.inputSize must be a whole number of bytes 0..4096 (got ${String(f.inputSize)})`);
    }
    if (typeof f.handler !== 'function') invalid(`${at}.handler must be a function`);
    const other = byId.get(f.id);
    if (other) invalid(`${at}: function number 0x${f.id.toString(16)} (${f.name}) is already ${other.name}`);
    byId.set(f.id, f);
  });
  return byId;
}
