/**
 * Row orders for writing: sorted by some columns (sorted files compress better and
 * give tight per-row-group min/max for pruning), and split by hour partition.
 *
 * Strings are compared by their UTF-8 bytes (= code point order, what Parquet
 * statistics and DuckDB use) and never decoded: each string key is first turned into
 * a dense rank per row (equal strings found by hashing their bytes, the distinct
 * values sorted by bytes), so the row sort itself only compares numbers. Nulls sort
 * first; the sort is stable (ties keep their input order).
 */
import { ListColumn, MapColumn, NumberColumn, StringColumn, type TableBuilder } from "../columns";

function compareBytes(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  for (; a0 < a1 && b0 < b1; a0++, b0++) {
    const d = bytes[a0] - bytes[b0];
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

/**
 * Dense rank of each row's string (-1 for null): equal strings get equal ranks and
 * ranks follow byte order. Sorted input repeats values in runs, so a value equal to
 * the previous row's skips the hash lookup.
 */
export function stringRanks(col: StringColumn, n: number): Float64Array {
  const { offsets } = col;
  const bytes = col.bytes.data;
  const bits = col.validity.nulls ? col.validity.bits : null;
  const ids = new Int32Array(n);
  const firstRow: number[] = []; // id → a row holding that value
  const byHash = new Map<number, number | number[]>(); // FNV-1a hash → id(s)
  let prev = -1;
  for (let r = 0; r < n; r++) {
    if (bits && !(bits[r >> 3] & (1 << (r & 7)))) {
      ids[r] = -1;
      continue;
    }
    const s = offsets[r];
    const e = offsets[r + 1];
    if (prev >= 0 && compareBytes(bytes, s, e, offsets[prev], offsets[prev + 1]) === 0) {
      ids[r] = ids[prev];
      prev = r;
      continue;
    }
    prev = r;
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    const hit = byHash.get(h);
    let id = -1;
    if (hit !== undefined) {
      for (const cand of typeof hit === "number" ? [hit] : hit) {
        const f = firstRow[cand];
        if (compareBytes(bytes, s, e, offsets[f], offsets[f + 1]) === 0) {
          id = cand;
          break;
        }
      }
    }
    if (id < 0) {
      id = firstRow.length;
      firstRow.push(r);
      if (hit === undefined) byHash.set(h, id);
      else if (typeof hit === "number") byHash.set(h, [hit, id]);
      else hit.push(id);
    }
    ids[r] = id;
  }
  // Rank the distinct values by bytes.
  const distinct = firstRow.map((_, id) => id);
  distinct.sort((x, y) => {
    const a = firstRow[x];
    const b = firstRow[y];
    return compareBytes(bytes, offsets[a], offsets[a + 1], offsets[b], offsets[b + 1]);
  });
  const rankOf = new Float64Array(distinct.length);
  distinct.forEach((id, rank) => (rankOf[id] = rank));
  const ranks = new Float64Array(n);
  for (let r = 0; r < n; r++) ranks[r] = ids[r] < 0 ? -1 : rankOf[ids[r]];
  return ranks;
}

/** Sort keys for numbers: nulls → -Infinity (first), NaN → +Infinity (last). */
function numberKey(col: NumberColumn, n: number): Float64Array {
  const values = col.values.slice(0, n);
  const bits = col.validity.nulls ? col.validity.bits : null;
  for (let r = 0; r < n; r++) {
    if (bits && !(bits[r >> 3] & (1 << (r & 7)))) values[r] = -Infinity;
    else if (values[r] !== values[r]) values[r] = Infinity;
  }
  return values;
}

/**
 * Row order (indices into `table`) sorted by `keys` ascending. Map and list columns
 * cannot be sort keys. `rows` restricts/permutes the input (default: all rows).
 */
export function sortOrder(table: TableBuilder, keys: readonly string[], rows?: Int32Array): Int32Array {
  const n = table.rows;
  const built: Float64Array[] = keys.map((name) => {
    const col = table.column(name);
    if (col instanceof StringColumn) return stringRanks(col, n);
    if (col instanceof MapColumn || col instanceof ListColumn) throw new Error(`cannot sort by ${col.type} column ${name}`);
    return numberKey(col, n);
  });
  const order = rows ? Int32Array.from(rows) : new Int32Array(n).map((_, i) => i);
  if (built.length === 0) return order;
  // Position in the input order, for stability whatever the engine's sort does.
  const pos = new Int32Array(n);
  for (let i = 0; i < order.length; i++) pos[order[i]] = i;
  const [k0, k1] = built;
  const cmp =
    built.length === 1
      ? (a: number, b: number) => (k0[a] < k0[b] ? -1 : k0[a] > k0[b] ? 1 : pos[a] - pos[b])
      : built.length === 2
        ? (a: number, b: number) => (k0[a] < k0[b] ? -1 : k0[a] > k0[b] ? 1 : k1[a] < k1[b] ? -1 : k1[a] > k1[b] ? 1 : pos[a] - pos[b])
        : (a: number, b: number) => {
            for (let k = 0; k < built.length; k++) {
              const x = built[k][a];
              const y = built[k][b];
              if (x !== y) return x < y ? -1 : 1;
            }
            return pos[a] - pos[b];
          };
  return order.sort(cmp);
}

/**
 * Split rows by a key, keeping their relative order (pass `rows` to split an
 * already sorted order). The key function gets a row index.
 */
export function partitionBy(table: TableBuilder, key: (row: number) => string, rows?: Int32Array): Map<string, Int32Array> {
  const n = rows ? rows.length : table.rows;
  const ids = new Int32Array(n);
  const index = new Map<string, number>();
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = key(rows ? rows[i] : i);
    let id = index.get(k);
    if (id === undefined) {
      id = counts.length;
      index.set(k, id);
      counts.push(0);
    }
    ids[i] = id;
    counts[id]++;
  }
  const parts = counts.map((c) => new Int32Array(c));
  const fill = new Int32Array(counts.length);
  for (let i = 0; i < n; i++) parts[ids[i]][fill[ids[i]]++] = rows ? rows[i] : i;
  const out = new Map<string, Int32Array>();
  for (const [k, id] of index) out.set(k, parts[id]);
  return out;
}

const HOUR_US = 3_600_000_000;

/** `date=YYYY-MM-DD/hour=HH` (UTC) for a time in µs since the epoch. */
export function hourPartition(us: number): string {
  const iso = new Date(Math.floor(us / HOUR_US) * 3_600_000).toISOString();
  return `date=${iso.slice(0, 10)}/hour=${iso.slice(11, 13)}`;
}

/**
 * Partition key per row from a timestamp column, formatting each distinct hour once.
 * Null timestamps fall in the epoch's hour (decoders should not produce them).
 */
export function hourKey(table: TableBuilder, column = "timestamp"): (row: number) => string {
  const col = table.column<NumberColumn>(column);
  let lastHour = NaN;
  let lastKey = "";
  return (row) => {
    const us = col.get(row) ?? 0;
    const hour = Math.floor(us / HOUR_US);
    if (hour !== lastHour) {
      lastHour = hour;
      lastKey = hourPartition(us);
    }
    return lastKey;
  };
}
