/**
 * Timespans for dashboards: parsing `15m`-style text, the `auto` interval (about 100 buckets
 * over the range, snapped to a step people read easily, as Grafana's `$__interval` does), and
 * a panel's relative time override. Pure, unit-tested.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `15m`, `1h`, `7d`, `500ms` → ms; null when it is not a timespan. */
export function parseSpan(text: string): number | null {
  const m = /^\s*(\d+)\s*(ms|s|m|h|d|w)\s*$/.exec(text);
  if (!m || Number(m[1]) === 0) return null;
  return Number(m[1]) * UNIT_MS[m[2]];
}

/** ms → the shortest exact text (`90000` → `90s`, `3600000` → `1h`). */
export function formatSpan(ms: number): string {
  for (const unit of ["w", "d", "h", "m", "s"]) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${ms}ms`;
}

/** Steps the auto interval snaps to: round numbers on a clock. */
export const NICE_STEPS = ["1s", "2s", "5s", "10s", "15s", "30s", "1m", "2m", "5m", "10m", "15m", "30m", "1h", "2h", "3h", "6h", "12h", "1d", "2d", "7d", "30d"].map(
  (s) => parseSpan(s)!,
);

export const AUTO_BUCKETS = 100;

/** The interval that gives about `buckets` points over the range: the nice step nearest to range/buckets (by ratio). */
export function autoInterval(rangeMs: number, buckets = AUTO_BUCKETS): string {
  const raw = Math.max(1, rangeMs / buckets);
  let best = NICE_STEPS[0];
  for (const step of NICE_STEPS) if (Math.abs(Math.log(step / raw)) < Math.abs(Math.log(best / raw))) best = step;
  return formatSpan(best);
}

/** The range a panel's queries run over: the dashboard's, or the last `override` up to the dashboard's end. */
export function panelRange(range: { fromMs: number; toMs: number }, override: string | undefined): { fromMs: number; toMs: number } {
  const span = override ? parseSpan(override) : null;
  return span === null ? range : { fromMs: range.toMs - span, toMs: range.toMs };
}
