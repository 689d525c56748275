/**
 * The traffic stream without I/O: each tick returns the traces that arrived during
 * it, sized by the span budget and shaped by the current incident. Driven by a
 * timer in main.ts, and by a simulated clock in the tests.
 */
import { type IncidentSchedule, activeIncident } from "./incidents.ts";
import { type SpanPlan, countSpans } from "./plan.ts";
import type { Rng } from "./random.ts";
import { visitShop } from "./shop/index.ts";
import { loadFactor, pickJourney, refill } from "./traffic.ts";

export interface Stream {
  /** Traces for the `dtMs` up to `elapsedMs` (ms since the demo started). */
  tick(elapsedMs: number, dtMs: number): SpanPlan[];
}

export function createStream(rng: Rng, ratePerSec: number, schedule: IncidentSchedule): Stream {
  let budget = 0;
  return {
    tick(elapsedMs, dtMs) {
      budget = refill(budget, ratePerSec, loadFactor(elapsedMs), dtMs);
      const incident = activeIncident(elapsedMs, schedule)?.kind ?? null;
      const traces: SpanPlan[] = [];
      while (budget > 0) {
        const root = visitShop(rng, pickJourney(rng), incident);
        budget -= countSpans(root);
        traces.push(root);
      }
      return traces;
    },
  };
}
