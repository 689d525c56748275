/**
 * Recent throughput and latency per key ("frontend", "product-catalog:db"…) over a
 * sliding window of one-second buckets. The gauges derive from it: CPU follows the
 * request rate, in-flight work is rate × mean duration (Little's law), so when the
 * database slows down the connection pool visibly fills up.
 */
export interface Load {
  perSec: number;
  meanMs: number;
}

export class LoadWindow {
  readonly #seconds: number;
  readonly #buckets = new Map<string, { second: number; count: number; totalMs: number }[]>();

  constructor(seconds = 10) {
    this.#seconds = seconds;
  }

  add(key: string, durationMs: number, nowMs: number): void {
    const second = Math.floor(nowMs / 1000);
    let list = this.#buckets.get(key);
    if (!list) this.#buckets.set(key, (list = []));
    let last = list[list.length - 1];
    if (!last || last.second !== second) list.push((last = { second, count: 0, totalMs: 0 }));
    last.count++;
    last.totalMs += durationMs;
    while (list.length > 0 && list[0].second <= second - this.#seconds) list.shift();
  }

  /** Over the last full window; the current, partial second is left out. */
  get(key: string, nowMs: number): Load {
    const now = Math.floor(nowMs / 1000);
    let count = 0;
    let totalMs = 0;
    for (const b of this.#buckets.get(key) ?? []) {
      if (b.second < now && b.second >= now - this.#seconds) {
        count += b.count;
        totalMs += b.totalMs;
      }
    }
    return { perSec: count / this.#seconds, meanMs: count ? totalMs / count : 0 };
  }
}

/** Requests in flight (Little's law: arrival rate × time in the system). */
export function inFlight(load: Load): number {
  return (load.perSec * load.meanMs) / 1000;
}

/** A service's CPU share (0–1): an idle floor plus a cost per request, with a little jitter. */
export function cpuUtilisation(load: Load, jitter: number): number {
  return Math.min(0.97, Math.max(0.01, 0.05 + 0.02 * load.perSec + jitter * 0.03));
}
