/**
 * Do our API's answer and native DuckDB's agree? Pure: both answers come in as rows of
 * plain values (native BIGINTs as bigint and TIMESTAMPs as Date; the API's large integers
 * possibly as strings, its timestamps as ISO-8601 text).
 */
import type { Check } from "./query-cases.ts";

export type Rows = unknown[][];

export interface Agreement {
  ok: boolean;
  /** "136 rows, equal", "2 of 24 groups differ: …". */
  note: string;
}

function num(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** Equal as text, or as numbers within `tolerance` relative to the larger. */
export function close(a: unknown, b: unknown, tolerance: number): boolean {
  const x = num(a);
  const y = num(b);
  if (x === null || y === null) return String(a ?? null) === String(b ?? null);
  return Math.abs(x - y) <= tolerance * Math.max(Math.abs(x), Math.abs(y));
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A group key's value as text; a time as ISO-8601 to the millisecond, whichever side it came from. */
function keyText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "string" && ISO_TIME.test(v)) return new Date(Date.parse(v)).toISOString();
  return String(v);
}

function keyed(rows: Rows, keys: number): Map<string, unknown[]> {
  const out = new Map<string, unknown[]>();
  for (const r of rows) out.set(JSON.stringify(r.slice(0, keys).map(keyText)), r.slice(keys));
  return out;
}

/** Compares `ours` with `native` by the case's rule; `approximate` when our scan fanned out. */
export function compareAnswers(check: Check, ours: Rows, native: Rows, opts: { approximate: boolean; columns?: string[] } = { approximate: false }): Agreement {
  if (check.kind === "take") {
    const col = opts.columns?.indexOf(check.column) ?? -1;
    const needle = check.contains.toLowerCase();
    const bad = col < 0 ? ours.length : ours.filter((r) => !String(r[col]).toLowerCase().includes(needle)).length;
    const ok = ours.length === native.length && bad === 0;
    return { ok, note: `${ours.length} vs ${native.length} rows${bad ? `; ${bad} without "${check.contains}"` : `, all matching`}` };
  }
  if (check.kind === "top") {
    const a = ours.map((r) => r[check.column]);
    const b = native.map((r) => r[check.column]);
    const same = a.length === b.length && a.every((v, i) => close(v, b[i], 0));
    const idsSame = same && ours.every((r, i) => String(r[0]) === String(native[i][0]));
    return { ok: same, note: `${a.length} vs ${b.length} rows, ${same ? `same order${idsSame ? ", same ids" : " (ties in another order)"}` : "values differ"}` };
  }
  const tolerance = opts.approximate ? (check.approximateTolerance ?? check.tolerance) : check.tolerance;
  const mine = keyed(ours, check.keys);
  const theirs = keyed(native, check.keys);
  const diffs: string[] = [];
  let worst = 0;
  for (const [k, vals] of theirs) {
    const v = mine.get(k);
    if (!v) {
      diffs.push(`missing ${k}`);
      continue;
    }
    vals.forEach((want, i) => {
      const x = num(v[i]);
      const y = num(want);
      if (x !== null && y !== null && Math.max(Math.abs(x), Math.abs(y)) > 0) worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
      if (!close(v[i], want, tolerance)) diffs.push(`${k}[${i}] ${String(v[i])} ≠ ${String(want)}`);
    });
  }
  for (const k of mine.keys()) if (!theirs.has(k)) diffs.push(`extra ${k}`);
  const spread = worst > 0 ? `, largest difference ${(worst * 100).toPrecision(2)}%` : "";
  if (diffs.length === 0) return { ok: true, note: `${mine.size} groups agree${spread}` };
  return { ok: false, note: `${diffs.length} differences in ${theirs.size} groups (first: ${diffs[0]})${spread}` };
}

/** Sum of one column (the row count of a count(*) aggregate). */
export function columnSum(rows: Rows, column: number): number {
  return rows.reduce((n: number, r) => n + (num(r[column]) ?? 0), 0);
}
