// The kernel's virtual page -> page frame map, in two levels: a Map from the 2 MiB chunk of a virtual page number to
// a Float64Array of its 512 entries (page frame + 1, exact for any frame; 0 = unmapped). Pool allocations take consecutive virtual pages
// and never reuse them, so a 1 MiB buffer touches one or two chunks: mapping, looking up and unmapping a page is an
// array access instead of a Map operation per page (the host maps, copies and frees every request's buffer page by
// page). A chunk whose pages are all unmapped again is dropped, so the table stays as small as what is mapped.

const CHUNK_PAGES = 512;

interface Chunk {
  /** Page frame number + 1 per page of the chunk; 0 = unmapped. */
  readonly frames: Float64Array;
  /** Mapped pages in the chunk. */
  mapped: number;
}

export class PageTable {
  private readonly chunks = new Map<number, Chunk>();
  /** The chunk looked at last (consecutive pages of one buffer share it). */
  private lastIndex = -1;
  private lastChunk: Chunk | undefined = undefined;

  private chunk(index: number): Chunk | undefined {
    if (index === this.lastIndex) return this.lastChunk;
    const c = this.chunks.get(index);
    this.lastIndex = index;
    this.lastChunk = c;
    return c;
  }

  /** chunk(index), made (empty) first if there is none: where a mapping goes. */
  private chunkForMapping(index: number): Chunk {
    let c = this.chunk(index);
    if (c === undefined) {
      c = { frames: new Float64Array(CHUNK_PAGES), mapped: 0 };
      this.chunks.set(index, c);
      this.lastIndex = index;
      this.lastChunk = c;
    }
    return c;
  }

  /** The page frame number mapped at virtual page `vpn`, or undefined. */
  get(vpn: number): number | undefined {
    const index = Math.floor(vpn / CHUNK_PAGES);
    const c = this.chunk(index);
    if (c === undefined) return undefined;
    const f = c.frames[vpn - index * CHUNK_PAGES]!;
    return f === 0 ? undefined : f - 1;
  }

  /** Maps virtual page `vpn` to page frame `pfn`. */
  set(vpn: number, pfn: number): void {
    const index = Math.floor(vpn / CHUNK_PAGES);
    const c = this.chunkForMapping(index);
    const i = vpn - index * CHUNK_PAGES;
    if (c.frames[i] === 0) c.mapped++;
    c.frames[i] = pfn + 1;
  }

  /**
   * set(vpn + i, frames[i]) for i < count, chunk by chunk: a buffer's pages are mapped in one call with one loop per
   * chunk (the host maps every request's buffer page by page; a call per page was most of the cost, and slower still
   * before V8 optimizes it).
   */
  mapRun(vpn: number, frames: ArrayLike<number>, count: number): void {
    let i = 0;
    while (i < count) {
      const index = Math.floor((vpn + i) / CHUNK_PAGES);
      const c = this.chunkForMapping(index);
      const base = index * CHUNK_PAGES;
      const end = Math.min(count, base + CHUNK_PAGES - vpn);
      const f = c.frames;
      for (; i < end; i++) {
        const j = vpn + i - base;
        if (f[j] === 0) c.mapped++;
        f[j] = frames[i]! + 1;
      }
    }
  }

  /**
   * get(vpn + i) into out[i] for the leading mapped pages of [vpn, vpn + count): returns how many there are (count
   * when all are mapped; out[i] is left as it was from the first unmapped page on).
   */
  framesRun(vpn: number, count: number, out: number[]): number {
    let i = 0;
    while (i < count) {
      const index = Math.floor((vpn + i) / CHUNK_PAGES);
      const c = this.chunk(index);
      if (c === undefined) return i;
      const base = index * CHUNK_PAGES;
      const end = Math.min(count, base + CHUNK_PAGES - vpn);
      const f = c.frames;
      for (; i < end; i++) {
        const v = f[vpn + i - base]!;
        if (v === 0) return i;
        out[i] = v - 1;
      }
    }
    return count;
  }

  /** delete(vpn + i) for i < count, in order; out[i] is what each returned (the frame, or undefined). */
  unmapRun(vpn: number, count: number, out: (number | undefined)[]): void {
    let i = 0;
    while (i < count) {
      const index = Math.floor((vpn + i) / CHUNK_PAGES);
      const base = index * CHUNK_PAGES;
      const end = Math.min(count, base + CHUNK_PAGES - vpn);
      const c = this.chunk(index);
      if (c === undefined) {
        for (; i < end; i++) out[i] = undefined;
        continue;
      }
      const f = c.frames;
      for (; i < end; i++) {
        const j = vpn + i - base;
        const v = f[j]!;
        if (v === 0) {
          out[i] = undefined;
          continue;
        }
        f[j] = 0;
        c.mapped--;
        out[i] = v - 1;
      }
      // Dropped once empty, as delete() does (a page after the one that emptied it was unmapped, so the same answers).
      if (c.mapped === 0) {
        this.chunks.delete(index);
        if (this.lastIndex === index) this.lastChunk = undefined;
      }
    }
  }

  /** Unmaps virtual page `vpn`; returns the frame it mapped, or undefined when it was not mapped. */
  delete(vpn: number): number | undefined {
    const index = Math.floor(vpn / CHUNK_PAGES);
    const c = this.chunk(index);
    if (c === undefined) return undefined;
    const i = vpn - index * CHUNK_PAGES;
    const f = c.frames[i]!;
    if (f === 0) return undefined;
    c.frames[i] = 0;
    if (--c.mapped === 0) {
      this.chunks.delete(index);
      if (this.lastIndex === index) this.lastChunk = undefined;
    }
    return f - 1;
  }
}
