// System-DMA behaviour beyond the §E list: duplex running both directions at once, queueing per adapter with several
// waiters, looped transfers with repeated transfer-complete calls, a simplex enabler queried with the other direction,
// callbacks that survive Release (source) and the F.1 switch, the request path through the PLX-style driver.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import * as W from '../../lib/kmdf/index.js';
import { TestHost } from '../../lib/host/index.js';
import { Harness } from './fixtures/harness.js';
import { LoopbackDevice } from './fixtures/loopback-device.js';
import { createLoopbackDriver, type LoopbackDriverOptions } from './fixtures/loopback-driver.js';

const { WdfDmaDirectionWriteToDevice: WRITE, WdfDmaDirectionReadFromDevice: READ } = W;

function loopback(driverOptions: LoopbackDriverOptions = {}, deviceOptions = {}) {
  const host = new TestHost();
  const model = new LoopbackDevice(deviceOptions);
  const fixture = createLoopbackDriver(host.kernel, driverOptions);
  const driver = host.loadDriver(fixture.DriverEntry, { name: 'loopback' });
  const device = host.addDevice(driver, {
    memory: [{ start: model.regBase, length: 0x1000 }],
    dma: [{ channel: 0, requestLine: model.txLine }, { channel: 1, requestLine: model.rxLine }],
    model,
  });
  device.startOrThrow();
  return { host, model, fixture, driver, device, file: device.open() };
}

