/**
 * Per-file column statistics for the catalog, so a query can skip files without
 * opening them: time range, min/max/null count of the columns people filter by, and
 * the exact value set when a column has few distinct values in the file (a
 * `service.name == "x"` filter then prunes even when x sorts between min and max).
 *
 * Computed from the TableBuilder buffers (the same rows, in any order, that were
 * written), comparing strings as UTF-8 bytes like Parquet does, decoding only the
 * distinct values kept. Pure: no I/O, no wasm.
 */
import { NumberColumn, StringColumn, type TableBuilder } from "../columns";

/** Columns the catalog prunes by (those present in the table are computed). */
export const STATS_COLUMNS = [
  "timestamp",
  "service_name",
  "severity_number",
  "severity_text",
  "trace_id",
  "status_code",
  "duration_ns",
  "metric_name",
  "http_response_status_code",
] as const;

/** A column's value set is recorded only up to this many distinct values. */
export const MAX_DISTINCT = 32;

export interface ColumnStats {
  /** Smallest non-null value (string by UTF-8 bytes; timestamps in µs), or null if all null. */
  min: string | number | null;
  max: string | number | null;
  nulls: number;
  /** Every distinct non-null value, sorted, when there are at most MAX_DISTINCT. */
  distinct?: string[] | number[];
}

export interface FileStats {
  /** µs since the epoch; 0 when there are no rows. */
  minTimestamp: number;
  maxTimestamp: number;
  rows: number;
  columns: Record<string, ColumnStats>;
}

export function columnStats(table: TableBuilder, rows?: Int32Array, columns: readonly string[] = STATS_COLUMNS): FileStats {
  const out: Record<string, ColumnStats> = {};
  for (const name of columns) {
    const col = table.byName.get(name);
    if (col instanceof StringColumn) out[name] = stringStats(col, rows, table.rows);
    else if (col instanceof NumberColumn) out[name] = numberStats(col, rows, table.rows);
  }
  const ts = out.timestamp ?? (table.byName.get("timestamp") instanceof NumberColumn ? numberStats(table.column("timestamp"), rows, table.rows) : null);
  return {
    minTimestamp: (ts?.min as number | null) ?? 0,
    maxTimestamp: (ts?.max as number | null) ?? 0,
    rows: rows ? rows.length : table.rows,
    columns: out,
  };
}

function isNull(bits: Uint8Array | null, r: number): boolean {
  return bits !== null && !(bits[r >> 3] & (1 << (r & 7)));
}

function numberStats(col: NumberColumn, rows: Int32Array | undefined, total: number): ColumnStats {
  const n = rows ? rows.length : total;
  const bits = col.validity.nulls ? col.validity.bits : null;
  const v = col.values;
  let min = Infinity;
  let max = -Infinity;
  let nulls = 0;
  let seen: Set<number> | null = new Set();
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    if (isNull(bits, r)) {
      nulls++;
      continue;
    }
    const x = v[r];
    if (x < min) min = x;
    if (x > max) max = x;
    if (seen && !seen.has(x)) {
      seen.add(x);
      if (seen.size > MAX_DISTINCT) seen = null;
    }
  }
  if (nulls === n) return { min: null, max: null, nulls };
  const stats: ColumnStats = { min, max, nulls };
  if (seen) stats.distinct = [...seen].sort((a, b) => a - b);
  return stats;
}

function compareBytes(bytes: Uint8Array, a0: number, a1: number, b0: number, b1: number): number {
  for (; a0 < a1 && b0 < b1; a0++, b0++) {
    const d = bytes[a0] - bytes[b0];
    if (d !== 0) return d;
  }
  return a1 - a0 - (b1 - b0);
}

function stringStats(col: StringColumn, rows: Int32Array | undefined, total: number): ColumnStats {
  const n = rows ? rows.length : total;
  const bits = col.validity.nulls ? col.validity.bits : null;
  const { offsets } = col;
  const bytes = col.bytes.data;
  let minRow = -1;
  let maxRow = -1;
  let nulls = 0;
  // Distinct values as row indices (compared by bytes), dropped past MAX_DISTINCT.
  let distinct: number[] | null = [];
  let prev = -1; // previous non-null row: sorted files repeat values in runs
  for (let i = 0; i < n; i++) {
    const r = rows ? rows[i] : i;
    if (isNull(bits, r)) {
      nulls++;
      continue;
    }
    const s = offsets[r];
    const e = offsets[r + 1];
    if (prev >= 0 && compareBytes(bytes, s, e, offsets[prev], offsets[prev + 1]) === 0) continue;
    prev = r;
    if (distinct) {
      let known = false;
      for (const d of distinct) if (compareBytes(bytes, s, e, offsets[d], offsets[d + 1]) === 0) { known = true; break; }
      if (known) continue; // already folded into min/max
      distinct.push(r);
      if (distinct.length > MAX_DISTINCT) distinct = null;
    }
    if (minRow < 0 || compareBytes(bytes, s, e, offsets[minRow], offsets[minRow + 1]) < 0) minRow = r;
    if (maxRow < 0 || compareBytes(bytes, s, e, offsets[maxRow], offsets[maxRow + 1]) > 0) maxRow = r;
  }
  if (minRow < 0) return { min: null, max: null, nulls };
  const stats: ColumnStats = { min: col.get(minRow), max: col.get(maxRow), nulls };
  if (distinct) {
    distinct.sort((a, b) => compareBytes(bytes, offsets[a], offsets[a + 1], offsets[b], offsets[b + 1]));
    stats.distinct = distinct.map((d) => col.get(d)!);
  }
  return stats;
}
