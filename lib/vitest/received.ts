// What a device received, for toHaveReceived (matchers.ts): a tx FifoPort's sink hands its bytes out once
// (FifoPort.readTx takes them), so the first look moves them into a record kept per port, and every later look adds
// what arrived since. A device model that keeps its own record says so with a `received()` method.
import { FifoPort } from '../sim/fifo-port.js';

/** A device model that records what reached it (the scaffold's model does): `received()` returns every byte, in order. */
export interface ReceivesBytes {
  /** Every byte the device has received since it was made, oldest first. Must not consume them. */
  received(): Uint8Array | readonly number[];
  /** The device's name in messages. */
  readonly name?: string;
}

const records = new WeakMap<FifoPort, { chunks: Uint8Array[]; length: number }>();

/**
 * Every byte a tx port's sink has captured since the port was made (or since the first receivedBytes of it, if
 * something called readTx before), or what a device model reports. Reading a port moves its captured bytes into this
 * record: later readTx calls on the port see only bytes that arrived after.
 */
export function receivedBytes(target: FifoPort | ReceivesBytes): { bytes: Uint8Array; what: string; dropped: number } {
  if (target instanceof FifoPort) {
    if (target.direction !== 'tx') throw new TypeError(`port ${target.name ?? target.id} is an rx port: only a tx port receives bytes from the DMA`);
    const record = records.get(target) ?? { chunks: [], length: 0 };
    records.set(target, record);
    const fresh = target.readTx();
    if (fresh.length > 0) {
      record.chunks.push(fresh);
      record.length += fresh.length;
    }
    if (record.chunks.length > 1) record.chunks = [concat(record.chunks, record.length)];
    return { bytes: record.chunks[0] ?? new Uint8Array(0), what: `port '${target.name ?? `#${target.id}`}'`, dropped: target.status.txCaptureDropped };
  }
  if (target !== null && typeof target === 'object' && typeof (target as ReceivesBytes).received === 'function') {
    const got = (target as ReceivesBytes).received();
    const bytes = got instanceof Uint8Array ? got : Uint8Array.from(got);
    const name = (target as ReceivesBytes).name;
    return { bytes, what: name ? `device '${name}'` : 'the device model', dropped: 0 };
  }
  throw new TypeError(`expects a tx FifoPort (sim.addFifoPort) or a device model with a received() method; received ${target === null ? 'null' : typeof target}`);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
