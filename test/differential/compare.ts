/**
 * Both sides of a differential case as plain JSON values, and their comparison.
 *
 * The API answers JSON already (integers as numbers, or strings beyond 2^53; timestamps
 * as ISO-8601 with microseconds; maps as objects; lists as arrays). Native DuckDB's
 * values are brought to the same form here — and only to that form: a string stays a
 * string, a number a number, so a type or precision difference still shows.
 */
import {
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBMapValue,
  DuckDBStructValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampValue,
  type DuckDBValue,
} from "@duckdb/node-api";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Table {
  columns: string[];
  rows: Json[][];
}

/** µs since the epoch → `2026-01-01T00:00:01.000123Z`, the API's timestamp form. */
export function isoMicros(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const sub = ((micros % 1000n) + 1000n) % 1000n;
  return `${new Date(Number(ms)).toISOString().slice(0, 23)}${String(sub).padStart(3, "0")}Z`;
}

function bigintJson(v: bigint): number | string {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
}

export function fromDuckDB(v: DuckDBValue): Json {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return bigintJson(v);
  if (v instanceof DuckDBTimestampValue || v instanceof DuckDBTimestampTZValue) return isoMicros(v.micros);
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBListValue) return v.items.map(fromDuckDB);
  if (v instanceof DuckDBMapValue) {
    const out: Record<string, Json> = {};
    for (const { key, value } of v.entries) out[String(key)] = fromDuckDB(value);
    return out;
  }
  if (v instanceof DuckDBStructValue) {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(v.entries)) out[key] = fromDuckDB(value as DuckDBValue);
    return out;
  }
  throw new Error(`no JSON form for DuckDB value ${String(v)} (${v.constructor.name})`);
}

const REL = 1e-9;

function numbersEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b);
  return Math.abs(a - b) <= REL * Math.max(Math.abs(a), Math.abs(b));
}

export function valuesEqual(a: Json, b: Json): boolean {
  if (typeof a === "number" && typeof b === "number") return numbersEqual(a, b);
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]));
  }
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && valuesEqual(a[k], b[k]));
}

/** A sort key for multiset comparison: maps by sorted keys, reals to 9 significant digits. */
function key(v: Json): string {
  return JSON.stringify(v, (_, x: Json) => {
    if (typeof x === "number" && !Number.isInteger(x)) return `#${x.toPrecision(9)}`;
    if (x && typeof x === "object" && !Array.isArray(x)) return Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)));
    return x;
  });
}

const show = (row: Json[]) => JSON.stringify(row).slice(0, 400);

/**
 * Differences between what the query returned (`got`) and what the SQL says (`want`), as
 * readable lines; empty when they agree. `ordered` also compares the order of the rows;
 * `anyOf` (take without sort) accepts any `anyOf` rows of `want`.
 */
export function diffTables(got: Table, want: Table, mode: { ordered?: boolean; anyOf?: number }): string[] {
  const out: string[] = [];
  if (JSON.stringify(got.columns) !== JSON.stringify(want.columns)) {
    out.push(`columns differ: got ${JSON.stringify(got.columns)}, want ${JSON.stringify(want.columns)}`);
    return out;
  }
  if (mode.anyOf !== undefined) {
    const expectedRows = Math.min(mode.anyOf, want.rows.length);
    if (got.rows.length !== expectedRows) out.push(`got ${got.rows.length} rows, want ${expectedRows}`);
    const pool = new Map<string, number>();
    for (const r of want.rows) pool.set(key(r), (pool.get(key(r)) ?? 0) + 1);
    for (const r of got.rows) {
      const n = pool.get(key(r)) ?? 0;
      if (n === 0) out.push(`row not among the expected rows: ${show(r)}`);
      else pool.set(key(r), n - 1);
      if (out.length > 8) break;
    }
    return out;
  }
  if (got.rows.length !== want.rows.length) out.push(`got ${got.rows.length} rows, want ${want.rows.length}`);
  const g = mode.ordered ? got.rows : [...got.rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const w = mode.ordered ? want.rows : [...want.rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (let i = 0; i < Math.max(g.length, w.length) && out.length < 8; i++) {
    if (i >= g.length || i >= w.length || !valuesEqual(g[i], w[i])) {
      out.push(`${mode.ordered ? "row" : "sorted row"} ${i}: got ${g[i] ? show(g[i]) : "(none)"}, want ${w[i] ? show(w[i]) : "(none)"}`);
    }
  }
  return out;
}
