// Layer 75 — device-driven interrupt sources (Simulator.addInterruptSource, native/core/engine.h): a TS device
// model's own interrupt output. A level set between runs at cycle t acts at t: a rise that changes the line's OR is
// an 'irq' event at t and the next run returns at once with stoppedBy 'interrupt' at t; a fall is recorded likewise
// without a stop; sources are OR'ed with port interrupt outputs and with the controller line.
import { describe, it, expect } from 'vitest';
import { PORT_IRQ, Simulator } from '../../lib/index.js';
import { ofKind, socWithRam } from './_support.js';

describe('interrupt sources', () => {
  it('a rise at t stops the next run at once at t; a fall is recorded without a stop', () => {
    const sim = new Simulator();
    const src = sim.addInterruptSource(7, 'uart rx timeout');
    expect(src).toMatchObject({ id: 0, line: 7, name: 'uart rx timeout', level: false });
    expect(sim.interruptSources).toEqual([src]);
    expect(sim.runUntil(100).stoppedBy).toBe('target');
    src.raise();
    expect(src.level).toBe(true);
    expect(sim.interruptLineLevel(7)).toBe(true);
    expect(sim.runUntil(500)).toEqual({ cycle: 100, stoppedBy: 'interrupt', events: [{ kind: 'irq', cycle: 100, line: 7, level: 1 }] });
    expect(sim.runUntil(500)).toEqual({ cycle: 500, stoppedBy: 'target', events: [] });
    src.set(true); // already high: nothing
    expect(sim.runUntil(600)).toEqual({ cycle: 600, stoppedBy: 'target', events: [] });
    src.lower();
    expect(sim.interruptLineLevel(7)).toBe(false);
    expect(sim.runUntil(700)).toEqual({ cycle: 700, stoppedBy: 'target', events: [{ kind: 'irq', cycle: 600, line: 7, level: 0 }] });
    sim.dispose();
  });

  it('runUntil(sim.cycle) after a rise returns the interrupt stop too; a pulse between runs still stops', () => {
    const sim = new Simulator();
    const src = sim.addInterruptSource(3);
    sim.runUntil(50);
    src.raise();
    expect(sim.runUntil(50)).toMatchObject({ cycle: 50, stoppedBy: 'interrupt' });
    src.lower();
    expect(sim.runUntil(60)).toEqual({ cycle: 60, stoppedBy: 'target', events: [{ kind: 'irq', cycle: 50, line: 3, level: 0 }] });
    src.raise();
    src.lower(); // rose and fell during cycle 60: the line rose, so the run stops (the HAL finds it low and drops it)
    expect(sim.runUntil(100)).toEqual({
      cycle: 60, stoppedBy: 'interrupt',
      events: [{ kind: 'irq', cycle: 60, line: 3, level: 1 }, { kind: 'irq', cycle: 60, line: 3, level: 0 }],
    });
    sim.dispose();
  });

  it('is OR\'ed with a port\'s interrupt output on the same line', () => {
    const sim = new Simulator();
    const rx = sim.addFifoPort({ address: 0x100, direction: 'rx', rate: 5, depth: 1024,
      interrupt: { line: 9, mask: PORT_IRQ.LEVEL, threshold: 3 } }); // level 3 at 15
    const src = sim.addInterruptSource(9);
    src.raise(); // at 0
    expect(sim.runUntil(100)).toMatchObject({ cycle: 0, stoppedBy: 'interrupt', events: [{ kind: 'irq', cycle: 0, line: 9, level: 1 }] });
    // The port joins at 15: the line was high already, no record and no stop.
    expect(sim.runUntil(20)).toEqual({ cycle: 20, stoppedBy: 'target', events: [] });
    expect(rx.status.interruptAsserted).toBe(true);
    src.lower(); // the port still holds the line
    expect(sim.interruptLineLevel(9)).toBe(true);
    expect(sim.runUntil(30)).toEqual({ cycle: 30, stoppedBy: 'target', events: [] });
    rx.setInterrupt(null); // a port setter at 30 acts at 31: the line falls then
    expect(sim.runUntil(40)).toEqual({ cycle: 40, stoppedBy: 'target', events: [{ kind: 'irq', cycle: 31, line: 9, level: 0 }] });
    src.raise(); // at 40
    expect(sim.runUntil(100)).toEqual({ cycle: 40, stoppedBy: 'interrupt', events: [{ kind: 'irq', cycle: 40, line: 9, level: 1 }] });
    sim.dispose();
  });

  it('is OR\'ed with the controller line: whichever rises first makes the only rise', () => {
    const sim = socWithRam();
    const src = sim.addInterruptSource(sim.options.controllerInterruptLine);
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x800, length: 1024, width: 4 });
    sim.runUntil(10);
    src.raise(); // at 10
    const first = sim.runUntil(2000);
    expect(first).toMatchObject({ cycle: 10, stoppedBy: 'interrupt' });
    expect(ofKind(first.events, 'irq')).toEqual([{ kind: 'irq', cycle: 10, line: 0, level: 1 }]);
    // The controller's completion becomes visible at 642 on a line already high: no irq record, no stop.
    const rest = sim.runUntil(2000);
    expect(rest.stoppedBy).toBe('target');
    expect(ofKind(rest.events, 'channel-interrupt').map((e) => e.cycle)).toEqual([642]);
    expect(ofKind(rest.events, 'irq')).toEqual([]);
    src.lower(); // the controller still holds the line
    expect(sim.controllerInterruptLevel).toBe(true);
    expect(sim.dma.handleInterrupt()).toEqual({ channel: 0, type: 'completion' }); // the line falls at 2000
    expect(sim.runUntil(2100).events).toEqual([{ kind: 'irq', cycle: 2000, line: 0, level: 0 }]);
    // And the other way round: the controller line high first, the source joins without a record.
    sim.dma.programMemoryToMemory({ channel: 0, source: 0, destination: 0x800, length: 1024, width: 4 });
    const ctl = sim.runUntil(5000);
    expect(ctl).toMatchObject({ cycle: 2100 + 642, stoppedBy: 'interrupt' });
    src.raise();
    expect(sim.runUntil(5000)).toMatchObject({ cycle: 5000, stoppedBy: 'target', events: [] });
    sim.dispose();
  });

  it('levels are deterministic: the same calls give the same events', () => {
    const once = () => {
      const sim = new Simulator();
      const a = sim.addInterruptSource(1);
      const b = sim.addInterruptSource(1);
      const log: unknown[] = [];
      for (let t = 10; t <= 100; t += 10) {
        log.push(sim.runUntil(t));
        if (t % 20 === 0) a.set(!a.level);
        if (t % 30 === 0) b.set(!b.level);
      }
      log.push(sim.runUntil(200));
      sim.dispose();
      return log;
    };
    expect(once()).toEqual(once());
  });

  it('coded errors: bad line, non-boolean level, disposed simulator', () => {
    const sim = new Simulator({ interruptLines: 4 });
    expect(() => sim.addInterruptSource(4)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => sim.addInterruptSource(-1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    const src = sim.addInterruptSource(3);
    expect(() => src.set(1 as unknown as boolean)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    sim.dispose();
    expect(() => src.raise()).toThrow(expect.objectContaining({ code: 'ERR_SIMULATOR_DISPOSED' }));
    expect(() => src.level).toThrow(expect.objectContaining({ code: 'ERR_SIMULATOR_DISPOSED' }));
    expect(() => sim.addInterruptSource(0)).toThrow(expect.objectContaining({ code: 'ERR_SIMULATOR_DISPOSED' }));
  });
});
