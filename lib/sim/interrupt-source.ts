// A device-driven interrupt source (native/core/engine.h "device-driven interrupt sources"): the interrupt output of
// a device model written in TS — a register block computing a UART receive timeout or an SPI end-of-frame — driving
// one of the platform's interrupt lines, OR'ed with every other source on it (device ports, the DMA controller,
// other sources). Its level changes at sim.cycle itself (an output pin, no latency): a rise that changes the line
// is an 'irq' event at sim.cycle and the next run returns at once with stoppedBy 'interrupt' at that cycle, so an
// ISR dispatched from it runs at exactly sim.cycle + isrLatency; a fall is recorded likewise (no stop).
import type { NativeSimulator } from '../native/binding-types.js';
import { bool } from './validate.js';

/**
 * A device-driven input to an interrupt line (Simulator.addInterruptSource): set / raise / lower its level; the line is
 * the OR of all its sources.
 */
export class InterruptSource {
  readonly id: number;
  /** The interrupt line it drives. */
  readonly line: number;
  readonly name: string | undefined;
  #native: NativeSimulator;

  /** @internal Made by Simulator.addInterruptSource. */
  constructor(native: NativeSimulator, id: number, line: number, name: string | undefined) {
    this.#native = native;
    this.id = id;
    this.line = line;
    this.name = name;
  }

  /** This source's own level (the line is the OR of all its sources: Simulator.interruptLineLevel). */
  get level(): boolean {
    return this.#native.interruptSourceLevel(this.id);
  }

  /** Drives the output high (true) or low (false) at sim.cycle; the same level again does nothing. */
  set(level: boolean): void {
    this.#native.setInterruptSource(this.id, bool(level, 'level'));
  }

  /** set(true). */
  raise(): void {
    this.set(true);
  }

  /** set(false). */
  lower(): void {
    this.set(false);
  }
}
