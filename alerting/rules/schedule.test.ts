import { describe, expect, it } from "vitest";
import { isDue, scheduledMinute } from "./schedule";

describe("rule schedule", () => {
  it("runs a rule at the minutes that are multiples of its interval", () => {
    const t = Date.UTC(2026, 0, 1, 10, 0);
    expect([0, 1, 2, 3, 4, 5, 10].map((m) => isDue(5 * 60_000, t + m * 60_000))).toEqual([true, false, false, false, false, true, true]);
    expect(isDue(60_000, t + 7 * 60_000)).toBe(true);
    expect(isDue(3_600_000, t + 30 * 60_000)).toBe(false);
  });

  it("floors a late cron delivery to its minute", () => {
    const t = Date.UTC(2026, 0, 1, 10, 7);
    expect(scheduledMinute(t + 59_999)).toBe(t);
  });
});
