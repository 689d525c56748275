import { describe, expect, it } from "vitest";
import { activeIncident, incidentWindow, nextIncident } from "./incidents.ts";

const schedule = { seed: 42, firstAtMs: 45_000, everyMs: 180_000 };

describe("incident schedule", () => {
  it("opens one 30–60 s window per period, payment first, never overlapping", () => {
    const windows = Array.from({ length: 50 }, (_, k) => incidentWindow(k, schedule));
    expect(windows[0].kind).toBe("payment-degraded");
    expect(new Set(windows.map((w) => w.kind))).toEqual(new Set(["payment-degraded", "db-slow", "recommendation-outage"]));
    windows.forEach((w, k) => {
      expect(w.endMs - w.startMs).toBeGreaterThanOrEqual(30_000);
      expect(w.endMs - w.startMs).toBeLessThan(60_000);
      expect(w.startMs).toBeGreaterThanOrEqual(schedule.firstAtMs + k * schedule.everyMs);
      if (k > 0) expect(w.startMs).toBeGreaterThan(windows[k - 1].endMs);
    });
  });

  it("answers what is active and what comes next from elapsed time alone", () => {
    const w = incidentWindow(2, schedule);
    expect(activeIncident(w.startMs, schedule)).toEqual(w);
    expect(activeIncident(w.endMs - 1, schedule)).toEqual(w);
    expect(activeIncident(w.endMs, schedule)).toBeNull();
    expect(activeIncident(w.startMs - 1, schedule)).toBeNull();
    expect(nextIncident(w.startMs - 1, schedule)).toEqual(w);
    expect(nextIncident(w.startMs, schedule)).toEqual(incidentWindow(3, schedule));
    expect(activeIncident(0, schedule)).toBeNull();
  });

  it("can be turned off", () => {
    const off = { ...schedule, everyMs: 0 };
    expect(activeIncident(schedule.firstAtMs + 1000, off)).toBeNull();
    expect(nextIncident(0, off)).toBeNull();
  });
});
