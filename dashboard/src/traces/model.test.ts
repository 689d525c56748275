import { describe, expect, it } from "vitest";
import { buildTrace, flameBars, formatDuration, isoToMicros, type SpanRow } from "./model";

const span = (id: string, parent: string | null, startMs: number, durMs: number, status = "OK", service = "api"): SpanRow => ({
  span_id: id,
  parent_span_id: parent,
  name: `op-${id}`,
  service_name: service,
  kind: "SERVER",
  timestamp: new Date(Date.UTC(2026, 0, 1) + startMs).toISOString().replace("Z", "000Z"),
  duration_ns: durMs * 1_000_000,
  status_code: status,
});

describe("trace model", () => {
  it("builds the tree in start order with depths and offsets", () => {
    const t = buildTrace([span("c", "a", 30, 50), span("a", null, 0, 100), span("b", "a", 10, 10, "ERROR", "db"), span("d", "c", 40, 5)]);
    expect(t.spans.map((s) => [s.id, s.depth, s.startUs, s.endUs])).toEqual([
      ["a", 0, 0, 100_000],
      ["b", 1, 10_000, 20_000],
      ["c", 1, 30_000, 80_000],
      ["d", 2, 40_000, 45_000],
    ]);
    expect(t.durationUs).toBe(100_000);
    expect(t.errors).toBe(1);
    expect(t.services).toEqual(["api", "db"]);
  });

  it("keeps spans whose parent is missing, as roots", () => {
    const t = buildTrace([span("a", null, 0, 10), span("x", "gone", 2, 3)]);
    expect(t.roots.map((r) => r.id)).toEqual(["a", "x"]);
  });

  it("marks the critical path: what the end waited for", () => {
    // a waits for c, which ran e then d one after the other; b finished before c began.
    const t = buildTrace([span("a", null, 0, 100), span("b", "a", 5, 20), span("c", "a", 30, 60), span("d", "c", 40, 45), span("e", "c", 35, 3), span("f", "c", 36, 30)]);
    // f overlaps d's start and ends before d: d, not f, is what c's end waited for.
    expect(t.spans.filter((s) => s.critical).map((s) => s.id).sort()).toEqual(["a", "b", "c", "d", "e"]);
    // Overlapping children: only the one that ended last before the parent counts.
    const o = buildTrace([span("a", null, 0, 100), span("p", "a", 10, 80), span("q", "a", 20, 30)]);
    expect(o.spans.filter((s) => s.critical).map((s) => s.id).sort()).toEqual(["a", "p"]);
  });

  it("lays out flame bars as fractions of the trace", () => {
    const bars = flameBars(buildTrace([span("a", null, 0, 100), span("b", "a", 50, 25)]));
    expect(bars.map((b) => [b.depth, b.left, b.width])).toEqual([
      [0, 0, 1],
      [1, 0.5, 0.25],
    ]);
  });

  it("reads µs timestamps and formats durations", () => {
    expect(isoToMicros("2026-01-01T00:00:00.123456Z") % 1_000_000).toBe(123456);
    expect(formatDuration(1_500_000)).toBe("1.50 s");
    expect(formatDuration(2300)).toBe("2.3 ms");
    expect(formatDuration(42)).toBe("42 µs");
  });
});

describe("trace search", async () => {
  const { traceSearchQuery } = await import("./search");
  const { analyze } = await import("../../../wasm-query/language/index");
  it("builds a query the language accepts", () => {
    const q = traceSearchQuery({ service: "checkout", operation: 'GET "/x"', minDuration: "250ms", errorsOnly: true, where: 'attributes.http.route == "/cart"' });
    expect(q).toBe('spans | where service.name == "checkout" | where name == "GET \\"/x\\"" | where duration >= 250ms | where status_code == "ERROR" | where attributes.http.route == "/cart" | top 50 by duration desc | project trace_id, timestamp, service.name, name, duration_ns, status_code');
    expect(() => analyze(q)).not.toThrow();
    expect(traceSearchQuery({ service: "", operation: "", minDuration: "", errorsOnly: false, where: "" }, 10)).toBe("spans | top 10 by duration desc | project trace_id, timestamp, service.name, name, duration_ns, status_code");
  });
});
