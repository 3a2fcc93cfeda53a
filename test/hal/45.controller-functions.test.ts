// The controller's ConfigureAdapterChannel function table (lib/hal/dma/controller-functions.ts): the built-in table
// keeps the engine's functions at 1–6 and 16; a controller model declares its own table (ID, name, input size,
// handler) with the Kernel option dma.functionTable, as an SoC vendor's HAL extension does (the i.MX SDMA one numbers
// its configure functions 0x8001–0x8004); ConfigureAdapterChannel dispatches on it, reads the input structure Context
// points to, and answers STATUS_NOT_IMPLEMENTED for an unknown ID.
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_CONTROLLER_FUNCTIONS,
  CONFIGURE_FUNCTION,
  DMA_SYNCHRONOUS_CALLBACK,
  ExAllocatePool2,
  MapRegisterBase,
  Out,
  PAGE_FAULT_IN_NONPAGED_AREA,
  POOL_FLAG_NON_PAGED,
  STATUS_INVALID_DEVICE_STATE,
  STATUS_INVALID_PARAMETER,
  STATUS_NOT_IMPLEMENTED,
  STATUS_SUCCESS,
  type DmaControllerFunction,
} from '../../lib/hal/index.js';
import { adapterFor, bugCheckOf, buffer, makeKernel, transferContext, txPort } from './helpers.js';

/** An i.MX-SDMA-flavoured vendor table: its own IDs, structures of its own, two of them built on engine functions. */
function vendorTable(log: string[]): DmaControllerFunction[] {
  return [
    {
      id: 0x8001,
      name: 'SDMA_CFG_FUNCTION_SET_WATERMARK',
      inputSize: 4,
      handler: (c) => c.engineConfigure(CONFIGURE_FUNCTION.SET_WATERMARK, c.input.getUint32(0, true)),
    },
    {
      id: 0x8002,
      name: 'SDMA_CFG_FUNCTION_SET_BURST_AND_PRIORITY',
      inputSize: 8, // struct { ULONG BurstBeats; ULONG Priority; }
      handler: (c) => {
        if (c.channelStatus().state === 'running') return STATUS_INVALID_DEVICE_STATE;
        const s = c.engineConfigure(CONFIGURE_FUNCTION.SET_BURST_LENGTH, c.input.getUint32(0, true));
        return s !== STATUS_SUCCESS ? s : c.engineConfigure(CONFIGURE_FUNCTION.SET_PRIORITY, c.input.getUint32(4, true));
      },
    },
    {
      id: 0x8003,
      name: 'SDMA_CFG_FUNCTION_RECORD',
      inputSize: 2,
      handler: (c) => (log.push(`record ch${c.channel} line${c.requestLine} ${c.input.getUint16(0, true)}`), STATUS_SUCCESS),
    },
    { id: 0x8004, name: 'SDMA_CFG_FUNCTION_PING', inputSize: 0, handler: () => (log.push('ping'), STATUS_SUCCESS) },
  ];
}

describe('the built-in function table', () => {
  it('is the engine functions at their numbers, each reading one ULONG', () => {
    expect(BUILTIN_CONTROLLER_FUNCTIONS.map((f) => [f.id, f.name, f.inputSize])).toEqual([
      [1, 'SET_WATERMARK', 4],
      [2, 'SET_NOTIFICATION_THRESHOLD', 4],
      [3, 'ACQUIRE_REQUEST_LINE', 4],
      [4, 'RELEASE_REQUEST_LINE', 4],
      [5, 'SET_BURST_LENGTH', 4],
      [6, 'SET_PRIORITY', 4],
      [16, 'I8237_SET_MODE', 4],
    ]);
  });

  it('Context as a kernel VA of the input structure, or NULL / too short: STATUS_INVALID_PARAMETER with the reason', () => {
    const k = makeKernel();
    const { adapter } = adapterFor(txPort(k));
    const ops = adapter.DmaOperations;
    const va = ExAllocatePool2(POOL_FLAG_NON_PAGED, 4, 0x4346);
    k.memory.write(va, [8, 0, 0, 0]);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, va)).toBe(STATUS_SUCCESS);
    expect(k.sim.dma.channelStatus(0).watermark).toBe(8);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, null)).toBe(STATUS_INVALID_PARAMETER);
    expect(adapter.lastError).toMatch(/SET_WATERMARK = 0x1\): Context is NULL; the function reads a 4-byte input structure/);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint16Array([4]))).toBe(STATUS_INVALID_PARAMETER);
    expect(adapter.lastError).toMatch(/Context holds 2 bytes; the function reads 4/);
    // An input structure at an unmapped address is dereferenced like any pointer: bug check 0x50.
    expect(bugCheckOf(() => ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, 0x7777_0000)).code).toBe(PAGE_FAULT_IN_NONPAGED_AREA);
  });
});

