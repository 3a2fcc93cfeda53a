// The audio-ring example's suite (issue 5): a looped RX ring of two 10 ms periods at 48 kHz stereo 16-bit. Every
// asserted cycle is derived here from TIMING.md (soc profile: requestLatency 2, arbitration 1, burstSetup 1,
// interruptLatency 1, no wait states), docs/timing.md (port element timing, aging flush, cancel rule 7, software
// latencies), the board's 16-beat channel FIFOs and isrLatency 40 / dpcLatency 100.
//
// Shared facts:
//  - A frame (L+R, one packed 32-bit FIFO entry) every 100e6 / 48,000 = 6250/3 cycles, exactly. START is sent at
//    t0; with immediate execution EvtProgramDma sets CR.RXEN inside it, so frame k (1-based) enters the FIFO at
//    t0 + floor(k × 6250 / 3). A period is 480 frames = 1,920 bytes: frame 480·(p+1) arrives at t0 + 1,000,000·(p+1).
//  - One refill: frame 16·j arrives at c and brings the FIFO to the watermark (16). The request rises at c, the
//    controller sees it at c + 2 and arbitrates in that cycle, the read burst's address phase is c + 3, its 16 beats
//    c+4..c+19 (the FIFO is empty from c + 19), the write burst's address phase c + 20, its beats c+21..c+36; the
//    memory write lands at c + 36, which is when ReadDmaCounter moves (per burst for a memory destination).
//  - The burst that ends a period reaches the notification threshold (1,920 bytes; the second one is the wrap): the
//    notification is raised at c + 36, the controller line at c + 37, the HAL ISR runs at c + 77 and its DPC at
//    c + 177 calls EvtDmaTransactionDmaTransferComplete(DmaComplete). So period p is announced at
//    N(p) = t0 + 1,000,000·(p+1) + 177.
import { describe, expect, it } from 'vitest';
import {
  DmaCancelled, DmaComplete, DmaError, STATUS_CANCELLED, STATUS_DATA_OVERRUN, STATUS_DEVICE_DATA_ERROR, STATUS_SUCCESS,
  WdfCommonBufferGetAlignedLogicalAddress,
} from 'kmdf-dma-sim/kmdf';
import { formatDemoReport } from 'kmdf-dma-sim/demo-report';
import { runDemo } from './demo.js';
import { signalBytes } from './device/i2s.js';
import { readPosition } from './driver/public.js';
import { createAudioRingMachine, type AudioRingMachine } from './machine.js';

const PERIOD = 1_920;
const announced = (t0: number, p: number) => t0 + 1_000_000 * (p + 1) + 177;

/** START at the current cycle; returns t0. */
function start(m: AudioRingMachine): number {
  const t0 = m.host.cycle;
  expect(m.host.runUntilComplete(m.start()).status).toBe(STATUS_SUCCESS);
  return t0;
}

function positionAt(m: AudioRingMachine, cycle: number): number {
  m.host.runUntil(cycle);
  return readPosition(m.host.runUntilComplete(m.position()).data);
}

