// Framework file objects (lib/kmdf/file/file-object.ts, pnp/io-manager.ts): WDF_FILEOBJECT_CONFIG_INIT and
// WdfDeviceInitSetFileObjectConfig with EvtDeviceFileCreate / EvtFileCleanup / EvtFileClose; the host's open
// (IRP_MJ_CREATE), cleanup and close drive them; the driver completes the create through WdfRequestComplete, at once
// or later; WdfRequestGetFileObject and WdfFileObjectGetDevice; creates routed to a create queue; misuse.
import { describe, expect, it } from 'vitest';
import { Out } from '../../lib/hal/out.js';
import { TestHost, type HostDevice, type HostDriver } from '../../lib/host/index.js';
import * as W from '../../lib/kmdf/index.js';

class FILE_CONTEXT {
  Opened = -1;
  Name = '';
}
const [FILE_CONTEXT_TYPE, FileGetContext] = W.WDF_DECLARE_CONTEXT_TYPE_WITH_NAME('FILE_CONTEXT', () => new FILE_CONTEXT());

interface Rig {
  host: TestHost;
  driver: HostDriver;
  device: HostDevice;
  log: string[];
  files: W.WDFFILEOBJECT[];
  /** Creates the driver pended (completed later by the test or a timer). */
  pending: W.WDFREQUEST[];
}

/**
 * A driver with a file-object config. `mode`: 'sync' completes every create inside EvtDeviceFileCreate (a second
 * open while one is open: STATUS_SHARING_VIOLATION, an exclusive port); 'pend' keeps the create and completes it
 * 1,000 cycles later from a WDFTIMER; 'queue' registers no EvtDeviceFileCreate and routes creates to a queue.
 */
function rig(mode: 'sync' | 'pend' | 'queue'): Rig {
  const host = new TestHost();
  const log: string[] = [];
  const files: W.WDFFILEOBJECT[] = [];
  const pending: W.WDFREQUEST[] = [];
  let open = 0;
  let timer: W.WDFTIMER | null = null;
  const note = (s: string) => log.push(`${s}@${host.cycle}`);
  const EvtDeviceFileCreate: W.EVT_WDF_DEVICE_FILE_CREATE = (Device, Request, FileObject) => {
    note('EvtDeviceFileCreate');
    expect(W.WdfRequestGetFileObject(Request)).toBe(FileObject);
    expect(W.WdfFileObjectGetDevice(FileObject)).toBe(Device);
    const params = W.newRequestParameters();
    W.WdfRequestGetParameters(Request, params);
    expect(params.Type).toBe(W.WdfRequestTypeCreate);
    FileGetContext(FileObject).Opened = host.cycle;
    files.push(FileObject);
    if (mode === 'pend') {
      pending.push(Request);
      W.WdfTimerStart(timer!, W.WDF_REL_TIMEOUT_IN_US(10));
      return;
    }
    if (open > 0) {
      W.WdfRequestComplete(Request, W.STATUS_SHARING_VIOLATION);
      return;
    }
    open++;
    W.WdfRequestComplete(Request, W.STATUS_SUCCESS);
  };
  const EvtFileCleanup: W.EVT_WDF_FILE_CLEANUP = (FileObject) => {
    note(`EvtFileCleanup#${files.indexOf(FileObject)}`);
  };
  const EvtFileClose: W.EVT_WDF_FILE_CLOSE = (FileObject) => {
    note(`EvtFileClose#${files.indexOf(FileObject)}`);
    open--;
  };
  const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
    const config = {} as W.WDF_DRIVER_CONFIG;
    W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
      const fo = {} as W.WDF_FILEOBJECT_CONFIG;
      W.WDF_FILEOBJECT_CONFIG_INIT(fo, mode === 'queue' ? null : EvtDeviceFileCreate, EvtFileClose, EvtFileCleanup);
      const fa = W.newObjectAttributes();
      W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(fa, FILE_CONTEXT_TYPE);
      W.WdfDeviceInitSetFileObjectConfig(DeviceInit, fo, fa);
      const device = new Out<W.WDFDEVICE | null>(null);
      let status = W.WdfDeviceCreate(DeviceInit, null, device);
      if (!W.NT_SUCCESS(status)) return status;
      const qc = {} as W.WDF_IO_QUEUE_CONFIG;
      W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(qc, W.WdfIoQueueDispatchParallel);
      qc.EvtIoRead = (_Q, Request) => {
        note('EvtIoRead');
        pending.push(Request); // completed by the test
      };
      status = W.WdfIoQueueCreate(device.value!, qc, null, null);
      if (!W.NT_SUCCESS(status)) return status;
      if (mode === 'queue') {
        const cq = {} as W.WDF_IO_QUEUE_CONFIG;
        W.WDF_IO_QUEUE_CONFIG_INIT(cq, W.WdfIoQueueDispatchSequential);
        cq.EvtIoDefault = (_Q, Request) => {
          note('EvtIoDefault(create)');
          const params = W.newRequestParameters();
          W.WdfRequestGetParameters(Request, params);
          files.push(W.WdfRequestGetFileObject(Request)!);
          W.WdfRequestComplete(Request, params.Type === W.WdfRequestTypeCreate ? W.STATUS_SUCCESS : W.STATUS_INVALID_DEVICE_REQUEST);
        };
        const q = new Out<W.WDFQUEUE | null>(null);
        status = W.WdfIoQueueCreate(device.value!, cq, null, q);
        if (W.NT_SUCCESS(status)) status = W.WdfDeviceConfigureRequestDispatching(device.value!, q.value!, W.WdfRequestTypeCreate);
        if (!W.NT_SUCCESS(status)) return status;
      }
      const tc = {} as W.WDF_TIMER_CONFIG;
      W.WDF_TIMER_CONFIG_INIT(tc, () => {
        note('timer: complete the create');
        W.WdfRequestComplete(pending.shift()!, W.STATUS_SUCCESS);
      });
      const ta = W.newObjectAttributes();
      ta.ParentObject = device.value;
      const t = new Out<W.WDFTIMER | null>(null);
      status = W.WdfTimerCreate(tc, ta, t);
      timer = t.value;
      return status;
    });
    return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
  };
  const driver = host.loadDriver(DriverEntry, { name: 'files' });
  const device = host.addDevice(driver, {});
  device.startOrThrow();
  return { host, driver, device, log, files, pending };
}

