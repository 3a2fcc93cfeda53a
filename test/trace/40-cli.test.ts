// `kmdf-dma-sim demo <name> --vcd FILE --trace FILE --timeline FILE` (the built CLI, as a user runs it): the three
// files are written and well formed, --json prints the table as JSON, --help exists for every command and option,
// and bad input is refused before anything runs — unknown options and commands named with what is accepted, unknown
// groups or triggers, a cap of 0, a path that cannot be written — each a coded error naming the option (exit 2).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateTraceEvents } from 'kmdf-dma-sim/trace';
import { Progress } from '../../lib/cli/progress.js';
import { CHROMIUM_ARGS, itWithTools } from './_tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kmdf-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/kmdf-dma-sim.js', ...args], { encoding: 'utf8' });

describe('kmdf-dma-sim demo with trace files', () => {
  it('writes the VCD, the trace-event JSON and the timeline of the uart demo', () => {
    const [vcd, json, html] = ['u.vcd', 'u.json', 'u.html'].map((f) => join(dir, f));
    const r = cli('demo', 'uart', '--vcd', vcd!, '--trace', json!, '--timeline', html!);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('every byte arrived intact');
    expect(r.stdout).toContain(`trace files: ${vcd}, ${json}, ${html}`);
    expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(readFileSync(vcd!, 'utf8')).toMatch(/^\$date[\s\S]*\$scope module uart_demo \$end[\s\S]*\n$/);
    expect(validateTraceEvents(JSON.parse(readFileSync(json!, 'utf8')))).toEqual([]);
    expect(readFileSync(html!, 'utf8')).toContain('>DMA ch0</div>');
  });

  itWithTools(['vcd2fst', 'sigrok-cli', 'chromium'], "the done-when files: GTKWave's vcd2fst, sigrok-cli and headless chromium accept what the CLI wrote", async () => {
    const [vcd, json, html] = ['d.vcd', 'd.json', 'd.html'].map((f) => join(dir, f));
    const r = cli('demo', 'uart', '--vcd', vcd!, '--trace', json!, '--timeline', html!);
    expect(r.status, r.stderr).toBe(0);
    const fst = spawnSync('vcd2fst', [vcd!, join(dir, 'd.fst')], { encoding: 'utf8' });
    expect(fst.status, fst.stderr).toBe(0);
    const show = spawnSync('sigrok-cli', ['-I', 'vcd', '-i', vcd!, '--show'], { encoding: 'utf8' });
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^- request_drq4: logic$/m);
    const samples = spawnSync('sigrok-cli', ['-I', 'vcd', '-i', vcd!, '-O', 'vcd', '-o', join(dir, 'd-sigrok.vcd')], { encoding: 'utf8' });
    expect(samples.status, samples.stderr).toBe(0);
    expect(validateTraceEvents(JSON.parse(readFileSync(json!, 'utf8')))).toEqual([]);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launchPersistentContext(mkdtempSync(join(dir, 'chromium-')), {
      executablePath: process.env.KMDF_DMA_SIM_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`file://${html}`);
      expect(await page.locator('text=DMA ch0').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('--json prints the summary table as JSON; --trace-cap cuts and says so', () => {
    const r = cli('demo', 'spi', '--json', '--trace', join(dir, 's.json'), '--trace-cap', '64');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { report: { example: string }; rows: Record<string, string>; traceCut: boolean; traceCutCycle: number };
    expect(out.report.example).toBe('spi');
    expect(out.rows['bytes moved']).toMatch(/^8,192/);
    expect(out.traceCut).toBe(true);
    expect(out.traceCutCycle).toBeGreaterThan(0);
    const file = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(file.otherData.machines[0].cut).toBe(true);
    expect(file.traceEvents.some((e: { name: string }) => e.name.startsWith('trace cut by its cap'))).toBe(true);
  });

  it('--help for every command and option', () => {
    const top = cli('--help');
    expect(top.status).toBe(0);
    expect(top.stdout).toMatch(/demo \[options\] \[example\]/);
    expect(top.stdout).toContain('selfcheck');
    const d = cli('demo', '--help');
    for (const o of ['--json', '--vcd <file>', '--vcd-buses <how>', '--trace <file>', '--timeline <file>', '--trace-groups <list>', '--trace-start <when>', '--trace-ring <cycles>', '--trace-cap <records>']) {
      expect(d.stdout).toContain(o);
    }
    expect(cli('help', 'demo').stdout).toContain('--timeline <file>');
  });

  it('refuses bad input before running, naming the option and what is accepted', () => {
    const unknown = cli('demo', '--vdc', 'x.vcd');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--vdc'");
    expect(unknown.stderr).toContain('--vcd');
    const cmd = cli('dmeo');
    expect(cmd.status).toBe(2);
    expect(cmd.stderr).toContain("unknown command 'dmeo'");
    const group = cli('demo', '--vcd', join(dir, 'g.vcd'), '--trace-groups', 'bus,nope');
    expect(group.status).toBe(2);
    expect(group.stderr).toMatch(/--trace-groups: "trace\.groups\[1\]" must be one of .*'isr'.*received 'nope' \[ERR_INVALID_ARGUMENT\]/);
    const trig = cli('demo', '--vcd', join(dir, 'g.vcd'), '--trace-start', 'EvtNope');
    expect(trig.status).toBe(2);
    expect(trig.stderr).toContain('--trace-start:');
    const cap = cli('demo', '--vcd', join(dir, 'g.vcd'), '--trace-cap', '0');
    expect(cap.status).toBe(2);
    expect(cap.stderr).toContain('--trace-cap: "trace.cap" must be an integer in [1, 67108864]; received 0 [ERR_OUT_OF_RANGE]');
    const path = cli('demo', '--timeline', join(dir, 'missing', 'u.html'));
    expect(path.status).toBe(2);
    expect(path.stderr).toMatch(/--timeline: cannot write '.*u\.html': the directory .* does not exist \[ERR_TRACE_FILE\]/);
    const buses = cli('demo', '--vcd', join(dir, 'b.vcd'), '--vcd-buses', 'hex');
    expect(buses.status).toBe(2);
    expect(buses.stderr).toContain("'--vcd-buses <how>' argument 'hex' is invalid");
    const orphan = cli('demo', '--trace-cap', '5');
    expect(orphan.status).toBe(2);
    expect(orphan.stderr).toContain('need an output file');
    expect(existsSync(join(dir, 'g.vcd'))).toBe(false);
  });
});

describe('progress bar', () => {
  const sink = (tty: boolean) => {
    const chunks: string[] = [];
    return { stream: { isTTY: tty, write: (c: string) => (chunks.push(c), true) }, chunks };
  };

  it('appears on a terminal once a run has taken a second, and never elsewhere', () => {
    let now = 0;
    const tty = sink(true);
    const p = new Progress(tty.stream, 1000, () => now);
    p.phase('simulating', 10);
    p.update(3);
    expect(tty.chunks.join('')).toBe(''); // under a second: nothing
    now = 1500;
    p.update(5);
    expect(tty.chunks.join('')).toMatch(/simulating/);
    p.done();
    const pipe = sink(false);
    const q = new Progress(pipe.stream, 0, () => 5000);
    q.phase('simulating', 10);
    q.update(5);
    q.done();
    expect(pipe.chunks).toEqual([]);
  });
});