describe('a vendor controller function table', () => {
  it('dispatches on the declared IDs; the built-in IDs are unknown to a table that does not list them', () => {
    const log: string[] = [];
    const k = makeKernel({ dma: { functionTable: vendorTable(log) } });
    const { adapter } = adapterFor(txPort(k));
    const ops = adapter.DmaOperations;
    expect(ops.ConfigureAdapterChannel(adapter, 0x8001, new Uint32Array([12]))).toBe(STATUS_SUCCESS);
    expect(k.sim.dma.channelStatus(0).watermark).toBe(12);
    expect(ops.ConfigureAdapterChannel(adapter, 0x8002, new Uint32Array([2, 7]))).toBe(STATUS_SUCCESS);
    expect(k.sim.dma.channelStatus(0)).toMatchObject({ burstLength: 2, priority: 7 });
    expect(ops.ConfigureAdapterChannel(adapter, 0x8002, new Uint32Array([0, 7]))).toBe(STATUS_INVALID_PARAMETER); // the engine's answer
    const view = new DataView(new ArrayBuffer(6));
    view.setUint16(2, 0xbeef, true);
    expect(ops.ConfigureAdapterChannel(adapter, 0x8003, new DataView(view.buffer, 2))).toBe(STATUS_SUCCESS);
    expect(ops.ConfigureAdapterChannel(adapter, 0x8004, null)).toBe(STATUS_SUCCESS);
    expect(log).toEqual(['record ch0 line3 48879', 'ping']);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([4]))).toBe(STATUS_NOT_IMPLEMENTED);
    expect(ops.ConfigureAdapterChannel(adapter, 0x8005, null)).toBe(STATUS_NOT_IMPLEMENTED);
    expect(adapter.lastError).toMatch(/the controller has no function 32773 \(0x8005\)/);
  });

  it('a vendor function refuses while the channel runs, as the i.MX ones do', () => {
    const k = makeKernel({ dma: { functionTable: [...BUILTIN_CONTROLLER_FUNCTIONS, ...vendorTable([])] } });
    const port = txPort(k);
    const { adapter } = adapterFor(port);
    const ops = adapter.DmaOperations;
    const base = new Out<MapRegisterBase | null>(null);
    ops.AllocateAdapterChannelEx(adapter, null, transferContext(adapter), 1, DMA_SYNCHRONOUS_CALLBACK, null, null, base);
    port.setDmaEnable(false);
    const { mdl } = buffer(k, 256);
    expect(ops.MapTransferEx(adapter, mdl, base.value!, 0, 0, new Out(256), true, null, 0, null, null)).toBe(STATUS_SUCCESS);
    k.runFor(10);
    expect(ops.ConfigureAdapterChannel(adapter, 0x8002, new Uint32Array([2, 1]))).toBe(STATUS_INVALID_DEVICE_STATE);
    expect(ops.ConfigureAdapterChannel(adapter, CONFIGURE_FUNCTION.SET_BURST_LENGTH, new Uint32Array([2]))).toBe(STATUS_INVALID_DEVICE_STATE);
  });

  it.each([
    [[{ id: 1, name: 'A', inputSize: 0, handler: () => 0 }, { id: 1, name: 'B', inputSize: 0, handler: () => 0 }], /function number 0x1 \(B\) is already A/],
    [[{ id: 1, name: 'A', inputSize: -1, handler: () => 0 }], /inputSize must be a whole number of bytes/],
    [[{ id: 2 ** 32, name: 'A', inputSize: 0, handler: () => 0 }], /\.id must be a ULONG/],
    [[{ id: 1, name: '', inputSize: 0, handler: () => 0 }], /\.name must be a non-empty string/],
    [[{ id: 1, name: 'A', inputSize: 0 }], /\.handler must be a function/],
  ])('a bad table is refused when the machine is built (ERR_INVALID_ARG_VALUE): %#', (table, message) => {
    let error: (Error & { code?: string }) | null = null;
    try {
      makeKernel({ dma: { functionTable: table as unknown as DmaControllerFunction[] } });
    } catch (e) {
      error = e as Error & { code?: string };
    }
    expect(error?.code).toBe('ERR_INVALID_ARG_VALUE');
    expect(error?.message).toMatch(message);
  });
});