describe('file objects', () => {
  it('without a file-object config the framework completes the create; requests carry their file object', () => {
    const host = new TestHost();
    let seen: [W.WDFFILEOBJECT | null, W.WDFDEVICE | null] = [null, null];
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const config = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
        const device = new Out<W.WDFDEVICE | null>(null);
        const s = W.WdfDeviceCreate(DeviceInit, null, device);
        const qc = {} as W.WDF_IO_QUEUE_CONFIG;
        W.WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE(qc, W.WdfIoQueueDispatchSequential);
        qc.EvtIoWrite = (_Q, Request, Length) => {
          const f = W.WdfRequestGetFileObject(Request);
          seen = [f, f ? W.WdfFileObjectGetDevice(f) : null];
          W.WdfRequestCompleteWithInformation(Request, W.STATUS_SUCCESS, Length);
        };
        return W.NT_SUCCESS(s) ? W.WdfIoQueueCreate(device.value!, qc, null, null) : s;
      });
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
    };
    const driver = host.loadDriver(DriverEntry, { name: 'plain' });
    const device = host.addDevice(driver, {});
    device.startOrThrow();
    const { status, file, completionCycle } = device.tryOpen();
    expect([status, completionCycle]).toEqual([W.STATUS_SUCCESS, 0]);
    expect(file!.write([1, 2, 3]).result?.information).toBe(3);
    expect(seen).toEqual([file!.handle, device.handle]);
    file!.close();
    expect(file!.state).toBe('closed');
  });

  it('EvtDeviceFileCreate completes the create; cleanup and close call EvtFileCleanup then EvtFileClose; a typed file context', () => {
    const r = rig('sync');
    const file = r.device.open();
    expect(file.state).toBe('open');
    expect(FileGetContext(file.handle).Opened).toBe(0);
    r.host.runFor(100);
    file.close();
    expect(r.log).toEqual(['EvtDeviceFileCreate@0', 'EvtFileCleanup#0@100', 'EvtFileClose#0@100']);
    expect(file.state).toBe('closed');
  });

  it('a create the driver fails (an exclusive port opened twice) gets its status; no cleanup or close for it', () => {
    const r = rig('sync');
    const first = r.device.open();
    const second = r.device.tryOpen();
    expect(second).toEqual({ status: W.STATUS_SHARING_VIOLATION, file: null, completionCycle: 0 });
    first.close();
    expect(r.log).toEqual(['EvtDeviceFileCreate@0', 'EvtDeviceFileCreate@0', 'EvtFileCleanup#0@0', 'EvtFileClose#0@0']);
    expect(r.device.open().state).toBe('open'); // free again
  });

  it('a pended create completes when the driver calls WdfRequestComplete: 10 µs later by its timer (cycle 1,000)', () => {
    const r = rig('pend');
    r.host.runFor(500);
    const { request, file } = r.device.beginOpen();
    expect(request.completed).toBe(false);
    expect(file.state).toBe('creating');
    // A request on a file whose create has not completed has no handle yet: the I/O manager refuses it.
    expect(file.read(4).result?.status).toBe(W.STATUS_INVALID_DEVICE_REQUEST);
    const result = r.host.runUntilComplete(request);
    expect([result.status, result.completionCycle]).toEqual([W.STATUS_SUCCESS, 500 + 1000]);
    expect(file.state).toBe('open');
    expect(r.log).toEqual(['EvtDeviceFileCreate@500', 'timer: complete the create@1500']);
  });

  it('close with a request outstanding: EvtFileCleanup at once, EvtFileClose when the last request completes', () => {
    const r = rig('sync');
    const file = r.device.open();
    const read = file.read(8);
    r.host.runFor(50);
    file.close();
    expect(file.state).toBe('cleanedUp');
    expect(file.read(8).result?.status).toBe(W.STATUS_INVALID_DEVICE_REQUEST); // no handle after cleanup
    r.host.runFor(50);
    r.host.call(r.driver, () => W.WdfRequestCompleteWithInformation(r.pending.shift()!, W.STATUS_CANCELLED, 0));
    expect(read.result?.status).toBe(W.STATUS_CANCELLED);
    expect(r.log).toEqual(['EvtDeviceFileCreate@0', 'EvtIoRead@0', 'EvtFileCleanup#0@50', 'EvtFileClose#0@100']);
    expect(file.state).toBe('closed');
  });

  it('without EvtDeviceFileCreate, creates go to the queue configured for WdfRequestTypeCreate (EvtIoDefault)', () => {
    const r = rig('queue');
    const file = r.device.open();
    expect(r.files).toEqual([file.handle]);
    file.close();
    expect(r.log).toEqual(['EvtIoDefault(create)@0', 'EvtFileCleanup#0@0', 'EvtFileClose#0@0']);
  });

  it('misuse: a wrong handle is WDF_INVALID_HANDLE naming the DDI; the create completed twice is too; a bad config Size is a VerifierBreak', () => {
    const r = rig('sync');
    r.device.open();
    const e = (() => {
      try {
        r.host.call(r.driver, () => W.WdfFileObjectGetDevice(r.device.handle as unknown as W.WDFFILEOBJECT));
      } catch (err) {
        return err as W.WdfBugCheck;
      }
      throw new Error('no bugcheck');
    })();
    expect([e.code, e.subcode, e.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_INVALID_HANDLE, 'WdfFileObjectGetDevice']);
    expect(e.rule).toMatch(/needs a WDFFILEOBJECT handle, but was given a WDFDEVICE/);

    const host = new TestHost();
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const config = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
        const fo = {} as W.WDF_FILEOBJECT_CONFIG;
        W.WDF_FILEOBJECT_CONFIG_INIT(fo, (_D, Request) => {
          W.WdfRequestComplete(Request, W.STATUS_SUCCESS);
          W.WdfRequestComplete(Request, W.STATUS_SUCCESS);
        }, null, null);
        W.WdfDeviceInitSetFileObjectConfig(DeviceInit, { ...fo, Size: 8 }, null); // ignored: a VerifierBreak
        W.WdfDeviceInitSetFileObjectConfig(DeviceInit, fo, null);
        return W.WdfDeviceCreate(DeviceInit, null, new Out<W.WDFDEVICE | null>(null));
      });
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
    };
    const driver = host.loadDriver(DriverEntry, { name: 'twice' });
    const device = host.addDevice(driver, {});
    device.startOrThrow();
    expect(driver.verifierBreaks.map((b) => b.ddi)).toEqual(['WdfDeviceInitSetFileObjectConfig']);
    const twice = (() => {
      try {
        device.open();
      } catch (err) {
        return err as W.WdfBugCheck;
      }
      throw new Error('no bugcheck');
    })();
    expect([twice.code, twice.subcode, twice.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_INVALID_HANDLE, 'WdfRequestComplete']);
  });
});

