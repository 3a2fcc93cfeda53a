// Every lib/hal entry point checks its arguments at the call (issue 13 item 4; lib/hal/arguments.ts): a NULL, a
// primitive, a Symbol, a BigInt, a detached buffer or an object of the wrong type yields a coded HalError (ERR_*)
// whose message names the routine and the argument as wdm.h spells it — or, for a value Windows' verifier answers,
// that bug check — never a plain TypeError / RangeError from deep inside, a NaN result or silent acceptance.
//
// The table is checked against the module's exports: every exported function (and DMA_OPERATIONS member, and public
// Kernel method) must have a row here — its parameters with their C kinds — or an exemption with its reason, so a new
// export without checks fails this file.
import { describe, expect, it } from 'vitest';
import * as H from '../../lib/hal/index.js';
import { HalError } from '../../lib/hal/hal-error.js';
import { declareCoverage } from '../../lib/hal/coverage.js';
import { adapterFor, buffer, makeKernel, txPort } from './helpers.js';

// ------------------------------------------------------------------ hostile values
type Hostile = { value: unknown; label: string; level: 'type' | 'value' };
const t = (value: unknown, label: string): Hostile => ({ value, label, level: 'type' });
const v = (value: unknown, label: string): Hostile => ({ value, label, level: 'value' });

