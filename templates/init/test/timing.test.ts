// The driver's timing, asserted in bus cycles. Every cycle below is derived in its comment from kmdf-dma-sim's
// timing model (docs/timing.md in the package: `soc` controller defaults requestLatency 2, arbitration 1,
// burstSetup 1, burst 4 beats, interruptLatency 1; isrLatency 40, dpcLatency 100) and the device model (a 16-byte
// TX FIFO, one byte out every 100 cycles, a DMA request while 4 bytes are free).
import { describe, expect, it } from 'vitest';
import { STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { traceOnFailure } from 'kmdf-dma-sim/vitest';
import { createMachine } from '../src/machine.js';

traceOnFailure(); // a failing test leaves a VCD, a trace-event file and a timeline under test-results/traces

const data = Uint8Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff);

describe('sample driver: a 64-byte write', () => {
  it('completes at exactly t0 + 4,963, and its last byte leaves the wire at t0 + 6,410', () => {
    const m = createMachine();
    const write = m.file.write(data);
    const t0 = write.sentCycle;
    m.host.runUntilComplete(write);
    // EvtProgramDma runs inside WdfDmaTransactionExecute at t0 and turns on the transmitter and its DMA request. A
    // call at t acts from t + 1: the request rises at t0 + 1, the controller sees it at t0 + 3 and arbitrates in that
    // cycle (the bus was idle: 1 cycle), its read burst is t0 + 4 (address phase) .. t0 + 8 (4 beats), its write
    // burst t0 + 9 .. t0 + 13: the first byte lands in the FIFO at t0 + 10. The idle transmitter starts its byte
    // clock there, E = t0 + 10, and byte k leaves at E + 100k. Three more bursts fill the 16-byte FIFO by t0 + 43;
    // from then on every 4th byte out frees a burst of room. Bytes 61..64 go in after byte 48 has left, at
    // c = E + 4,800 = t0 + 4,810: the request is seen at c + 2 (arbitration), the read burst is c + 3 .. c + 7, the
    // write burst c + 8 .. c + 12. That last beat is the terminal count: the controller's interrupt line rises at
    // c + 13, the HAL's ISR runs 40 cycles later and its DPC 100 after that, calling
    // EvtDmaTransactionDmaTransferComplete, where the driver completes the request.
    expect(write).toCompleteAt(t0 + 10 + 4_800 + 12 + 1 + 40 + 100);
    expect(write).toCompleteWithStatus(STATUS_SUCCESS);
    expect(write.result!.information).toBe(64);
    // Complete means "in the FIFO", not "on the wire": byte 64 leaves at E + 64 × 100 = t0 + 6,410.
    m.host.runUntil(t0 + 6_409);
    expect(m.device.received().length).toBe(63);
    m.host.runUntil(t0 + 6_410);
    expect(m.device).toHaveReceived(data);
  });
});
