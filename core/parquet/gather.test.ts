/**
 * Every gather strategy (all / runs / scatter / rows) builds the same Arrow data as a
 * naive row-by-row copy.
 */
import { describe, expect, it } from "vitest";
import { makeLogs, makeMetrics, rng } from "./fixtures";
import { toRecordBatch } from "./arrow";
import { selection } from "./gather";
import type { TableBuilder } from "../columns";

function shuffled(n: number, seed: number): Int32Array {
  const r = rng(seed);
  const a = new Int32Array(n).map((_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = (r() * (i + 1)) | 0;
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Arrow batch rows as plain values (bigint → number, maps → objects). */
function rowsOf(table: TableBuilder, rows: Int32Array): unknown[] {
  const batch = toRecordBatch(table, rows);
  return batch.toArray().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row.toJSON())) {
      if (typeof v === "bigint") out[k] = Number(v);
      else if (v && typeof v === "object" && "toJSON" in v) out[k] = JSON.parse(JSON.stringify(v, (_, x) => (typeof x === "bigint" ? Number(x) : x)));
      else out[k] = v;
    }
    return out;
  });
}

describe("selection strategies", () => {
  const n = 1000;
  const cases: [string, Int32Array][] = [
    ["all", new Int32Array(n).map((_, i) => i)],
    ["runs", Int32Array.from([...Array(300).keys()].map((i) => i + 600).concat([...Array(300).keys()].map((i) => i + 10)))],
    ["scatter", shuffled(n, 7)],
    ["rows", Int32Array.from([5, 5, 900, 3, 3, 3])],
    ["rows", shuffled(n, 8).subarray(0, 100)],
  ];

  it.each(cases)("%s", (kind, rows) => {
    expect(selection(rows, n).kind).toBe(kind);
    for (const table of [makeLogs(n, 11), makeMetrics(n, 12)]) {
      const want = [...rows].map((r) => rowsOf(table, Int32Array.of(r))[0]);
      expect(rowsOf(table, rows)).toEqual(want);
    }
  });

  it("rejects rows out of range", () => {
    expect(() => selection(Int32Array.of(0, 10), 10)).toThrow(RangeError);
    expect(() => selection(Int32Array.of(-1), 10)).toThrow(RangeError);
  });
});
