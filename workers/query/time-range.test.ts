import { describe, expect, it } from "vitest";
import { parseTimeBound, parseTimeRange, TimeRangeError } from "./time-range";

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe("query time range", () => {
  it("reads relative, ISO and epoch bounds", () => {
    expect(parseTimeBound("now", NOW, "to")).toBe(NOW * 1000);
    expect(parseTimeBound("now-15m", NOW, "from")).toBe((NOW - 900_000) * 1000);
    expect(parseTimeBound("now - 2d", NOW, "from")).toBe((NOW - 2 * 86_400_000) * 1000);
    expect(parseTimeBound("2026-01-01T00:00:00Z", NOW, "from")).toBe(Date.UTC(2026, 0, 1) * 1000);
    expect(parseTimeBound("2026-01-01T00:00:00.123456Z", NOW, "from")).toBe(Date.UTC(2026, 0, 1) * 1000 + 123456);
    expect(parseTimeBound("2026-01-01", NOW, "from")).toBe(Date.UTC(2026, 0, 1) * 1000);
    expect(parseTimeBound("2026-01-01T02:00:00+02:00", NOW, "from")).toBe(Date.UTC(2026, 0, 1) * 1000);
    expect(parseTimeBound(1767225600000, NOW, "from")).toBe(1767225600000 * 1000);
  });

  it("defaults to the last hour", () => {
    expect(parseTimeRange(undefined, undefined, NOW)).toEqual({ fromUs: (NOW - 3_600_000) * 1000, toUs: NOW * 1000 });
  });

  it("refuses bad bounds with a message naming the field", () => {
    expect(() => parseTimeBound("yesterday", NOW, "from")).toThrow(/'from' is not a time/);
    expect(() => parseTimeBound("now-5y", NOW, "from")).toThrow(TimeRangeError);
    expect(() => parseTimeBound("", NOW, "to")).toThrow(/'to' must be/);
    expect(() => parseTimeBound(Number.NaN, NOW, "to")).toThrow(/finite/);
    expect(() => parseTimeRange("now", "now-1h", NOW)).toThrow(/before/);
    expect(() => parseTimeRange("now-365d", "now", NOW)).toThrow(/at most 90 days/);
  });
});
