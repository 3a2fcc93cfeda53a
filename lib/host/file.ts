// A file handle on a host device: read, write and DeviceIoControl requests with bytes in and bytes out, as the I/O
// manager builds them (buffers in nonpaged pool with MDLs; METHOD_BUFFERED IOCTLs share one system buffer).
import { IRP_MJ_DEVICE_CONTROL, IRP_MJ_READ, IRP_MJ_WRITE, METHOD_BUFFERED, METHOD_FROM_CTL_CODE } from '../kmdf/io/request-types.js';
import type { FxRequestDescription } from '../kmdf/io/request.js';
import type { WDFFILEOBJECT } from '../kmdf/object/handles.js';
import { fxCleanupFile, fxCloseFile, fxSendRequest, type FxFileObject } from '../kmdf/pnp/io-manager.js';
import type { HostDevice } from './device.js';
import { HostRequest, allocateBuffer } from './request.js';

/**
 * A file open on a host device: read, write and DeviceIoControl requests, cleanup and close, as the I/O manager sends
 * them.
 */
export class HostFile {
  constructor(
    readonly device: HostDevice,
    /** @internal */ readonly fx: FxFileObject,
  ) {}

  private get kernel() {
    return this.device.host.kernel;
  }

  private send(request: HostRequest, d: Omit<FxRequestDescription, 'onComplete' | 'fileObject'>, outputIsInput = false): HostRequest {
    this.kernel.makeCurrent();
    request.outputIsInput = outputIsInput;
    request.fx = fxSendRequest(this.device.fx!, {
      ...d,
      fileObject: this.fx,
      onComplete: (r) => request.onComplete(r, outputIsInput),
    });
    return request;
  }

  /** A read of `length` bytes (IRP_MJ_READ). Run the host to complete it. */
  read(length: number): HostRequest {
    const output = length > 0 ? allocateBuffer(this.kernel, length) : null;
    const request = new HostRequest('read', this.kernel, { input: null, output });
    return this.send(request, { majorFunction: IRP_MJ_READ, length, input: null, output });
  }

  /** A write of `data` (IRP_MJ_WRITE). */
  write(data: Uint8Array | readonly number[]): HostRequest {
    const bytes = data instanceof Uint8Array ? data : Uint8Array.from(data);
    const input = bytes.length > 0 ? allocateBuffer(this.kernel, bytes.length, bytes) : null;
    const request = new HostRequest('write', this.kernel, { input, output: null });
    return this.send(request, { majorFunction: IRP_MJ_WRITE, length: bytes.length, input, output: null });
  }

  /** DeviceIoControl(code, input bytes, output length). */
  ioctl(ioControlCode: number, input: Uint8Array | readonly number[], outputLength: number): HostRequest {
    const bytes = Uint8Array.from(input);
    const buffered = METHOD_FROM_CTL_CODE(ioControlCode) === METHOD_BUFFERED;
    let inBuf = null;
    let outBuf = null;
    if (buffered) {
      const size = Math.max(bytes.length, outputLength);
      inBuf = size > 0 ? allocateBuffer(this.kernel, size, bytes) : null;
    } else {
      inBuf = bytes.length > 0 ? allocateBuffer(this.kernel, bytes.length, bytes) : null;
      outBuf = outputLength > 0 ? allocateBuffer(this.kernel, outputLength) : null;
    }
    const request = new HostRequest('ioctl', this.kernel, { input: inBuf, output: outBuf });
    return this.send(
      request,
      {
        majorFunction: IRP_MJ_DEVICE_CONTROL,
        ioControlCode,
        inputBufferLength: bytes.length,
        outputBufferLength: outputLength,
        input: inBuf,
        output: outBuf,
      },
      buffered,
    );
  }

  /** The file's WDFFILEOBJECT (for tests that call DDIs directly); gone once the file is closed. */
  get handle(): WDFFILEOBJECT {
    return this.fx.handle;
  }

  /** Open (created, not cleaned up), cleaned up, or closed (EvtFileClose done). */
  get state(): FxFileObject['state'] {
    return this.fx.state;
  }

  /** IRP_MJ_CLEANUP alone: the last handle closed while requests may still be outstanding (EvtFileCleanup). */
  cleanup(): void {
    this.kernel.makeCurrent();
    fxCleanupFile(this.fx);
  }

  /**
   * CloseHandle: IRP_MJ_CLEANUP (EvtFileCleanup) if not sent yet, then IRP_MJ_CLOSE (EvtFileClose) once every request
   * sent on this file has completed — now, or when the last one does.
   */
  close(): void {
    this.kernel.makeCurrent();
    fxCloseFile(this.fx);
  }
}
