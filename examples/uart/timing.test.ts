// The UART's timing-sensitive suite (issue 5): every asserted cycle is derived in its comment from TIMING.md (soc
// profile, defaults: requestLatency 2, arbitration 1, burstSetup 1, interruptLatency 1, no wait states), the
// board's 16-beat channel FIFOs, the software latencies (isrLatency 40, dpcLatency 100 unless the test says
// otherwise) and the port rules of native/core/port_types.h.
//
// Shared facts used below:
//  - 3 Mbaud, 10 bits per character, 100 MHz bus: a character time is 100e6 * 10 / 3e6 = 1000/3 cycles, exactly.
//    The transmitter's character clock starts at E, the cycle the driver sets CR.TXE (inside EvtProgramDma, inside
//    WdfDmaTransactionExecute with immediate execution, so E = t0, the cycle the write was sent); character k
//    (1-based) leaves the wire at E + floor(k * 1000 / 3). Received character k arrives at P + floor(k * 1000 / 3),
//    P = the cycle the far end started sending.
//  - One refill (a 16-byte demand-mode service): the request rises with the device event at cycle c, the controller
//    sees it at c + 2 and arbitrates in that cycle, the burst's address phase is c + 3, 16 read beats c+4..c+19, the
//    write burst's address phase c + 20, 16 write beats c+21..c+36. So the last beat is c + 36.
//  - A HAL completion after the last beat at b: controller line b + 1, ISR b + 41, completion DPC b + 41 + dpcLatency.
// The timing matchers (toCompleteAt, toCompleteWithStatus, toHaveReceived) come from kmdf-dma-sim/vitest: a failure
// says the cycle it got, how far off it is in cycles and µs, and the status by name.
import { describe, expect, it } from 'vitest';
import 'kmdf-dma-sim/vitest/setup';
import { STATUS_CANCELLED, STATUS_SUCCESS } from 'kmdf-dma-sim/kmdf';
import { createUartMachine } from './machine.js';

const KiB4 = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff);
const charLeaves = (k: number) => Math.floor((k * 1000) / 3);

describe('uart timing at 3 Mbaud, 16-byte watermark', () => {
  it('a 4 KiB write completes at exactly t0 + 1,365,473', () => {
    const m = createUartMachine();
    const t0 = m.host.cycle;
    const write = m.file.write(KiB4);
    const result = m.host.runUntilComplete(write);
    // The DMA refills 16 bytes within 36 cycles of the FIFO dropping to 16 (and restarts the next 1 KiB fragment
    // within 36 + 141 cycles), far inside the 16 character times (5,333 cycles) the FIFO still holds, so the
    // character clock never finds it empty: character 4096 leaves at t0 + floor(4096 * 1000 / 3) = t0 + 1,365,333.
    // The TX FIFO is then empty; the UART's TXE interrupt (level, no latency) rises in that cycle, the ISR runs 40
    // cycles later and queues the DPC, which completes the write 100 cycles after that: t0 + 1,365,473.
    expect(charLeaves(4096)).toBe(1_365_333);
    expect(write).toCompleteAt(t0 + 1_365_333 + 40 + 100);
    expect(write).toCompleteWithStatus(STATUS_SUCCESS);
    expect(result.information).toBe(4096);
    expect(m.uart.tx).toHaveReceived(KiB4);
    expect(m.uart.tx.status.underruns).toBe(0);
    expect(m.context.Fragments.map((f) => f.length)).toEqual([1024, 1024, 1024, 1024]);
  });

  it('raising dpcLatency: the TX FIFO first underruns at dpcLatency 10,903, at cycle t0 + 341,666', () => {
    // Fragment 1 (1024 bytes) ends with the refill after character 992 leaves (FIFO at 16): that pop is at
    // charLeaves(992) = 330,666, so its last beat is 330,702 and the FIFO holds characters 993..1024 (32). The HAL
    // completion DPC runs at 330,702 + 41 + D; DmaCompleted stages fragment 2 there and EvtProgramDma runs at
    // P = 330,743 + D. The request has been high since character 1008 left, so the channel is ready at P + 1, its
    // first write beat lands at P + 20. Character 1024 leaves at 341,333; the next character boundary is
    // charLeaves(1025) = 341,666, and device ticks come before DMA beats in a cycle, so the FIFO underruns there
    // unless P + 20 <= 341,665, i.e. D <= 10,902.
    const firstUnderrun = (dpcLatency: number): number | null => {
      const m = createUartMachine({ latencies: { dpcLatency } });
      let first: number | null = null;
      m.host.kernel.onSimEvent((e) => {
        if (e.kind === 'underrun' && first === null) first = e.cycle;
      });
      m.host.runUntilComplete(m.file.write(KiB4));
      return first;
    };
    let dpcLatency = 0;
    let cycle: number | null = null;
    while (cycle === null && dpcLatency < 20_000) {
      dpcLatency += 1000;
      cycle = firstUnderrun(dpcLatency);
    }
    expect(dpcLatency).toBe(11_000);
    expect(cycle).toBe(charLeaves(1025));
    expect(firstUnderrun(10_902)).toBeNull();
    expect(firstUnderrun(10_903)).toBe(341_666);
  });

  it('a read cancelled mid-burst reports exactly the 48 bytes that reached memory, at t0 + 16,177', () => {
    const m = createUartMachine();
    const sent = Uint8Array.from({ length: 200 }, (_, i) => (i * 13) & 0xff);
    const t0 = m.host.cycle;
    m.uart.receive(sent);
    const read = m.file.read(256);
    // Character 48 arrives at t0 + floor(48000 / 3) = 16,000 and brings the RX FIFO to the trigger level: the third
    // refill runs c = 16,000 → reads 16,004..16,019, writes to memory 16,021..16,036. Cancel at 16,010 lands inside
    // that burst: StopSystemTransfer → CancelTransfer lets the burst finish (TIMING rule 7), so 3 × 16 = 48 bytes are
    // in memory and ReadDmaCounter reports 256 - 48 left. The channel stops at 16,036; the Cancelled interrupt line
    // rises at 16,037, the HAL ISR runs at 16,077, its DPC at 16,177 calls EvtDmaTransactionDmaTransferComplete
    // (DmaCancelled) → DmaCompletedFinal(48) → the request completes there.
    m.host.runUntil(t0 + 16_010);
    expect(read.cancel()).toBe(true);
    const result = m.host.runUntilComplete(read);
    expect(read).toCompleteWithStatus(STATUS_CANCELLED);
    expect(result.information).toBe(48);
    expect(result.data).toEqual(sent.subarray(0, 48));
    expect(read).toCompleteAt(t0 + 16_036 + 1 + 40 + 100);
  });
});
