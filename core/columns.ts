/**
 * Growable column builders in Arrow's memory layout (offsets + bytes for strings,
 * validity bitmaps, typed arrays for numbers), so decoders can write values straight
 * from the wire without creating one object per record, and the Parquet writer can
 * hand the buffers to Arrow without copying them value by value.
 *
 * We do not use apache-arrow's builders: they are slow (~130k rows/s measured) and
 * `vectorFromArray` compiles code with `new Function`, which workerd forbids.
 */
import type { ColumnDef, ColumnType, Signal } from "./schema";
import { TABLES } from "./schema";

const textEncoder = new TextEncoder();

class Bytes {
  data: Uint8Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint8Array(capacity);
  }
  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.data.length) return;
    let cap = this.data.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
  finish(): Uint8Array {
    return this.data.subarray(0, this.length);
  }
}

/** Validity bitmap, one bit per row, LSB first (Arrow's layout). */
class Validity {
  bits: Uint8Array = new Uint8Array(64);
  nulls = 0;
  set(index: number, valid: boolean): void {
    const byte = index >> 3;
    if (byte >= this.bits.length) {
      const next = new Uint8Array(Math.max(this.bits.length * 2, byte + 1));
      next.set(this.bits);
      this.bits = next;
    }
    if (valid) this.bits[byte] |= 1 << (index & 7);
    else this.nulls++;
  }
  finish(length: number): Uint8Array | null {
    return this.nulls === 0 ? null : this.bits.subarray(0, (length + 7) >> 3);
  }
}

/** Grows a typed array to hold at least `need` values (doubling), keeping its contents. */
export function growInt32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(a.length * 2, need));
  next.set(a);
  return next;
}
export function growFloat64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const next = new Float64Array(Math.max(a.length * 2, need));
  next.set(a);
  return next;
}

/** UTF-8 strings: Arrow `Utf8` (int32 offsets). */
export class StringColumn {
  readonly type = "string" as const;
  length = 0;
  offsets: Int32Array = new Int32Array(256);
  bytes = new Bytes(4096);
  validity = new Validity();

  /** Append a slice of UTF-8 bytes as-is (from a protobuf buffer, say). */
  appendUtf8(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.bytes.reserve(n);
    this.bytes.data.set(src.subarray(start, end), this.bytes.length);
    this.bytes.length += n;
    this.#close(true);
  }
  append(value: string): void {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    this.bytes.reserve(value.length * 3);
    const { written } = textEncoder.encodeInto(value, this.bytes.data.subarray(this.bytes.length));
    this.bytes.length += written;
    this.#close(true);
  }
  appendNull(): void {
    this.#close(false);
  }
  #close(valid: boolean): void {
    this.validity.set(this.length, valid);
    this.length++;
    this.offsets = growInt32(this.offsets, this.length + 1);
    this.offsets[this.length] = this.bytes.length;
  }
  /** Decoded value at `row` (for tests and the hot tier, not the hot path). */
  get(row: number): string | null {
    if (this.validity.nulls && !(this.validity.bits[row >> 3] & (1 << (row & 7)))) return null;
    return new TextDecoder().decode(this.bytes.data.subarray(this.offsets[row], this.offsets[row + 1]));
  }
}

/** Numbers stored as float64 internally, written as the declared Parquet type. */
export class NumberColumn {
  length = 0;
  values: Float64Array = new Float64Array(256);
  validity = new Validity();
  constructor(readonly type: "int32" | "int64" | "float64" | "bool" | "timestamp") {}
  append(value: number): void {
    this.values = growFloat64(this.values, this.length + 1);
    this.values[this.length] = value;
    this.validity.set(this.length, true);
    this.length++;
  }
  appendNull(): void {
    this.values = growFloat64(this.values, this.length + 1);
    this.validity.set(this.length, false);
    this.length++;
  }
  get(row: number): number | null {
    if (this.validity.nulls && !(this.validity.bits[row >> 3] & (1 << (row & 7)))) return null;
    return this.values[row];
  }
}

/** map<string,string>: per-row offsets into parallel key and value string columns. */
export class MapColumn {
  readonly type = "map" as const;
  length = 0;
  offsets: Int32Array = new Int32Array(256);
  keys = new StringColumn();
  values = new StringColumn();
  /** Call after appending this row's entries to `keys`/`values`. */
  closeRow(): void {
    this.length++;
    this.offsets = growInt32(this.offsets, this.length + 1);
    this.offsets[this.length] = this.keys.length;
  }
  get(row: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (let i = this.offsets[row]; i < this.offsets[row + 1]; i++) out[this.keys.get(i)!] = this.values.get(i)!;
    return out;
  }
}