describe('system DMA through the framework', () => {
  it('SystemDuplex: a read and a write run at the same time on their own channels', () => {
    const { host, file, fixture } = loopback({ duplex: true, dispatch: 'parallel' }, { rate: 4 });
    const w = file.write(new Uint8Array(4096).fill(0xa5));
    const r = file.read(4096);
    const [wr, rr] = host.runUntilAllComplete([w, r]);
    expect(wr!.status).toBe(W.STATUS_SUCCESS);
    expect(rr!.status).toBe(W.STATUS_SUCCESS);
    expect(rr!.information).toBe(4096);
    // Both EvtProgramDma calls happened before either transfer completed: they overlapped.
    const programs = fixture.log.filter((e) => e.event === 'EvtProgramDma');
    const firstComplete = fixture.log.find((e) => e.event === 'RequestComplete')!;
    expect(programs.slice(0, 2).map((e) => (e.detail as { direction: number }).direction).sort()).toEqual([READ, WRITE]);
    expect(programs[1]!.cycle).toBeLessThan(firstComplete.cycle);
    // Together they take much less than one after the other.
    const single = loopback({ duplex: true }, { rate: 4 });
    const only = single.host.runUntilComplete(single.file.write(new Uint8Array(4096)));
    expect(Math.max(wr!.completionCycle, rr!.completionCycle)).toBeLessThan(2 * only.completionCycle);
  });

  it('one transaction per adapter: three Executes on one direction run one after the other, in order', () => {
    const h = new Harness({ device: { rate: 20 } });
    const ts = [h.transaction(), h.transaction(), h.transaction()];
    ts.forEach((t, i) => {
      const buf = h.buffer(256);
      h.call(() => {
        W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
        W.WdfDmaTransactionInitialize(t, h.programDma, WRITE, buf.mdl, buf.va, 256);
        expect(W.WdfDmaTransactionExecute(t, i)).toBe(W.STATUS_SUCCESS);
      });
    });
    h.runUntilEvent('TransferComplete', 3);
    const seq = h.log.filter((e) => e.event === 'EvtProgramDma' || e.event === 'TransferComplete:enter');
    expect(seq.map((e) => e.event)).toEqual(['EvtProgramDma', 'TransferComplete:enter', 'EvtProgramDma', 'TransferComplete:enter', 'EvtProgramDma', 'TransferComplete:enter']);
    expect(seq.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { context: number }).context)).toEqual([0, 1, 2]);
  });

  it('a looped transfer calls the transfer-complete callback repeatedly until Stop → DmaCancelled → DmaCompletedFinal', () => {
    const h = new Harness({ looped: true, device: { rate: 8 } });
    const t = h.transaction(h.readEnabler);
    const buf = h.buffer(1024);
    const statuses: number[] = [];
    let stopped = false;
    h.call(() => {
      W.WdfDmaTransactionSetTransferCompleteCallback(t, (txn, _d, _c, _dir, status) => {
        statuses.push(status);
        if (stopped) {
          // The stop's completion: DmaCancelled, or DmaComplete if a notification raced it (B.4).
          const st = new Out(0);
          h.note('final', [W.WdfDmaTransactionDmaCompletedFinal(txn, 0, st), st.value]);
        } else if (statuses.length === 4) {
          stopped = true;
          W.WdfDmaTransactionStopSystemTransfer(txn);
        }
      }, null);
      W.WdfDmaTransactionInitialize(t, h.programDma, READ, buf.mdl, buf.va, 1024);
      W.WdfDmaTransactionExecute(t, null);
    });
    h.runUntilEvent('final');
    expect(statuses.slice(0, 4)).toEqual([W.DmaComplete, W.DmaComplete, W.DmaComplete, W.DmaComplete]);
    expect(statuses).toHaveLength(5);
    expect([W.DmaCancelled, W.DmaComplete]).toContain(statuses[4]);
    expect(h.log.at(-1)!.detail).toEqual([true, W.STATUS_SUCCESS]);
    expect(h.log.filter((e) => e.event === 'EvtProgramDma')).toHaveLength(1); // one mapped transfer
  });

  it('a simplex enabler configured for one direction serves the other direction too', () => {
    // Real drivers configure e.g. their RX enabler with ConfigDirection WriteToDevice: the direction is ignored.
    for (const [configured, used] of [[WRITE, READ], [READ, WRITE]] as const) {
      const h = new Harness({ configure: false });
      const enabler = used === READ ? h.readEnabler : h.writeEnabler;
      h.call(() => expect(W.WdfDmaEnablerConfigureSystemProfile(enabler, h.profileConfig(used), configured)).toBe(W.STATUS_SUCCESS));
      h.call(() => {
        expect(W.WdfDmaEnablerWdmGetDmaAdapter(enabler, used)).toBe(W.WdfDmaEnablerWdmGetDmaAdapter(enabler, configured));
        expect(W.WdfDmaEnablerWdmGetDmaAdapter(enabler, used)).not.toBeNull();
        expect(W.WdfDmaEnablerGetFragmentLength(enabler, used)).toBe(4096);
        expect(W.WdfDmaEnablerGetMaximumLength(enabler)).toBe(4096);
      });
      const t = h.transaction(enabler);
      const buf = h.buffer(256);
      h.call(() => {
        W.WdfDmaTransactionSetTransferCompleteCallback(t, h.completeWithDmaCompleted, null);
        expect(W.WdfDmaTransactionInitialize(t, h.programDma, used, buf.mdl, buf.va, 256)).toBe(0);
        W.WdfDmaTransactionExecute(t, null);
      });
      h.runUntilEvent('TransferComplete');
      expect(h.log.at(-1)!.detail).toMatchObject({ done: true, result: W.STATUS_SUCCESS });
    }
  });

  it('callbacks registered once before the first Initialize still fire after Release and re-Initialize (source)', () => {
    const { host, file, fixture } = loopback({ completeCallbackOnce: true });
    for (let i = 0; i < 3; i++) {
      const r = host.runUntilComplete(file.write(new Uint8Array(300).fill(i)));
      expect(r.status).toBe(W.STATUS_SUCCESS);
      expect(r.information).toBe(300);
    }
    expect(fixture.log.filter((e) => e.event === 'EvtDmaTransactionDmaTransferComplete')).toHaveLength(3);
  });

  it('F.1 switch: with releaseClearsCallbacks, Release clears the transfer-complete callback (the docs)', () => {
    const h = new Harness({ framework: { docs: { releaseClearsCallbacks: true } } });
    const h0 = new Harness();
    for (const [harness, expected] of [[h, 1], [h0, 2]] as const) {
      const t = harness.transaction();
      harness.call(() => W.WdfDmaTransactionSetTransferCompleteCallback(t, harness.completeWithDmaCompleted, null));
      for (let i = 0; i < 2; i++) {
        const buf = harness.buffer(256);
        harness.call(() => {
          W.WdfDmaTransactionInitialize(t, harness.programDma, WRITE, buf.mdl, buf.va, 256);
          W.WdfDmaTransactionExecute(t, null);
        });
        harness.host.runFor(20_000);
        if (i === 0) harness.call(() => W.WdfDmaTransactionRelease(t));
      }
      expect(harness.log.filter((e) => e.event === 'TransferComplete')).toHaveLength(expected);
    }
  });

  it('SetMaximumLength through the PLX-style driver splits a request into fragments and the data arrives whole', () => {
    const { host, file, model, fixture } = loopback({ transactionMaximumLength: 1000 });
    const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 13) & 0xff);
    const r = host.runUntilComplete(file.write(data));
    expect(r.information).toBe(5000);
    expect(fixture.log.filter((e) => e.event === 'EvtProgramDma').map((e) => (e.detail as { length: number }).length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    expect(Array.from(model.tx.readTx())).toEqual(Array.from(data));
  });
});
