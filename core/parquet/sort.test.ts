import { describe, expect, it } from "vitest";
import { TableBuilder, type NumberColumn, type StringColumn } from "../columns";
import { appendRow, makeLogs, rng } from "./fixtures";
import { hourKey, hourPartition, partitionBy, sortOrder } from "./sort";

const utf8 = new TextEncoder();
/** Reference comparison: UTF-8 bytes, nulls first. */
function cmpBytes(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
function cmpNum(a: number | null, b: number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  return a - b;
}

function logsWith(values: { service_name?: string | null; severity_number?: number | null; body?: string | null }[]): TableBuilder {
  const t = new TableBuilder("logs");
  values.forEach((v, i) => appendRow(t, { timestamp: i, ...v }));
  return t;
}

describe("sortOrder", () => {
  it("orders strings by UTF-8 bytes with nulls first, and is stable", () => {
    const names = ["b", null, "", "a", "ｆ", "😀", "é", "Z", "a", "abcdefg", "abcdef", "abcdeg", "a\u0000", "ab", null];
    const t = logsWith(names.map((service_name) => ({ service_name })));
    const order = [...sortOrder(t, ["service_name"])];
    const want = names.map((_, i) => i).sort((i, j) => cmpBytes(names[i], names[j]) || i - j);
    expect(order).toEqual(want);
    // UTF-16 order would put 😀 (a surrogate pair) before ｆ (U+FF46); bytes do not.
    expect(order.indexOf(4)).toBeLessThan(order.indexOf(5));
  });

  it("matches a reference multi-key sort on random data", () => {
    const r = rng(42);
    const alphabet = ["a", "b", "ß", "€", "😀", "z"];
    const rows = Array.from({ length: 3000 }, () => ({
      service_name: r() < 0.1 ? null : Array.from({ length: (r() * 9) | 0 }, () => alphabet[(r() * alphabet.length) | 0]).join(""),
      severity_number: r() < 0.2 ? null : (r() * 5) | 0,
    }));
    const t = logsWith(rows);
    const want = rows
      .map((_, i) => i)
      .sort((i, j) => cmpBytes(rows[i].service_name, rows[j].service_name) || cmpNum(rows[i].severity_number, rows[j].severity_number) || i - j);
    expect([...sortOrder(t, ["service_name", "severity_number"])]).toEqual(want);
    const want2 = rows.map((_, i) => i).sort((i, j) => cmpNum(rows[i].severity_number, rows[j].severity_number) || j - i);
    // `rows` gives the input order (here reversed), which ties keep.
    const reversed = Int32Array.from(rows.map((_, i) => rows.length - 1 - i));
    expect([...sortOrder(t, ["severity_number"], reversed)]).toEqual(want2);
  });

  it("sorts 100k log rows by service, then time", () => {
    const t = makeLogs(100_000);
    const order = sortOrder(t, ["service_name", "timestamp"]);
    expect(new Set(order).size).toBe(100_000);
    const svc = t.column<StringColumn>("service_name");
    const ts = t.column<NumberColumn>("timestamp");
    for (let i = 1; i < order.length; i++) {
      const c = cmpBytes(svc.get(order[i - 1]), svc.get(order[i]));
      expect(c < 0 || (c === 0 && ts.values[order[i - 1]] <= ts.values[order[i]])).toBe(true);
    }
  });

  it("refuses map columns as keys", () => {
    expect(() => sortOrder(new TableBuilder("logs"), ["attributes"])).toThrow(/map/);
  });
});

describe("partitionBy / hourKey", () => {
  it("splits by UTC hour, keeping the given order", () => {
    const h = 3_600_000_000;
    const base = Date.UTC(2025, 0, 31, 23, 0, 0) * 1000;
    const times = [base + 5, base + h + 1, base + 10, base + h, base - 1];
    const t = new TableBuilder("logs");
    for (const timestamp of times) appendRow(t, { timestamp });
    const order = sortOrder(t, ["timestamp"]);
    const parts = partitionBy(t, hourKey(t), order);
    expect([...parts.keys()]).toEqual(["date=2025-01-31/hour=22", "date=2025-01-31/hour=23", "date=2025-02-01/hour=00"]);
    expect([...parts.get("date=2025-01-31/hour=23")!]).toEqual([0, 2]);
    expect([...parts.get("date=2025-02-01/hour=00")!]).toEqual([3, 1]);
    expect(hourPartition(0)).toBe("date=1970-01-01/hour=00");
  });
});
