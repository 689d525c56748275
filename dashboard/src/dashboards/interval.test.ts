import { describe, expect, it } from "vitest";
import { autoInterval, formatSpan, panelRange, parseSpan } from "./interval";

const H = 3_600_000;

describe("timespans", () => {
  it("parses and formats", () => {
    expect(parseSpan("15m")).toBe(900_000);
    expect(parseSpan(" 2h ")).toBe(2 * H);
    expect(parseSpan("500ms")).toBe(500);
    expect(parseSpan("0s")).toBeNull();
    expect(parseSpan("5 minutes")).toBeNull();
    expect(parseSpan("")).toBeNull();
    expect(formatSpan(90_000)).toBe("90s");
    expect(formatSpan(H)).toBe("1h");
    expect(formatSpan(7 * 24 * H)).toBe("1w");
    expect(formatSpan(1500)).toBe("1500ms");
  });
});

describe("autoInterval", () => {
  it("gives about 100 buckets, snapped to a nice step", () => {
    expect(autoInterval(H)).toBe("30s"); // 36 s raw
    expect(autoInterval(6 * H)).toBe("5m"); // 216 s raw: 5m is nearer by ratio than 2m
    expect(autoInterval(24 * H)).toBe("15m"); // 864 s raw
    expect(autoInterval(7 * 24 * H)).toBe("2h"); // 100.8 min raw
    expect(autoInterval(5 * 60_000)).toBe("2s"); // 3 s raw, between 2s and 5s: 2s is nearer by ratio
  });
  it("never goes below a second or above 30 days", () => {
    expect(autoInterval(10)).toBe("1s");
    expect(autoInterval(10_000 * 24 * H)).toBe("30d");
  });
  it("takes another bucket count", () => {
    expect(autoInterval(H, 60)).toBe("1m");
  });
});

describe("panelRange", () => {
  const range = { fromMs: 0, toMs: 10 * H };
  it("a relative override takes the last span up to the dashboard's end", () => {
    expect(panelRange(range, "15m")).toEqual({ fromMs: 10 * H - 900_000, toMs: 10 * H });
  });
  it("no override, or one that is not a span, keeps the dashboard range", () => {
    expect(panelRange(range, undefined)).toBe(range);
    expect(panelRange(range, "soon")).toBe(range);
  });
});