describe('audio-ring: a looped RX ring of two 10 ms periods', () => {
  it('periods arrive intact and in order, each announced at t0 + 1,000,000·(p+1) + 177', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    const results = m.host.runUntilAllComplete([m.readPeriod(), m.readPeriod(), m.readPeriod(), m.readPeriod()]);
    results.forEach((r, p) => {
      expect(r.status).toBe(STATUS_SUCCESS);
      expect(r.completionCycle).toBe(announced(t0, p)); // copied out in the notification's callback
      expect(r.data).toEqual(signalBytes(p * PERIOD, PERIOD)); // frames 480p .. 480p+479 of the codec's signal
    });
    // One transfer-complete callback per period, all DmaComplete; ReadDmaCounter is per lap: after period 0 half
    // the ring is left, after period 1 the controller has wrapped and the whole ring is left again.
    const n = m.context.Notifications;
    expect(n.map((x) => x.cycle)).toEqual([0, 1, 2, 3].map((p) => announced(t0, p)));
    expect(n.map((x) => x.status)).toEqual([DmaComplete, DmaComplete, DmaComplete, DmaComplete]);
    expect(n.map((x) => x.counter)).toEqual([1_920, 3_840, 1_920, 3_840]);
    expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 4, error: 0, cancelled: 0 });
    expect(m.i2s.rx.status.overruns).toBe(0);
  });

  it('a waiting READ_PERIOD cancelled in the read queue completes at once and takes no period', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    const [a, b] = [m.readPeriod(), m.readPeriod()]; // both wait in the manual read queue
    m.host.runUntil(t0 + 500_000);
    expect(a.cancel()).toBe(true); // the framework owns it there: cancelled without the driver
    expect(a.result!.status).toBe(STATUS_CANCELLED);
    expect(a.result!.completionCycle).toBe(t0 + 500_000);
    const r = m.host.runUntilComplete(b);
    expect(r.completionCycle).toBe(announced(t0, 0)); // period 0 goes to the next waiting read
    expect(r.data).toEqual(signalBytes(0, PERIOD));
  });

  it('GET_POSITION follows ReadDmaCounter burst by burst: 2,816 bytes at t0 + 1,500,035, 2,880 one cycle later', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    const reads = [m.readPeriod(), m.readPeriod(), m.readPeriod()]; // a consumer keeping up (no overrun)
    // Frame 720 = 45 × 16 arrives at t0 + floor(720 × 6250 / 3) = t0 + 1,500,000: its burst lands at + 36. Until
    // then 44 bursts (704 frames, 2,816 bytes) are in memory: 896 bytes into the second period of lap 0.
    expect(positionAt(m, t0 + 1_500_035)).toBe(44 * 64);
    expect(positionAt(m, t0 + 1_500_036)).toBe(45 * 64);
    // Across the wrap the driver counts the lap: period 2 is 3 periods in, though the counter is per lap.
    expect(positionAt(m, t0 + 3_000_036)).toBe(3 * PERIOD);
    expect(reads.map((r) => r.result?.completionCycle)).toEqual([announced(t0, 0), announced(t0, 1), undefined]);
    expect(m.context.Overruns).toEqual([]);
  });

  it('a consumer that falls one period behind: the overrun is declared at t0 + 5,000,177, exactly', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    // The consumer keeps up for periods 0..2, then stops reading. Period 3 is announced at N(3) = t0 + 4,000,177 with
    // no read waiting: it stays in its slot (slot 1), one period behind, and the DMA is in slot 0 (period 2's, read).
    m.host.runUntilAllComplete([m.readPeriod(), m.readPeriod(), m.readPeriod()]);
    m.host.runUntil(announced(t0, 3));
    expect(m.context.Overruns).toEqual([]);
    // Period 4 is announced at N(4) = t0 + 5,000,177: captured 5, consumed 3 — two unread periods in a two-period
    // ring, so the DMA has just entered slot 1 and will overwrite period 3 with its next burst. The callback declares
    // the overrun there, in that cycle.
    m.host.runUntil(announced(t0, 4));
    expect(m.context.Overruns).toEqual([{ cycle: t0 + 5_000_177, captured: 5, consumed: 3 }]);
    // It stops the stream: CR.RXEN off in that cycle; the FIFO is empty (the period's last burst read it at
    // c + 19), so StopSystemTransfer at once. No burst in progress: the channel stops at +1 (t0 + 5,000,178) with a
    // Cancelled interrupt, visible at 5,000,179; HAL ISR 5,000,219, DPC 5,000,319 → DmaCancelled →
    // DmaCompletedFinal(1,920): the position in lap 2, which holds period 4. The stream held 5 periods.
    m.host.runUntil(t0 + 5_000_319);
    expect(m.i2s.writes.filter((w) => w.cycle === t0 + 5_000_177).map((w) => w.value)).toEqual([0b10]);
    expect(m.context.Notifications.at(-1)).toEqual({ cycle: t0 + 5_000_319, status: DmaCancelled, counter: 1_920, captured: 5 });
    expect(m.context.FinalBytesTransferred).toBe(PERIOD);
    expect(m.context.FinalStatus).toBe(STATUS_SUCCESS);
    expect(m.context.State).toBe('overrun');
    expect(positionAt(m, t0 + 5_000_320)).toBe(5 * PERIOD);
    // The late consumer learns of the gap instead of receiving a spliced stream.
    const late = m.host.runUntilComplete(m.readPeriod());
    expect(late.status).toBe(STATUS_DATA_OVERRUN);
  });

  it('one cycle earlier is in time: a read at t0 + 5,000,176 gets period 3 intact and the stream goes on', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    m.host.runUntilAllComplete([m.readPeriod(), m.readPeriod(), m.readPeriod()]);
    m.host.runUntil(t0 + 5_000_176);
    const late = m.host.runUntilComplete(m.readPeriod());
    expect(late.completionCycle).toBe(t0 + 5_000_176); // period 3 was waiting in the ring: copied out at once
    expect(late.data).toEqual(signalBytes(3 * PERIOD, PERIOD));
    m.host.runUntil(announced(t0, 5) - 1);
    expect(m.context.Overruns).toEqual([]); // at N(4) only period 4 was unread, at N(5) periods 4 and 5 …
    m.host.runUntil(announced(t0, 5));
    // … so the consumer, idle again, is caught one period later, at N(5) = t0 + 6,000,177.
    expect(m.context.Overruns).toEqual([{ cycle: t0 + 6_000_177, captured: 6, consumed: 4 }]);
  });

  it('STOP mid-period: the FIFO drains, then StopSystemTransfer → DmaCancelled → DmaCompletedFinal(1,064) at t0 + 2,562,795', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    m.host.runUntilAllComplete([m.readPeriod(), m.readPeriod()]);
    m.host.runUntil(t0 + 2_555_555);
    const stop = m.host.runUntilComplete(m.stop());
    // By t0 + 2,555,555 frames 1..1226 have arrived (floor(2,555,555 × 3 / 6250) = 1226; frame 1226 at 2,554,166);
    // 76 bursts moved 1216 of them, 10 wait in the FIFO. The STOP clears CR.RXEN and, the FIFO not being empty,
    // unmasks FIFO-empty. The aging flush arms 4 frame slots (ceil(4 × 6250 / 3) = 8,334 cycles) after frame 1226:
    // 2,562,500; the request is seen at + 2, the 10-beat read burst runs 2,562,504..2,562,513 and empties the FIFO:
    // the I2S line rises at 2,562,513, its ISR at 2,562,553 (masks FIFO-empty), its DPC at 2,562,653 calls
    // StopSystemTransfer (the write burst landed at 2,562,524). The channel stops at 2,562,654, Cancelled visible at
    // 2,562,655, HAL ISR 2,562,695, DPC 2,562,795: DmaCancelled → ReadDmaCounter 2,776 left → DmaCompletedFinal with
    // 3,840 − 2,776 = 1,064 bytes (frames 961..1226 of lap 1) → Release → the STOP completes: 1226 × 4 = 4,904 bytes.
    // I2S_IER writes: D0Entry (0), START unmasks OVR (t0), the STOP unmasks EMPTY, the ISR masks it, the end of the
    // stream masks OVR (at the completion, 2,562,795).
    expect(m.i2s.writes.filter((w) => w.offset === 0x10).map((w) => w.cycle - t0)).toEqual([0, 0, 2_555_555, 2_562_553, 2_562_795]);
    expect(stop.status).toBe(STATUS_SUCCESS);
    expect(stop.completionCycle).toBe(t0 + 2_562_795);
    expect(readPosition(stop.data)).toBe(1_226 * 4);
    expect(m.context.Notifications.at(-1)).toMatchObject({ status: DmaCancelled, counter: 2_776 });
    expect(m.context.FinalBytesTransferred).toBe(1_064);
    expect(m.context.LastStop).toBe('stop');
    // Every frame received before the stop is in the ring: lap 1's first 1,064 bytes are stream bytes 3,840..4,903.
    expect(m.host.kernel.memory.read(m.context.RingVa, 1_064)).toEqual(signalBytes(3_840, 1_064));
    expect(m.i2s.rx.status).toMatchObject({ level: 0, deviceElements: 1_226, dmaElements: 1_226, overruns: 0 });
  });

  it('a bus fault inside the ring (DmaError) ends the stream: waiting reads STATUS_DEVICE_DATA_ERROR, 1,000 bytes, at t0 + 533,505', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    // Byte 1,000 of the ring (the common buffer's logical address + 1,000) faults: it is beat 10 of the write burst
    // for ring bytes 960..1,023, i.e. frames 241..256. Frame 256 arrives at t0 + floor(256 × 6250 / 3) = 533,333 = c;
    // the write beats are c+21..c+36, beat 10 at c + 31 = 533,364 faults: the burst ends there (beats 0..9, ring
    // bytes 960..999, landed), the channel stops in error, its Error interrupt is visible at 533,365, HAL ISR
    // 533,405, DPC 533,505 → EvtDmaTransactionDmaTransferComplete(DmaError): ReadDmaCounter 2,840 left → position
    // 1,000 → DmaCompletedFinal(1,000) → Release → the waiting read fails with STATUS_DEVICE_DATA_ERROR.
    m.host.kernel.sim.injectBusFault(WdfCommonBufferGetAlignedLogicalAddress(m.context.CommonBuffer!) + 1_000);
    const read = m.host.runUntilComplete(m.readPeriod());
    expect(read.status).toBe(STATUS_DEVICE_DATA_ERROR);
    expect(read.completionCycle).toBe(t0 + 533_505);
    expect(m.context.Notifications).toEqual([{ cycle: t0 + 533_505, status: DmaError, counter: 2_840, captured: 0 }]);
    expect(m.context.FinalBytesTransferred).toBe(1_000);
    expect(m.context.LastStop).toBe('error');
    expect(m.context.State).toBe('idle');
    expect(m.host.kernel.memory.read(m.context.RingVa, 1_000)).toEqual(signalBytes(0, 1_000));
    expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 0, error: 1, cancelled: 0 });
    // The stream is over: STOP answers at once with its position; a new START would begin a fresh stream.
    const stop = m.host.runUntilComplete(m.stop());
    expect(stop.completionCycle).toBe(t0 + 533_505);
    expect(readPosition(stop.data)).toBe(1_000);
  });

  it('STOP from a period\'s last burst to its notification\'s DPC: the notification ends the stream at t0 + 1,000,177', () => {
    // Period 0's last burst (frame 480 at c = t0 + 1,000,000) lands at c + 36 and raises the notification there;
    // the controller line rises at c + 37, the HAL ISR takes the report at c + 77 and its DPC runs at c + 177. A
    // STOP in [c + 36, c + 176] finds the FIFO empty (read at c + 19; frame 481 only at t0 + 1,002,083), so it
    // calls StopSystemTransfer at once, with the notification already raised: the notification wins (B.4), its
    // callback at c + 177 sees DmaComplete with the stop requested and ends the stream there — DmaCompletedFinal
    // (1,920) → Release; the channel's own Cancelled report is dropped (no DmaCancelled callback). Earlier STOPs end
    // the same way: in [c + 20, c + 35] the FIFO is empty and the write burst in progress finishes (rule 7) and
    // raises the notification at c + 36; at c + 10 the read burst is still emptying the FIFO, so the stop waits for
    // FIFO-empty (c + 19, ISR c + 59, DPC c + 159: StopSystemTransfer after c + 36). One cycle later than the window,
    // a STOP at c + 177 (after the callback) takes the ordinary path: stop c + 178, Cancelled visible c + 179, HAL
    // ISR c + 219, DPC c + 319 → DmaCancelled.
    for (const at of [1_000_010, 1_000_020, 1_000_035, 1_000_036, 1_000_037, 1_000_077, 1_000_100, 1_000_176, 1_000_177]) {
      const m = createAudioRingMachine();
      const t0 = start(m);
      m.host.runUntil(t0 + at);
      const read = m.readPeriod();
      const stop = m.host.runUntilComplete(m.stop());
      m.host.runUntil(t0 + 1_001_000);
      const raced = at < 1_000_177;
      expect(stop.completionCycle).toBe(t0 + (raced ? 1_000_177 : 1_000_319));
      expect(readPosition(stop.data)).toBe(PERIOD);
      expect(m.context.FinalBytesTransferred).toBe(PERIOD);
      expect(m.context.LastStop).toBe('stop');
      expect(m.context.Notifications.map((n) => [n.cycle - t0, n.status])).toEqual(
        raced ? [[1_000_177, DmaComplete]] : [[1_000_177, DmaComplete], [1_000_319, DmaCancelled]],
      );
      expect(m.host.kernel.stats.dma.completions).toEqual({ complete: 1, error: 0, cancelled: raced ? 0 : 1 });
      // The waiting read got period 0 either way (in the callback at c + 177, before the end of the stream).
      expect(read.result!.status).toBe(STATUS_SUCCESS);
      expect(read.result!.completionCycle).toBe(t0 + 1_000_177);
      expect(read.result!.data).toEqual(signalBytes(0, PERIOD));
    }
  });

  it('the same race with the HAL delivering DmaCancelled late (dma.lateCancellation): the late one is ignored', () => {
    // A STOP at c + 100 (c = t0 + 1,000,000) races the notification as above; this HAL answers the stop itself 140
    // cycles later (isrLatency + dpcLatency), at c + 240 — after the notification's callback ended the stream at
    // c + 177 and released the transaction. The driver's state guard (no stream running) ignores it. A STOP after the
    // callback (c + 177) is answered at c + 317 instead of the controller's c + 319: stop + 140.
    for (const [at, done] of [[1_000_100, 1_000_177], [1_000_177, 1_000_317]] as const) {
      const m = createAudioRingMachine({ dma: { lateCancellation: {} } });
      const t0 = start(m);
      m.host.runUntil(t0 + at);
      const stop = m.host.runUntilComplete(m.stop());
      m.host.runUntil(t0 + 1_001_000);
      expect(stop.completionCycle).toBe(t0 + done);
      expect(readPosition(stop.data)).toBe(PERIOD);
      expect(m.context.Notifications.map((n) => [n.cycle - t0, n.status])).toEqual(
        at < 1_000_177 ? [[1_000_177, DmaComplete]] : [[1_000_177, DmaComplete], [1_000_317, DmaCancelled]],
      );
      expect(m.host.kernel.stats.dma.lateCancellations).toBe(1);
      expect(m.context.State).toBe('idle');
    }
  });

  it('a hardware FIFO overrun (IER_OVR) stops the stream like a ring overrun: OVR at t0 + 49, reads fail at t0 + 521', () => {
    // A codec whose frame clock outruns the bus: a frame every bus cycle (sampleRate = the 100 MHz bus clock), twice
    // what the two-cycle DMA moves. Frame k at t0 + k. Frame 16 (t0 + 16) asserts the request, seen at 18; each
    // service is 34 cycles back to back (read address 19, reads 20..35, write address 36, writes 37..52; then 53..86,
    // 87..120, 121..154, 155..188, 189..222, 223..256). The FIFO is full from 48 and frame 49 is lost: SR.OVR, the
    // I2S line rises at t0 + 49 (IER_OVR unmasked at START), ISR 89 (ICR.OVR, masks OVR), DPC 189: the driver's
    // overrun stop — CR.RXEN off (frame 189 is the last), FIFO not empty → IER_EMPTY. The DMA drains it: the 6th
    // read burst (190..205) leaves 16, the 7th (224..239) empties it: EMPTY rises at 239, ISR 279, DPC 379
    // StopSystemTransfer, stop 380, Cancelled visible 381, HAL ISR 421, DPC 521: DmaCancelled → DmaCompletedFinal
    // with 7 × 64 = 448 bytes (the 112 frames stored; 77 were lost) → the waiting read fails STATUS_DATA_OVERRUN.
    const m = createAudioRingMachine({ i2s: { sampleRate: 100_000_000 } });
    const t0 = start(m);
    const read = m.readPeriod();
    m.host.runUntil(t0 + 1_000);
    expect(m.context.FifoOverruns).toEqual([t0 + 189]);
    expect(m.context.Overruns).toEqual([]); // not the ring: the consumer had a read waiting
    expect(read.result!.status).toBe(STATUS_DATA_OVERRUN);
    expect(read.result!.completionCycle).toBe(t0 + 521);
    expect(m.context.State).toBe('overrun');
    expect(m.context.LastStop).toBe('overrun');
    expect(m.context.FinalBytesTransferred).toBe(448);
    expect(m.context.Notifications).toEqual([{ cycle: t0 + 521, status: DmaCancelled, counter: PERIOD * 2 - 448, captured: 0 }]);
    expect(m.i2s.rx.status).toMatchObject({ level: 0, deviceElements: 189, overruns: 77, dmaElements: 112 });
    expect(m.host.runUntilComplete(m.readPeriod()).status).toBe(STATUS_DATA_OVERRUN);
  });

  it('recovery: after the overrun, START again; the new stream announces its first period at t1 + 1,000,177', () => {
    const m = createAudioRingMachine();
    const t0 = start(m);
    m.host.runUntil(t0 + 3_000_000); // nobody reads: periods 0, 1 unread at N(1) → overrun at t0 + 2,000,177
    expect(m.context.Overruns.map((o) => o.cycle)).toEqual([t0 + 2_000_177]);
    expect(m.host.runUntilComplete(m.readPeriod()).status).toBe(STATUS_DATA_OVERRUN);
    // The receiver stopped after frame 960 (2,000,000); the transaction was released, so START initializes it again
    // over the same ring, and the codec's signal resumes with frame 961.
    const t1 = start(m);
    const first = m.host.runUntilComplete(m.readPeriod());
    expect(first.status).toBe(STATUS_SUCCESS);
    expect(first.completionCycle).toBe(t1 + 1_000_177);
    expect(first.data).toEqual(signalBytes(960 * 4, PERIOD));
    const stop = m.host.runUntilComplete(m.stop());
    expect(readPosition(stop.data)).toBe(PERIOD); // stopped right after the first period's burst: FIFO empty
    expect(m.context.LastStop).toBe('stop');
  });
});

describe('audio-ring demo', () => {
  it('1 s of capture: 100 periods intact, the STOP done at t0 + 100,000,319, every period 177 cycles after its last frame', () => {
    const r = runDemo();
    // The 100th period is announced at t0 + 100,000,177 (its read completes there); the STOP sent then finds the FIFO
    // empty: StopSystemTransfer at once, channel stop + 1, Cancelled visible + 2, HAL ISR + 42, DPC + 142.
    expect(r.bytesRead).toBe(100 * PERIOD);
    expect(r.endCycle - r.startCycle).toBe(100_000_177 + 142);
    expect(new Set(r.fragmentLatencies)).toEqual(new Set([177]));
    expect(r.fifos.map((f) => [f.highWater, f.overruns])).toEqual([[16, 0]]);
    const table = formatDemoReport(r);
    expect(table).toContain('every period arrived intact');
    expect(table).toMatch(/interrupts \/ DPCs\s+101 \/ 101/);
  });
});
