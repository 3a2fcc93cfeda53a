// WDFTIMER (wdftimer.h; DDI pages WdfTimerCreate, WDF_TIMER_CONFIG_INIT(_PERIODIC), WdfTimerStart, WdfTimerStop,
// WDF_REL_TIMEOUT_IN_*) over a KTIMER + KDPC. The parent (ParentObject) is required; EvtTimerFunc runs at DISPATCH.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFOBJECT, WDFTIMER } from '../object/handles.js';
import { fxResolve } from '../object/resolve.js';
import { fxObjectAttributes } from '../object/validate-attributes.js';
import { WdfExecutionLevelPassive } from '../object/attributes.js';
import { fxBoolean, fxCallback, fxCallerGlobals, fxInteger, fxOut, fxStruct, helperCallback, helperNumber, helperStruct } from '../verifier/arguments.js';
import { callbackName } from './interrupt.js';
import {
  NT_SUCCESS,
  PASSIVE_LEVEL,
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_NOT_SUPPORTED,
  KeCancelTimer,
  KeInitializeDpc,
  KeInitializeTimerEx,
  KeSetTimerEx,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
  STATUS_WDF_PARENT_NOT_SPECIFIED,
  KDPC,
  KTIMER,
  type NTSTATUS,
  type Out,
} from '../fx/hal.js';

/** EvtTimerFunc: the timer expired. */
export type EVT_WDF_TIMER = (Timer: WDFTIMER) => void;

/** WdfTimerCreate's configuration: the callback, its period (0: one-shot) and serialization. */
export interface WDF_TIMER_CONFIG {
  Size: number;
  EvtTimerFunc: EVT_WDF_TIMER | null;
  /** Period in milliseconds; 0 = one-shot. */
  Period: number;
  AutomaticSerialization: boolean;
  TolerableDelay: number;
  UseHighResolutionTimer: boolean;
}

/** sizeof(WDF_TIMER_CONFIG) as the WDF_TIMER_CONFIG_INIT helper sets Size (a DDI refuses another Size). */
export const WDF_TIMER_CONFIG_SIZE = 32;
const MAXLONG = 0x7fff_ffff;

/** Initializes WDF_TIMER_CONFIG for a one-shot timer calling EvtTimerFunc. */
export function WDF_TIMER_CONFIG_INIT(Config: WDF_TIMER_CONFIG, EvtTimerFunc: EVT_WDF_TIMER): void {
  helperStruct('WDF_TIMER_CONFIG_INIT', 'Config', Config);
  helperCallback('WDF_TIMER_CONFIG_INIT', 'EvtTimerFunc', EvtTimerFunc, true);
  Config.Size = WDF_TIMER_CONFIG_SIZE;
  Config.EvtTimerFunc = EvtTimerFunc;
  Config.Period = 0;
  Config.AutomaticSerialization = true;
  Config.TolerableDelay = 0;
  Config.UseHighResolutionTimer = false;
}

/** Initializes WDF_TIMER_CONFIG for a periodic timer: EvtTimerFunc every `Period` milliseconds. */
export function WDF_TIMER_CONFIG_INIT_PERIODIC(Config: WDF_TIMER_CONFIG, EvtTimerFunc: EVT_WDF_TIMER, Period: number): void {
  const helper = 'WDF_TIMER_CONFIG_INIT_PERIODIC';
  helperStruct(helper, 'Config', Config);
  helperCallback(helper, 'EvtTimerFunc', EvtTimerFunc, true);
  helperNumber(helper, 'Period', Period, (n) => Number.isInteger(n) && n >= 0 && n <= 0xffff_ffff, 'a period in milliseconds (a ULONG)');
  WDF_TIMER_CONFIG_INIT(Config, EvtTimerFunc);
  Config.Period = Period;
}

/** Relative due times are negative, in 100 ns units (WDF_REL_TIMEOUT_IN_*). WDF_REL_TIMEOUT_IN_*(0) is -0, which the
 *  kernel reads as relative 0: the timer expires at the next clock tick (lib/hal/interrupts/timer.ts). */
export const WDF_REL_TIMEOUT_IN_SEC = (s: number): number => -s * 10_000_000;
/** A relative due time of `ms` milliseconds, in the 100 ns units WdfTimerStart takes (negative = relative). */
export const WDF_REL_TIMEOUT_IN_MS = (ms: number): number => -ms * 10_000;
/** A relative due time of `us` microseconds, in 100 ns units (negative = relative). */
export const WDF_REL_TIMEOUT_IN_US = (us: number): number => -us * 10;
/** An absolute due time of `ms` milliseconds (system time), in 100 ns units. */
export const WDF_ABS_TIMEOUT_IN_MS = (ms: number): number => ms * 10_000;

/** The framework's object behind a WDFTIMER handle: its kernel timer, DPC and callback. */
export class FxTimer extends FxObject {
  readonly typeName = 'WDFTIMER';
  readonly timer: KTIMER;
  readonly dpc: KDPC;
  fired = 0;

  constructor(
    parent: FxObject,
    readonly config: WDF_TIMER_CONFIG,
  ) {
    super(parent.globals);
    this.timer = new KTIMER();
    KeInitializeTimerEx(this.timer, 0);
    this.dpc = new KDPC();
    KeInitializeDpc(this.dpc, () => this.run(), null);
    this.timer.name = this.describe();
    this.dpc.name = `${callbackName('EvtTimerFunc', config.EvtTimerFunc)} of ${this.describe()}`;
  }

