// kmdf-dma-sim/vitest timing matchers (lib/vitest/matchers.ts): toCompleteAt / toCompleteWithin /
// toCompleteWithStatus on a HostRequest and toHaveReceived on a tx FifoPort or a device model — each passes on the
// right value, fails on the wrong one (and under .not the other way round), and its failure message gives cycles and
// µs at the machine's clock, the status by name, and the trace pointer when traceOnFailure() records the test. The
// machine is the UART example's (examples/uart, timing.test.ts derives its cycles).
import { describe, expect, it } from 'vitest';
import { STATUS_CANCELLED, STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { cyclesAndMicroseconds, receivedBytes, timingMatchers, traceOnFailure, traceOnFailureActive } from 'kmdf-dma-sim/vitest';
import 'kmdf-dma-sim/vitest/setup';
import { createUartMachine } from '../../examples/uart/machine.js';

const data = Uint8Array.from({ length: 64 }, (_, i) => (i * 7 + 3) & 0xff);

/** The failure message a matcher gives (called as vitest calls it). */
function messageOf(name: keyof typeof timingMatchers, received: unknown, expected: unknown, isNot = false): string {
  const fn = timingMatchers[name] as (this: { isNot: boolean }, r: unknown, e: unknown) => { pass: boolean; message: () => string };
  return fn.call({ isNot }, received, expected).message();
}

describe('toCompleteAt / toCompleteWithin / toCompleteWithStatus', () => {
  it('pass on the completion cycle, the latency bound and the status; fail with cycles, µs and names', () => {
    const m = createUartMachine();
    const write = m.file.write(data);
    const t0 = write.sentCycle;
    expect(t0).toBe(m.host.cycle);
    expect(write.clockHz).toBe(100_000_000);
    m.host.runUntilComplete(write);
    const done = write.result!.completionCycle;
    expect(write.result!.sentCycle).toBe(t0);
    // 64 characters at 1000/3 cycles each leave by t0 + 21,333; TXE, ISR + 40, DPC + 100 (examples/uart/timing.test.ts).
    expect(done).toBe(t0 + 21_333 + 40 + 100);
    expect(write).toCompleteAt(t0 + 21_473);
    expect(write).not.toCompleteAt(t0 + 21_472);
    expect(write).toCompleteWithin(21_473);
    expect(write).not.toCompleteWithin(21_472);
    expect(write).toCompleteWithStatus(STATUS_SUCCESS);
    expect(write).not.toCompleteWithStatus(STATUS_CANCELLED);

    expect(() => expect(write).toCompleteAt(done - 7)).toThrow(
      `expected the write request (sent at cycle ${t0.toLocaleString('en-US')}) to complete at cycle ${(done - 7).toLocaleString('en-US')}`,
    );
    const late = messageOf('toCompleteAt', write, done - 7);
    expect(late).toContain(`but it completed at cycle ${done.toLocaleString('en-US')} (${(done / 100).toLocaleString('en-US', { maximumFractionDigits: 3 })} µs): 7 cycles (0.07 µs) late`);
    expect(late).toContain('status STATUS_SUCCESS (0x00000000), information 64');
    expect(late).toContain('call traceOnFailure() from kmdf-dma-sim/vitest');
    expect(messageOf('toCompleteAt', write, done + 1)).toContain('1 cycle (0.01 µs) early');
    expect(messageOf('toCompleteWithin', write, 21_000)).toContain('21,473 cycles (214.73 µs) after it was sent (473 cycles (4.73 µs) too late)');
    expect(messageOf('toCompleteWithin', write, 30_000, true)).toContain('not to complete within 30,000 cycles (300 µs)');
    expect(messageOf('toCompleteWithStatus', write, STATUS_CANCELLED)).toContain(
      'expected the write request to complete with STATUS_CANCELLED (0xC0000120), but it completed with STATUS_SUCCESS (0x00000000)',
    );
  });

  it('a pending request fails and says how to run the machine; a RequestResult is refused with what to pass', () => {
    const m = createUartMachine();
    const read = m.file.read(16);
    m.host.runFor(500);
    const pending = messageOf('toCompleteAt', read, 100);
    expect(pending).toContain('but it is still pending at cycle');
    expect(pending).toContain('500 cycles (5 µs) after it was sent');
    expect(pending).toContain('host.runUntilComplete(request)');
    // Past the bound while still pending is a definite "too late".
    expect(messageOf('toCompleteWithin', read, 100)).toMatch(/to complete within 100 cycles \(1 µs\) of being sent at cycle [\d,]+, i\.e\. by cycle [\d,]+, but it is still pending/);
    expect(() => expect(read).toCompleteWithStatus(STATUS_SUCCESS)).toThrow('still pending');
    m.uart.receive(new Uint8Array(16));
    const result = m.host.runUntilComplete(read);
    expect(messageOf('toCompleteAt', result, 1)).toContain('this looks like the RequestResult that host.runUntilComplete returns; pass the request itself');
    expect(messageOf('toCompleteAt', 42, 1)).toBe('toCompleteAt expects a HostRequest (from file.read / write / ioctl or device.beginOpen); received number 42');
  });

  it('cyclesAndMicroseconds formats at the given clock', () => {
    expect(cyclesAndMicroseconds(1_365_473, 100e6)).toBe('1,365,473 cycles (13,654.73 µs)');
    expect(cyclesAndMicroseconds(1, 3e6)).toBe('1 cycle (0.333 µs)');
  });
});

describe('toHaveReceived', () => {
  it('reads a tx port into a record kept per port, so repeated looks see everything since the port was made', () => {
    const m = createUartMachine();
    m.host.runUntilComplete(m.file.write(data.subarray(0, 40)));
    expect(m.uart.tx).toHaveReceived(data.subarray(0, 40));
    m.host.runUntilComplete(m.file.write(data.subarray(40)));
    expect(m.uart.tx).toHaveReceived(data);
    expect(m.uart.tx).not.toHaveReceived(data.subarray(1));
    expect(receivedBytes(m.uart.tx).bytes).toEqual(data);
    const wrong = Uint8Array.from(data);
    wrong[17] = 0;
    expect(messageOf('toHaveReceived', m.uart.tx, wrong)).toBe(
      `expected port 'uart0 tx' to have received 64 bytes, but it received 64: the first difference is at byte 17: expected 0x00, received ${'0x' + data[17]!.toString(16).padStart(2, '0')}` +
        '\n(call traceOnFailure() from kmdf-dma-sim/vitest in this file to get a VCD, a trace-event file and a timeline of a failing test)',
    );
    expect(messageOf('toHaveReceived', m.uart.tx, [...data, 1, 2])).toContain('the first 64 bytes match; byte 64 onwards never arrived');
    expect(messageOf('toHaveReceived', m.uart.tx, data.subarray(0, 60))).toContain('4 more arrived after them');
    expect(messageOf('toHaveReceived', m.uart.rx, data)).toBe("toHaveReceived: port uart0 rx is an rx port: only a tx port receives bytes from the DMA");
  });

  it('takes a device model that reports what it received', () => {
    const model = { name: 'dac0', received: () => [1, 2, 3] };
    expect(model).toHaveReceived([1, 2, 3]);
    expect(messageOf('toHaveReceived', model, [1, 2, 4])).toContain("expected device 'dac0' to have received 3 bytes, but it received 3: the first difference is at byte 2: expected 0x04, received 0x03");
    expect(messageOf('toHaveReceived', {}, [1])).toContain('expects a tx FifoPort (sim.addFifoPort) or a device model with a received() method');
  });
});

describe('with traceOnFailure', () => {
  traceOnFailure();

  it('the message points at the request in the trace the fixture writes', () => {
    expect(traceOnFailureActive()).toBe(true);
    const m = createUartMachine();
    const write = m.file.write(data);
    m.host.runUntilComplete(write);
    const done = write.result!.completionCycle;
    const message = messageOf('toCompleteAt', write, done - 1);
    expect(message).toContain(`(the write request's span starts at cycle ${write.sentCycle.toLocaleString('en-US')}; look at cycle ${done.toLocaleString('en-US')} in the trace written for this test, named below)`);
  });
});
