/**
 * Seeded randomness for the demo's traffic model. Every generator takes an `Rng`
 * instead of calling `Math.random`, so a seed replays the same shop (and the tests
 * can assert exact outcomes).
 */

export { seededRng, type Rng } from "../../core/random.ts";
import type { Rng } from "../../core/random.ts";

/** A stateless hash of a few integers to [0, 1): for schedules that must not depend on call order. */
export function hashUnit(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return (h >>> 0) / 4294967296;
}

/** A standard normal sample (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * A log-normal sample given its median and 99th percentile: service latencies have a
 * long right tail, which is what makes p95/p99 charts interesting.
 */
export function logNormal(rng: Rng, median: number, p99: number): number {
  const sigma = Math.log(p99 / median) / 2.3263; // z(0.99)
  return median * Math.exp(sigma * normal(rng));
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let r = rng() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  return items[items.length - 1][0];
}

const ALPHANUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/** An id like `8KQ2ZP0D` for orders, transactions and carts. */
export function token(rng: Rng, length: number): string {
  let s = "";
  for (let i = 0; i < length; i++) s += ALPHANUM[Math.floor(rng() * ALPHANUM.length)];
  return s;
}
