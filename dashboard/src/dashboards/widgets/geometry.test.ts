import { describe, expect, it } from "vitest";
import { arcPath, gaugeAngle, gaugeScale, polar, sliceAngles, slicePath } from "./geometry";

describe("geometry", () => {
  it("measures angles clockwise from twelve o'clock", () => {
    expect(polar(0, 0, 10, 0).map(Math.round)).toEqual([0, -10]);
    expect(polar(0, 0, 10, 90).map(Math.round)).toEqual([10, 0]);
  });
  it("maps gauge values onto a 240° sweep, clamped", () => {
    expect(gaugeAngle(0, 0, 100)).toBe(-120);
    expect(gaugeAngle(50, 0, 100)).toBe(0);
    expect(gaugeAngle(500, 0, 100)).toBe(120);
    expect(gaugeAngle(5, 5, 5)).toBe(-120);
  });
  it("draws arcs with the large-arc flag past 180°", () => {
    expect(arcPath(50, 50, 40, -90, 90)).toBe("M 10 50 A 40 40 0 0 1 90 50");
    expect(arcPath(50, 50, 40, -120, 120)).toContain(" 0 1 1 ");
  });
  it("splits a pie by share and draws donut segments with an inner edge", () => {
    expect(sliceAngles([1, 3, -2])).toEqual([
      { start: 0, end: 90, share: 0.25 },
      { start: 90, end: 360, share: 0.75 },
      { start: 360, end: 360, share: 0 },
    ]);
    expect(slicePath(50, 50, 40, 0, 0, 90)).toBe("M 50 50 L 50 10 A 40 40 0 0 1 90 50 Z");
    expect(slicePath(50, 50, 40, 20, 0, 90)).toBe("M 50 10 A 40 40 0 0 1 90 50 L 70 50 A 20 20 0 0 0 50 30 Z");
  });
});

describe("gaugeScale", () => {
  it("uses min/max when set, the unit's natural range, else up past the top threshold or value", () => {
    expect(gaugeScale("ms", 10, 500, [50])).toEqual([10, 500]);
    expect(gaugeScale("percent", undefined, undefined, [50])).toEqual([0, 100]);
    expect(gaugeScale("percentunit", undefined, undefined, [0.5])).toEqual([0, 1]);
    expect(gaugeScale("none", undefined, undefined, [30], [{ value: null }, { value: 80 }])).toEqual([0, 100]);
    expect(gaugeScale("none", undefined, undefined, [300], [{ value: 80 }])).toEqual([0, 300]);
    expect(gaugeScale("none", undefined, undefined, [null])).toEqual([0, 1]);
  });
});
