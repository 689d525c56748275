/**
 * Bucketing for the histogram and the heatmap. Pure, unit-tested.
 *
 * Heatmap input, either shape (docs/dashboards.md):
 * - pre-bucketed: rows of (time bucket, value bucket, count), e.g.
 *   `spans | summarize count() by bin(timestamp, 1m), bin(duration, 50000000)`;
 * - raw: rows of (timestamp, value), e.g. `spans | project timestamp, duration`, binned here
 *   into time columns across the panel's range and value rows (log-spaced when the values
 *   span two orders of magnitude or more, as latencies do).
 */
import type { QueryResult } from "../../api";
import { isNumeric, isTime } from "../../results";
import { ShapeError } from "./series";

export interface Bucket {
  from: number;
  to: number;
  count: number;
}

/** Equal-width buckets over [min, max]; the last one includes max. Non-finite values are skipped. */
export function histogram(values: readonly unknown[], buckets = 20, min?: number, max?: number): Bucket[] {
  const xs = values.map(Number).filter((v, i) => values[i] !== null && values[i] !== undefined && Number.isFinite(v));
  if (xs.length === 0) return [];
  const lo = min ?? Math.min(...xs);
  let hi = max ?? Math.max(...xs);
  if (hi <= lo) hi = lo + 1;
  const n = Math.max(1, Math.min(500, Math.floor(buckets)));
  const width = (hi - lo) / n;
  const out: Bucket[] = Array.from({ length: n }, (_, i) => ({ from: lo + i * width, to: i === n - 1 ? hi : lo + (i + 1) * width, count: 0 }));
  for (const v of xs) {
    if (v < lo || v > hi) continue;
    out[Math.min(n - 1, Math.floor((v - lo) / width))].count++;
  }
  return out;
}

export interface HeatmapGrid {
  /** Start of each time column, epoch ms, ascending. */
  times: number[];
  /** Width of a time column, ms. */
  step: number;
  /** Lower bound of each value row, ascending; `upper` closes the last one. */
  bounds: number[];
  upper: number;
  /** counts[time column][value row]. */
  counts: number[][];
  max: number;
  log: boolean;
}

/** Value-row bounds: log-spaced for wide positive ranges (latencies), else linear. */
export function valueBounds(min: number, max: number, rows: number): { bounds: number[]; upper: number; log: boolean } {
  if (max <= min) return { bounds: [min], upper: min + 1, log: false };
  const log = min > 0 && max / min >= 100;
  const bounds = Array.from({ length: rows }, (_, i) =>
    log ? Math.exp(Math.log(min) + ((Math.log(max) - Math.log(min)) * i) / rows) : min + ((max - min) * i) / rows,
  );
  return { bounds, upper: max, log };
}

/** Index of the row holding v: the last bound ≤ v (the top row includes `upper`). */
function rowOf(bounds: number[], v: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bounds[mid] <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** More buckets than this are drawn as they come (gaps closed) rather than filled in. */
const MAX_COLUMNS = 1000;
const MAX_ROWS = 200;

/**
 * Sorted bucket starts with the missing ones filled in at the smallest spacing, so a quiet
 * minute or an empty latency band shows as empty cells instead of disappearing.
 */
export function fillSteps(present: number[], max: number): number[] {
  if (present.length < 2) return present;
  const step = Math.min(...present.slice(1).map((v, i) => v - present[i]));
  const count = Math.round((present[present.length - 1] - present[0]) / step) + 1;
  if (!(step > 0) || count > max) return present;
  const filled = Array.from({ length: count }, (_, i) => present[0] + i * step);
  for (const v of present) {
    const i = Math.round((v - present[0]) / step);
    // Not on the grid (uneven buckets): draw them as they come.
    if (Math.abs(filled[i] - v) > step * 1e-6) return present;
    filled[i] = v; // the exact value, so lookups by value find it
  }
  return filled;
}

export function heatmapGrid(result: QueryResult, range: { fromMs: number; toMs: number }, opts: { columns?: number; rows?: number } = {}): HeatmapGrid {
  const { columns, rows } = result;
  const t = columns.findIndex(isTime);
  const numeric = columns.map((c, i) => (isNumeric(c) ? i : -1)).filter((i) => i >= 0);
  if (t < 0 || numeric.length === 0) {
    throw new ShapeError("A heatmap needs (time, value) rows or (time bucket, value bucket, count) rows, e.g. `spans | summarize count() by bin(timestamp, 1m), bin(duration, 50000000)`.");
  }
  const time = (row: unknown[]) => Date.parse(String(row[t]));
  if (numeric.length >= 2) {
    const [b, c] = numeric;
    const present = [...new Set(rows.map(time).filter((v) => !Number.isNaN(v)))].sort((x, y) => x - y);
    const presentBounds = [...new Set(rows.map((r) => Number(r[b])).filter(Number.isFinite))].sort((x, y) => x - y);
    const bounds = fillSteps(presentBounds, MAX_ROWS);
    const step = present.length > 1 ? Math.min(...present.slice(1).map((v, i) => v - present[i])) : Math.max(1, range.toMs - range.fromMs);
    // Every bucket from the first to the last, so a quiet minute is an empty column, not a missing one.
    const times = fillSteps(present, MAX_COLUMNS);
    const rowStep = bounds.length > 1 ? bounds[bounds.length - 1] - bounds[bounds.length - 2] : 1;
    const ti = new Map(times.map((v, i) => [v, i]));
    const bi = new Map(bounds.map((v, i) => [v, i]));
    const counts = times.map(() => new Array(bounds.length).fill(0));
    for (const r of rows) {
      const x = ti.get(time(r));
      const y = bi.get(Number(r[b]));
      if (x !== undefined && y !== undefined) counts[x][y] += Number(r[c] ?? 0);
    }
    return { times, step, bounds, upper: bounds[bounds.length - 1] + rowStep, counts, max: Math.max(0, ...counts.flat()), log: false };
  }
  const v = numeric[0];
  const points = rows.map((r) => [time(r), Number(r[v])] as const).filter(([x, y]) => !Number.isNaN(x) && Number.isFinite(y));
  const ncols = Math.max(1, opts.columns ?? 60);
  const span = Math.max(1, range.toMs - range.fromMs);
  const step = span / ncols;
  const values = points.map(([, y]) => y);
  const { bounds, upper, log } = valueBounds(values.length ? Math.min(...values) : 0, values.length ? Math.max(...values) : 1, Math.max(1, opts.rows ?? 20));
  const counts = Array.from({ length: ncols }, () => new Array(bounds.length).fill(0));
  for (const [x, y] of points) {
    if (x < range.fromMs || x > range.toMs) continue;
    counts[Math.min(ncols - 1, Math.floor((x - range.fromMs) / step))][rowOf(bounds, y)]++;
  }
  const times = Array.from({ length: ncols }, (_, i) => range.fromMs + i * step);
  return { times, step, bounds, upper, counts, max: Math.max(0, ...counts.flat()), log };
}
