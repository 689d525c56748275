/**
 * How much traffic arrives and what visitors do. The rate follows a slow "day" wave
 * with a faster ripple on top, so charts move without ever exceeding about 1.4× the
 * configured average; the pacer turns a spans-per-second target into whole traces.
 */
import { type Rng, weighted } from "./random.ts";

export type Journey = "home" | "product" | "search" | "add-to-cart" | "view-cart" | "checkout";

/** Visitors mostly browse; a few buy. */
export const JOURNEY_MIX: readonly (readonly [Journey, number])[] = [
  ["home", 24],
  ["product", 30],
  ["search", 12],
  ["add-to-cart", 15],
  ["view-cart", 10],
  ["checkout", 9],
];

export function pickJourney(rng: Rng): Journey {
  return weighted(rng, JOURNEY_MIX);
}

/** A compressed "day" of `dayMs` (default 20 min): between 0.6 and 1.4, 1 on average. */
export function loadFactor(elapsedMs: number, dayMs = 20 * 60_000): number {
  const day = Math.sin((2 * Math.PI * elapsedMs) / dayMs);
  const ripple = Math.sin((2 * Math.PI * elapsedMs) / (dayMs / 9.7));
  return 1 + 0.3 * day + 0.1 * ripple;
}

/**
 * Adds `dtMs` worth of span allowance at `ratePerSec × load` to `budget`, capped at one
 * second's worth so a stalled event loop does not answer with a burst. The caller emits
 * traces while the budget is positive and subtracts each trace's span count.
 */
export function refill(budget: number, ratePerSec: number, load: number, dtMs: number): number {
  const perSec = ratePerSec * load;
  return Math.min(budget + (perSec * dtMs) / 1000, perSec);
}
