// kmdf-dma-sim/vitest traceOnFailure(): a failing test's machines are traced and their VCD, trace-event JSON and
// timeline written next to the test results, named in the failure message; a passing test writes nothing. Run in a
// child vitest on a fixture that fails on purpose.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'kmdf-vitest-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('traceOnFailure', () => {
  it('writes the failing test\'s trace files and names them in its failure message', () => {
    const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'test/trace/fixtures/vitest.fixture.config.ts'], {
      encoding: 'utf8',
      env: { ...process.env, KMDF_DMA_SIM_TRACE_DIR: dir, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    const out = r.stdout + r.stderr;
    expect(r.status, out).toBe(1); // the fixture fails
    expect(out).toContain('1 failed');
    expect(out).toContain('1 passed');
    expect(out).toContain('trace of this test (kmdf-dma-sim/vitest traceOnFailure)');
    const named = [...out.matchAll(/^\s+(\S+\.(vcd|json|html))$/gm)].map((m) => m[1]!);
    expect(named.map((f) => f.split('.').pop()).sort()).toEqual(['html', 'json', 'vcd']);
    const folder = readdirSync(dir);
    expect(folder).toHaveLength(1);
    const files = readdirSync(join(dir, folder[0]!)).sort();
    expect(files).toEqual(['a-256-byte-write-completes-at-a-wrong-cycle.html', 'a-256-byte-write-completes-at-a-wrong-cycle.json', 'a-256-byte-write-completes-at-a-wrong-cycle.vcd']);
    const vcd = readFileSync(join(dir, folder[0]!, files[2]!), 'utf8');
    expect(vcd).toContain('$scope module a_256_byte_write_completes_at_a_wrong_cycle $end');
    expect(JSON.parse(readFileSync(join(dir, folder[0]!, files[1]!), 'utf8')).traceEvents.length).toBeGreaterThan(50);
    for (const f of named) expect(existsSync(f) || existsSync(join(process.cwd(), f))).toBe(true);
  });
});
