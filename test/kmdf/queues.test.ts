// I/O queues beyond the default one: WdfDeviceConfigureRequestDispatching (per-type queues and its statuses),
// WdfRequestGetIoQueue / WdfIoQueueGetDevice, manual queues with WdfIoQueueRetrieveNextRequest, WdfRequestForwardToIoQueue
// (and every status its DDI page lists), WdfRequestUnmarkCancelable's statuses, WdfIoQueueStop / Start / Purge, and the
// completion checks of the verifier (a second completion, completing a request the framework still owns, completing
// a cancelable request).
// A driver with no hardware: the test's DeviceAdd creates the queues; callbacks record what they were given.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { TestHost, type HostDevice, type HostDriver } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';
import { catchError } from './fixtures/harness.js';

interface Presented {
  callback: string;
  queue: W.WDFQUEUE;
  request: W.WDFREQUEST;
}

interface Bench {
  host: TestHost;
  driver: HostDriver;
  devices: HostDevice[];
  presented: Presented[];
  /** Queues DeviceAdd created, by the name the test gave them (one set per device). */
  queues: Map<string, W.WDFQUEUE>[];
  call<T>(fn: () => T): T;
}

type QueueSpec = { name: string; dispatch: number; types?: number[]; default?: boolean; powerManaged?: boolean };

const IOCTL = W.CTL_CODE(W.FILE_DEVICE_UNKNOWN, 0x800, W.METHOD_BUFFERED, W.FILE_ANY_ACCESS);

function bench(specs: QueueSpec[], deviceCount = 1, start = true): Bench {
  const host = new TestHost();
  const presented: Presented[] = [];
  const queues: Map<string, W.WDFQUEUE>[] = [];
  const record = (callback: string) => (queue: W.WDFQUEUE, request: W.WDFREQUEST) => {
    presented.push({ callback, queue, request });
  };
  const EvtDeviceAdd: W.EVT_WDF_DRIVER_DEVICE_ADD = (_Driver, DeviceInit) => {
    const device = new Out<W.WDFDEVICE | null>(null);
    let status = W.WdfDeviceCreate(DeviceInit, W.WDF_NO_OBJECT_ATTRIBUTES, device);
    if (!W.NT_SUCCESS(status)) return status;
    const mine = new Map<string, W.WDFQUEUE>();
    queues.push(mine);
    for (const spec of specs) {
      const config = {} as W.WDF_IO_QUEUE_CONFIG;
      if (spec.default) W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(config, spec.dispatch);
      else W.WDF_IO_QUEUE_CONFIG_INIT(config, spec.dispatch);
      if (spec.powerManaged === false) config.PowerManaged = false;
      const r = record(spec.name);
      config.EvtIoRead = (q, req) => r(q, req);
      config.EvtIoWrite = (q, req) => r(q, req);
      config.EvtIoDeviceControl = (q, req) => r(q, req);
      const queue = new Out<W.WDFQUEUE | null>(null);
      status = W.WdfIoQueueCreate(device.value!, config, W.WDF_NO_OBJECT_ATTRIBUTES, queue);
      if (!W.NT_SUCCESS(status)) return status;
      mine.set(spec.name, queue.value!);
      for (const type of spec.types ?? []) {
        status = W.WdfDeviceConfigureRequestDispatching(device.value!, queue.value!, type);
        if (!W.NT_SUCCESS(status)) return status;
      }
    }
    return W.STATUS_SUCCESS;
  };
  const driver = host.loadDriver(function QueueDriverEntry(DriverObject, RegistryPath) {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, EvtDeviceAdd);
    return W.WdfDriverCreate(DriverObject, RegistryPath, W.WDF_NO_OBJECT_ATTRIBUTES, config, null);
  });
  const devices: HostDevice[] = [];
  for (let i = 0; i < deviceCount; i++) {
    const device = host.addDevice(driver, { name: `queue${i}` });
    expect(device.addStatus).toBe(W.STATUS_SUCCESS);
    if (start) expect(device.start()).toBe(W.STATUS_SUCCESS);
    devices.push(device);
  }
  return { host, driver, devices, presented, queues, call: (fn) => host.call(driver, fn) };
}

