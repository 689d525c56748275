/**
 * A file DuckDB reads synchronously, answered from byte ranges fetched beforehand.
 *
 * DuckDB-WASM calls its file system synchronously from inside the query, and a Worker
 * cannot block on R2, so every byte a query will read is fetched first (footer, then
 * the column chunks of the row groups it needs) and kept here, outside the wasm heap.
 * A read that touches a byte we did not fetch is a *miss*: it is recorded and the read
 * fails, and the engine refetches and reruns (engine.ts); we never answer with made-up
 * bytes, which could decode into wrong results instead of an error.
 */

export interface Segment {
  /** File offset of `bytes[0]`. */
  start: number;
  bytes: Uint8Array;
}

export interface ReadMiss {
  start: number;
  end: number;
}

export class RangeFile {
  /** Sorted by start, non-overlapping (add() merges). */
  private segments: Segment[] = [];
  /** Reads DuckDB made, and the ones we could not answer. */
  readonly stats = { reads: 0, bytesServed: 0, misses: [] as ReadMiss[] };

  constructor(
    readonly name: string,
    readonly size: number,
  ) {}

  /** Forget every byte held (a fan-out batch is done with this file). */
  release(): void {
    this.segments = [];
  }

  /** Bytes held in memory (JS heap, not wasm). */
  get heldBytes(): number {
    let n = 0;
    for (const s of this.segments) n += s.bytes.length;
    return n;
  }

  /** The ranges held, as [start, end) pairs, merged. */
  ranges(): [number, number][] {
    return this.segments.map((s) => [s.start, s.start + s.bytes.length]);
  }

  has(start: number, end: number): boolean {
    return this.missing(start, end).length === 0;
  }

  /** Sub-ranges of [start, end) not held. */
  missing(start: number, end: number): [number, number][] {
    end = Math.min(end, this.size);
    const out: [number, number][] = [];
    let at = start;
    for (const s of this.segments) {
      const sEnd = s.start + s.bytes.length;
      if (sEnd <= at) continue;
      if (s.start >= end) break;
      if (s.start > at) out.push([at, s.start]);
      at = Math.max(at, sEnd);
      if (at >= end) break;
    }
    if (at < end) out.push([at, end]);
    return out;
  }

  /** Keep `bytes` as the content at `start` (overlaps with held ranges are merged). */
  add(start: number, bytes: Uint8Array): void {
    if (start < 0 || start + bytes.length > this.size) throw new RangeError(`${this.name}: range ${start}+${bytes.length} outside 0..${this.size}`);
    if (bytes.length === 0) return;
    let lo = start;
    let hi = start + bytes.length;
    const keep: Segment[] = [];
    const touching: Segment[] = [];
    for (const s of this.segments) {
      const sEnd = s.start + s.bytes.length;
      if (sEnd < lo || s.start > hi) keep.push(s);
      else touching.push(s);
    }
    if (touching.length === 0) {
      keep.push({ start, bytes });
    } else {
      for (const s of touching) {
        lo = Math.min(lo, s.start);
        hi = Math.max(hi, s.start + s.bytes.length);
      }
      const merged = new Uint8Array(hi - lo);
      for (const s of touching) merged.set(s.bytes, s.start - lo);
      merged.set(bytes, start - lo); // the newest bytes win (they are the same file)
      keep.push({ start: lo, bytes: merged });
    }
    keep.sort((a, b) => a.start - b.start);
    this.segments = keep;
  }

  /**
   * Copy [location, location + length) into `dest` (DuckDB's buffer inside the wasm
   * heap). Returns the bytes copied (short at end of file), or -1 on a miss.
   */
  read(location: number, length: number, dest: Uint8Array): number {
    this.stats.reads++;
    const end = Math.min(location + length, this.size);
    if (end <= location) return 0;
    // Fast path: one segment holds it all (the usual case: reads fall inside a chunk).
    const seg = this.find(location);
    if (seg && seg.start + seg.bytes.length >= end) {
      dest.set(seg.bytes.subarray(location - seg.start, end - seg.start));
      this.stats.bytesServed += end - location;
      return end - location;
    }
    // Segments are merged when they touch, so a read spanning two of them has a gap.
    this.stats.misses.push({ start: location, end });
    return -1;
  }

  private find(at: number): Segment | undefined {
    const segs = this.segments;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segs[mid];
      if (at < s.start) hi = mid - 1;
      else if (at >= s.start + s.bytes.length) lo = mid + 1;
      else return s;
    }
    return undefined;
  }
}
