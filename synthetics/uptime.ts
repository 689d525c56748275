/**
 * Uptime maths over per-bucket counts that come from a query on the `checks` table
 * (`checks | summarize runs = count(), up = countif(ok) by bin(timestamp, 1d)`): the
 * bars of an uptime strip (null where nothing ran) and the overall percentage, which
 * weighs every run equally rather than averaging daily percentages.
 */
export interface UptimeBucket {
  /** Bucket start, epoch ms. */
  start: number;
  runs: number;
  up: number;
}

export interface UptimeBar {
  start: number;
  /** 0–100, or null when there were no runs. */
  percent: number | null;
  runs: number;
}

export function uptimeBars(buckets: readonly UptimeBucket[], endMs: number, days: number, bucketMs = 86_400_000): UptimeBar[] {
  const lastStart = Math.floor(endMs / bucketMs) * bucketMs;
  const byStart = new Map<number, UptimeBucket>();
  for (const b of buckets) {
    const key = Math.floor(b.start / bucketMs) * bucketMs;
    const prev = byStart.get(key);
    byStart.set(key, prev ? { start: key, runs: prev.runs + b.runs, up: prev.up + b.up } : { ...b, start: key });
  }
  const bars: UptimeBar[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const start = lastStart - i * bucketMs;
    const b = byStart.get(start);
    bars.push({ start, runs: b?.runs ?? 0, percent: b && b.runs > 0 ? (b.up / b.runs) * 100 : null });
  }
  return bars;
}

export function uptimePercent(buckets: readonly Pick<UptimeBucket, "runs" | "up">[]): number | null {
  let runs = 0;
  let up = 0;
  for (const b of buckets) {
    runs += b.runs;
    up += b.up;
  }
  return runs === 0 ? null : (up / runs) * 100;
}