describe('WdfDeviceConfigureRequestDispatching', () => {
  it('reads, writes and IOCTLs reach the queue configured for their type; the rest reach the default queue', () => {
    const b = bench([
      { name: 'default', dispatch: W.WdfIoQueueDispatchParallel, default: true },
      { name: 'read', dispatch: W.WdfIoQueueDispatchSequential, types: [W.WdfRequestTypeRead] },
      { name: 'write', dispatch: W.WdfIoQueueDispatchSequential, types: [W.WdfRequestTypeWrite] },
    ]);
    const file = b.devices[0]!.open();
    file.read(8);
    file.write([1, 2, 3]);
    file.ioctl(IOCTL, [], 0);
    expect(b.presented.map((p) => p.callback)).toEqual(['read', 'write', 'default']);
    const q = b.queues[0]!;
    b.call(() => {
      for (const p of b.presented) {
        expect(W.WdfRequestGetIoQueue(p.request)).toBe(p.queue);
        expect(W.WdfIoQueueGetDevice(p.queue)).toBe(b.devices[0]!.handle);
      }
      expect(b.presented[0]!.queue).toBe(q.get('read'));
    });
  });

  it('a sequential per-type queue presents its next request only when the driver completes the first', () => {
    const b = bench([{ name: 'read', dispatch: W.WdfIoQueueDispatchSequential, types: [W.WdfRequestTypeRead] }]);
    const file = b.devices[0]!.open();
    const first = file.read(4);
    const second = file.read(4);
    expect(b.presented).toHaveLength(1);
    b.call(() => W.WdfRequestCompleteWithInformation(b.presented[0]!.request, W.STATUS_SUCCESS, 0));
    expect(first.result?.status).toBe(W.STATUS_SUCCESS);
    expect(b.presented).toHaveLength(2);
    b.call(() => W.WdfRequestComplete(b.presented[1]!.request, W.STATUS_CANCELLED));
    expect(second.result?.status).toBe(W.STATUS_CANCELLED);
  });

  it('statuses: a type already assigned → STATUS_WDF_BUSY; an invalid type or another device\'s queue → ' +
    'STATUS_INVALID_PARAMETER; WdfRequestTypeCreate is accepted (creates go to that queue)', () => {
    const b = bench([{ name: 'io', dispatch: W.WdfIoQueueDispatchParallel, types: [W.WdfRequestTypeRead] }], 2);
    const [d0, d1] = b.devices;
    const q0 = b.queues[0]!.get('io')!;
    const q1 = b.queues[1]!.get('io')!;
    b.call(() => {
      expect(W.WdfDeviceConfigureRequestDispatching(d0!.handle, q0, W.WdfRequestTypeRead)).toBe(W.STATUS_WDF_BUSY);
      expect(W.WdfDeviceConfigureRequestDispatching(d0!.handle, q0, W.IRP_MJ_CLEANUP)).toBe(W.STATUS_INVALID_PARAMETER);
      expect(W.WdfDeviceConfigureRequestDispatching(d0!.handle, q1, W.WdfRequestTypeWrite)).toBe(W.STATUS_INVALID_PARAMETER);
      expect(W.WdfDeviceConfigureRequestDispatching(d0!.handle, q0, W.WdfRequestTypeWrite)).toBe(W.STATUS_SUCCESS);
    });
    // No queue for IOCTLs and no default queue: the framework fails the request.
    expect(d1!.open().ioctl(IOCTL, [], 0).result?.status).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
    expect(d0!.open().write([1]).result).toBeNull(); // now dispatched to q0
    expect(b.presented.at(-1)!.queue).toBe(q0);
    // Creates may have a queue of their own too (test/kmdf/file-objects.test.ts runs one).
    b.call(() => expect(W.WdfDeviceConfigureRequestDispatching(d0!.handle, q0, W.WdfRequestTypeCreate)).toBe(W.STATUS_SUCCESS));
  });
});

