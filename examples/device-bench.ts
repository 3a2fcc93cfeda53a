// The bench the device-model unit tests (examples/<name>/device/*.test.ts) run on: the example board's engine
// (board.ts) under a bare simulated OS — no driver, no framework — with one device model attached, its register
// block mapped the way a driver maps it (MmMapIoSpaceEx) and touched through the kernel's register space at the
// current cycle, every engine event recorded. Time moves only through `runUntil`, so every assertion is a cycle.
import { Kernel, PAGE_NOCACHE, PAGE_READWRITE } from 'kmdf-dma-sim/hal';
import type { DeviceModel } from 'kmdf-dma-sim/host';
import type { SimEvent } from 'kmdf-dma-sim/sim';
import { BOARD_LATENCIES, BOARD_SIM_OPTIONS } from './board.js';

export class DeviceBench<M extends DeviceModel> {
  readonly kernel: Kernel;
  readonly events: SimEvent[] = [];
  private readonly va: number;

  constructor(readonly model: M, base: number, size: number) {
    this.kernel = new Kernel({ sim: BOARD_SIM_OPTIONS, latencies: BOARD_LATENCIES });
    model.attach(this.kernel);
    this.kernel.onSimEvent((e) => this.events.push(e));
    this.va = this.kernel.registers.mapIoSpace(base, size, PAGE_READWRITE | PAGE_NOCACHE);
  }

  get cycle(): number {
    return this.kernel.cycle;
  }

  /** READ_REGISTER_ULONG(base + offset). */
  read(offset: number): number {
    return this.kernel.registers.read(this.va + offset, 4, 'READ_REGISTER_ULONG');
  }

  /** WRITE_REGISTER_ULONG(base + offset, value). */
  write(offset: number, value: number): void {
    this.kernel.registers.write(this.va + offset, 4, value, 'WRITE_REGISTER_ULONG');
  }

  runUntil(cycle: number): void {
    this.kernel.runUntil(cycle);
  }

  /** The cycles of the recorded events of `kind` that match `filter`. */
  cyclesOf<K extends SimEvent['kind']>(kind: K, filter: (e: Extract<SimEvent, { kind: K }>) => boolean = () => true): number[] {
    return this.events
      .filter((e): e is Extract<SimEvent, { kind: K }> => e.kind === kind)
      .filter(filter)
      .map((e) => e.cycle);
  }

  lineLevel(line: number): boolean {
    return this.kernel.sim.interruptLineLevel(line);
  }

  requestLevel(line: number): boolean {
    return this.kernel.sim.requestLineLevel(line);
  }

  dispose(): void {
    this.kernel.dispose();
  }
}
