/**
 * Parquet → rows appended to a TableBuilder (compaction merges an hour's small files;
 * tests read files back).
 *
 * Reader choice: parquet-wasm (arrow-rs). hyparquet is pure JS but reads only
 * uncompressed/snappy pages by itself (zstd needs the hyparquet-compressors package),
 * and even on snappy it decoded our 100k log rows ~2–3× slower than parquet-wasm
 * decodes zstd and we append (README.md). parquet-wasm decodes to Arrow; we view the
 * buffers in wasm memory through the C Data Interface (ffi.ts) and bulk-copy them.
 *
 * Row groups are decoded one at a time so the wasm heap (which never shrinks) holds
 * the file plus one decoded row group. Columns are matched by name: a column the
 * file lacks (older schema version) is filled with nulls (empty maps); columns the
 * table lacks are ignored; a column whose type changed goes through a slower
 * per-value conversion.
 */
import { Type, Vector, type Data } from "apache-arrow";
import { parquetMetadata } from "hyparquet";
import { readParquet, wasmMemory } from "parquet-wasm/esm";
import { growFloat64, growInt32, ListColumn, MapColumn, NumberColumn, StringColumn, type Column, type TableBuilder } from "../columns";
import { importRecordBatch } from "./ffi";
import { assertParquetWasm } from "./wasm";

export function readParquetInto(bytes: Uint8Array | ArrayBuffer, table: TableBuilder): number {
  assertParquetWasm();
  const file = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  // Footer parsing in JS (hyparquet, no decompression) tells how many row groups.
  const meta = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  let added = 0;
  for (let g = 0; g < meta.row_groups.length; g++) {
    const rowsInGroup = Number(meta.row_groups[g].num_rows);
    if (rowsInGroup === 0) continue;
    const stream = readParquet(file, { rowGroups: [g], batchSize: rowsInGroup }).intoFFI();
    try {
      const schemaAddr = stream.schemaAddr();
      for (let b = 0; b < stream.numArrays(); b++) {
        const arrayAddr = stream.arrayAddr(b);
        // Views into wasm memory: no wasm call until this batch is copied.
        const { length, columns } = importRecordBatch(wasmMemory(), arrayAddr, schemaAddr);
        table.defs.forEach((def, c) => {
          const data = columns.get(def.name);
          if (data) appendData(table.columns[c], data);
          else appendNulls(table.columns[c], length);
        });
        table.rows += length;
        added += length;
      }
    } finally {
      stream.free();
    }
  }
  return added;
}

function appendNulls(col: Column, n: number): void {
  if (col instanceof MapColumn) for (let i = 0; i < n; i++) col.closeRow();
  else for (let i = 0; i < n; i++) col.appendNull();
}

/**
 * Append the validity of data[from, from + n) at `at`: bits written directly (one
 * growth, no call per row) since Validity.set is the per-value path for decoders.
 */
function appendValidity(v: { bits: Uint8Array; nulls: number }, at: number, data: Data, from: number, n: number): void {
  const need = (at + n + 7) >> 3;
  if (need > v.bits.length) {
    const next = new Uint8Array(Math.max(v.bits.length * 2, need));
    next.set(v.bits);
    v.bits = next;
  }
  const bits = v.bits;
  const src = data.nullCount === 0 ? null : data.nullBitmap;
  if (!src || src.length === 0) {
    for (let i = 0; i < n; i++) bits[(at + i) >> 3] |= 1 << ((at + i) & 7);
    return;
  }
  let nulls = 0;
  for (let i = 0, b = data.offset + from; i < n; i++, b++) {
    if (src[b >> 3] & (1 << (b & 7))) bits[(at + i) >> 3] |= 1 << ((at + i) & 7);
    else nulls++;
  }
  v.nulls += nulls;
}

function valid(data: Data, i: number): boolean {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return true;
  const b = data.offset + i;
  return (data.nullBitmap[b >> 3] & (1 << (b & 7))) !== 0;
}

function appendData(col: Column, data: Data): void {
  const t = data.type.typeId;
  if (col instanceof StringColumn && t === Type.Utf8) return appendStrings(col, data, 0, data.length);
  if (col instanceof MapColumn && t === Type.Map) return appendMap(col, data);
  if (col instanceof ListColumn && t === Type.List) return appendList(col, data);
  if (col instanceof NumberColumn && (t === Type.Int || t === Type.Float || t === Type.Timestamp || t === Type.Bool))
    return appendNumbers(col, data);
  appendConverted(col, data);
}