  override get handle(): WDFTIMER {
    return this as unknown as WDFTIMER;
  }

  private run(): void {
    if (this.deleted) return;
    this.fired++;
    const cb = this.config.EvtTimerFunc!;
    const coverage = this.globals.kernel.coverage;
    if (coverage !== null) coverage.hit(this.globals.transfersRunning > 0 ? 'timer: fired while DMA ran' : 'timer: fired with no DMA running');
    this.globals.callDriver('EvtTimerFunc', () => cb(this.handle), this);
  }

  protected override dispose(): void {
    KeCancelTimer(this.timer);
  }
}

/**
 * WdfTimerCreate(Config, Attributes, Timer) in FX fxtimerapi.cpp's order: Attributes and its ParentObject are required
 * (STATUS_WDF_PARENT_NOT_SPECIFIED), the parent is a handle (0x10D / WDF_INVALID_HANDLE); Config and Timer are required
 * (0x10D / 0x4); Config->Size (STATUS_INFO_LENGTH_MISMATCH); Period above MAXLONG (STATUS_INVALID_PARAMETER); the rest of
 * the attributes; a periodic timer with ExecutionLevel passive: STATUS_NOT_SUPPORTED. EvtTimerFunc must be a function
 * (NULL: 0x10D / 0x4 — KMDF stores it and faults at the first expiry; here at the call).
 */
export function WdfTimerCreate(Config: WDF_TIMER_CONFIG, Attributes: WDF_OBJECT_ATTRIBUTES, Timer: Out<WDFTIMER | null>): NTSTATUS {
  const ddi = 'WdfTimerCreate';
  const a = Attributes as unknown;
  if (a === null || a === undefined) return STATUS_WDF_PARENT_NOT_SPECIFIED;
  if (typeof a !== 'object') {
    // No parent to take the globals from: the driver running now reports it.
    fxObjectAttributes(fxCallerGlobals(ddi), ddi, 2, a);
  }
  const parentHandle = (a as WDF_OBJECT_ATTRIBUTES).ParentObject;
  if (parentHandle === null || parentHandle === undefined) return STATUS_WDF_PARENT_NOT_SPECIFIED;
  const parent = fxResolve(parentHandle, FxObject, ddi, 'WDFOBJECT');
  const g = parent.globals;
  const config = { ...fxStruct(g, ddi, 'Config', 1, Config, parent) };
  const out = fxOut(g, ddi, 'Timer', 3, Timer, parent);
  if (config.Size !== WDF_TIMER_CONFIG_SIZE) return STATUS_INFO_LENGTH_MISMATCH;
  const period = fxInteger(g, ddi, 'Config->Period', 1, config.Period ?? 0, parent);
  if (period < 0 || period > MAXLONG) return STATUS_INVALID_PARAMETER;
  const { status, attributes } = fxObjectAttributes(g, ddi, 2, a, parent, { parent: 'required', executionLevel: true });
  if (!NT_SUCCESS(status)) return status;
  if (period > 0 && attributes!.ExecutionLevel === WdfExecutionLevelPassive) return STATUS_NOT_SUPPORTED;
  fxCallback(g, ddi, 'Config->EvtTimerFunc', 1, config.EvtTimerFunc, parent);
  config.Period = period;
  config.AutomaticSerialization = !!config.AutomaticSerialization;
  config.UseHighResolutionTimer = !!config.UseHighResolutionTimer;
  const timer = new FxTimer(parent, config);
  timer.commit(attributes, parent);
  out.value = timer.handle;
  return STATUS_SUCCESS;
}

/** WdfTimerStart(Timer, DueTime): TRUE if the timer was already queued (it is restarted). */
export function WdfTimerStart(Timer: WDFTIMER, DueTime: number): boolean {
  const ddi = 'WdfTimerStart';
  const t = fxResolve(Timer, FxTimer, ddi, 'WDFTIMER');
  // LONGLONG DueTime in 100 ns units (negative: relative); -0 is WDF_REL_TIMEOUT_IN_*(0) and stays -0.
  if (!(typeof DueTime === 'number' && Number.isSafeInteger(DueTime))) fxInteger(t.globals, ddi, 'DueTime', 2, DueTime, t);
  return KeSetTimerEx(t.timer, DueTime, t.config.Period, t.dpc);
}

/**
 * WdfTimerStop(Timer, Wait): TRUE if the timer was queued and is now stopped. Wait TRUE above PASSIVE_LEVEL: FALSE
 * and a VerifierBreak (FX fxtimerapi.cpp), the timer left as it is.
 */
export function WdfTimerStop(Timer: WDFTIMER, Wait: boolean): boolean {
  const ddi = 'WdfTimerStop';
  const t = fxResolve(Timer, FxTimer, ddi, 'WDFTIMER');
  const wait = fxBoolean(t.globals, ddi, 'Wait', 2, Wait, t);
  if (wait && t.globals.kernel.irql > PASSIVE_LEVEL && t.globals.options.verifier) {
    t.globals.verifierBreak(ddi, t.describe(), null, 'WdfTimerStop with Wait TRUE must be called at PASSIVE_LEVEL.');
    return false;
  }
  return KeCancelTimer(t.timer);
}

/** The object a timer was created under (its parent, a device or a queue). */
export function WdfTimerGetParentObject(Timer: WDFTIMER): WDFOBJECT {
  const t = fxResolve(Timer, FxTimer, 'WdfTimerGetParentObject', 'WDFTIMER');
  return t.parent!.handle;
}
