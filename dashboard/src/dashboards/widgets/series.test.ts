import { describe, expect, it } from "vitest";
import type { QueryResult } from "../../api";
import { applyLegend, categories, panelTimeSeries, rankCategories, ShapeError, statValues } from "./series";

const result = (columns: [string, string][], rows: unknown[][]): QueryResult => ({
  columns: columns.map(([name, type]) => ({ name, type })),
  rows,
  truncated: false,
  stats: {} as QueryResult["stats"],
});
const t = (m: number) => `2026-01-01T00:0${m}:00.000000Z`;
const s = (m: number) => Date.UTC(2026, 0, 1, 0, m) / 1000;

describe("panelTimeSeries", () => {
  const a = result([["timestamp", "TIMESTAMP"], ["service_name", "VARCHAR"], ["n", "BIGINT"]], [
    [t(1), "api", 2],
    [t(0), "api", 1],
    [t(0), "web", 5],
  ]);
  const b = result([["timestamp", "TIMESTAMP"], ["p95", "DOUBLE"]], [[t(2), 9.5]]);

  it("aligns every query on one time axis and applies legend templates", () => {
    const ts = panelTimeSeries([
      { refId: "A", legend: "{{service.name}} requests", result: a, error: null },
      { refId: "B", result: b, error: null },
    ]);
    expect(ts.x).toEqual([s(0), s(1), s(2)]);
    expect(ts.series.map((x) => [x.label, x.refId, x.values])).toEqual([
      ["api requests", "A", [1, 2, null]],
      ["web requests", "A", [5, null, null]],
      ["B: p95", "B", [null, null, 9.5]],
    ]);
  });

  it("keeps labels unique and skips failed or empty queries", () => {
    const ts = panelTimeSeries([
      { refId: "A", legend: "all", result: a, error: null },
      { refId: "B", result: null, error: "boom" },
      { refId: "C", result: result([["timestamp", "TIMESTAMP"], ["n", "BIGINT"]], []), error: null },
    ]);
    expect(ts.series.map((x) => x.label)).toEqual(["all", "all (2)"]);
  });

  it("keeps at most maxSeries series and counts the rest", () => {
    const many = result([["timestamp", "TIMESTAMP"], ["k", "VARCHAR"], ["n", "BIGINT"]], ["a", "b", "c", "d"].map((k) => [t(0), k, 1]));
    const ts = panelTimeSeries([{ refId: "A", result: many, error: null }], 3);
    expect(ts.series.map((x) => x.label)).toEqual(["a", "b", "c"]);
    expect(ts.dropped).toBe(1);
  });

  it("says what is missing when a result has no time column", () => {
    const noTime = result([["service_name", "VARCHAR"], ["n", "BIGINT"]], [["api", 1]]);
    expect(() => panelTimeSeries([{ refId: "A", result: noTime, error: null }])).toThrow(ShapeError);
    expect(() => panelTimeSeries([{ refId: "A", result: noTime, error: null }])).toThrow(/Query A has no time column/);
  });
});

describe("applyLegend", () => {
  it("fills group values, the measure and the query; leaves unknown names visible", () => {
    const series = { label: "x", values: [], group: { service_name: "api", http_route: "/a" }, measure: "p95" };
    expect(applyLegend("{{ service_name }} {{http.route}} {{__measure}} ({{__query}})", series, "B")).toBe("api /a p95 (B)");
    expect(applyLegend("{{nope}}", series, "A")).toBe("{{nope}}");
  });
});

describe("categories", () => {
  it("labels by the text columns, sizes by the first number, sums repeated labels", () => {
    const r = result([["timestamp", "TIMESTAMP"], ["service_name", "VARCHAR"], ["status", "VARCHAR"], ["n", "BIGINT"]], [
      [t(0), "api", "OK", 3],
      [t(1), "api", "OK", 4],
      [t(1), "web", null, 1],
    ]);
    expect(categories(r)).toEqual([
      { label: "api, OK", value: 7 },
      { label: "web, ∅", value: 1 },
    ]);
  });
  it("turns one row of numbers into one category per column", () => {
    expect(categories(result([["ok", "BIGINT"], ["errors", "BIGINT"]], [[90, 10]]))).toEqual([
      { label: "ok", value: 90 },
      { label: "errors", value: 10 },
    ]);
  });
  it("refuses results with nothing to size by or to label by", () => {
    expect(() => categories(result([["name", "VARCHAR"]], [["a"]]))).toThrow(/No numeric column/);
    expect(() => categories(result([["n", "BIGINT"]], [[1], [2]]))).toThrow(/No label column/);
  });
  it("ranks, cuts and sums the rest into Other", () => {
    const list = [
      { label: "a", value: 1 },
      { label: "b", value: 5 },
      { label: "c", value: 3 },
    ];
    expect(rankCategories(list, "desc", 2).map((c) => c.label)).toEqual(["b", "c"]);
    expect(rankCategories(list, "asc").map((c) => c.label)).toEqual(["a", "c", "b"]);
    expect(rankCategories(list, "desc", 1, true)).toEqual([
      { label: "b", value: 5 },
      { label: "Other", value: 4 },
    ]);
    expect(rankCategories(list, "none").map((c) => c.label)).toEqual(["a", "b", "c"]);
  });
});

describe("statValues", () => {
  it("reduces each time series and keeps its points for the sparkline", () => {
    const r = result([["timestamp", "TIMESTAMP"], ["n", "BIGINT"]], [
      [t(0), 4],
      [t(1), 6],
    ]);
    expect(statValues([{ refId: "A", result: r, error: null }], "avg")).toEqual([{ label: "n", value: 5, spark: [4, 6] }]);
  });
  it("uses categories for results without time", () => {
    const r = result([["service_name", "VARCHAR"], ["n", "BIGINT"]], [["api", 3], ["web", 1]]);
    expect(statValues([{ refId: "A", result: r, error: null }])).toEqual([
      { label: "api", value: 3, spark: null },
      { label: "web", value: 1, spark: null },
    ]);
  });
});