describe('WdfObjectContextGetObject', () => {
  it("goes from a file object's context back to the file object; a pointer that is no context is WDF_INVALID_HANDLE", () => {
    const host = new TestHost();
    const seen: unknown[] = [];
    let bad: W.WdfBugCheck | null = null;
    const DriverEntry: W.DRIVER_INITIALIZE = (DriverObject, RegistryPath) => {
      const config = {} as W.WDF_DRIVER_CONFIG;
      W.WDF_DRIVER_CONFIG_INIT(config, (_Driver, DeviceInit) => {
        const fo = {} as W.WDF_FILEOBJECT_CONFIG;
        W.WDF_FILEOBJECT_CONFIG_INIT(fo, (_D, Request, FileObject) => {
          seen.push(FileObject, W.WdfObjectContextGetObject(FileGetContext(FileObject)));
          try {
            W.WdfObjectContextGetObject(new FILE_CONTEXT());
          } catch (err) {
            bad = err as W.WdfBugCheck;
          }
          W.WdfRequestComplete(Request, W.STATUS_SUCCESS);
        }, null, null);
        const attributes = W.newObjectAttributes();
        W.WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE(attributes, FILE_CONTEXT_TYPE);
        W.WdfDeviceInitSetFileObjectConfig(DeviceInit, fo, attributes);
        return W.WdfDeviceCreate(DeviceInit, null, new Out<W.WDFDEVICE | null>(null));
      });
      return W.WdfDriverCreate(DriverObject, RegistryPath, null, config, null);
    };
    const device = host.addDevice(host.loadDriver(DriverEntry, { name: 'ctx' }), {});
    device.startOrThrow();
    try {
      device.open();
    } catch {
      // the bad call above halted the machine; the good one came first
    }
    expect(seen.length).toBe(2);
    expect(seen[1]).toBe(seen[0]);
    expect([bad!.code, bad!.subcode, bad!.ddi]).toEqual([W.WDF_VIOLATION, W.WDF_INVALID_HANDLE, 'WdfObjectContextGetObject']);
  });
});
