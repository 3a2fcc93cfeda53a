// Fragment round trips per host second through the whole system-DMA path (issue 4 "Speed"): 1 MiB writes in 4 KiB
// fragments through a KMDF-style driver — EvtIoWrite → InitializeUsingRequest → Execute → EvtProgramDma → MapTransferEx
// programs the controller → terminal count → controller interrupt → HAL ISR → DPC → completion routine →
// EvtDmaTransactionDmaTransferComplete → WdfDmaTransactionDmaCompleted (stages the next fragment) … → Release →
// WdfRequestCompleteWithInformation. Target >= 200,000 fragment round trips per host second.
// Two devices: a TX FIFO port draining one 64-bit element per cycle (demand mode, the realistic case; the engine
// simulates every element), and a memory-mapped sink register (no demand mode: the same software path, far fewer
// engine events, so it shows what the framework + HAL path costs per fragment). 64-bit beats, 16-beat bursts.
// Shared by fragments.bench.js (TX FIFO port) and fragments-sink.bench.js (memory-mapped sink), each run in its own
// process by bench/run.js. ROUNDS (env) sets the measured 1 MiB writes [400], after WARMUP [20] warm-up ones so the
// target figure is the steady state: V8 tiers the framework code up over the first few thousand fragments, and the
// first 5 MiB (cold: a short test file's whole life) are reported on their own row.
export async function runFragmentsBench({ sink }) {
const SINK = sink;
// The package root as a user imports it (package.json "exports": the bundle in dist/bundle/), by self-reference.
const root = await import('kmdf-dma-sim');
const pick = async (name, path) => root[name] ?? (await import(path))[name];
const hal = root.Out ? root : await import('kmdf-dma-sim/hal');
const W = root.WdfDmaTransactionExecute ? root : await import('kmdf-dma-sim/kmdf');
const TestHost = await pick('TestHost', 'kmdf-dma-sim/host');
const { Out, MmMapIoSpaceEx, WRITE_REGISTER_ULONG, PAGE_READWRITE, PAGE_NOCACHE } = hal;

const MiB = 1 << 20;
const FRAGMENT = 4096;
const REG = 0x4000_0000;
const TX = 0x4000_1000;

// ---- device model: a TX FIFO with a DMA-enable register ----
const model = {
  attach(kernel) {
    if (SINK) {
      kernel.sim.addMemory({ base: TX, size: 0x1000, name: 'sink register' });
      kernel.registers.map(REG, 0x1000, { read: () => 0, write: () => {} }, 'bench registers');
      return;
    }
    this.tx = kernel.sim.addFifoPort({ address: TX, direction: 'tx', elementWidth: 8, depth: 64, rate: 1, requestLine: 4, watermark: 16, txCaptureLimit: 0 });
    kernel.registers.map(REG, 0x1000, { read: () => 0, write: (_o, _w, v) => this.tx.setDmaEnable((v & 2) !== 0) }, 'bench registers');
  },
};

// ---- driver (PLX9x5x shape) ----
const ctx = { regs: 0, enabler: null, txn: null };
const EvtProgramDma = () => {
  WRITE_REGISTER_ULONG(ctx.regs, 2);
  return true;
};
let fragments = 0;
const EvtTransferComplete = (txn) => {
  fragments++;
  const status = new Out(0);
  if (!W.WdfDmaTransactionDmaCompleted(txn, status)) return;
  WRITE_REGISTER_ULONG(ctx.regs, 0);
  const request = W.WdfDmaTransactionGetRequest(txn);
  const bytes = W.WdfDmaTransactionGetBytesTransferred(txn);
  W.WdfDmaTransactionRelease(txn);
  W.WdfRequestCompleteWithInformation(request, status.value, bytes);
};
const EvtIoWrite = (_queue, request) => {
  const status = W.WdfDmaTransactionInitializeUsingRequest(ctx.txn, request, EvtProgramDma, W.WdfDmaDirectionWriteToDevice);
  if (!W.NT_SUCCESS(status) || !W.NT_SUCCESS(W.WdfDmaTransactionExecute(ctx.txn, null))) W.WdfRequestComplete(request, status);
};
const EvtDevicePrepareHardware = (device, _raw, translated) => {
  let dma = null;
  for (let i = 0; i < W.WdfCmResourceListGetCount(translated); i++) {
    const d = W.WdfCmResourceListGetDescriptor(translated, i);
    if (d.Type === W.CmResourceTypeMemory) ctx.regs = MmMapIoSpaceEx(d.u.Memory.Start, d.u.Memory.Length, PAGE_READWRITE | PAGE_NOCACHE);
    if (d.Type === W.CmResourceTypeDma) dma = d;
  }
  const config = {};
  W.WDF_DMA_ENABLER_CONFIG_INIT(config, W.WdfDmaProfileSystem, FRAGMENT);
  const enabler = new Out(null);
  let status = W.WdfDmaEnablerCreate(device, config, null, enabler);
  if (!W.NT_SUCCESS(status)) return status;
  const profile = {};
  W.WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT(profile, TX, W.Width64Bits, dma);
  profile.DemandMode = !SINK;
  status = W.WdfDmaEnablerConfigureSystemProfile(enabler.value, profile, W.WdfDmaDirectionWriteToDevice);
  if (!W.NT_SUCCESS(status)) return status;
  const txn = new Out(null);
  status = W.WdfDmaTransactionCreate(enabler.value, null, txn);
  ctx.txn = txn.value;
  W.WdfDmaTransactionSetTransferCompleteCallback(ctx.txn, EvtTransferComplete, null);
  return status;
};
const EvtDeviceAdd = (_driver, deviceInit) => {
  const pnp = {};
  W.WDF_PNPPOWER_EVENT_CALLBACKS_INIT(pnp);
  pnp.EvtDevicePrepareHardware = EvtDevicePrepareHardware;
  W.WdfDeviceInitSetPnpPowerEventCallbacks(deviceInit, pnp);
  W.WdfDeviceInitSetIoType(deviceInit, W.WdfDeviceIoDirect);
  const device = new Out(null);
  const status = W.WdfDeviceCreate(deviceInit, null, device);
  if (!W.NT_SUCCESS(status)) return status;
  const queue = {};
  W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(queue, W.WdfIoQueueDispatchSequential);
  queue.EvtIoWrite = EvtIoWrite;
  return W.WdfIoQueueCreate(device.value, queue, null, null);
};
const DriverEntry = (driverObject, registryPath) => {
  const config = {};
  W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
  return W.WdfDriverCreate(driverObject, registryPath, null, config, null);
};

// ---- the run ----
const host = new TestHost({ sim: { timing: { burstLength: 16, fifoDepth: 16 } }, memory: { size: 8 * MiB } });
const driver = host.loadDriver(DriverEntry, { name: 'bench' });
const device = host.addDevice(driver, { memory: [{ start: REG, length: 0x1000 }], dma: [{ channel: 0, requestLine: 4 }], model });
device.startOrThrow();
const file = device.open();
const data = new Uint8Array(MiB).fill(0x3c);

function writeOneMiB() {
  const r = host.runUntilComplete(file.write(data));
  if (r.status !== 0 || r.information !== MiB) throw new Error(`write failed: status 0x${r.status.toString(16)}, ${r.information} bytes`);
}

const WARMUP = Math.max(5, Number(process.env.WARMUP ?? 20));
// The cold figure as a rate (wall time) and as the CPU time this process spent on it (all its threads: V8's
// concurrent compilers and GC helpers too); the second holds up better when the shared VM is overcommitted.
const cpu0 = process.cpuUsage();
const tc = process.hrtime.bigint();
for (let i = 0; i < 5; i++) writeOneMiB();
const coldFragments = fragments;
const coldSeconds = Number(process.hrtime.bigint() - tc) / 1e9;
const coldCpu = process.cpuUsage(cpu0);
const coldCpuMs = (coldCpu.user + coldCpu.system) / 1000;
for (let i = 5; i < WARMUP; i++) writeOneMiB();
const ROUNDS = Number(process.env.ROUNDS ?? 400);
fragments = 0;
const cycles0 = host.cycle;
const t0 = process.hrtime.bigint();
for (let i = 0; i < ROUNDS; i++) writeOneMiB();
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const perSecond = fragments / seconds;
const simCyclesPerFragment = (host.cycle - cycles0) / fragments;
if (fragments !== ROUNDS * (MiB / FRAGMENT)) throw new Error(`expected ${ROUNDS * 256} fragments, saw ${fragments}`);

const device_ = SINK ? 'memory-mapped sink' : 'TX FIFO port';
console.log(`[${device_}] fragment round trips: ${Math.round(perSecond)} per host second`);
console.log(`host time per fragment: ${((seconds / fragments) * 1e6).toFixed(2)} us`);
console.log(`simulated cycles per fragment: ${simCyclesPerFragment.toFixed(1)} cycles`);
console.log('BENCH_RESULT ' + JSON.stringify([
  { bench: `fragments (${device_})`, metric: '1 MiB write, 4 KiB fragments: round trips', value: perSecond, unit: '/host s', target: { op: '>=', value: 200_000 } },
  { bench: `fragments (${device_})`, metric: 'host time per fragment', value: (seconds / fragments) * 1e6, unit: 'us' },
  { bench: `fragments (${device_})`, metric: 'cold: first 5 MiB after start, round trips', value: coldFragments / coldSeconds, unit: '/host s' },
  { bench: `fragments (${device_})`, metric: 'cold: first 5 MiB after start, process CPU time', value: coldCpuMs, unit: 'ms' },
  { bench: `fragments (${device_})`, metric: 'simulated cycles per fragment', value: simCyclesPerFragment, unit: 'cycles' },
]));
}
