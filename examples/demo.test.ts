// The demo (`npm start` = `kmdf-dma-sim demo`): each example's runDemo() report, and the built CLI printing it.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { formatDemoReport } from 'kmdf-dma-sim/demo-report';
import { runDemo as uartDemo } from './uart/demo.js';

describe('demo', () => {
  it('uart: 8 KiB moved full duplex, the write done at t0 + 1,365,473 (timing.test.ts), no underrun or overrun', () => {
    const r = uartDemo();
    expect(r.bytesWritten + r.bytesRead).toBe(8192);
    expect(r.endCycle - r.startCycle).toBeGreaterThanOrEqual(1_365_473);
    expect(r.fragmentLatencies).toHaveLength(8);
    expect(r.fifos.map((f) => f.underruns + f.overruns)).toEqual([0, 0]);
    const table = formatDemoReport(r);
    expect(table).toContain('every byte arrived intact');
    expect(table).toMatch(/interrupts \/ DPCs\s+9 \/ 9/);
  });

  it('the built CLI prints the uart table by default', () => {
    const out = spawnSync(process.execPath, ['bin/kmdf-dma-sim.js', 'demo'], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('kmdf-dma-sim demo uart');
    expect(out.stdout).toMatch(/bytes moved\s+8,192/);
  });

  it('the built CLI prints the spi and audio-ring tables', () => {
    const spi = spawnSync(process.execPath, ['bin/kmdf-dma-sim.js', 'demo', 'spi'], { encoding: 'utf8' });
    expect(spi.status).toBe(0);
    expect(spi.stdout).toContain('kmdf-dma-sim demo spi');
    expect(spi.stdout).toMatch(/bytes moved\s+8,192/);
    expect(spi.stdout).toContain('every byte arrived intact');
    const ring = spawnSync(process.execPath, ['bin/kmdf-dma-sim.js', 'demo', 'audio-ring'], { encoding: 'utf8' });
    expect(ring.status).toBe(0);
    expect(ring.stdout).toContain('kmdf-dma-sim demo audio-ring');
    expect(ring.stdout).toContain('every period arrived intact');
    expect(ring.stdout).toMatch(/ring overruns\s+0/);
  });

  it('an unknown example is refused with exit code 2', () => {
    const out = spawnSync(process.execPath, ['bin/kmdf-dma-sim.js', 'demo', 'nope'], { encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("unknown example 'nope'");
  });
});
