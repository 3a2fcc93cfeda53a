// The trace files in the tools people open them with (installed by scripts/ci/trace-tools.sh; skipped with a reason
// where missing, failing under KMDF_DMA_SIM_REQUIRE_TOOLS=1): GTKWave's vcd2fst then fst2vcd round-trip the VCD
// with every signal (same scopes, names, widths) and every value change; sigrok-cli reads every one-bit signal of the
// sigrok flavour (its libsigrok 0.5 stops at multi-bit vectors, lib/trace/vcd.ts) with all their changes; headless
// chromium renders the timeline page (not blank; every lane's label and a known slice found by DOM query).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect } from 'vitest';
import { Trace } from 'kmdf-dma-sim/trace';
import { createUartMachine } from '../../examples/uart/machine.js';
import { CHROMIUM_ARGS, itWithTools } from './_tools.js';

const dir = mkdtempSync(join(tmpdir(), 'kmdf-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function trace(): Trace {
  const m = createUartMachine();
  m.host.trace.start();
  m.uart.receive(Uint8Array.from({ length: 64 }, (_, i) => i));
  m.host.runUntilAllComplete([m.file.write(new Uint8Array(256).fill(0x55)), m.file.read(64)]);
  return new Trace(m.host.trace.stop());
}

/** $var declarations (scope path, type, width, reference) and each identifier's value changes. */
function parseVcd(text: string): { vars: string[]; changes: Map<string, string[]>; byId: Map<string, string> } {
  const vars: string[] = [];
  const byId = new Map<string, string>();
  const scope: string[] = [];
  const changes = new Map<string, string[]>();
  const [head, body = ''] = text.split('$enddefinitions');
  for (const m of head!.matchAll(/\$(scope) \w+ (\S+) \$end|\$(upscope) \$end|\$var (\w+) (\d+) (\S+) (\S+)(?: \[[^\]]*\])? \$end/g)) {
    if (m[1]) scope.push(m[2]!);
    else if (m[3]) scope.pop();
    else {
      const key = `${scope.join('.')}.${m[7]} ${m[5]}`;
      vars.push(`${key} ${m[4] === 'wire' || m[4] === 'reg' ? 'bits' : m[4]}`);
      byId.set(m[6]!, key);
    }
  }
  // Token by token: writers differ in how many changes they put on a line (sigrok: a timestamp and its changes).
  let time = '';
  const tokens = body.split(/\s+/).filter(Boolean);
  for (let i = 1; i < tokens.length; i++) {
    const tk = tokens[i]!;
    if (tk.startsWith('$')) continue;
    if (tk.startsWith('#')) time = tk.slice(1);
    else if (/^[01xzXZ]/.test(tk)) push(tk.slice(1), `${time}:${tk[0]}`);
    else if (/^[bBrR]/.test(tk)) push(tokens[++i]!, `${time}:${parseInt(tk.slice(1), /[bB]/.test(tk[0]!) ? 2 : 10)}`);
  }
  function push(id: string, v: string) {
    const key = byId.get(id);
    if (!key) return;
    let list = changes.get(key);
    if (!list) changes.set(key, (list = []));
    // Keep only changes (a re-dump of the same value is none).
    if (list.length === 0 || list[list.length - 1]!.split(':')[1] !== v.split(':')[1]) list.push(v);
  }
  return { vars, changes, byId };
}