describe('manual queues and WdfRequestForwardToIoQueue', () => {
  const specs: QueueSpec[] = [
    { name: 'default', dispatch: W.WdfIoQueueDispatchParallel, default: true },
    { name: 'manual', dispatch: W.WdfIoQueueDispatchManual },
  ];

  it('forwarded requests wait in the manual queue and are retrieved oldest first; then STATUS_NO_MORE_ENTRIES', () => {
    const b = bench(specs);
    const manual = b.queues[0]!.get('manual')!;
    const file = b.devices[0]!.open();
    const sent = [file.read(4), file.read(4), file.read(4)];
    const handles = b.presented.map((p) => p.request);
    b.call(() => {
      for (const r of handles) expect(W.WdfRequestForwardToIoQueue(r, manual)).toBe(W.STATUS_SUCCESS);
      const out = new Out<W.WDFREQUEST | null>(null);
      for (const r of handles) {
        expect(W.WdfIoQueueRetrieveNextRequest(manual, out)).toBe(W.STATUS_SUCCESS);
        expect(out.value).toBe(r);
        expect(W.WdfRequestGetIoQueue(r)).toBe(manual);
      }
      expect(W.WdfIoQueueRetrieveNextRequest(manual, out)).toBe(W.STATUS_NO_MORE_ENTRIES);
      expect(out.value).toBeNull();
      handles.forEach((r, i) => W.WdfRequestCompleteWithInformation(r, W.STATUS_SUCCESS, i));
    });
    expect(sent.map((r) => r.result?.information)).toEqual([0, 1, 2]);
    expect(b.presented).toHaveLength(3); // a manual queue presents nothing
  });

  it('a request waiting in a manual queue is cancelled by the framework, without the driver', () => {
    const b = bench(specs);
    const manual = b.queues[0]!.get('manual')!;
    const file = b.devices[0]!.open();
    const [a, c] = [file.read(4), file.read(4)];
    b.call(() => b.presented.forEach((p) => W.WdfRequestForwardToIoQueue(p.request, manual)));
    expect(a.cancel()).toBe(true);
    expect(a.result?.status).toBe(W.STATUS_CANCELLED);
    const out = new Out<W.WDFREQUEST | null>(null);
    b.call(() => {
      expect(W.WdfIoQueueRetrieveNextRequest(manual, out)).toBe(W.STATUS_SUCCESS);
      expect(out.value).toBe(b.presented[1]!.request);
      W.WdfRequestComplete(out.value!, W.STATUS_SUCCESS);
    });
    expect(c.result?.status).toBe(W.STATUS_SUCCESS);
  });

  it('a request whose sender cancelled it while the driver owned it is cancelled as it enters the queue', () => {
    const b = bench(specs);
    const manual = b.queues[0]!.get('manual')!;
    const read = b.devices[0]!.open().read(4);
    expect(read.cancel()).toBe(false); // presented, not cancelable: nothing runs
    b.call(() => expect(W.WdfRequestForwardToIoQueue(b.presented[0]!.request, manual)).toBe(W.STATUS_SUCCESS));
    expect(read.result?.status).toBe(W.STATUS_CANCELLED);
  });

  it('RetrieveNextRequest: STATUS_INVALID_DEVICE_STATE on a parallel queue, STATUS_WDF_PAUSED when stopped or ' +
    'power-managed before D0', () => {
    const b = bench(specs);
    const { host } = b;
    const out = new Out<W.WDFREQUEST | null>(null);
    b.call(() => {
      expect(W.WdfIoQueueRetrieveNextRequest(b.queues[0]!.get('default')!, out)).toBe(W.STATUS_INVALID_DEVICE_STATE);
    });
    const manual = b.queues[0]!.get('manual')!;
    b.devices[0]!.open().read(4);
    b.call(() => {
      W.WdfRequestForwardToIoQueue(b.presented[0]!.request, manual);
      let stopped = 0;
      W.WdfIoQueueStop(manual, () => stopped++, null);
      expect(stopped).toBe(1); // the driver owns nothing from this queue: at once
      expect(W.WdfIoQueueRetrieveNextRequest(manual, out)).toBe(W.STATUS_WDF_PAUSED);
      expect(out.value).toBeNull();
      W.WdfIoQueueStart(manual);
      expect(W.WdfIoQueueRetrieveNextRequest(manual, out)).toBe(W.STATUS_SUCCESS);
      W.WdfRequestComplete(out.value!, W.STATUS_SUCCESS);
    });
    host.dispose();
    const cold = bench(specs, 1, /* start */ false);
    cold.call(() => {
      expect(W.WdfIoQueueRetrieveNextRequest(cold.queues[0]!.get('manual')!, out)).toBe(W.STATUS_WDF_PAUSED);
    });
  });

  it('Forward statuses: its own queue, another device\'s queue, a cancelable or framework-owned request → ' +
    'STATUS_INVALID_DEVICE_REQUEST; a purged destination → STATUS_WDF_BUSY', () => {
    const b = bench(specs, 2);
    const [mine, other] = b.queues;
    const file = b.devices[0]!.open();
    file.read(4);
    file.read(4);
    const [r0, r1] = b.presented.map((p) => p.request);
    b.call(() => {
      expect(W.WdfRequestForwardToIoQueue(r0!, mine!.get('default')!)).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      expect(W.WdfRequestForwardToIoQueue(r0!, other!.get('manual')!)).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      expect(W.WdfRequestMarkCancelableEx(r0!, () => {})).toBe(W.STATUS_SUCCESS);
      expect(W.WdfRequestForwardToIoQueue(r0!, mine!.get('manual')!)).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      expect(W.WdfRequestUnmarkCancelable(r0!)).toBe(W.STATUS_SUCCESS);
      expect(W.WdfRequestForwardToIoQueue(r0!, mine!.get('manual')!)).toBe(W.STATUS_SUCCESS);
      // Now in the manual queue, owned by the framework: the driver cannot forward it again.
      expect(W.WdfRequestForwardToIoQueue(r0!, mine!.get('default')!)).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      W.WdfIoQueuePurge(mine!.get('manual')!, null, null);
      expect(W.WdfRequestForwardToIoQueue(r1!, mine!.get('manual')!)).toBe(W.STATUS_WDF_BUSY);
      W.WdfRequestComplete(r1!, W.STATUS_SUCCESS);
    });
  });

  it('forwarding out of a sequential queue lets it present the next request at once', () => {
    const b = bench([
      { name: 'seq', dispatch: W.WdfIoQueueDispatchSequential, default: true },
      { name: 'manual', dispatch: W.WdfIoQueueDispatchManual },
    ]);
    const file = b.devices[0]!.open();
    file.write([1]);
    file.write([2]);
    expect(b.presented).toHaveLength(1);
    b.call(() => W.WdfRequestForwardToIoQueue(b.presented[0]!.request, b.queues[0]!.get('manual')!));
    expect(b.presented).toHaveLength(2);
  });
});

