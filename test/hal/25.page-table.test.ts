// The kernel's two-level page table (lib/hal/memory/page-table.ts): the same answers as a Map from virtual page to
// page frame, across chunk boundaries, with chunks dropped and made again.
import { describe, expect, it } from 'vitest';
import { PageTable } from '../../lib/hal/memory/page-table.js';

describe('PageTable', () => {
  it('answers as a Map would, for a deterministic mix of maps and unmaps across chunks', () => {
    const table = new PageTable();
    const model = new Map<number, number>();
    let x = 12345;
    const rand = (n: number) => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x % n;
    };
    const base = 0x1_0000_0000 / 4096;
    for (let step = 0; step < 20000; step++) {
      const vpn = base + rand(3000);
      if (rand(3) === 0) {
        expect(table.delete(vpn)).toBe(model.get(vpn));
        model.delete(vpn);
      } else if (!model.has(vpn)) {
        const pfn = 0x80000 + rand(1 << 20);
        table.set(vpn, pfn);
        model.set(vpn, pfn);
      }
      const probe = base + rand(3000);
      expect(table.get(probe)).toBe(model.get(probe));
    }
    for (const [vpn, pfn] of model) expect(table.get(vpn)).toBe(pfn);
  });

  it('runs (mapRun, framesRun, unmapRun) give the answers of the page-by-page calls, across chunk boundaries', () => {
    const runs = new PageTable();
    const pages = new PageTable();
    const vpn = 512 * 7 + 500; // 12 pages in one chunk, 512 in the next, 76 in the third
    const frames = Array.from({ length: 600 }, (_, i) => 0x80000 + ((i * 37) % 600));
    runs.mapRun(vpn, frames, frames.length);
    frames.forEach((f, i) => pages.set(vpn + i, f));
    const out: number[] = [];
    expect(runs.framesRun(vpn, 600, out)).toBe(600);
    expect(out).toEqual(frames);
    expect(runs.framesRun(vpn - 3, 10, [])).toBe(0); // the first page is unmapped
    expect(runs.framesRun(vpn + 595, 10, out)).toBe(5); // stops at the end of the run
    pages.delete(vpn + 20);
    runs.unmapRun(vpn + 20, 1, []);
    expect(runs.framesRun(vpn, 600, out)).toBe(20);
    const gone: (number | undefined)[] = [];
    runs.unmapRun(vpn, 600, gone);
    expect(gone).toEqual(frames.map((_, i) => pages.delete(vpn + i)));
    expect(gone[20]).toBeUndefined();
    for (let i = -2; i < 602; i++) expect(runs.get(vpn + i)).toBeUndefined();
    runs.mapRun(vpn, frames, 3); // the chunks were dropped; they are made again
    expect(runs.get(vpn + 2)).toBe(frames[2]);
    expect(runs.get(vpn + 3)).toBeUndefined();
  });

  it('an unmapped page reads undefined, also after its chunk was dropped and made again', () => {
    const table = new PageTable();
    table.set(1024, 7);
    expect(table.get(1024)).toBe(7);
    expect(table.get(1025)).toBeUndefined();
    expect(table.delete(1024)).toBe(7); // the chunk is dropped
    expect(table.get(1024)).toBeUndefined();
    expect(table.delete(1024)).toBeUndefined();
    table.set(1030, 0); // frame 0 is a frame
    expect(table.get(1030)).toBe(0);
    table.set(1031, 2 ** 40); // RAM far above 8 TiB
    expect(table.get(1031)).toBe(2 ** 40);
    expect(table.get(1024)).toBeUndefined();
  });
});
