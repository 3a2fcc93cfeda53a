// The livelock guard of the simulated machine. Time moves only when the event loop advances the engine, so software
// that keeps re-arming itself in the cycle it runs in (a DPC that requeues itself with dpcLatency 0, an ISR on a
// level-triggered line that stays high with isrLatency 0, a driver loop polling a register or calling
// KeStallExecutionProcessor(0) — none of which lets the hardware move) would spin forever without advancing a
// single cycle: no run limit would ever trip. Windows stops such a machine with bug check 0x133
// DPC_WATCHDOG_VIOLATION; this model stops it the same way — the machine halts — with a JS error carrying the stable
// code ERR_LIVELOCK that names the software that keeps running.
//
// Bounds (Kernel option `livelockLimit`, docs/hal-contract.md "Livelock guard"): more than `limit` [100,000]
// work items dispatched (or loop passes made) at one cycle, or more than `limit` zero-time stalls / register
// accesses made at one cycle from one piece of software. A real driver does nothing near that many things in one
// bus cycle (10 ns at the example board's 100 MHz); a livelocked one reaches it in well under a second of host time.

/** DPC_WATCHDOG_VIOLATION: what Windows raises for a CPU stuck at DISPATCH_LEVEL. */
export const DPC_WATCHDOG_VIOLATION = 0x133;

/** Work items at one cycle past which the machine halts with KernelLivelockError (docs/timing.md "Livelock guard"). */
export const DEFAULT_LIVELOCK_LIMIT = 100_000;

/** Thrown (and kept as the halt reason) when the machine stops making progress in simulated time. */
export class KernelLivelockError extends Error {
  override readonly name = 'KernelLivelockError';
  readonly code = 'ERR_LIVELOCK';
  constructor(
    message: string,
    /** The cycle time stood still at. */
    readonly cycle: number,
    /** How many times the repeating thing happened at that cycle before the guard stopped it. */
    readonly count: number,
    /** The software that kept running, most frequent first (e.g. "DPC EvtTimerFunc of WDFTIMER 0x1060"). */
    readonly callbacks: readonly string[],
  ) {
    super(message);
  }
}

/** The owners of the last few work items, to name the ones that keep re-arming (no allocation per item). */
export class RecentOwners {
  private readonly ring: ((() => string) | null)[] = new Array(32).fill(null);
  private n = 0;

  note(owner: () => string): void {
    this.ring[this.n++ & 31] = owner;
  }

  clear(): void {
    this.n = 0;
  }

  /** The distinct owners seen in the ring, most frequent first. */
  summary(): string[] {
    const counts = new Map<string, number>();
    const seen = Math.min(this.n, 32);
    for (let i = 0; i < seen; i++) {
      const name = this.ring[i]!();
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name);
  }
}
