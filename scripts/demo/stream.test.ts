import { describe, expect, it } from "vitest";
import { incidentWindow } from "./incidents.ts";
import { countSpans, type SpanPlan } from "./plan.ts";
import { seededRng } from "./random.ts";
import { createStream } from "./stream.ts";
import { loadFactor, refill } from "./traffic.ts";

const schedule = { seed: 5, firstAtMs: 45_000, everyMs: 180_000 };

/** Runs the stream on a simulated clock, 50 ms ticks, and groups traces by second. */
function simulate(seconds: number, rate: number): SpanPlan[][] {
  const stream = createStream(seededRng(9), rate, schedule);
  const perSecond: SpanPlan[][] = Array.from({ length: seconds }, () => []);
  for (let t = 50; t <= seconds * 1000; t += 50) perSecond[Math.floor((t - 1) / 1000)].push(...stream.tick(t, 50));
  return perSecond;
}

const checkoutFailures = (traces: SpanPlan[]) => {
  const checkouts = traces.filter((r) => r.name === "POST /cart/checkout");
  return checkouts.filter((r) => (r.attributes["http.response.status_code"] as number) >= 500).length / checkouts.length;
};

describe("traffic", () => {
  it("keeps the load factor between 0.6 and 1.4", () => {
    for (let t = 0; t < 3_600_000; t += 7_000) {
      expect(loadFactor(t)).toBeGreaterThanOrEqual(0.6);
      expect(loadFactor(t)).toBeLessThanOrEqual(1.4);
    }
  });

  it("caps the span budget at one second's worth", () => {
    expect(refill(0, 200, 1, 50)).toBe(10);
    expect(refill(0, 200, 1, 60_000)).toBe(200);
  });

  it("sends about the configured spans per second, and an incident raises checkout failures", () => {
    const rate = 200;
    const perSecond = simulate(300, rate);
    const spans = perSecond.map((traces) => traces.reduce((n, r) => n + countSpans(r), 0));
    const mean = spans.reduce((a, b) => a + b, 0) / spans.length;
    expect(mean).toBeGreaterThan(rate * 0.9);
    expect(mean).toBeLessThan(rate * 1.25);
    expect(Math.max(...spans.slice(1))).toBeLessThan(rate * 1.4 + 60); // one big trace over budget at most

    const w = incidentWindow(0, schedule);
    expect(w.kind).toBe("payment-degraded");
    const inside = perSecond.slice(Math.ceil(w.startMs / 1000), Math.floor(w.endMs / 1000)).flat();
    const outside = perSecond.slice(0, Math.floor(w.startMs / 1000)).flat();
    expect(checkoutFailures(inside)).toBeGreaterThan(0.2);
    expect(checkoutFailures(outside)).toBeLessThan(0.1);
  });
});