describe('real consumers of the trace files', () => {
  const t = trace();

  for (const buses of ['real', 'vector'] as const) {
  itWithTools(['vcd2fst', 'fst2vcd'], `GTKWave: vcd2fst then fst2vcd keeps every signal and every value change (${buses} buses${buses === 'real' ? ', the default' : ''})`, () => {
    const vcd = join(dir, `u-${buses}.vcd`);
    writeFileSync(vcd, buses === 'real' ? t.toVcd() : t.toVcd({ buses }));
    const fst = join(dir, 'u.fst');
    const a = spawnSync('vcd2fst', [vcd, fst], { encoding: 'utf8' });
    expect(a.status, a.stderr).toBe(0);
    const b = spawnSync('fst2vcd', [fst], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(b.status, b.stderr).toBe(0);
    const ours = parseVcd(readFileSync(vcd, 'utf8'));
    const back = parseVcd(b.stdout);
    expect(back.vars.sort()).toEqual(ours.vars.sort());
    expect(ours.vars.length).toBeGreaterThan(40);
    for (const [key, list] of ours.changes) expect(back.changes.get(key), key).toEqual(list);
  });
  }

  itWithTools(['sigrok-cli'], 'sigrok-cli reads every one-bit signal of the default file, with its changes', () => {
    const vcd = join(dir, 'u-sigrok.vcd');
    writeFileSync(vcd, t.toVcd());
    const show = spawnSync('sigrok-cli', ['-I', 'vcd', '-i', vcd, '--show'], { encoding: 'utf8' });
    expect(show.status, show.stderr).toBe(0);
    const ours = parseVcd(readFileSync(vcd, 'utf8'));
    const oneBit = ours.vars.filter((v) => v.endsWith(' 1 bits')).map((v) => v.split(' ')[0]!.split('.').pop()!);
    const channels = [...show.stdout.matchAll(/^- (\S+): logic$/gm)].map((m) => m[1]);
    expect(channels.sort()).toEqual(oneBit.sort());
    // Converted back to VCD by sigrok itself: the same transitions of a request line (time in 10 ns samples).
    const out = join(dir, 'sigrok.vcd');
    const conv = spawnSync('sigrok-cli', ['-I', 'vcd', '-i', vcd, '-O', 'vcd', '-o', out], { encoding: 'utf8' });
    expect(conv.status, conv.stderr).toBe(0);
    const sr = parseVcd(readFileSync(out, 'utf8'));
    const ourDrq = ours.changes.get([...ours.changes.keys()].find((k) => k.endsWith('.request_drq4 1'))!)!;
    const srDrq = sr.changes.get([...sr.changes.keys()].find((k) => k.endsWith('.request_drq4 1'))!)!;
    const start = Number(ourDrq[0]!.split(':')[0]);
    expect(srDrq.map((c) => `${Number(c.split(':')[0]) + start}:${c.split(':')[1]}`)).toEqual(ourDrq);
  });

  itWithTools(['chromium'], 'headless chromium renders the timeline: not blank, every lane labelled, a known slice', async () => {
    const { chromium } = await import('playwright-core');
    const html = join(dir, 'u.html');
    writeFileSync(html, t.toHtml());
    const profile = mkdtempSync(join(dir, 'chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.KMDF_DMA_SIM_CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 900 },
    });
    try {
      const page = await browser.newPage();
      await page.route(/^(?!file:)/, (route) => route.abort()); // the page must need nothing from a network
      await page.goto(`file://${html}`);
      await page.waitForSelector('body[data-rendered="true"]');
      const labels = await page.$$eval('.lane .label', (els) => els.map((e) => e.textContent));
      for (const l of ['DMA ch0', 'DMA ch1', 'bus', 'DRQ 4 uart0 tx', 'IRQ 0 (DMA)', 'FIFO uart0 tx', 'ISR', 'DPC', 'passive', 'callbacks', 'requests']) {
        expect(labels).toContain(l);
      }
      expect(await page.$$eval('[data-lane="callbacks"] .slice[data-name="EvtProgramDma"]', (e) => e.length)).toBeGreaterThan(0);
      expect(await page.$$eval('[data-lane="ch0"] .slice', (e) => e.length)).toBeGreaterThan(0);
      // Zoom in (the + button) and the window narrows; hover shows details.
      const before = await page.textContent('#range');
      await page.click('#zin');
      expect(await page.textContent('#range')).not.toBe(before);
      const png = await page.screenshot({ fullPage: true });
      // Not blank: the screenshot's pixels (decoded by the browser into a canvas, sampled on a grid) have many
      // distinct colours, and at least a tenth of the samples are not the background.
      const stats = await page.evaluate(async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        const seen = new Set<number>();
        let ink = 0;
        let n = 0;
        for (let y = 0; y < c.height; y += 3) for (let x = 0; x < c.width; x += 3) {
          const i = (y * c.width + x) * 4;
          const rgb = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
          seen.add(rgb);
          n++;
          if (rgb !== 0xfafafa && rgb !== 0xffffff) ink++;
        }
        return { colours: seen.size, ink: ink / n };
      }, png.toString('base64'));
      expect(stats.colours).toBeGreaterThan(20);
      expect(stats.ink).toBeGreaterThan(0.1);
    } finally {
      await browser.close();
    }
  });
});
