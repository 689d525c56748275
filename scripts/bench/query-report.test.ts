import { describe, expect, it } from "vitest";
import { compareAnswers } from "./query-compare.ts";
import { SECTION, upsertResults, verdicts, type QueryMeasurement } from "./query-report.ts";

describe("upsertResults", () => {
  it("appends the section once, then replaces only the generated block", () => {
    const first = upsertResults("# Benchmarks\n\ntext\n", "table 1");
    expect(first.indexOf(SECTION)).toBeGreaterThan(0);
    const withAnalysis = `${first}\n### Analysis\n\nkept\n`;
    const second = upsertResults(withAnalysis, "table 2");
    expect(second).toContain("table 2");
    expect(second).not.toContain("table 1");
    expect(second).toContain("### Analysis\n\nkept");
    expect(second.split(SECTION).length).toBe(2);
  });
});

describe("compareAnswers", () => {
  it("matches grouped rows by key, whatever their order and integer form", () => {
    const check = { kind: "rows", keys: 1, tolerance: 0 } as const;
    expect(compareAnswers(check, [["a", 1], ["b", "2"]], [["b", 2n], ["a", 1n]]).ok).toBe(true);
    expect(compareAnswers(check, [["a", 1]], [["a", 2n]]).ok).toBe(false);
    expect(compareAnswers(check, [["a", 1]], [["a", 1n], ["b", 1n]]).note).toContain("missing");
  });

  it("allows the approximate merge's tolerance only when the scan fanned out", () => {
    const check = { kind: "rows", keys: 1, tolerance: 1e-6, approximateTolerance: 0.005 } as const;
    expect(compareAnswers(check, [["x", 1003]], [["x", 1000]], { approximate: true }).ok).toBe(true);
    expect(compareAnswers(check, [["x", 1003]], [["x", 1000]], { approximate: false }).ok).toBe(false);
  });

  it("checks take by count and content, top by the ordered values", () => {
    const take = { kind: "take", column: "body", contains: "reset" } as const;
    expect(compareAnswers(take, [["Connection RESET"]], [["x"]], { approximate: false, columns: ["body"] }).ok).toBe(true);
    expect(compareAnswers(take, [["fine"]], [["x"]], { approximate: false, columns: ["body"] }).ok).toBe(false);
    const top = { kind: "top", column: 1 } as const;
    expect(compareAnswers(top, [["t1", 9], ["t2", 9]], [["t2", 9n], ["t1", 9n]]).note).toContain("ties");
    expect(compareAnswers(top, [["t1", 9]], [["t1", 8n]]).ok).toBe(false);
  });
});

describe("verdicts", () => {
  const m = (httpMs: number, nativeMs: number, wasmBytes: number): QueryMeasurement => ({
    dataset: "logs 1M", query: "q", aggregate: true, httpMs: [httpMs], engineMs: [httpMs], nativeMs: [nativeMs],
    bytesFetched: 0, wasmBytes, batches: 1, files: 1, agreement: { ok: true, note: "" },
  });
  it("judges the ratio, the wasm budget and the ack latency", () => {
    const [ratio, wasm, ack] = verdicts([m(30, 10, 50e6), m(31, 10, 90e6)], [120, 90, 4000], [1e6]);
    expect(ratio.pass).toBe(false);
    expect(wasm.pass).toBe(true);
    expect(ack.pass).toBe(true);
    expect(verdicts([m(10, 10, 101e6)], [], [])[1].pass).toBe(false);
  });
});

describe("compareAnswers keys", () => {
  it("matches the API's ISO times with native DuckDB's Date values", () => {
    const check = { kind: "rows", keys: 2, tolerance: 0 } as const;
    const ours = [["2026-11-26T01:02:00.000000Z", "cart", 5]];
    const native = [[new Date(Date.UTC(2026, 10, 26, 1, 2)), "cart", 5n]];
    expect(compareAnswers(check, ours, native).ok).toBe(true);
  });
});
