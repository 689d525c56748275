import { describe, expect, it } from "vitest";
import { BASE_COLOR, seriesColor, PALETTE, thresholdBands, thresholdColor } from "./thresholds";

const steps = [
  { value: 80, color: "red" },
  { value: null, color: "green" },
  { value: 50, color: "orange" },
];

describe("thresholds", () => {
  it("colours a value by the highest step at or below it, whatever the order given", () => {
    expect(thresholdColor(10, steps)).toBe("green");
    expect(thresholdColor(50, steps)).toBe("orange");
    expect(thresholdColor(79.9, steps)).toBe("orange");
    expect(thresholdColor(80, steps)).toBe("red");
    expect(thresholdColor(-1e9, steps)).toBe("green");
  });

  it("falls back without steps, without a value, or below the first finite step", () => {
    expect(thresholdColor(5, undefined)).toBe(BASE_COLOR);
    expect(thresholdColor(null, steps, "grey")).toBe("grey");
    expect(thresholdColor(1, [{ value: 10, color: "red" }], "grey")).toBe("grey");
  });

  it("clips steps into gauge bands", () => {
    expect(thresholdBands(steps, 0, 100)).toEqual([
      { from: 0, to: 50, color: "green" },
      { from: 50, to: 80, color: "orange" },
      { from: 80, to: 100, color: "red" },
    ]);
    expect(thresholdBands(steps, 60, 70)).toEqual([{ from: 60, to: 70, color: "orange" }]);
  });

  it("gives fixed colours by name, else the palette in order", () => {
    expect(seriesColor(0, "api", { api: "#000" })).toBe("#000");
    expect(seriesColor(1, "web", { api: "#000" })).toBe(PALETTE[1]);
    expect(seriesColor(PALETTE.length, "x", undefined)).toBe(PALETTE[0]);
  });
});