function detached(): Uint32Array {
  const a = new Uint32Array(4);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

const PRIMS = [t('4', "'4'"), t(Symbol('s'), 'Symbol()'), t(4n, '4n')];
const NUMBER_TYPE = [t(null, 'null'), t(undefined, 'undefined'), ...PRIMS, t({}, '{}'), t([], '[]'), t(true, 'true')];
const UINT = [...NUMBER_TYPE, v(NaN, 'NaN'), v(Infinity, 'Infinity'), v(-1, '-1'), v(1.5, '1.5')];
const INT = [...NUMBER_TYPE, v(NaN, 'NaN'), v(Infinity, 'Infinity'), v(1.5, '1.5')];
const OBJECT_TYPE = [t(42, '42'), ...PRIMS, t(() => undefined, 'a function')];

/** The kinds of C parameter, each with the values that must be refused. */
const KINDS = {
  uint: UINT,
  int: INT,
  long: [...INT, v(2 ** 32, '2**32')],
  /** A number whose value the routine checks itself (ExAllocatePool2's NumberOfBytes: 0xC4/0x00 for 0 or 1.5). */
  number: NUMBER_TYPE,
  nonneg: [...NUMBER_TYPE, v(NaN, 'NaN'), v(Infinity, 'Infinity'), v(-1, '-1')],
  /** An optional field (undefined takes the default). */
  'uint?': UINT.filter((h) => h.value !== null && h.value !== undefined),
  'int?': INT.filter((h) => h.value !== null && h.value !== undefined),
  'irql?': [...INT.filter((h) => h.value !== null && h.value !== undefined), v(16, '16'), v(-1, '-1')],
  finite: [...NUMBER_TYPE, v(NaN, 'NaN'), v(Infinity, 'Infinity')],
  /** A run's target cycle: Infinity means "no limit". */
  cycle: [...NUMBER_TYPE, v(NaN, 'NaN'), v(-1, '-1'), v(1.5, '1.5')],
  irql: [...INT, v(16, '16'), v(-1, '-1')],
  timerType: [...INT, v(2, '2')],
  time: [t(null, 'null'), t(undefined, 'undefined'), t('4', "'4'"), t(Symbol('s'), 'Symbol()'), t({}, '{}'), v(NaN, 'NaN'), v(Infinity, 'Infinity'), v(2n ** 64n, '2n**64n')],
  bool: [t(null, 'null'), t(undefined, 'undefined'), ...PRIMS, t({}, '{}'), t(2, '2')],
  'bool?': [...PRIMS, t({}, '{}'), t(2, '2')],
  fn: [t(null, 'null'), t(undefined, 'undefined'), t(42, '42'), ...PRIMS, t({}, '{}')],
  'fn?': [t(42, '42'), ...PRIMS, t({}, '{}')],
  out: [t(null, 'null'), t(undefined, 'undefined'), ...OBJECT_TYPE, t({}, '{} (not an Out)'), t({ value: 0 }, '{ value: 0 }')],
  'out?': [...OBJECT_TYPE, t({}, '{} (not an Out)')],
  /** A pointer to an object of one class (KDPC, KTIMER, MDL, DMA_ADAPTER...): a look-alike plain object is refused. */
  object: [t(null, 'null'), t(undefined, 'undefined'), ...OBJECT_TYPE, t({}, '{}')],
  'object?': [...OBJECT_TYPE, t({}, '{}')],
  struct: [t(null, 'null'), t(undefined, 'undefined'), ...OBJECT_TYPE],
  'struct?': OBJECT_TYPE,
  'str?': [t(42, '42'), t(Symbol('s'), 'Symbol()'), t({}, '{}'), t(4n, '4n')],
  buffer: [t(null, 'null'), t(42, '42'), t('abcd', "'abcd'"), t(Symbol('s'), 'Symbol()'), t({}, '{}'), v(detached(), 'a detached Uint32Array')],
  /** ConfigureAdapterChannel's Context: anything C could point to; only a detached view is refused. */
  context: [v(detached(), 'a detached Uint32Array')],
  /** Anything is allowed (PVOID context, unused device object). */
  any: [],
} as const satisfies Record<string, readonly Hostile[]>;
type Kind = keyof typeof KINDS;

// ------------------------------------------------------------------ the machine the valid arguments come from
const REG_PA = 0x4000_0000;

function rig() {
  const k = new H.Kernel();
  const port = txPort(k);
  const { adapter } = adapterFor(port);
  const ops = adapter.DmaOperations;
  const dpc = new H.KDPC();
  H.KeInitializeDpc(dpc, () => undefined, null);
  const timer = new H.KTIMER();
  H.KeInitializeTimer(timer);
  const lock = new H.KSPIN_LOCK();
  const interrupt = H.IoConnectInterruptEx({ line: 6, isr: () => false });
  const buf = buffer(k, 256);
  const target = H.IoAllocateMdl(buf.va, 256, false, false, null)!;
  k.registers.map(REG_PA, 0x100, { read: () => 0, write: () => undefined }, 'test registers');
  const reg = H.MmMapIoSpaceEx(REG_PA, 0x100, H.PAGE_READWRITE | H.PAGE_NOCACHE);
  const tc = H.allocateTransferContext();
  ops.InitializeDmaTransferContext(adapter, tc);
  const idleTc = H.allocateTransferContext();
  ops.InitializeDmaTransferContext(adapter, idleTc);
  const base = new H.Out<H.MapRegisterBase | null>(null);
  ops.AllocateAdapterChannelEx(adapter, null, tc, 1, H.DMA_SYNCHRONOUS_CALLBACK, null, null, base);
  const pool = (): number => H.ExAllocatePool2(H.POOL_FLAG_NON_PAGED, 64, 1);
  return { k, port, adapter, ops, dpc, timer, lock, interrupt, va: buf.va, mdl: buf.mdl, target, reg, tc, idleTc, mrb: base.value!, pool };
}
type Rig = ReturnType<typeof rig>;

// ------------------------------------------------------------------ the table
/** One parameter: its name in the messages (wdm.h's), its kind, and, for a structure, the fields to corrupt. */
type Param = [name: string, kind: Kind, fields?: Record<string, Kind>];
interface Row {
  params: Param[];
  /** Valid arguments (a fresh machine per row). */
  args: (m: Rig) => unknown[];
  /** The routine named in the messages when it is not the export's name (an implementation under its DDI's name). */
  ddi?: string;
  /** The parameters whose value-level hostile values may be answered with a modelled bug check instead. */
  bugCheckOnValue?: string[];
  /** The valid call itself bug-checks (KeBugCheckEx). */
  validBugChecks?: true;
}

const box = <T,>(x: T): H.Out<T> => new H.Out(x);
/** A spin lock acquired now (a fresh one each time: the last acquired is the one a valid release may release). */
const heldLock = (): H.KSPIN_LOCK => {
  const l = new H.KSPIN_LOCK();
  H.KeAcquireSpinLock(l, box(0));
  return l;
};
const REG_READ = (m: Rig): unknown[] => [m.reg];
const REG_WRITE = (m: Rig): unknown[] => [m.reg, 1];
const REG_BUF = (m: Rig): unknown[] => [m.reg, new Uint32Array(4), 4];
const read: Row = { params: [['Register', 'uint']], args: REG_READ };
const write: Row = { params: [['Register', 'uint'], ['Value', 'int']], args: REG_WRITE };
const rbuf: Row = { params: [['Register', 'uint'], ['Buffer', 'buffer'], ['Count', 'uint']], args: REG_BUF };
const DESCRIPTION_FIELDS: Record<string, Kind> = {
  Version: 'uint', DmaWidth: 'uint', DmaChannel: 'uint', DmaRequestLine: 'uint', MaximumLength: 'uint', DeviceAddress: 'uint',
  Master: 'bool?', DemandMode: 'bool?', AutoInitialize: 'bool?',
};
const mdlCall = (name: string): Row => ({ params: [['Mdl', 'object']], args: (m) => [m.mdl], ddi: name });

const FUNCTIONS: Record<string, Row> = {
  // wdm-ke
  KeRaiseIrql: { params: [['NewIrql', 'irql'], ['OldIrql', 'out']], args: () => [2, box(0)], bugCheckOnValue: ['NewIrql'] },
  KeLowerIrql: { params: [['NewIrql', 'irql']], args: () => [0], bugCheckOnValue: ['NewIrql'] },
  KeBugCheckEx: {
    params: [['BugCheckCode', 'long'], ['BugCheckParameter1', 'int'], ['BugCheckParameter2', 'int'], ['BugCheckParameter3', 'int'], ['BugCheckParameter4', 'int']],
    args: () => [0xe2, 0, 0, 0, 0],
    validBugChecks: true,
  },
  KeStallExecutionProcessor: { params: [['MicroSeconds', 'nonneg']], args: () => [1] },
  KeQueryPerformanceCounter: { params: [['PerformanceFrequency', 'out?']], args: () => [box(0)] },
  KeInitializeDpc: { params: [['Dpc', 'object'], ['DeferredRoutine', 'fn'], ['DeferredContext', 'any']], args: () => [new H.KDPC(), () => undefined, null] },
  KeInsertQueueDpc: { params: [['Dpc', 'object'], ['SystemArgument1', 'any'], ['SystemArgument2', 'any']], args: (m) => [m.dpc, null, null] },
  KeRemoveQueueDpc: { params: [['Dpc', 'object']], args: (m) => [m.dpc] },
  KeInitializeTimerEx: { params: [['Timer', 'object'], ['Type', 'timerType']], args: () => [new H.KTIMER(), H.NotificationTimer] },
  KeInitializeTimer: { params: [['Timer', 'object']], args: () => [new H.KTIMER()] },
  KeSetTimerEx: { params: [['Timer', 'object'], ['DueTime', 'time'], ['Period', 'uint'], ['Dpc', 'object?']], args: (m) => [m.timer, -100, 0, m.dpc] },
  KeSetTimer: { params: [['Timer', 'object'], ['DueTime', 'time'], ['Dpc', 'object?']], args: (m) => [m.timer, -100n, null] },
  KeCancelTimer: { params: [['Timer', 'object']], args: (m) => [m.timer] },
  KeReadStateTimer: { params: [['Timer', 'object']], args: (m) => [m.timer] },
  KeInitializeSpinLock: { params: [['SpinLock', 'object']], args: (m) => [m.lock] },
  KeAcquireSpinLock: { params: [['SpinLock', 'object'], ['OldIrql', 'out']], args: (m) => [m.lock, box(0)] },
  KeReleaseSpinLock: { params: [['SpinLock', 'object'], ['NewIrql', 'irql']], args: () => [heldLock(), 0] },
  KeAcquireSpinLockAtDpcLevel: { params: [['SpinLock', 'object']], args: (m) => [m.lock] },
  KeReleaseSpinLockFromDpcLevel: { params: [['SpinLock', 'object']], args: () => [heldLock()] },
  KeSynchronizeExecution: { params: [['Interrupt', 'object'], ['SynchronizeRoutine', 'fn'], ['SynchronizeContext', 'any']], args: (m) => [m.interrupt, () => true, null] },
  KeAcquireInterruptSpinLock: { params: [['Interrupt', 'object']], args: (m) => [m.interrupt] },
  KeReleaseInterruptSpinLock: {
    params: [['Interrupt', 'object'], ['OldIrql', 'irql']],
    args: () => {
      // A fresh interrupt held each time: the hostile calls leave theirs held (they fail before releasing anything).
      const i = H.IoConnectInterruptEx({ line: 8, isr: () => false });
      H.KeAcquireInterruptSpinLock(i);
      return [i, 0];
    },
  },
  // wdm-mm: pool, contiguous and noncached memory
  ExAllocatePool2: { params: [['Flags', 'uint'], ['NumberOfBytes', 'number'], ['Tag', 'long']], args: () => [H.POOL_FLAG_NON_PAGED, 64, 1] },
  ExFreePool: { params: [['P', 'uint']], args: (m) => [m.pool()] },
  ExFreePoolWithTag: { params: [['P', 'uint'], ['Tag', 'long']], args: (m) => [m.pool(), 1] },
  MmGetPhysicalAddress: { params: [['BaseAddress', 'uint']], args: (m) => [m.va] },
  MmAllocateContiguousMemory: { params: [['NumberOfBytes', 'uint'], ['HighestAcceptableAddress', 'uint']], args: () => [4096, 0xffff_ffff] },
  MmFreeContiguousMemory: { params: [['BaseAddress', 'uint']], args: () => [H.MmAllocateContiguousMemory(4096, 0xffff_ffff)] },
  MmAllocateNonCachedMemory: { params: [['NumberOfBytes', 'uint']], args: () => [64] },
  MmFreeNonCachedMemory: { params: [['BaseAddress', 'uint'], ['NumberOfBytes', 'uint']], args: () => [H.MmAllocateNonCachedMemory(64), 64] },
  // MDLs
  IoAllocateMdl: {
    params: [['VirtualAddress', 'uint'], ['Length', 'uint'], ['SecondaryBuffer', 'bool'], ['ChargeQuota', 'bool'], ['Irp', 'struct?']],
    args: (m) => [m.va, 64, false, false, null],
  },
  allocateMdl: {
    ddi: 'IoAllocateMdl',
    params: [['space', 'object'], ['VirtualAddress', 'uint'], ['Length', 'uint'], ['SecondaryBuffer', 'bool'], ['ChargeQuota', 'bool'], ['Irp', 'struct?']],
    args: (m) => [m.k.memory, m.va, 64, false, false, { MdlAddress: null }],
  },
  MmBuildMdlForNonPagedPool: { params: [['MemoryDescriptorList', 'object']], args: (m) => [m.mdl] },
  buildMdlForNonPagedPool: { ddi: 'MmBuildMdlForNonPagedPool', params: [['MemoryDescriptorList', 'object']], args: (m) => [m.mdl] },
  IoBuildPartialMdl: {
    params: [['SourceMdl', 'object'], ['TargetMdl', 'object'], ['VirtualAddress', 'uint'], ['Length', 'uint']],
    args: (m) => [m.mdl, m.target, m.va + 16, 32],
  },
  buildPartialMdl: {
    ddi: 'IoBuildPartialMdl',
    params: [['SourceMdl', 'object'], ['TargetMdl', 'object'], ['VirtualAddress', 'uint'], ['Length', 'uint']],
    args: (m) => [m.mdl, m.target, m.va + 16, 0],
  },
  IoFreeMdl: { params: [['Mdl', 'object']], args: (m) => [m.target] },
  MmGetMdlVirtualAddress: mdlCall('MmGetMdlVirtualAddress'),
  MmGetMdlByteCount: mdlCall('MmGetMdlByteCount'),
  MmGetMdlByteOffset: mdlCall('MmGetMdlByteOffset'),
  MmGetMdlPfnArray: mdlCall('MmGetMdlPfnArray'),
  MmGetSystemAddressForMdlSafe: { params: [['Mdl', 'object'], ['Priority', 'long']], args: (m) => [m.mdl, H.NormalPagePriority] },
  mdlChainLength: { params: [['first', 'object']], args: (m) => [m.mdl] },
  mdlChainPieces: { params: [['first', 'object'], ['offset', 'uint'], ['length', 'uint']], args: (m) => [m.mdl, 0, 64] },
  BYTE_OFFSET: { params: [['Va', 'uint']], args: () => [0x1234] },
  PAGE_ALIGN: { params: [['Va', 'uint']], args: () => [0x1234] },
  BYTES_TO_PAGES: { params: [['Size', 'uint']], args: () => [5000] },
  ROUND_TO_PAGES: { params: [['Size', 'uint']], args: () => [5000] },
  ADDRESS_AND_SIZE_TO_SPAN_PAGES: { params: [['Va', 'uint'], ['Size', 'uint']], args: () => [0x1ff0, 32] },
  // I/O space and registers
  MmMapIoSpaceEx: { params: [['PhysicalAddress', 'uint'], ['NumberOfBytes', 'uint'], ['Protect', 'long']], args: () => [REG_PA, 0x10, H.PAGE_READWRITE] },
  MmUnmapIoSpace: { params: [['BaseAddress', 'uint'], ['NumberOfBytes', 'uint']], args: (m) => [m.reg, 0x100] },
  IoConnectInterruptEx: {
    params: [['Parameters', 'struct', { line: 'uint', isr: 'fn', irql: 'irql?', name: 'str?', costKey: 'str?' }]],
    args: () => [{ line: 7, isr: () => false, irql: 5 }],
  },
  IoDisconnectInterruptEx: { params: [['Interrupt', 'object']], args: (m) => [m.interrupt] },
  IoGetDmaAdapter: {
    params: [['PhysicalDeviceObject', 'any'], ['DeviceDescription', 'struct', DESCRIPTION_FIELDS], ['NumberOfMapRegisters', 'out']],
    args: (m) => [null, { ...(m.adapter.hal.description as object) }, box(0)],
  },
  // Rtl
  RtlCopyMemory: { params: [['Destination', 'uint'], ['Source', 'uint'], ['Length', 'uint']], args: (m) => [m.va, m.va + 64, 16] },
  RtlMoveMemory: { params: [['Destination', 'uint'], ['Source', 'uint'], ['Length', 'uint']], args: (m) => [m.va, m.va + 8, 16] },
  RtlFillMemory: { params: [['Destination', 'uint'], ['Length', 'uint'], ['Fill', 'int']], args: (m) => [m.va, 16, 0xaa] },
  RtlZeroMemory: { params: [['Destination', 'uint'], ['Length', 'uint']], args: (m) => [m.va, 16] },
  RtlCompareMemory: { params: [['Source1', 'uint'], ['Source2', 'uint'], ['Length', 'uint']], args: (m) => [m.va, m.va + 64, 16] },
  RtlEqualMemory: { params: [['Source1', 'uint'], ['Source2', 'uint'], ['Length', 'uint']], args: (m) => [m.va, m.va + 64, 16] },
  // NTSTATUS, SG lists, bug checks
  NT_SUCCESS: { params: [['Status', 'long']], args: () => [H.STATUS_SUCCESS] },
  NT_ERROR: { params: [['Status', 'long']], args: () => [H.STATUS_UNSUCCESSFUL] },
  ntStatusName: { params: [['status', 'long']], args: () => [H.STATUS_PENDING] },
  ntStatusText: { params: [['status', 'long']], args: () => [H.STATUS_PENDING] },
  SCATTER_GATHER_LIST_SIZE: { params: [['elements', 'uint']], args: () => [3] },
  buildSgList: {
    params: [['mdl', 'object'], ['offset', 'uint'], ['length', 'uint'], ['limits', 'struct', { maxElements: 'cycle', maxMapRegisters: 'cycle', minimumTransferUnit: 'cycle' }]],
    args: (m) => [m.mdl, 0, 64, { maxElements: 4, maxMapRegisters: 4, minimumTransferUnit: 1 }],
  },
  describeBugCheck: { params: [['info', 'struct', { code: 'number' }]], args: () => [{ code: 0x50, parameters: [0, 0, 0, 0] }] },
};
for (const w of ['UCHAR', 'USHORT', 'ULONG', 'ULONG64']) {
  for (const fence of ['', 'NOFENCE_']) {
    FUNCTIONS[`READ_REGISTER_${fence}${w}`] = read;
    FUNCTIONS[`WRITE_REGISTER_${fence}${w}`] = write;
    if (!(fence && w === 'ULONG64')) {
      FUNCTIONS[`READ_REGISTER_${fence}BUFFER_${w}`] = rbuf;
      FUNCTIONS[`WRITE_REGISTER_${fence}BUFFER_${w}`] = rbuf;
    }
  }
}

/** Functions without parameters: called as they are (they must simply work). */
const NULLARY = new Set([
  'KeGetCurrentIrql', 'KeQueryInterruptTime', 'KeMemoryBarrier', 'KeMemoryBarrierWithoutFence', 'allocateTransferContext',
  'newDmaTransferInfo', 'currentKernel',
]);

/** Classes a caller constructs: those without parameters, and those with. */
const NULLARY_CLASSES = new Set([
  'DEVICE_DESCRIPTION', 'DMA_ADAPTER_INFO', 'DMA_ADAPTER_INFO_V1', 'DMA_TRANSFER_CONTEXT', 'DMA_TRANSFER_INFO',
  'DMA_TRANSFER_INFO_V1', 'KDPC', 'KTIMER', 'SCATTER_GATHER_LIST',
]);
const CLASSES: Record<string, Row> = {
  KSPIN_LOCK: { params: [['lockName', 'str?']], args: () => ['my lock'], ddi: 'new KSPIN_LOCK' },
  Kernel: {
    ddi: 'new Kernel',
    params: [['options', 'struct?', {
      livelockLimit: 'uint?', seed: 'int?', sim: 'struct?', memory: 'struct?', latencies: 'struct?', dma: 'struct?', explore: 'struct?',
      'memory.size': 'uint?', 'memory.base': 'uint?', 'memory.readWait': 'uint?', 'latencies.isrLatency': 'uint?',
      'latencies.dpcLatency': 'uint?', 'latencies.timerResolution': 'uint?', 'latencies.callbackCost.EvtProgramDma': 'uint?',
      'dma.verifier': 'bool?', 'dma.generatesInterrupt': 'bool?', 'dma.numberOfMapRegisters': 'uint?', 'dma.minimumTransferUnit': 'uint?',
    }]],
    args: () => [{ livelockLimit: 1000, seed: 3, memory: { size: 1 << 20 }, latencies: { isrLatency: 4, callbackCost: {} }, dma: { verifier: true } }],
  },
};

/** Exports that are not entry points taking caller arguments, with the reason. */
const EXEMPT: Record<string, string> = {
  Out: 'an out-parameter box: it holds any value (its type is the callee\'s business)',
  describeArg: 'describes any value for the trace (total: checked below to never throw)',
  BugCheckError: 'an error class the HAL throws',
  MachineHaltedError: 'an error class the HAL throws',
  KernelLivelockError: 'an error class the HAL throws',
  AddressSpace: 'built by the Kernel (kernel.memory); its caller-facing methods are in KERNEL_MEMBERS',
  PhysicalMemory: 'built by the Kernel (kernel.physical); its caller-facing methods are in KERNEL_MEMBERS',
  RegisterSpace: 'built by the Kernel (kernel.registers); its caller-facing methods are in KERNEL_MEMBERS',
  InterruptController: 'built by the Kernel (kernel.interrupts); reached through IoConnectInterruptEx',
  HalDmaController: 'built by the Kernel (kernel.dma) from KernelOptions.dma (checked with new Kernel)',
  KINTERRUPT: 'returned by IoConnectInterruptEx, never constructed by callers',
  MDL: 'returned by IoAllocateMdl, never constructed by callers',
  MapRegisterBase: 'handed to the execution routine by AllocateAdapterChannelEx, never constructed by callers',
  DMA_ADAPTER: 'returned by IoGetDmaAdapter, never constructed by callers',
  SoftwareTracer: 'built by lib/host\'s tracing (host.trace), not by drivers',
};

const DMA_OPERATIONS: Record<string, Row> = {
  PutDmaAdapter: { params: [['DmaAdapter', 'object']], args: (m) => [adapterFor(m.port).adapter] },
  AllocateCommonBuffer: {
    params: [['DmaAdapter', 'object'], ['Length', 'uint'], ['LogicalAddress', 'out'], ['CacheEnabled', 'bool']],
    args: (m) => [m.adapter, 4096, box(0), false],
  },
  FreeCommonBuffer: {
    params: [['DmaAdapter', 'object'], ['Length', 'uint'], ['LogicalAddress', 'uint'], ['VirtualAddress', 'uint'], ['CacheEnabled', 'bool']],
    args: (m) => {
      const la = box(0);
      const va = m.ops.AllocateCommonBuffer(m.adapter, 4096, la, false);
      return [m.adapter, 4096, la.value, va, false];
    },
  },
  GetDmaAlignment: { params: [['DmaAdapter', 'object']], args: (m) => [m.adapter] },
  ReadDmaCounter: { params: [['DmaAdapter', 'object']], args: (m) => [m.adapter] },
  GetDmaAdapterInfo: { params: [['DmaAdapter', 'object'], ['AdapterInfo', 'struct', { V1: 'struct' }]], args: (m) => [m.adapter, new H.DMA_ADAPTER_INFO()] },
  GetDmaTransferInfo: {
    params: [['DmaAdapter', 'object'], ['Mdl', 'object'], ['Offset', 'uint'], ['Length', 'uint'], ['WriteOnly', 'bool'], ['TransferInfo', 'struct', { V1: 'struct' }]],
    args: (m) => [m.adapter, m.mdl, 0, 64, true, H.newDmaTransferInfo()],
  },
  InitializeDmaTransferContext: { params: [['DmaAdapter', 'object'], ['DmaTransferContext', 'object']], args: (m) => [m.adapter, m.idleTc] },
  AllocateAdapterChannelEx: {
    params: [
      ['DmaAdapter', 'object'], ['DeviceObject', 'any'], ['DmaTransferContext', 'object'], ['NumberOfMapRegisters', 'uint'], ['Flags', 'long'],
      ['ExecutionRoutine', 'fn?'], ['ExecutionContext', 'any'], ['MapRegisterBase', 'out?'],
    ],
    args: (m) => [m.adapter, null, m.idleTc, 1, 0, () => H.KeepObject, null, null],
  },
  ConfigureAdapterChannel: {
    params: [['DmaAdapter', 'object'], ['FunctionNumber', 'long'], ['Context', 'context']],
    args: (m) => [m.adapter, H.CONFIGURE_FUNCTION.SET_WATERMARK, new Uint32Array([4])],
  },
  CancelAdapterChannel: { params: [['DmaAdapter', 'object'], ['DeviceObject', 'any'], ['DmaTransferContext', 'object']], args: (m) => [m.adapter, null, m.idleTc] },
  MapTransferEx: {
    params: [
      ['DmaAdapter', 'object'], ['Mdl', 'object'], ['MapRegisterBase', 'object'], ['Offset', 'uint'], ['DeviceOffset', 'uint'],
      ['Length', 'out'], ['WriteToDevice', 'bool'], ['ScatterGatherBuffer', 'struct?'], ['ScatterGatherBufferLength', 'uint'],
      ['DmaCompletionRoutine', 'fn?'], ['CompletionContext', 'any'],
    ],
    args: (m) => [m.adapter, m.mdl, m.mrb, 0, 0, box(64), true, null, 0, null, null],
  },
  FlushAdapterBuffersEx: {
    params: [['DmaAdapter', 'object'], ['Mdl', 'object'], ['MapRegisterBase', 'object'], ['Offset', 'uint'], ['Length', 'uint'], ['WriteToDevice', 'bool']],
    args: (m) => [m.adapter, m.mdl, m.mrb, 0, 64, true],
  },
  FreeAdapterChannel: { params: [['DmaAdapter', 'object']], args: (m) => [m.adapter] },
  CancelMappedTransfer: { params: [['DmaAdapter', 'object'], ['DmaTransferContext', 'object']], args: (m) => [m.adapter, m.tc] },
};

/** The Kernel's public methods (drivers' hosts and device models call them). */
const KERNEL_METHODS: Record<string, Row> = {
  runUntil: { params: [['cycle', 'cycle']], args: (m) => [m.k.cycle + 10] },
  runFor: { params: [['cycles', 'uint']], args: () => [10] },
  runWhile: { params: [['predicate', 'fn'], ['limitCycle', 'cycle']], args: (m) => [() => false, m.k.cycle + 10] },
  runUntilIdle: { params: [['limitCycle', 'cycle']], args: (m) => [m.k.cycle + 10] },
  atCycle: { params: [['cycle', 'uint'], ['fn', 'fn']], args: (m) => [m.k.cycle + 10, () => undefined] },
  onSimEvent: { params: [['listener', 'fn'], ['kinds', 'any']], args: () => [() => undefined, 'all'] },
  KeStallExecutionProcessor: { params: [['MicroSeconds', 'nonneg']], args: () => [1] },
  KeBugCheckEx: FUNCTIONS.KeBugCheckEx!,
  bugCheck: { params: [['info', 'struct', { code: 'long' }]], args: () => [{ code: 0x50, parameters: [0, 0, 0, 0] }], validBugChecks: true },
  runAt: { params: [['irql', 'irql'], ['fn', 'fn']], args: () => [2, () => 1] },
  chargeCallback: { params: [['name', 'str?']], args: () => ['EvtProgramDma'] },
  lineLevel: { params: [['line', 'number']], args: () => [6] },
  lineStats: { params: [['line', 'number']], args: () => [6] },
  cyclesFromMicroseconds: { params: [['us', 'finite']], args: () => [3] },
  cyclesFrom100ns: { params: [['units', 'finite']], args: () => [30] },
};
const KERNEL_NULLARY = new Set(['makeCurrent', 'assertRunning', 'KeQueryInterruptTime', 'isrLatencyNow', 'dpcLatencyNow']);
const KERNEL_EXEMPT: Record<string, string> = {
  constructor: 'the class itself (CLASSES.Kernel)',
  dispose: 'frees the engine (no arguments); called by every row\'s clean-up',
  noteZeroTimeWork: '@internal (the register routines\' livelock accounting)',
};
/** Private methods (TypeScript `private`: not callable from typed code). */
const KERNEL_PRIVATE = new Set([
  'kernelRecords', 'resetSpin', 'livelock', 'advance', 'appendPending', 'pendingBefore', 'consumePending', 'consumeRecords',
  'consumeCopied', 'consumeWords', 'coverPortRecord', 'fireHardwareTimer', 'loop', 'dispatchLivelock',
]);

/** Methods of the Kernel's parts that device models and tests call (kernel.registers.map, kernel.memory.write...). */
const KERNEL_MEMBERS: Record<string, Row & { call: (m: Rig, args: unknown[]) => unknown }> = {
  'RegisterSpace.map': {
    params: [['base', 'uint'], ['size', 'uint'], ['block', 'struct', { read: 'fn', write: 'fn' }], ['name', 'str?']],
    args: () => [0x5000_0000, 0x10, { read: () => 0, write: () => undefined }, 'block'],
    call: (m, a) => (m.k.registers.map as (...x: unknown[]) => void)(...a),
  },
  'AddressSpace.read': { params: [['va', 'uint'], ['length', 'uint']], args: (m) => [m.va, 8], call: (m, a) => (m.k.memory.read as (...x: unknown[]) => unknown)(...a) },
  'AddressSpace.write': {
    params: [['va', 'uint'], ['data', 'object']],
    args: (m) => [m.va, new Uint8Array(4)],
    call: (m, a) => (m.k.memory.write as (...x: unknown[]) => unknown)(...a),
  },
  'AddressSpace.fill': { params: [['va', 'uint'], ['length', 'uint'], ['value', 'number']], args: (m) => [m.va, 8, 1], call: (m, a) => (m.k.memory.fill as (...x: unknown[]) => unknown)(...a) },
  'PhysicalMemory.read': { params: [['pa', 'uint'], ['length', 'uint']], args: (m) => [m.k.physical.base, 8], call: (m, a) => (m.k.physical.read as (...x: unknown[]) => unknown)(...a) },
  'PhysicalMemory.write': {
    params: [['pa', 'uint'], ['data', 'object']],
    args: (m) => [m.k.physical.base, new Uint8Array(4)],
    call: (m, a) => (m.k.physical.write as (...x: unknown[]) => unknown)(...a),
  },
};

// ------------------------------------------------------------------ the checks
function catchError(fn: () => unknown): { error: unknown; threw: boolean; result?: unknown } {
  try {
    return { threw: false, error: undefined, result: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** A short description of what a call returned or threw (an MDL's JSON would drag the whole 16 MiB of RAM along). */
const show = (x: unknown): string => {
  if (typeof x === 'symbol') return 'Symbol()';
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'function') return 'a function';
  if (typeof x === 'object' && x !== null) return `a ${x.constructor?.name ?? 'null-prototype object'}`;
  return String(x).slice(0, 120);
};

/** A copy of `root` with the value at `path` ('memory.size') set to `value`. */
function withField(root: unknown, path: string, value: unknown): unknown {
  const copy = (o: unknown): Record<string, unknown> => (o && typeof o === 'object' ? { ...(o as object) } : {}) as Record<string, unknown>;
  const out = copy(root);
  const keys = path.split('.');
  let at = out;
  for (let i = 0; i < keys.length - 1; i++) at = at[keys[i]!] = copy(at[keys[i]!]);
  at[keys[keys.length - 1]!] = value;
  return out;
}

interface Case {
  what: string;
  ddi: string;
  name: string;
  hostile: Hostile;
  mayBugCheck: boolean;
  args: (m: Rig) => unknown[];
}

function cases(row: Row, ddi: string): Case[] {
  const out: Case[] = [];
  row.params.forEach(([name, kind, fields], i) => {
    const mayBugCheck = row.bugCheckOnValue?.includes(name) ?? false;
    for (const hostile of KINDS[kind]) {
      out.push({ what: `${name} = ${hostile.label}`, ddi, name, hostile, mayBugCheck, args: (m) => {
        const a = row.args(m);
        a[i] = hostile.value;
        return a;
      } });
    }
    for (const [field, fieldKind] of Object.entries(fields ?? {})) {
      const shown = field.replace(/\./g, '.');
      for (const hostile of KINDS[fieldKind]) {
        out.push({ what: `${name}.${field} = ${hostile.label}`, ddi, name: shown.split('.').pop()!, hostile, mayBugCheck, args: (m) => {
          const a = row.args(m);
          a[i] = withField(a[i], field, hostile.value);
          return a;
        } });
      }
    }
  });
  return out;
}

/** What a hostile call threw, judged: '' when it is a coded HalError naming the routine and the argument (or an
 *  allowed bug check), else why not. */
function judge(c: Case, outcome: ReturnType<typeof catchError>): string {
  if (!outcome.threw) return `accepted it silently (returned ${show(outcome.result)})`;
  const e = outcome.error;
  if (e instanceof HalError) {
    if (!/^ERR_[A-Z_]+$/.test(e.code)) return `HalError with code ${String(e.code)}`;
    if (!e.message.includes(c.ddi)) return `HalError not naming ${c.ddi}: ${e.message.slice(0, 300)}`;
    if (!e.message.includes(c.name)) return `HalError not naming ${c.name}: ${e.message.slice(0, 300)}`;
    return '';
  }
  if (e instanceof H.BugCheckError && c.mayBugCheck && c.hostile.level === 'value') return '';
  const err = e as Error;
  return `threw ${err?.name ?? typeof e}: ${String(err?.message ?? show(e)).slice(0, 300)}`;
}

function runRows(rows: Record<string, Row>, call: (m: Rig, name: string, args: unknown[]) => unknown, ddiOf: (name: string, row: Row) => string): string[] {
  const failures: string[] = [];
  for (const [name, row] of Object.entries(rows)) {
    let m = rig();
    try {
      for (const c of cases(row, ddiOf(name, row))) {
        if (m.k.halted) {
          m.k.dispose();
          m = rig();
        }
        m.k.makeCurrent();
        const why = judge(c, catchError(() => call(m, name, c.args(m))));
        if (why) failures.push(`${name}(${c.what}): ${why}`);
      }
      // The valid arguments are valid: the call goes through (so the refusals above are the hostile value's doing).
      if (m.k.halted) {
        m.k.dispose();
        m = rig();
      }
      m.k.makeCurrent();
      const ok = catchError(() => call(m, name, row.args(m)));
      const bugChecked = ok.threw && ok.error instanceof H.BugCheckError;
      if (row.validBugChecks ? !bugChecked : ok.threw) failures.push(`${name}(valid arguments): ${judge({ ddi: name, name: '', what: '', hostile: v(0, ''), mayBugCheck: false, args: row.args }, ok) || 'did not bug check'}`);
    } finally {
      m.k.dispose();
    }
  }
  return failures;
}

describe('lib/hal entry points check their arguments at the call', () => {
  it('every exported function has a row (or a reason not to)', () => {
    const missing: string[] = [];
    for (const [name, value] of Object.entries(H)) {
      if (typeof value !== 'function') continue;
      if (!(name in FUNCTIONS || NULLARY.has(name) || NULLARY_CLASSES.has(name) || name in CLASSES || name in EXEMPT)) missing.push(name);
    }
    for (const [name, value] of Object.entries(H.dmaOperations)) {
      if (typeof value === 'function' && !(name in DMA_OPERATIONS)) missing.push(`dmaOperations.${name}`);
    }
    for (const name of Object.getOwnPropertyNames(H.Kernel.prototype)) {
      const d = Object.getOwnPropertyDescriptor(H.Kernel.prototype, name)!;
      if (typeof d.value !== 'function') continue;
      if (!(name in KERNEL_METHODS || KERNEL_NULLARY.has(name) || name in KERNEL_EXEMPT || KERNEL_PRIVATE.has(name))) missing.push(`Kernel.prototype.${name}`);
    }
    expect(missing, 'exports without an argument-check row in test/hal/80.argument-checks.test.ts').toEqual([]);
    // And no stale rows: every row names something that exists.
    const stale = [...Object.keys(FUNCTIONS), ...NULLARY].filter((n) => typeof (H as Record<string, unknown>)[n] !== 'function');
    expect(stale).toEqual([]);
  });

  it('the functions: hostile arguments give coded HalErrors naming the routine and the argument (or the modelled bug check)', () => {
    const failures = runRows(FUNCTIONS, (_m, name, args) => ((H as Record<string, unknown>)[name] as (...a: unknown[]) => unknown)(...args), (name, row) => row.ddi ?? name);
    expect(failures).toEqual([]);
  });

  it('the DMA_OPERATIONS table', () => {
    const failures = runRows(
      DMA_OPERATIONS,
      (m, name, args) => (m.ops[name as keyof typeof m.ops] as (...a: unknown[]) => unknown)(...args),
      (name) => name,
    );
    expect(failures).toEqual([]);
  });

  it('the Kernel methods and the parts device models call', () => {
    const failures = runRows(KERNEL_METHODS, (m, name, args) => (m.k[name as keyof H.Kernel] as (...a: unknown[]) => unknown).apply(m.k, args), (name) => (name.startsWith('Ke') ? name : `Kernel.${name}`));
    failures.push(...runRows(KERNEL_MEMBERS, (m, name, args) => KERNEL_MEMBERS[name]!.call(m, args), (name) => name));
    expect(failures).toEqual([]);
  });

  it('the classes callers construct: new Kernel(options) and new KSPIN_LOCK(name)', () => {
    const made: H.Kernel[] = [];
    const failures = runRows(CLASSES, (_m, name, args) => {
      const x = new ((H as Record<string, unknown>)[name] as new (...a: unknown[]) => unknown)(...args);
      if (x instanceof H.Kernel) made.push(x);
      return x;
    }, (_name, row) => row.ddi!);
    for (const k of made) k.dispose();
    expect(failures).toEqual([]);
    for (const name of NULLARY_CLASSES) expect(() => new ((H as Record<string, unknown>)[name] as new () => unknown)()).not.toThrow();
  });

  it('new Kernel(options) reads each option once: a getter cannot pass the check with one value and build with another', () => {
    const reads = new Map<string, number>();
    // Each getter answers a good value the first time and a bad one after: only a second read could see the bad one.
    const flip = <T>(name: string, first: T, later: unknown): T => {
      const n = (reads.get(name) ?? 0) + 1;
      reads.set(name, n);
      return (n === 1 ? first : later) as T;
    };
    const costs = { get EvtProgramDma() { return flip('latencies.callbackCost.EvtProgramDma', 7, -1); } };
    const latencies = Object.create({ get dpcLatency() { return flip('latencies.dpcLatency', 250, NaN); } }) as Record<string, unknown>;
    Object.defineProperty(latencies, 'isrLatency', { get: () => flip('latencies.isrLatency', 30, 'soon'), enumerable: true });
    Object.defineProperty(latencies, 'callbackCost', { get: () => flip('latencies.callbackCost', costs, 5), enumerable: true });
    const options = {
      get latencies() { return flip('latencies', latencies, 'none'); },
      get memory() { return flip('memory', { get size() { return flip('memory.size', 4 * 1024 * 1024, -1); } }, 3); },
      get livelockLimit() { return flip('livelockLimit', 500, 0); },
      get dma() { return flip('dma', { get verifier() { return flip('dma.verifier', false, 'yes'); } }, 7); },
    };
    const k = new H.Kernel(options as H.KernelOptions);
    try {
      expect(Object.fromEntries(reads)).toEqual({
        latencies: 1,
        'latencies.isrLatency': 1,
        'latencies.dpcLatency': 1, // inherited: read too, and once
        'latencies.callbackCost': 1,
        'latencies.callbackCost.EvtProgramDma': 1,
        memory: 1,
        'memory.size': 1,
        livelockLimit: 1,
        dma: 1,
        'dma.verifier': 1,
      });
      // The machine is built from the values the check saw.
      expect(k.latencies).toMatchObject({ isrLatency: 30, dpcLatency: 250, callbackCost: { EvtProgramDma: 7 } });
      expect(k.livelockLimit).toBe(500);
      expect(k.dma.options.verifier).toBe(false);
      expect(k.physical.size).toBe(4 * 1024 * 1024);
    } finally {
      k.dispose();
    }
  });

  it('the nullary routines run, and describeArg describes anything without throwing', () => {
    const m = rig();
    try {
      for (const name of NULLARY) expect(() => ((H as Record<string, unknown>)[name] as () => unknown)(), name).not.toThrow();
      for (const x of [null, undefined, 1, 'a', Symbol('s'), 4n, {}, [], () => 1, Object.create(null), detached()]) {
        expect(() => H.describeArg(x)).not.toThrow();
      }
    } finally {
      m.k.dispose();
    }
  });

  it('names what the caller wrote: KeSetTimer on a KTIMER never initialized, and the issue\'s cases', () => {
    const m = rig();
    try {
      const e = catchError(() => H.KeSetTimer(new H.KTIMER(), -10, null)).error as HalError;
      expect([e.code, e.message]).toEqual(['ERR_INVALID_STATE', 'KeSetTimer: Timer was not initialized (call KeInitializeTimerEx first)']);
      const r = catchError(() => H.READ_REGISTER_ULONG('0x1000' as never)).error as HalError;
      expect(r.message).toBe('READ_REGISTER_ULONG: Register is "0x1000" (a string), not a register address (a number).');
      const n = catchError(() => H.MmGetPhysicalAddress(NaN)).error as HalError;
      expect([n.code, n.message]).toEqual(['ERR_OUT_OF_RANGE', 'MmGetPhysicalAddress: BaseAddress is NaN (a number), not an unsigned integer.']);
      // MmUnmapIoSpace of what was never mapped: Driver Verifier's 0xC4 / 0x16 (bad parameters to a memory routine).
      const u = catchError(() => H.MmUnmapIoSpace(m.reg + 0x1000_0000, 16)).error as H.BugCheckError;
      expect([u.code, u.parameters[0]]).toEqual([H.DRIVER_VERIFIER_DETECTED_VIOLATION, H.VERIFIER_VIOLATION.BAD_MEMORY_ROUTINE_PARAMETER]);
    } finally {
      m.k.dispose();
    }
  });

  it('what the HAL itself threw as plain Error / RangeError / TypeError is coded now', () => {
    const codeOf = (fn: () => unknown): string => {
      const e = catchError(fn).error;
      return e instanceof HalError ? e.code : `not a HalError: ${show(e)} ${String((e as Error)?.message).slice(0, 100)}`;
    };
    const m = rig();
    try {
      // The event loop entered again from software it runs (a device-model callback calling runFor).
      let inner = '';
      m.k.atCycle(m.k.cycle + 5, () => {
        inner = codeOf(() => m.k.runFor(1));
      });
      m.k.runFor(10);
      expect(inner).toBe('ERR_INVALID_STATE');
      expect(codeOf(() => m.k.runUntil(0))).toBe('ERR_OUT_OF_RANGE'); // in the past
      expect(codeOf(() => m.k.registers.map(REG_PA, 0x10, { read: () => 0, write: () => undefined }))).toBe('ERR_INVALID_ARGUMENT'); // overlaps
      expect(codeOf(() => m.k.physical.read(0x10, 4))).toBe('ERR_OUT_OF_RANGE'); // not RAM
      expect(codeOf(() => declareCoverage('hal', { 'port: overrun': 'something else' }))).toBe('ERR_INVALID_ARGUMENT');
    } finally {
      m.k.dispose();
    }
    // A controller model whose function answers something that is no NTSTATUS.
    const k = makeKernel({ dma: { functionTable: [{ id: 0x8001, name: 'BAD', inputSize: 0, handler: () => 'ok' as never }] } });
    try {
      const { adapter } = adapterFor(txPort(k));
      expect(codeOf(() => adapter.DmaOperations.ConfigureAdapterChannel(adapter, 0x8001, null))).toBe('ERR_INVALID_RETURN_VALUE');
      expect(codeOf(() => makeKernel({ memory: { size: 4096 * 4 + 1 } }))).toBe('ERR_INVALID_ARGUMENT');
      expect(codeOf(() => makeKernel({ memory: { size: 4096 * 4, contiguousSize: 4096 * 4 } }))).toBe('ERR_INVALID_ARGUMENT');
      expect(codeOf(() => makeKernel({ livelockLimit: 0 }))).toBe('ERR_OUT_OF_RANGE');
      expect(codeOf(() => makeKernel({ dma: { lateCancellation: { delay: -1 } } }))).toBe('ERR_INVALID_ARG_VALUE');
    } finally {
      k.dispose();
    }
  });
});
