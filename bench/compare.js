// Paired benchmark comparison: node bench/compare.js <other checkout> [bench name filter...]
// Runs every bench/*.bench.js of this checkout and of the other one (e.g. a worktree of main, built) alternately,
// BENCH_RUNS times each [5], each run in a fresh process, and prints per row: the median of each side and the ratio
// this / other of the medians (for rows whose metric is "higher is better" per its target, > 1 means this checkout is
// faster). Alternating runs in one session keep the shared VM's drift out of the ratio as far as it can be.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [other, ...only] = process.argv.slice(2);
if (!other) {
  console.error('usage: node bench/compare.js <other checkout> [filter...]');
  process.exit(2);
}
const otherBench = join(resolve(other), 'bench');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const files = readdirSync(here).filter((f) => f.endsWith('.bench.js') && (only.length === 0 || only.some((o) => f.includes(o)))).sort();
const run = (dir, file) => {
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, file)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_RESULT '));
  return line ? JSON.parse(line.slice('BENCH_RESULT '.length)) : null;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [];
for (const file of files) {
  const mine = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`${file} ${i + 1}/${RUNS}\n`);
    const a = i % 2 === 0 ? run(here, file) : null;
    const b = run(otherBench, file);
    const c = i % 2 === 1 ? run(here, file) : a;
    if (c) mine.push(c);
    if (b) theirs.push(b);
  }
  if (!mine.length || !theirs.length) {
    rows.push({ bench: file, metric: 'not run on both sides' });
    continue;
  }
  mine[0].forEach((row, k) => {
    if (typeof row.value !== 'number') return;
    const key = (r) => r.bench + '|' + r.metric;
    const a = median(mine.map((r) => r.find((x) => key(x) === key(row))?.value).filter((v) => typeof v === 'number'));
    const bVals = theirs.map((r) => r.find((x) => key(x) === key(row))?.value).filter((v) => typeof v === 'number');
    if (!bVals.length) return;
    const b = median(bVals);
    rows.push({ bench: row.bench, metric: row.metric, unit: row.unit, mine: a, other: b, ratio: a / b, target: row.target ? `${row.target.op} ${row.target.value}` : '' });
  });
}
const fmt = (v) => (typeof v !== 'number' ? '' : Math.abs(v) >= 1e6 ? (v / 1e6).toFixed(2) + ' M' : Math.abs(v) >= 1e3 ? (v / 1e3).toFixed(1) + ' k' : v.toFixed(3));
console.log(['bench', 'metric', 'this (median)', 'other (median)', 'this / other', 'unit'].join(' | '));
for (const r of rows) console.log([r.bench, r.metric, fmt(r.mine), fmt(r.other), r.ratio ? r.ratio.toFixed(3) : '', r.unit ?? ''].join(' | '));
