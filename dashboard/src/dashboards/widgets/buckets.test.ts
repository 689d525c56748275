import { describe, expect, it } from "vitest";
import type { QueryResult } from "../../api";
import { fillSteps, heatmapGrid, histogram, valueBounds } from "./buckets";

const result = (columns: [string, string][], rows: unknown[][]): QueryResult => ({
  columns: columns.map(([name, type]) => ({ name, type })),
  rows,
  truncated: false,
  stats: {} as QueryResult["stats"],
});

describe("histogram", () => {
  it("counts values into equal-width buckets, the top one including the max", () => {
    expect(histogram([0, 1, 2, 3, 4, 10, null, "x"], 5)).toEqual([
      { from: 0, to: 2, count: 2 },
      { from: 2, to: 4, count: 2 },
      { from: 4, to: 6, count: 1 },
      { from: 6, to: 8, count: 0 },
      { from: 8, to: 10, count: 1 },
    ]);
  });
  it("handles one distinct value and no values", () => {
    expect(histogram([3, 3], 2)).toEqual([
      { from: 3, to: 3.5, count: 2 },
      { from: 3.5, to: 4, count: 0 },
    ]);
    expect(histogram([], 4)).toEqual([]);
  });
});

describe("heatmap", () => {
  const range = { fromMs: Date.UTC(2026, 0, 1, 0, 0), toMs: Date.UTC(2026, 0, 1, 0, 4) };
  const at = (m: number, s = 0) => new Date(Date.UTC(2026, 0, 1, 0, m, s)).toISOString();

  it("reads pre-bucketed (time, bucket, count) rows as they are", () => {
    const grid = heatmapGrid(
      result([["timestamp", "TIMESTAMP"], ["bucket", "BIGINT"], ["n", "BIGINT"]], [
        [at(1), 100, 2],
        [at(0), 0, 5],
        [at(1), 0, 1],
      ]),
      range,
    );
    expect(grid.times).toEqual([Date.parse(at(0)), Date.parse(at(1))]);
    expect(grid.step).toBe(60_000);
    expect(grid.bounds).toEqual([0, 100]);
    expect(grid.upper).toBe(200);
    expect(grid.counts).toEqual([
      [5, 0],
      [1, 2],
    ]);
    expect(grid.max).toBe(5);
  });

  it("fills missing bucket starts at the smallest spacing, up to a limit", () => {
    expect(fillSteps([0, 50, 200], 100)).toEqual([0, 50, 100, 150, 200]);
    expect(fillSteps([0, 1, 1000], 100)).toEqual([0, 1, 1000]);
    expect(fillSteps([7], 100)).toEqual([7]);
    expect(fillSteps([0, 50, 120], 100)).toEqual([0, 50, 120]);
    expect(fillSteps([0.1, 0.2, 0.4], 100)).toEqual([0.1, 0.2, 0.30000000000000004, 0.4]);
  });

  it("keeps an empty column for a time bucket without rows", () => {
    const grid = heatmapGrid(
      result([["timestamp", "TIMESTAMP"], ["bucket", "BIGINT"], ["n", "BIGINT"]], [
        [at(0), 0, 1],
        [at(3), 0, 2],
        [at(1), 0, 3],
      ]),
      range,
    );
    expect(grid.times).toEqual([0, 1, 2, 3].map((m) => Date.parse(at(m))));
    expect(grid.counts).toEqual([[1], [3], [0], [2]]);
  });

  it("bins raw (timestamp, value) rows over the panel range", () => {
    const grid = heatmapGrid(
      result([["timestamp", "TIMESTAMP"], ["v", "DOUBLE"]], [
        [at(0, 10), 0],
        [at(0, 20), 10],
        [at(3, 0), 5],
        [at(9, 0), 5], // outside the range
      ]),
      range,
      { columns: 4, rows: 2 },
    );
    expect(grid.times).toEqual([0, 1, 2, 3].map((m) => Date.parse(at(m))));
    expect(grid.bounds).toEqual([0, 5]);
    expect(grid.counts).toEqual([
      [1, 1],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    expect(grid.log).toBe(false);
  });

  it("spaces value rows logarithmically across orders of magnitude", () => {
    const b = valueBounds(1, 1000, 3);
    expect(b.log).toBe(true);
    expect(b.bounds.map((v) => Math.round(v))).toEqual([1, 10, 100]);
    expect(valueBounds(0, 1000, 2)).toEqual({ bounds: [0, 500], upper: 1000, log: false });
  });

  it("explains the shapes it takes", () => {
    expect(() => heatmapGrid(result([["service_name", "VARCHAR"]], [["a"]]), range)).toThrow(/\(time, value\) rows/);
  });
});
