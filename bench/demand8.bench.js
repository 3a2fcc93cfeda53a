// 8 channels in demand mode fed by 8 device ports at different rates (issue 3 "Speed"):
//  - busy: ports fast enough to keep the bus ~70 % loaded, 10^8 cycles, every record decoded into a SimEvent and
//    delivered to JS (the full path through lib/sim). The "events per host second, target >= 20 M" counts
//    simulated hardware events: every FIFO element a device moves (sim.stats.deviceElements), every DMA bus beat
//    (dmaBeats: read and write beats of a soc burst are two bus transactions at two cycles) and every event record
//    the engine reports (records: request-line edges, interrupt edges, channel states, notifications, ...). Each is
//    one discrete event at its own cycle of the model; the count is a property of the simulated scenario, not of
//    the engine's implementation (the fast-path equivalence test asserts it is identical with every fast path off),
//    so an engine that batches work is not penalised and one that does more work per event is not rewarded.
//    Also shown, without a target: records per host second, and engine activities (calendar entries dispatched
//    plus FIFO beats done inline, sim.stats.activities: the engine's own work, which fast paths reduce).
//  - mostly idle: the same 8 channels fed by UART-speed ports (115,200 baud at 100 MHz = 78125/9 cycles per
//    character, and slower), 10^8 cycles = 1 simulated second at clockHz 100 MHz: host milliseconds per simulated s.
// Every channel loops over a 4 KiB buffer (auto-initialize), so the run never ends; each wrap raises a completion
// interrupt, which the loop answers like an ISR would (handleInterrupt until none remain).
import { Simulator } from '../dist/index.js';

const CYCLES = 1e8;

function build(rates) {
  const sim = new Simulator({ eventBufferRecords: 16384 });
  sim.addMemory({ base: 0, size: 1 << 20 });
  rates.forEach((rate, i) => {
    const rx = i % 2 === 0;
    const port = sim.addFifoPort({ address: 0x100000 + i * 0x10, direction: rx ? 'rx' : 'tx', elementWidth: 4, depth: 16,
      rate, requestLine: i, watermark: rx ? 4 : 4, dmaEnable: true });
    sim.dma.programChannel({ channel: i, requestLine: i, sg: [{ address: i * 0x1000, length: 0x1000 }], deviceAddress: port.address,
      direction: rx ? 'device-to-memory' : 'memory-to-device', width: 4, demandMode: true, loop: true });
  });
  return sim;
}

function run(sim, discardEvents) {
  let events = 0;
  let stops = 0;
  const s0 = sim.stats;
  const t0 = process.hrtime.bigint();
  for (;;) {
    const r = sim.runUntil(CYCLES, { discardEvents });
    events += r.events.length;
    if (r.stoppedBy === 'target') break;
    stops++;
    while (sim.dma.handleInterrupt() !== null);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const s1 = sim.stats;
  const activities = s1.activities - s0.activities;
  const hardwareEvents = s1.deviceElements - s0.deviceElements + (s1.dmaBeats - s0.dmaBeats) + (s1.records - s0.records);
  return { events, stops, seconds, activities, hardwareEvents };
}

const rows = [];
const busyRates = [16, 20, 24, 28, 32, 40, 48, 64];
{
  const sim = build(busyRates);
  const r = run(sim, false);
  const st = sim.ports.map((p) => p.status);
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'hardware events simulated (elements + beats + records)', value: r.hardwareEvents, unit: 'events' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'records (SimEvents) delivered to JS', value: r.events, unit: 'records' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'engine activities', value: r.activities, unit: 'activities' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'interrupt stops', value: r.stops, unit: 'stops' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'hardware events / host s (records delivered to JS)', value: r.hardwareEvents / r.seconds, unit: 'events/s', target: { op: '>=', value: 20e6 } });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'records delivered to JS / host s', value: r.events / r.seconds, unit: 'records/s' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'engine activities / host s', value: r.activities / r.seconds, unit: 'activities/s' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'simulated cycles / host s', value: CYCLES / r.seconds, unit: 'cycles/s' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'port overruns + underruns (sanity: 0)', value: st.reduce((s, p) => s + p.overruns + p.underruns + p.dmaOverflows + p.dmaUnderflows, 0), unit: 'count' });
  sim.dispose();
}
{
  const sim = build(busyRates);
  const r = run(sim, true);
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'same, records discarded in the engine: cycles / host s', value: CYCLES / r.seconds, unit: 'cycles/s' });
  rows.push({ bench: 'demand8 busy 1e8 cycles', metric: 'same, records discarded: hardware events / host s', value: r.hardwareEvents / r.seconds, unit: 'events/s' });
  sim.dispose();
}
{
  const uart = (100e6 * 10) / 115200;
  const sim = build([uart, uart * 2, uart * 4, uart * 8, uart * 12, uart * 16, uart * 24, uart * 48]);
  const r = run(sim, false);
  const simulatedSeconds = CYCLES / sim.clockHz;
  rows.push({ bench: 'demand8 idle (UART rates)', metric: 'events delivered to JS', value: r.events, unit: 'events' });
  rows.push({ bench: 'demand8 idle (UART rates)', metric: 'host time per simulated second', value: (r.seconds / simulatedSeconds) * 1000, unit: 'ms' });
  sim.dispose();
}
console.log('BENCH_RESULT ' + JSON.stringify(rows));
