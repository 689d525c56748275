/**
 * Incident windows: every few minutes one part of the shop degrades for 30–60 s, so
 * the demo has something to find (a p95 jump, an error burst, a saturated pool).
 *
 * The schedule is a pure function of elapsed time and seed — no timers, no state —
 * so the generator, the status line and the tests all agree on what is happening.
 */
import { hashUnit } from "./random.ts";

export type IncidentKind = "payment-degraded" | "db-slow" | "recommendation-outage";

export interface Incident {
  kind: IncidentKind;
  /** Milliseconds since the demo started. */
  startMs: number;
  endMs: number;
}

export interface IncidentSchedule {
  seed: number;
  /** When the first window may open (ms since start); later ones follow every `everyMs`. */
  firstAtMs: number;
  /** 0 turns incidents off. At least 90 s, so a window (≤ 60 s after a ≤ 25 % jitter) never overlaps the next. */
  everyMs: number;
}

/** Payment first (the brief's headline incident), then the others in turn. */
const CYCLE: readonly IncidentKind[] = ["payment-degraded", "db-slow", "payment-degraded", "recommendation-outage"];

export const DESCRIPTIONS: Record<IncidentKind, string> = {
  "payment-degraded": "payment gateway degraded (slow, timeouts)",
  "db-slow": "product-catalog postgres slow (lock contention)",
  "recommendation-outage": "recommendation failing (503s)",
};

/** The k-th window (k = 0, 1, …). */
export function incidentWindow(k: number, s: IncidentSchedule): Incident {
  const jitter = Math.floor(hashUnit(s.seed, k, 1) * s.everyMs * 0.25);
  const startMs = s.firstAtMs + k * s.everyMs + jitter;
  const durationMs = 30_000 + Math.floor(hashUnit(s.seed, k, 2) * 30_000);
  return { kind: CYCLE[k % CYCLE.length], startMs, endMs: startMs + durationMs };
}

export function activeIncident(elapsedMs: number, s: IncidentSchedule): Incident | null {
  if (s.everyMs <= 0 || elapsedMs < s.firstAtMs) return null;
  const w = incidentWindow(Math.floor((elapsedMs - s.firstAtMs) / s.everyMs), s);
  return elapsedMs >= w.startMs && elapsedMs < w.endMs ? w : null;
}

/** The next window that has not started yet, or null when incidents are off. */
export function nextIncident(elapsedMs: number, s: IncidentSchedule): Incident | null {
  if (s.everyMs <= 0) return null;
  let k = Math.max(0, Math.floor((elapsedMs - s.firstAtMs) / s.everyMs));
  for (;; k++) {
    const w = incidentWindow(k, s);
    if (w.startMs > elapsedMs) return w;
  }
}
