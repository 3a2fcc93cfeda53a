// What a full trace costs on the uart demo (issue 10: at most 2x its run): the demo (4 KiB written and 4 KiB read at
// 3 Mbaud through the whole KMDF path) run untraced and traced alternately in one process, ROUNDS times [12] after
// WARMUP [3] warm-up pairs; "traced" records every hardware signal and every software event from the machine's
// construction and reads the trace back (host.trace.stop(): the canonical per-signal histories). The writers' own
// time (VCD, trace-event JSON, HTML) is reported on separate rows. Medians of the rounds; ratios traced / untraced.
const { onHostCreated } = await import('kmdf-dma-sim/host');
const { Trace } = await import('kmdf-dma-sim/trace');
const { runDemo } = await import('../dist/examples/uart/demo.js');

const ROUNDS = Number(process.env.ROUNDS ?? 12);
const WARMUP = Number(process.env.WARMUP ?? 3);
let traced = false;
let last = null;
onHostCreated((host) => {
  if (!traced) return;
  last = host;
  host.trace.start();
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const plain = [];
const full = [];
const write = { vcd: [], json: [], html: [] };
let records = 0;
for (let i = 0; i < WARMUP + ROUNDS; i++) {
  globalThis.gc?.();
  traced = false;
  let t0 = performance.now();
  runDemo();
  const p = performance.now() - t0;
  globalThis.gc?.();
  traced = true;
  t0 = performance.now();
  runDemo();
  const data = last.trace.stop();
  const f = performance.now() - t0;
  const trace = new Trace(data);
  t0 = performance.now();
  trace.toVcd();
  const v = performance.now() - t0;
  t0 = performance.now();
  trace.toTraceEventsJson();
  const j = performance.now() - t0;
  t0 = performance.now();
  trace.toHtml();
  const h = performance.now() - t0;
  if (i >= WARMUP) {
    plain.push(p);
    full.push(f);
    write.vcd.push(v);
    write.json.push(j);
    write.html.push(h);
    records = data.hardware.records;
  }
}
const base = median(plain);
const rows = [
  { bench: 'trace uart demo', metric: 'demo run, untraced', value: base, unit: 'ms' },
  { bench: 'trace uart demo', metric: 'demo run, full trace recorded and read back', value: median(full), unit: 'ms' },
  { bench: 'trace uart demo', metric: 'full trace / untraced', value: median(full) / base, unit: 'x', target: { op: '<=', value: 2 } },
  { bench: 'trace uart demo', metric: 'hardware records written', value: records, unit: 'records' },
  { bench: 'trace uart demo', metric: 'writing the VCD', value: median(write.vcd), unit: 'ms' },
  { bench: 'trace uart demo', metric: 'writing the trace-event JSON', value: median(write.json), unit: 'ms' },
  { bench: 'trace uart demo', metric: 'writing the timeline page', value: median(write.html), unit: 'ms' },
];
console.log('BENCH_RESULT ' + JSON.stringify(rows));