describe('WdfIoQueuePurge / Stop / Start', () => {
  it('Purge cancels what waits, refuses new requests (STATUS_INVALID_DEVICE_STATE) and calls back once the ' +
    'driver\'s request completes; Start accepts again', () => {
    const b = bench([{ name: 'seq', dispatch: W.WdfIoQueueDispatchSequential, default: true }]);
    const queue = b.queues[0]!.get('seq')!;
    const file = b.devices[0]!.open();
    const running = file.write([1]);
    const waiting = file.write([2]);
    let purged = 0;
    b.call(() => W.WdfIoQueuePurge(queue, (q, ctx) => {
      expect(q).toBe(queue);
      expect(ctx).toBe('ctx');
      purged++;
    }, 'ctx'));
    expect(waiting.result?.status).toBe(W.STATUS_CANCELLED);
    expect(running.completed).toBe(false);
    expect(file.write([3]).result?.status).toBe(W.STATUS_INVALID_DEVICE_STATE);
    expect(purged).toBe(0);
    b.call(() => W.WdfRequestComplete(b.presented[0]!.request, W.STATUS_SUCCESS));
    expect(purged).toBe(1);
    b.call(() => W.WdfIoQueueStart(queue));
    file.write([4]);
    expect(b.presented).toHaveLength(2);
  });

  it('Stop holds new requests in the queue (not presented) until Start', () => {
    const b = bench([{ name: 'par', dispatch: W.WdfIoQueueDispatchParallel, default: true }]);
    const queue = b.queues[0]!.get('par')!;
    const file = b.devices[0]!.open();
    b.call(() => W.WdfIoQueueStop(queue, null, null));
    const held = file.read(4);
    expect(b.presented).toHaveLength(0);
    expect(held.completed).toBe(false);
    b.call(() => W.WdfIoQueueStart(queue));
    expect(b.presented).toHaveLength(1);
  });
});

