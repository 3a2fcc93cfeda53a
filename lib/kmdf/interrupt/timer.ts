// WDFTIMER (wdftimer.h; DDI pages WdfTimerCreate, WDF_TIMER_CONFIG_INIT(_PERIODIC), WdfTimerStart, WdfTimerStop,
// WDF_REL_TIMEOUT_IN_*) over a KTIMER + KDPC. The parent (ParentObject) is required; EvtTimerFunc runs at DISPATCH.
import { FxObject } from '../object/fx-object.js';
import type { WDF_OBJECT_ATTRIBUTES } from '../object/attributes.js';
import type { WDFOBJECT, WDFTIMER } from '../object/handles.js';
import { fxResolve, fxRequireNonNull } from '../object/resolve.js';
import { callbackName } from './interrupt.js';
import {
  KeCancelTimer,
  KeInitializeDpc,
  KeInitializeTimerEx,
  KeSetTimerEx,
  STATUS_INVALID_PARAMETER,
  STATUS_SUCCESS,
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

/** Initializes WDF_TIMER_CONFIG for a one-shot timer calling EvtTimerFunc. */
export function WDF_TIMER_CONFIG_INIT(Config: WDF_TIMER_CONFIG, EvtTimerFunc: EVT_WDF_TIMER): void {
  Config.Size = 32;
  Config.EvtTimerFunc = EvtTimerFunc;
  Config.Period = 0;
  Config.AutomaticSerialization = true;
  Config.TolerableDelay = 0;
  Config.UseHighResolutionTimer = false;
}

/** Initializes WDF_TIMER_CONFIG for a periodic timer: EvtTimerFunc every `Period` milliseconds. */
export function WDF_TIMER_CONFIG_INIT_PERIODIC(Config: WDF_TIMER_CONFIG, EvtTimerFunc: EVT_WDF_TIMER, Period: number): void {
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

/** WdfTimerCreate(Config, Attributes, Timer): Attributes->ParentObject is required. */
export function WdfTimerCreate(Config: WDF_TIMER_CONFIG, Attributes: WDF_OBJECT_ATTRIBUTES, Timer: Out<WDFTIMER | null>): NTSTATUS {
  const parentHandle = fxRequireNonNull(Attributes?.ParentObject, 'WdfTimerCreate', 'Attributes->ParentObject');
  const parent = fxResolve(parentHandle, FxObject, 'WdfTimerCreate', 'WDFOBJECT');
  fxRequireNonNull(Config?.EvtTimerFunc, 'WdfTimerCreate', 'Config->EvtTimerFunc', parent.globals);
  if (Config.Period < 0) return STATUS_INVALID_PARAMETER;
  const timer = new FxTimer(parent, { ...Config });
  timer.commit(Attributes, parent);
  Timer.value = timer.handle;
  return STATUS_SUCCESS;
}

/** WdfTimerStart(Timer, DueTime): TRUE if the timer was already queued (it is restarted). */
export function WdfTimerStart(Timer: WDFTIMER, DueTime: number): boolean {
  const t = fxResolve(Timer, FxTimer, 'WdfTimerStart', 'WDFTIMER');
  return KeSetTimerEx(t.timer, DueTime, t.config.Period, t.dpc);
}

/** WdfTimerStop(Timer, Wait): TRUE if the timer was queued and is now stopped. */
export function WdfTimerStop(Timer: WDFTIMER, Wait: boolean): boolean {
  void Wait;
  const t = fxResolve(Timer, FxTimer, 'WdfTimerStop', 'WDFTIMER');
  return KeCancelTimer(t.timer);
}

/** The object a timer was created under (its parent, a device or a queue). */
export function WdfTimerGetParentObject(Timer: WDFTIMER): WDFOBJECT {
  const t = fxResolve(Timer, FxTimer, 'WdfTimerGetParentObject', 'WDFTIMER');
  return t.parent!.handle;
}