/** list<float64> or list<int64>; null lists allowed. */
export class ListColumn {
  length = 0;
  offsets: Int32Array = new Int32Array(256);
  items: number[] = [];
  validity = new Validity();
  constructor(readonly type: "list_float64" | "list_int64") {}
  append(values: ArrayLike<number>): void {
    for (let i = 0; i < values.length; i++) this.items.push(values[i]);
    this.#close(true);
  }
  appendNull(): void {
    this.#close(false);
  }
  #close(valid: boolean): void {
    this.validity.set(this.length, valid);
    this.length++;
    this.offsets = growInt32(this.offsets, this.length + 1);
    this.offsets[this.length] = this.items.length;
  }
  get(row: number): number[] | null {
    if (this.validity.nulls && !(this.validity.bits[row >> 3] & (1 << (row & 7)))) return null;
    return this.items.slice(this.offsets[row], this.offsets[row + 1]);
  }
}

export type Column = StringColumn | NumberColumn | MapColumn | ListColumn;

export function newColumn(type: ColumnType): Column {
  switch (type) {
    case "string":
      return new StringColumn();
    case "map":
      return new MapColumn();
    case "list_float64":
    case "list_int64":
      return new ListColumn(type);
    default:
      return new NumberColumn(type);
  }
}

/**
 * One table's worth of rows being built: a column per schema column, all the same
 * length once a row is complete. Decoders append to every column for every row
 * (null where absent) and then call `endRow()`.
 */
export class TableBuilder {
  readonly columns: Column[];
  readonly byName: Map<string, Column>;
  rows = 0;
  constructor(
    readonly signal: Signal,
    readonly defs: readonly ColumnDef[] = TABLES[signal],
  ) {
    this.columns = defs.map((d) => newColumn(d.type));
    this.byName = new Map(defs.map((d, i) => [d.name, this.columns[i]]));
  }
  column<T extends Column = Column>(name: string): T {
    const c = this.byName.get(name);
    if (!c) throw new Error(`unknown column ${name} in ${this.signal}`);
    return c as T;
  }
  endRow(): void {
    this.rows++;
  }
  /** Row `i` as a plain object (tests, hot-tier reads); not for hot paths. */
  row(i: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.defs.forEach((d, c) => (out[d.name] = this.columns[c].get(i)));
    return out;
  }
}

/** Copies validity bits of `count` rows from `src` to `dst` starting at row `at`. */
function appendValidity(dst: Validity, src: Validity, count: number, at: number): void {
  if (src.nulls === 0) {
    for (let i = 0; i < count; i++) dst.set(at + i, true);
    return;
  }
  for (let i = 0; i < count; i++) dst.set(at + i, (src.bits[i >> 3] & (1 << (i & 7))) !== 0);
}

function appendStrings(dst: StringColumn, src: StringColumn): void {
  const n = src.length;
  const srcBytes = src.bytes.finish();
  const base = dst.bytes.length;
  dst.bytes.reserve(srcBytes.length);
  dst.bytes.data.set(srcBytes, base);
  dst.bytes.length += srcBytes.length;
  dst.offsets = growInt32(dst.offsets, dst.length + n + 1);
  for (let i = 1; i <= n; i++) dst.offsets[dst.length + i] = base + src.offsets[i];
  appendValidity(dst.validity, src.validity, n, dst.length);
  dst.length += n;
}

function appendColumn(dst: Column, src: Column): void {
  if (dst instanceof StringColumn && src instanceof StringColumn) return appendStrings(dst, src);
  if (dst instanceof NumberColumn && src instanceof NumberColumn) {
    dst.values = growFloat64(dst.values, dst.length + src.length);
    dst.values.set(src.values.subarray(0, src.length), dst.length);
    appendValidity(dst.validity, src.validity, src.length, dst.length);
    dst.length += src.length;
    return;
  }
  if (dst instanceof MapColumn && src instanceof MapColumn) {
    const base = dst.keys.length;
    appendStrings(dst.keys, src.keys);
    appendStrings(dst.values, src.values);
    dst.offsets = growInt32(dst.offsets, dst.length + src.length + 1);
    for (let i = 1; i <= src.length; i++) dst.offsets[dst.length + i] = base + src.offsets[i];
    dst.length += src.length;
    return;
  }
  if (dst instanceof ListColumn && src instanceof ListColumn) {
    const base = dst.items.length;
    for (let i = 0; i < src.items.length; i++) dst.items.push(src.items[i]);
    dst.offsets = growInt32(dst.offsets, dst.length + src.length + 1);
    for (let i = 1; i <= src.length; i++) dst.offsets[dst.length + i] = base + src.offsets[i];
    appendValidity(dst.validity, src.validity, src.length, dst.length);
    dst.length += src.length;
    return;
  }
  throw new Error(`cannot append a ${src.type} column to a ${dst.type} column`);
}

/**
 * Appends all rows of `src` to `dst` (same signal), column by column with block
 * copies. Flush decodes each buffered batch into its own table and appends it, so a
 * batch that fails to decode leaves the combined table untouched.
 */
export function appendTable(dst: TableBuilder, src: TableBuilder): void {
  if (dst.signal !== src.signal) throw new Error(`cannot append ${src.signal} rows to a ${dst.signal} table`);
  for (let c = 0; c < dst.columns.length; c++) appendColumn(dst.columns[c], src.columns[c]);
  dst.rows += src.rows;
}