describe('completion checks', () => {
  const specs: QueueSpec[] = [
    { name: 'default', dispatch: W.WdfIoQueueDispatchParallel, default: true },
    { name: 'manual', dispatch: W.WdfIoQueueDispatchManual },
  ];

  it('completing a request twice: WDF_VIOLATION 0x5 (the handle died with the first completion)', () => {
    const b = bench(specs);
    b.devices[0]!.open().read(4);
    const r = b.presented[0]!.request;
    b.call(() => W.WdfRequestComplete(r, W.STATUS_SUCCESS));
    const e = catchError(() => b.call(() => W.WdfRequestComplete(r, W.STATUS_SUCCESS))) as W.WdfBugCheck;
    expect([e.code, e.parameters[0]]).toEqual([0x10d, W.WDF_INVALID_HANDLE]);
    expect(e.ddi).toBe('WdfRequestComplete');
  });

  it('completing a request the framework owns (in a manual queue, not retrieved): a VerifierBreak, ignored', () => {
    const b = bench(specs);
    const read = b.devices[0]!.open().read(4);
    const r = b.presented[0]!.request;
    b.call(() => {
      W.WdfRequestForwardToIoQueue(r, b.queues[0]!.get('manual')!);
      W.WdfRequestComplete(r, W.STATUS_SUCCESS);
    });
    expect(read.completed).toBe(false);
    expect(b.driver.verifierBreaks.map((v) => v.ddi)).toEqual(['WdfRequestComplete']);
    const out = new Out<W.WDFREQUEST | null>(null);
    b.call(() => expect(W.WdfIoQueueRetrieveNextRequest(b.queues[0]!.get('manual')!, out)).toBe(W.STATUS_SUCCESS));
    expect(out.value).toBe(r);
  });

  it('WdfRequestUnmarkCancelable: STATUS_INVALID_PARAMETER when not cancelable, STATUS_INVALID_DEVICE_REQUEST ' +
    'while the framework owns it, STATUS_CANCELLED once the cancel routine ran', () => {
    const b = bench(specs);
    const file = b.devices[0]!.open();
    const read = file.read(4);
    file.read(4);
    const [r0, r1] = b.presented.map((p) => p.request);
    let cancelled = 0;
    b.call(() => {
      expect(W.WdfRequestUnmarkCancelable(r0!)).toBe(W.STATUS_INVALID_PARAMETER);
      W.WdfRequestForwardToIoQueue(r1!, b.queues[0]!.get('manual')!);
      expect(W.WdfRequestUnmarkCancelable(r1!)).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
      expect(W.WdfRequestMarkCancelableEx(r0!, () => cancelled++)).toBe(W.STATUS_SUCCESS);
    });
    expect(read.cancel()).toBe(true);
    expect(cancelled).toBe(1);
    b.call(() => {
      expect(W.WdfRequestUnmarkCancelable(r0!)).toBe(W.STATUS_CANCELLED);
      W.WdfRequestComplete(r0!, W.STATUS_CANCELLED);
    });
    expect(read.result?.status).toBe(W.STATUS_CANCELLED);
  });

  it('completing a request still marked cancelable: a VerifierBreak; the request completes', () => {
    const b = bench(specs);
    const read = b.devices[0]!.open().read(4);
    const r = b.presented[0]!.request;
    b.call(() => {
      W.WdfRequestMarkCancelableEx(r, () => {});
      W.WdfRequestComplete(r, W.STATUS_SUCCESS);
    });
    expect(read.result?.status).toBe(W.STATUS_SUCCESS);
    expect(b.driver.verifierBreaks).toHaveLength(1);
    expect(b.driver.verifierBreaks[0]!.rule).toMatch(/WdfRequestUnmarkCancelable/);
  });
});