/** Rows [from, to) of a Utf8 array: one byte copy, rebased offsets. */
function appendStrings(col: StringColumn, data: Data, from: number, to: number): void {
  const n = to - from;
  const off = data.valueOffsets as Int32Array;
  const base = data.offset + from;
  const start = off[base];
  const len = off[base + n] - start;
  col.bytes.reserve(len);
  const pos = col.bytes.length;
  col.bytes.data.set((data.values as Uint8Array).subarray(start, start + len), pos);
  col.bytes.length += len;
  col.offsets = growInt32(col.offsets, col.length + n + 1);
  const o = col.offsets;
  const shift = pos - start;
  for (let i = 1; i <= n; i++) o[col.length + i] = off[base + i] + shift;
  appendValidity(col.validity, col.length, data, from, n);
  col.length += n;
}

const TWO32 = 4294967296;

/** Int32/Int64/Timestamp/Float64/Bool → the float64 values of a NumberColumn. */
function appendNumbers(col: NumberColumn, data: Data): void {
  const n = data.length;
  col.values = growFloat64(col.values, col.length + n);
  const out = col.values;
  const at = col.length;
  readNumbers(data, 0, n, out, at);
  appendValidity(col.validity, at, data, 0, n);
  col.length += n;
}

/** Values [from, from+n) of a primitive array into `out` at `at`, as numbers. */
function readNumbers(data: Data, from: number, n: number, out: Float64Array | number[], at: number): void {
  const v = data.values as ArrayBufferView;
  const base = data.offset + from;
  if (data.type.typeId === Type.Bool) {
    const bits = v as Uint8Array;
    for (let i = 0; i < n; i++) out[at + i] = (bits[(base + i) >> 3] >> ((base + i) & 7)) & 1;
  } else if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    // Two 32-bit halves per value: no BigInt per value. Exact below 2^53.
    const w = new Int32Array(v.buffer, v.byteOffset, v.length * 2);
    for (let i = 0; i < n; i++) out[at + i] = w[2 * (base + i) + 1] * TWO32 + (w[2 * (base + i)] >>> 0);
  } else {
    const a = v as Float64Array | Int32Array;
    for (let i = 0; i < n; i++) out[at + i] = a[base + i];
  }
}

function appendMap(col: MapColumn, data: Data): void {
  const n = data.length;
  const off = data.valueOffsets as Int32Array;
  const entries = data.children[0];
  const from = off[data.offset];
  const to = off[data.offset + n];
  const keyBase = col.keys.length;
  // Offsets index the entries struct; as in the C Data Interface (ffi.ts), a struct's
  // own offset shifts into its children, which carry their own offsets too.
  appendStrings(col.keys, entries.children[0], entries.offset + from, entries.offset + to);
  appendStrings(col.values, entries.children[1], entries.offset + from, entries.offset + to);
  col.offsets = growInt32(col.offsets, col.length + n + 1);
  const shift = keyBase - from;
  for (let i = 1; i <= n; i++) col.offsets[col.length + i] = off[data.offset + i] + shift;
  col.length += n;
}

function appendList(col: ListColumn, data: Data): void {
  const n = data.length;
  const off = data.valueOffsets as Int32Array;
  const items = data.children[0];
  const from = off[data.offset];
  const to = off[data.offset + n];
  const base = col.items.length;
  readNumbers(items, from, to - from, col.items, base);
  col.offsets = growInt32(col.offsets, col.length + n + 1);
  const shift = base - from;
  for (let i = 1; i <= n; i++) col.offsets[col.length + i] = off[data.offset + i] + shift;
  appendValidity(col.validity, col.length, data, 0, n);
  col.length += n;
}

/** Slow path for a column whose type differs from the table's (schema change). */
function appendConverted(col: Column, data: Data): void {
  const chunk = new Vector([data]);
  for (let i = 0; i < data.length; i++) {
    const v = valid(data, i) ? chunk.get(i) : null;
    if (col instanceof MapColumn) {
      if (v && typeof v === "object")
        for (const [k, val] of Object.entries(typeof (v as { toJSON?: () => unknown }).toJSON === "function" ? (v as { toJSON: () => object }).toJSON() : v)) {
          col.keys.append(String(k));
          if (val === null || val === undefined) col.values.appendNull();
          else col.values.append(String(val));
        }
      col.closeRow();
    } else if (v === null || v === undefined) col.appendNull();
    else if (col instanceof StringColumn) col.append(typeof v === "string" ? v : String(v));
    else if (col instanceof ListColumn) col.append(Array.from(v as ArrayLike<number | bigint>, Number));
    else {
      const x = Number(v);
      if (Number.isNaN(x) && typeof v !== "number") col.appendNull();
      else col.append(x);
    }
  }
}
