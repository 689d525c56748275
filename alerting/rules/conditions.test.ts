import { describe, expect, it } from "vitest";
import { change, judge, median, robustScore, thresholdVerdict } from "./conditions";

describe("threshold", () => {
  it("breaches past the level, clears at or past the recovery point, holds between", () => {
    expect([120, 100, 90, 80, 79].map((v) => thresholdVerdict("above", v, 100, 80))).toEqual(["breach", "hold", "hold", "clear", "clear"]);
    expect([5, 10, 15, 20, 25].map((v) => thresholdVerdict("below", v, 10, 20))).toEqual(["breach", "hold", "hold", "clear", "clear"]);
    expect(thresholdVerdict("above", null, 1)).toBe("nodata");
    expect(thresholdVerdict("above", 1, 1)).toBe("clear");
  });

  it("judges each level on its own", () => {
    const cond = { kind: "threshold" as const, op: "above" as const, thresholds: { critical: 500, warning: 200, warning_recovery: 150 } };
    expect(judge(cond, "info", { current: 600 }).verdicts).toEqual([
      { severity: "critical", verdict: "breach" },
      { severity: "warning", verdict: "breach" },
    ]);
    expect(judge(cond, "info", { current: 180 }).verdicts).toEqual([
      { severity: "critical", verdict: "clear" },
      { severity: "warning", verdict: "hold" },
    ]);
  });
});

describe("change", () => {
  it("compares with the earlier window in absolute terms or percent", () => {
    expect(change("absolute", 150, 100)).toBe(50);
    expect(change("percent", 150, 100)).toBe(50);
    expect(change("percent", 50, -100)).toBe(150);
    expect(change("percent", 5, 0)).toBe(Infinity);
    expect(change("percent", 0, 0)).toBe(0);
    expect(change("percent", 5, null)).toBeNull();
    const cond = { kind: "change" as const, op: "above" as const, mode: "percent" as const, offsetMs: 86_400_000, thresholds: { critical: 50 } };
    expect(judge(cond, "info", { current: 200, before: 100 })).toEqual({ value: 100, verdicts: [{ severity: "critical", verdict: "breach" }] });
    expect(judge(cond, "info", { current: 120, before: 100 }).verdicts[0].verdict).toBe("clear");
    expect(judge(cond, "info", { current: 120, before: null }).verdicts[0].verdict).toBe("nodata");
  });
});

describe("anomaly", () => {
  const cond = { kind: "anomaly" as const, baseline: "same_hour" as const, points: 7, sensitivity: 3, direction: "both" as const };

  it("scores against the median and MAD of the baseline", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // baseline 8..12: median 10, MAD 1 → scale 1.4826
    const r = robustScore(16, [8, 9, 10, 11, 12]);
    expect(r.median).toBe(10);
    expect(r.score).toBeCloseTo(6 / 1.4826, 6);
  });

  it("is robust to one outlier in the baseline", () => {
    const j = judge(cond, "warning", { current: 15, baseline: [10, 11, 9, 10, 1000, 10, 11] });
    expect(j.verdicts).toEqual([{ severity: "warning", verdict: "breach" }]);
    expect(judge(cond, "warning", { current: 11, baseline: [10, 11, 9, 10, 1000, 10, 11] }).verdicts[0].verdict).toBe("clear");
  });

  it("honours the direction and needs three baseline points", () => {
    const low = { ...cond, direction: "above" as const };
    expect(judge(low, "warning", { current: 1, baseline: [10, 11, 9, 10] }).verdicts[0].verdict).toBe("clear");
    expect(judge({ ...cond, direction: "below" }, "warning", { current: 1, baseline: [10, 11, 9, 10] }).verdicts[0].verdict).toBe("breach");
    expect(judge(cond, "warning", { current: 100, baseline: [10, null, 9] }).verdicts[0].verdict).toBe("clear");
  });

  it("falls back to the mean deviation when the MAD is zero, and a constant baseline makes any change anomalous", () => {
    expect(robustScore(10, [5, 5, 5, 5, 9]).score).toBeCloseTo(5 / (1.2533 * 0.8), 6);
    expect(robustScore(6, [5, 5, 5]).score).toBe(Infinity);
    expect(robustScore(5, [5, 5, 5]).score).toBe(0);
  });
});

describe("nodata", () => {
  it("is calm for a group that returned a row", () => {
    expect(judge({ kind: "nodata" }, "critical", { current: 0 }).verdicts).toEqual([{ severity: "critical", verdict: "clear" }]);
  });
});
