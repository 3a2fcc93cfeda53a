// Engine bugs the libFuzzer harness (native/core/fuzz) found, pinned through the public API (the C++ side of each is
// native/core/checks/check_fuzz_findings.cpp):
//  - a memory-to-memory burst that runs from one RAM region into the adjacent one: the block fast path copied it
//    from the first region's host block, so the destination got bytes from past that block (heap memory) instead of
//    the second region's. Both paths must copy the source exactly.
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../lib/index.js';

function straddlingCopy(fastPaths: boolean, width: 2 | 4 | 8, first: number): Uint8Array {
  const sim = new Simulator({ fastPaths });
  const a = sim.addMemory({ base: 0x1000, size: first });
  const b = sim.addMemory({ base: 0x1000 + first, size: 0x1000 - first });
  sim.addMemory({ base: 0x10000, size: 0x1000 });
  a.bytes.forEach((_, i) => (a.bytes[i] = (i * 7 + 1) & 0xff));
  b.bytes.forEach((_, i) => (b.bytes[i] = ((first + i) * 7 + 1) & 0xff));
  sim.dma.programMemoryToMemory({ channel: 1, source: 0x1000, destination: 0x10000, length: 256, width });
  sim.runFor(20_000);
  expect(sim.dma.channelStatus(1).state).toBe('done');
  const copied = sim.peek(0x10000, 256);
  sim.dispose();
  return copied;
}

describe('fuzzer findings', () => {
  const source = Uint8Array.from({ length: 256 }, (_, i) => (i * 7 + 1) & 0xff);
  for (const width of [2, 4, 8] as const) {
    for (const first of new Set([1, 3, width + 1, 69])) {
      it(`a width-${width} copy whose source region ends after ${first} byte(s) copies exactly, fast paths on and off`, () => {
        expect(straddlingCopy(true, width, first)).toEqual(source);
        expect(straddlingCopy(false, width, first)).toEqual(source);
      });
    }
  }
});
