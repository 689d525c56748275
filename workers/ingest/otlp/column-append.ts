/**
 * Faster ways to append already-encoded UTF-8 to a StringColumn, for the decoders'
 * hot path.
 *
 * `StringColumn.appendUtf8` creates a `subarray` view per value; with ~40 strings per
 * log record that allocation and the generic `set` were a quarter of decode time.
 * These helpers write the same state through the column's public fields (byte buffer,
 * offsets, validity) — short values byte by byte, and a resource's whole block of map
 * keys or values with one copy. `column-append.test.ts` checks that they leave a column
 * exactly as `appendUtf8` would, so a layout change in core/columns.ts shows up there.
 */
import type { StringColumn } from "../../../core/columns";
import { decodeUtf8, isValidUtf8 } from "./text";

/** Below this length a byte loop beats creating a subarray for `set`. */
const SHORT = 48;

/** Same effect as `col.appendUtf8(src, start, end)`. The bytes must be valid UTF-8. */
export function appendBytes(col: StringColumn, src: Uint8Array, start: number, end: number): void {
  const n = end - start;
  const bytes = col.bytes;
  bytes.reserve(n);
  const data = bytes.data;
  let o = bytes.length;
  if (n < SHORT) for (let i = start; i < end; i++) data[o++] = src[i];
  else {
    data.set(src.subarray(start, end), o);
    o += n;
  }
  bytes.length = o;
  closeValue(col, o);
}

/**
 * Appends a string straight from the request bytes, repairing it (U+FFFD) only when it
 * is not valid UTF-8. Copies and checks for ASCII in one pass; full validation runs
 * only when a non-ASCII byte was seen.
 */
export function appendUtf8Checked(col: StringColumn, src: Uint8Array, start: number, end: number): void {
  const n = end - start;
  const bytes = col.bytes;
  bytes.reserve(n);
  const data = bytes.data;
  let o = bytes.length;
  let seen = 0;
  if (n < SHORT) {
    for (let i = start; i < end; i++) {
      const c = src[i];
      seen |= c;
      data[o++] = c;
    }
  } else {
    data.set(src.subarray(start, end), o);
    o += n;
    seen = 0x80; // not scanned: validate below
  }
  if (seen >= 0x80 && !isValidUtf8(src, start, end)) {
    // Nothing is committed until bytes.length moves, so the copy is simply dropped.
    col.append(decodeUtf8(src, start, end));
    return;
  }
  bytes.length = o;
  closeValue(col, o);
}

/**
 * Same effect as `col.append(s)`; short ASCII strings (most keys and values) are
 * written directly instead of going through TextEncoder.encodeInto.
 */
export function appendString(col: StringColumn, s: string): void {
  const n = s.length;
  if (n >= SHORT) {
    col.append(s);
    return;
  }
  const bytes = col.bytes;
  bytes.reserve(n);
  const data = bytes.data;
  let o = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) {
      col.append(s); // nothing was committed: bytes.length has not moved
      return;
    }
    data[o++] = c;
  }
  bytes.length = o;
  closeValue(col, o);
}

/** Appends a whole standalone array as one value (prepared resource/scope values). */
export function appendArray(col: StringColumn, src: Uint8Array): void {
  appendBytes(col, src, 0, src.length);
}

/**
 * Pre-encoded list of strings: all bytes in `block`, value i ending at `ends[i]`.
 * Appending it costs one copy however many values it holds.
 */
export class Utf8Block {
  constructor(
    readonly block: Uint8Array,
    readonly ends: Int32Array,
  ) {}

  static of(values: readonly Uint8Array[]): Utf8Block {
    const ends = new Int32Array(values.length);
    let total = 0;
    for (let i = 0; i < values.length; i++) ends[i] = total += values[i].length;
    const block = new Uint8Array(total);
    for (let i = 0, o = 0; i < values.length; o += values[i].length, i++) block.set(values[i], o);
    return new Utf8Block(block, ends);
  }

  get count(): number {
    return this.ends.length;
  }
}

/** Appends every value of `b` as its own entry of `col`. */
export function appendBlock(col: StringColumn, b: Utf8Block): void {
  const n = b.ends.length;
  if (n === 0) return;
  const bytes = col.bytes;
  const base = bytes.length;
  bytes.reserve(b.block.length);
  bytes.data.set(b.block, base);
  bytes.length = base + b.block.length;
  for (let i = 0; i < n; i++) closeValue(col, base + b.ends[i]);
}

/** What StringColumn's private close does for a valid value ending at byte `end`. */
function closeValue(col: StringColumn, end: number): void {
  col.validity.set(col.length, true);
  const row = ++col.length;
  let offsets = col.offsets;
  if (row + 1 > offsets.length) {
    const grown = new Int32Array(Math.max(offsets.length * 2, row + 1));
    grown.set(offsets);
    col.offsets = offsets = grown;
  }
  offsets[row] = end;
}
