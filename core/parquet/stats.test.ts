import { describe, expect, it } from "vitest";
import { TableBuilder } from "../columns";
import { appendRow, makeSpans } from "./fixtures";
import { MAX_DISTINCT, columnStats } from "./stats";

describe("columnStats", () => {
  it("computes time range, min/max by UTF-8 bytes, nulls and small value sets", () => {
    const t = new TableBuilder("logs");
    const rows = [
      { timestamp: 30, service_name: "b", severity_number: 9, severity_text: "INFO" },
      { timestamp: 10, service_name: "ｆ", severity_number: null, severity_text: "INFO" },
      { timestamp: 20, service_name: "😀", severity_number: 17, severity_text: "ERROR" },
      { timestamp: 25, service_name: null, severity_number: 9, severity_text: null },
    ];
    rows.forEach((r) => appendRow(t, r));
    const s = columnStats(t);
    expect(s.rows).toBe(4);
    expect([s.minTimestamp, s.maxTimestamp]).toEqual([10, 30]);
    expect(s.columns.service_name).toEqual({ min: "b", max: "😀", nulls: 1, distinct: ["b", "ｆ", "😀"] });
    expect(s.columns.severity_number).toEqual({ min: 9, max: 17, nulls: 1, distinct: [9, 17] });
    expect(s.columns.severity_text).toEqual({ min: "ERROR", max: "INFO", nulls: 1, distinct: ["ERROR", "INFO"] });
    expect(s.columns.trace_id).toEqual({ min: null, max: null, nulls: 4 });
    expect(s.columns.duration_ns).toBeUndefined(); // not a logs column
    // Only the selected rows count.
    const sub = columnStats(t, Int32Array.of(2, 0));
    expect([sub.minTimestamp, sub.maxTimestamp, sub.rows]).toEqual([20, 30, 2]);
    expect(sub.columns.severity_number.nulls).toBe(0);
  });

  it("drops the value set past MAX_DISTINCT values", () => {
    const t = makeSpans(2000);
    const s = columnStats(t);
    expect(s.columns.trace_id.distinct).toBeUndefined();
    expect(s.columns.trace_id.min).toMatch(/^[0-9a-f]{32}$/);
    expect(s.columns.status_code.distinct).toEqual(["ERROR", "UNSET"]);
    expect(s.columns.service_name.distinct!.length).toBeLessThanOrEqual(MAX_DISTINCT);
    expect((s.columns.duration_ns.max as number) > (s.columns.duration_ns.min as number)).toBe(true);
  });

  it("handles an empty table", () => {
    expect(columnStats(new TableBuilder("metrics"))).toMatchObject({ rows: 0, minTimestamp: 0, maxTimestamp: 0 });
  });
});
