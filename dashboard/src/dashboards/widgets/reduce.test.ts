import { describe, expect, it } from "vitest";
import { legendCalcs, reduce, stack } from "./reduce";

describe("reduce", () => {
  const xs = [null, 4, 1, null, 7, 2, null];
  it("skips gaps", () => {
    expect(reduce(xs, "last")).toBe(2);
    expect(reduce(xs, "first")).toBe(4);
    expect(reduce(xs, "min")).toBe(1);
    expect(reduce(xs, "max")).toBe(7);
    expect(reduce(xs, "sum")).toBe(14);
    expect(reduce(xs, "avg")).toBe(3.5);
  });
  it("is null for an all-gap series", () => {
    expect(reduce([null, null], "avg")).toBeNull();
    expect(reduce([], "last")).toBeNull();
  });
  it("computes the legend's calcs", () => {
    expect(legendCalcs(xs, ["min", "max", "avg", "last"])).toEqual({ min: 1, max: 7, avg: 3.5, last: 2 });
  });
});

describe("stack", () => {
  it("adds each series onto the ones below it; a gap stays a gap and adds nothing", () => {
    expect(stack([
      [1, 2, null],
      [10, null, 5],
      [100, 200, 300],
    ])).toEqual([
      [1, 2, null],
      [11, null, 5],
      [111, 202, 305],
    ]);
    expect(stack([])).toEqual([]);
  });
});
