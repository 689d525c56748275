/**
 * How long each operation takes and how often it fails, with and without an incident.
 * Latencies are log-normal (median, p99) with rare spikes (a GC pause, a noisy
 * neighbour); failure rates are small until an incident raises them.
 */
import type { IncidentKind } from "./incidents.ts";
import { type Rng, chance, logNormal } from "./random.ts";

export type Op =
  | "hop"
  | "frontend.render"
  | "handler"
  | "pg.select-one"
  | "pg.select-list"
  | "pg.search"
  | "pg.insert"
  | "redis"
  | "recommendation.rank"
  | "checkout.totals"
  | "payment.fraud"
  | "payment.acquirer"
  | "email.render"
  | "email.smtp";

/** Milliseconds: median and 99th percentile. */
export const PROFILES: Record<Op, { median: number; p99: number }> = {
  hop: { median: 0.6, p99: 3 },
  "frontend.render": { median: 9, p99: 45 },
  handler: { median: 1.2, p99: 6 },
  "pg.select-one": { median: 2.5, p99: 25 },
  "pg.select-list": { median: 7, p99: 60 },
  "pg.search": { median: 28, p99: 350 },
  "pg.insert": { median: 4, p99: 40 },
  redis: { median: 0.5, p99: 4 },
  "recommendation.rank": { median: 18, p99: 110 },
  "checkout.totals": { median: 2, p99: 9 },
  "payment.fraud": { median: 22, p99: 130 },
  "payment.acquirer": { median: 190, p99: 950 },
  "email.render": { median: 6, p99: 30 },
  "email.smtp": { median: 95, p99: 600 },
};

/** How much slower an operation gets during an incident. */
export function slowdown(op: Op, incident: IncidentKind | null): number {
  if (incident === "payment-degraded" && op === "payment.acquirer") return 9;
  if (incident === "db-slow" && op.startsWith("pg.")) return 7;
  if (incident === "recommendation-outage" && op === "recommendation.rank") return 4;
  return 1;
}

/** Probability that one call of `op` fails (an exception, a 5xx). */
export function failureRate(op: Op, incident: IncidentKind | null): number {
  if (incident === "payment-degraded" && op === "payment.acquirer") return 0.3;
  if (incident === "db-slow" && op.startsWith("pg.")) return 0.04;
  if (incident === "recommendation-outage" && op === "recommendation.rank") return 0.65;
  switch (op) {
    case "email.smtp":
      return 0.02; // transient 421s, retried
    case "payment.acquirer":
      return 0.004;
    case "recommendation.rank":
      return 0.004;
    case "frontend.render":
      return 0.002;
    case "pg.select-one":
    case "pg.select-list":
    case "pg.search":
    case "pg.insert":
    case "redis":
      return 0.002;
    default:
      return 0;
  }
}

/** A sampled latency in ms for one call. */
export function latency(rng: Rng, op: Op, incident: IncidentKind | null): number {
  const { median, p99 } = PROFILES[op];
  let ms = logNormal(rng, median, p99) * slowdown(op, incident);
  if (op !== "hop" && chance(rng, 0.003)) ms *= 4 + rng() * 8; // the odd latency spike
  return ms;
}

export function fails(rng: Rng, op: Op, incident: IncidentKind | null): boolean {
  return chance(rng, failureRate(op, incident));
}
